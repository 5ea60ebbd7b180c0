import type { PolicyRule } from "../../types";
import { publicSubnetReason } from "../../graph/network";
import { databaseClientPods, podName } from "./pods";

/** The pod is pinned, by nodeSelector, to a node group that exists. */
export const podPinnedToNodeGroup: PolicyRule = {
  id: "CHAIN-10",
  chainLinks: ["node-placement"],
  name: "PodPinnedToAnExistingNodeGroup",
  family: "chain",
  level: "error",
  title:
    "Every pod that reaches the database has a nodeSelector (e.g. type=private) matching the labels of a node group of this environment",
  why: "Security groups for pods only work on nodes with a trunk ENI, and pods with their own group get no SNAT, so they need private subnets behind NAT. Without a nodeSelector the scheduler may place the pod on any node; with one that matches no node group the pod stays Pending forever.",
  fix: "Set the pod template's nodeSelector to the labels of a node group in private subnets whose nodes have trunk ENIs",
  check({ model, graph, report }) {
    // The fix names this environment's own candidates: groups in private subnets, with branch ENIs.
    const candidates = graph.nodeGroups
      .filter(
        (group) =>
          !group.noBranchEnis &&
          group.subnets.length > 0 &&
          group.subnets.every((subnet) => publicSubnetReason(subnet) === undefined) &&
          Object.keys(group.labels).length > 0,
      )
      .map((group) => `${JSON.stringify(group.labels)} (${group.label})`);
    const fix =
      candidates.length > 0
        ? `Set the pod template's nodeSelector to the labels of a private node group with trunk ENIs: ${candidates.join(", or ")}`
        : "Label a node group in private subnets whose instance type has trunk ENIs (ManagedNodeGroup labels), and set the pod template's nodeSelector to those labels";
    for (const pod of databaseClientPods(model)) {
      const path = pod.manifest.resource.path;
      const selector = pod.nodeSelector;
      if (Object.keys(selector).length === 0) {
        report({
          path,
          subject: path,
          fix,
          message: `${podName(pod)} has no nodeSelector: it may run on any node, including nodes without trunk ENIs or in public subnets`,
        });
      } else if (pod.nodeGroups.length === 0) {
        report({
          path,
          subject: path,
          fix,
          message: `${podName(pod)} selects nodes ${JSON.stringify(selector)}, but no aws_eks_node_group of this environment has those labels: its pods stay Pending`,
        });
      }
    }
  },
};
