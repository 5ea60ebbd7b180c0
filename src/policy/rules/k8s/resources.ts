import type { PolicyRule } from "../../types";
import { containerFindingId, containerName } from "./containers";
import { checkov } from "../../counterparts";

const REQUIRED = [
  ["requests", "cpu"],
  ["requests", "memory"],
  ["limits", "cpu"],
  ["limits", "memory"],
] as const;

export const resourceRequestsAndLimits: PolicyRule = {
  id: "K8S-02",
  name: "ContainersHaveRequestsAndLimits",
  family: "k8s",
  level: "error",
  title: "Every container (init containers included) sets CPU and memory requests and limits",
  why: "Without requests the scheduler overcommits nodes; without limits one runaway container starves the others on a node (including the VPC CNI's pods that hand out branch ENIs).",
  fix: "Set resources.requests and resources.limits for cpu and memory on every container",
  counterparts: [
    checkov("CKV_K8S_10", "stricter", "all four CPU and memory requests and limits; CKV_K8S_10 the CPU request only"),
    checkov("CKV_K8S_11", "stricter", "all four; CKV_K8S_11 the CPU limit only"),
    checkov("CKV_K8S_12", "stricter", "all four; CKV_K8S_12 the memory request only"),
    checkov("CKV_K8S_13", "stricter", "all four; CKV_K8S_13 the memory limit only"),
  ],
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      for (const container of pod.containers) {
        const missing = REQUIRED.filter(([kind, resource]) => container.spec.resources?.[kind]?.[resource] === undefined).map(
          ([kind, resource]) => `${kind}.${resource}`,
        );
        if (missing.length > 0)
          report({
            path: pod.manifest.resource.path,
            findingId: containerFindingId(container),
            message: `${containerName(pod, container)} sets no ${missing.join(", ")}`,
          });
      }
    }
  },
};
