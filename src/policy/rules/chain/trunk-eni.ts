import { EKS_DEFAULT_INSTANCE_TYPE, supportsTrunkEni, trunkEniProblem } from "../../../aws-facts/instance-types";
import type { NodeGroupNode } from "../../graph/graph";
import type { PolicyRule } from "../../types";
import { databaseClientPods, podName } from "./pods";

/** Every instance type of the node groups a database client can land on supports trunk ENIs. */
export const trunkEniNodes: PolicyRule = {
  id: "CHAIN-12",
  chainLinks: ["node-placement"],
  name: "NodesSupportTrunkEnis",
  family: "chain",
  level: "error",
  title: "Every instance type of the node groups a database client can be scheduled on supports trunk ENIs (Nitro, not the t family)",
  why: "Pod security groups live on branch ENIs of the node's trunk ENI. On an instance type without trunking the SecurityGroupPolicy is accepted and silently does nothing: the pod runs with the node's groups and the network lock is open (or the pod cannot reach the database at all).",
  fix: "Use trunk-capable types (m5, m6i, c6i, r6g...) for the private node group; supportsTrunkEni(instanceType) says which",
  check({ model, report }) {
    const reported = new Set<NodeGroupNode>();
    for (const pod of databaseClientPods(model)) {
      for (const group of pod.nodeGroups) {
        if (reported.has(group)) continue;
        const bad = group.instanceTypes.filter((type) => !supportsTrunkEni(type));
        if (bad.length === 0) continue;
        reported.add(group);
        const defaulted =
          (group.block.config.instance_types ?? []).length === 0
            ? ` (no instance_types: EKS defaults to ${EKS_DEFAULT_INSTANCE_TYPE})`
            : "";
        report({
          path: group.block.path,
          subject: pod.manifest.resource.path,
          message: `${group.label}, where ${podName(pod)} can run, uses ${bad.map((t) => `${t}, which ${trunkEniProblem(t)}`).join("; ")}${defaulted}`,
        });
      }
    }
  },
};
