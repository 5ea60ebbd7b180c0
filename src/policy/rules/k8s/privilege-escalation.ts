import type { PolicyRule } from "../../types";
import { containerFindingId, containerName } from "./containers";
import { checkov } from "../../counterparts";

export const noPrivilegeEscalation: PolicyRule = {
  id: "K8S-05",
  name: "NoPrivilegeEscalation",
  family: "k8s",
  level: "error",
  title: "Every container sets allowPrivilegeEscalation: false and is not privileged",
  why: "allowPrivilegeEscalation defaults to true: a setuid binary in the image can regain privileges the container dropped. A privileged container is the node.",
  fix: "Set securityContext.allowPrivilegeEscalation: false (RESTRICTED_CONTAINER_SECURITY does) and never privileged: true",
  counterparts: [
    checkov("CKV_K8S_20", "stricter", "also fails a privileged container"),
    checkov("CKV_K8S_16", "stricter", "also wants allowPrivilegeEscalation: false"),
  ],
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      for (const container of pod.containers) {
        const security = container.spec.securityContext ?? {};
        if (security.privileged === true)
          report({
            path: pod.manifest.resource.path,
            findingId: containerFindingId(container),
            message: `${containerName(pod, container)} is privileged`,
          });
        else if (security.allowPrivilegeEscalation !== false) {
          report({
            path: pod.manifest.resource.path,
            findingId: containerFindingId(container),
            message: `${containerName(pod, container)} does not set allowPrivilegeEscalation: false`,
          });
        }
      }
    }
  },
};
