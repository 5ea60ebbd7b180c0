import type { PolicyRule } from "../../types";
import { containerFindingId, containerName } from "./containers";
import { checkov } from "../../counterparts";

export const readOnlyRootFilesystem: PolicyRule = {
  id: "K8S-06",
  name: "ReadOnlyRootFilesystem",
  family: "k8s",
  level: "warning",
  title: "Containers use a read-only root filesystem where possible (writable paths as emptyDir volumes)",
  why: "A writable root filesystem lets an intruder drop tools or modify the application in place; with it read-only, only the declared scratch volumes can change.",
  fix: "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the program writes (scratchVolumes())",
  counterparts: [checkov("CKV_K8S_22", "same", "readOnlyRootFilesystem: true; here a warning")],
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      for (const container of pod.containers) {
        if (container.spec.securityContext?.readOnlyRootFilesystem === true) continue;
        report({
          path: pod.manifest.resource.path,
          findingId: containerFindingId(container),
          message: `${containerName(pod, container)} has a writable root filesystem`,
        });
      }
    }
  },
};
