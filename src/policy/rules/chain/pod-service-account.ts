import type { PolicyRule } from "../../types";
import { databaseClientPods, podName } from "./pods";

/** The pod names a ServiceAccount of its own, and that ServiceAccount exists in the pod's namespace. */
export const podServiceAccount: PolicyRule = {
  id: "CHAIN-01",
  chainLinks: ["pod-service-account"],
  name: "PodRunsAsItsServiceAccount",
  family: "chain",
  level: "error",
  title: "Every pod that reaches the database runs as a ServiceAccount defined in its own namespace",
  why: "IRSA hands a pod the IAM role of its ServiceAccount. A pod left on the namespace's `default` account, or naming an account that does not exist (or lives in another namespace), gets no role: the identity lock never opens, or opens for every pod sharing `default`.",
  fix: "Set `serviceAccountName` on the pod template to the ServiceAccount created for it, in the same namespace",
  check({ model, report }) {
    for (const pod of databaseClientPods(model)) {
      const path = pod.manifest.resource.path;
      if (pod.controller.pod.serviceAccountName === undefined && pod.controller.pod.serviceAccount === undefined) {
        report({
          path,
          subject: path,
          message: `${podName(pod)} sets no serviceAccountName, so it runs as the namespace's "default" ServiceAccount, which carries no IAM role of its own`,
        });
      } else if (!pod.serviceAccount) {
        report({
          path,
          subject: path,
          message: `${podName(pod)} runs as ServiceAccount "${pod.controller.serviceAccountName}", but no ServiceAccount of that name is defined in namespace "${pod.manifest.namespace}"`,
        });
      }
    }
  },
};
