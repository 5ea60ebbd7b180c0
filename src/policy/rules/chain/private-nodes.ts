import type { NodeGroupNode } from "../../graph/graph";
import { publicSubnetReason } from "../../graph/network";
import type { PolicyRule } from "../../types";
import { databaseClientPods, podName } from "./pods";

/** The node groups the pod can land on run in private subnets (behind NAT, no public IPs). */
export const podsOnPrivateNodes: PolicyRule = {
  id: "CHAIN-11",
  chainLinks: ["node-placement"],
  name: "PodsRunOnPrivateNodes",
  family: "chain",
  level: "error",
  title:
    "The node groups a database client can be scheduled on run only in private subnets (no public IPs, no route to an internet gateway)",
  why: "A pod with its own security group gets no source NAT from the VPC CNI: in a public subnet it has no route out, and its node is directly addressable from the internet. The design keeps these pods on the private node group, behind NAT.",
  fix: "Pin the pod to the private node group, whose subnet_ids are the private EKS subnets",
  check({ model, report }) {
    const reported = new Set<NodeGroupNode>();
    for (const pod of databaseClientPods(model)) {
      for (const group of pod.nodeGroups) {
        const problems = [
          ...group.subnets.flatMap((subnet) => publicSubnetReason(subnet) ?? []),
          ...group.unresolvedSubnets.map((value) => `subnet ${String(value)} is not a subnet of this environment`),
        ];
        if (group.subnets.length + group.unresolvedSubnets.length === 0) problems.push("it lists no subnet_ids");
        if (problems.length === 0 || reported.has(group)) continue;
        reported.add(group);
        report({
          path: group.block.path,
          subject: pod.manifest.resource.path,
          message: `${group.label}, where ${podName(pod)} can run, is not private: ${[...new Set(problems)].join("; ")}`,
        });
      }
    }
  },
};
