import type { PolicyRule } from "../../types";
import { chainLinks, podName } from "./pods";

/** The pod is pinned, by nodeSelector, to a node group that exists. */
export const podPinnedToNodeGroup: PolicyRule = {
  id: "CHAIN-10",
  name: "PodPinnedToAnExistingNodeGroup",
  family: "chain",
  level: "error",
  title: "Every pod that reaches the database has a nodeSelector (e.g. type=private) matching the labels of a node group of this environment",
  why:
    "Security groups for pods only work on nodes with a trunk ENI, and pods with their own group get no SNAT, so they need private subnets behind NAT. Without a nodeSelector the scheduler may place the pod on any node; with one that matches no node group the pod stays Pending forever.",
  fix: "Set the pod template's nodeSelector to the private node group's label ({ type: \"private\" })",
  check({ model, report }) {
    for (const pod of chainLinks(model)) {
      const path = pod.manifest.resource.path;
      const selector = pod.nodeSelector;
      if (Object.keys(selector).length === 0) {
        report({ path, subject: path, message: `${podName(pod)} has no nodeSelector: it may run on any node, including nodes without trunk ENIs or in public subnets` });
      } else if (pod.nodeGroups.length === 0) {
        report({
          path,
          subject: path,
          message: `${podName(pod)} selects nodes ${JSON.stringify(selector)}, but no aws_eks_node_group of this environment has those labels: its pods stay Pending`,
        });
      }
    }
  },
};
