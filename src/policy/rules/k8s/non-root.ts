import type { PolicyRule } from "../../types";
import { containerFindingId, containerName, effectiveSecurity } from "./containers";
import { checkov } from "../../counterparts";

export const nonRoot: PolicyRule = {
  id: "K8S-04",
  name: "ContainersRunAsNonRoot",
  family: "k8s",
  level: "error",
  title: "Every container runs as non-root (runAsNonRoot: true, and no runAsUser: 0), at container or pod level",
  why: "Root in a container is one kernel or runtime bug away from root on the node, where the node role and every pod's secrets live. The namespace's restricted Pod Security profile refuses such pods anyway: better to fail at synth than at apply.",
  fix: "Set securityContext.runAsNonRoot: true and a non-zero runAsUser (restrictedPodSecurity(uid) does)",
  counterparts: [checkov("CKV_K8S_23", "stricter", "wants runAsNonRoot: true; CKV_K8S_23 also passes a non-zero runAsUser without it")],
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      for (const container of pod.containers) {
        const nonRoot = effectiveSecurity(pod, container, "runAsNonRoot");
        const user = effectiveSecurity(pod, container, "runAsUser");
        if (user === 0)
          report({
            path: pod.manifest.resource.path,
            findingId: containerFindingId(container),
            message: `${containerName(pod, container)} runs as UID 0`,
          });
        else if (nonRoot !== true)
          report({
            path: pod.manifest.resource.path,
            findingId: containerFindingId(container),
            message: `${containerName(pod, container)} does not set runAsNonRoot: true`,
          });
      }
    }
  },
};
