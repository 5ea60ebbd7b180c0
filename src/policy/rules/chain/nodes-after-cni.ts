import type { PolicyRule } from "../../types";
import { clusters, ofCluster } from "./pods";
import { vpcCniAddons } from "./vpc-cni";

/** Every node group is created after the VPC CNI add-on. */
export const nodesAfterVpcCni: PolicyRule = {
  id: "CHAIN-14",
  chainLinks: ["node-placement"],
  name: "NodeGroupsJoinAfterVpcCni",
  family: "chain",
  level: "error",
  title: "Every node group of the cluster depends_on the vpc-cni add-on",
  why: "A node only gets a trunk ENI if ENABLE_POD_ENI is already set when it joins (amazon-vpc-cni-k8s#2792). Node groups created in parallel with the add-on come up without trunks and stay that way until they are replaced.",
  fix: "Create node groups with EksCluster.addNodeGroup(), which orders them after the cluster's VPC CNI add-on",
  check({ model, report }) {
    for (const cluster of clusters(model)) {
      const addons = vpcCniAddons(model, cluster);
      if (addons.length === 0) continue; // CHAIN-13 reports it
      for (const group of ofCluster(model, cluster, model.resources("aws_eks_node_group"))) {
        const dependsOn = new Set(model.dependsOn(group));
        if (addons.some((addon) => addon.stack === group.stack && dependsOn.has(addon.address))) continue;
        report({
          path: group.path,
          message: `${model.label(group)} does not depend_on the vpc-cni add-on: its nodes may join before ENABLE_POD_ENI is set and never get a trunk ENI`,
        });
      }
    }
  },
};
