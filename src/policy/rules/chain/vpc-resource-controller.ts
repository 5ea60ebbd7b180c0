import type { PolicyRule } from "../../types";
import { clusters } from "./pods";

const POLICY = "AmazonEKSVPCResourceController";

/** The cluster role carries the policy the VPC resource controller needs to create branch ENIs. */
export const vpcResourceController: PolicyRule = {
  id: "CHAIN-15",
  chainLinks: ["node-placement"],
  name: "ClusterRoleCarriesVpcResourceController",
  family: "chain",
  level: "error",
  title: `The EKS cluster role has the ${POLICY} managed policy attached`,
  why: "The VPC resource controller runs in the control plane under the cluster role; it creates the trunk and branch ENIs that security groups for pods are made of. Without this policy a SecurityGroupPolicy is accepted and never enforced.",
  fix: `Attach arn:<partition>:iam::aws:policy/${POLICY} to the cluster role (EksCluster attaches CLUSTER_ROLE_POLICIES)`,
  check({ model, report }) {
    for (const cluster of clusters(model)) {
      const role = model.reference(cluster, cluster.config.role_arn);
      if (role?.block.type !== "aws_iam_role") {
        report({
          path: cluster.path,
          message: `${model.label(cluster)}'s role_arn is not a role of this environment, so its policies cannot be checked`,
        });
        continue;
      }
      const arns = model.attachedPolicyArns(role.block);
      if (arns.some((arn) => new RegExp(`^arn:[\\w-]+:iam::aws:policy/${POLICY}$`).test(arn))) continue;
      report({
        path: role.block.path,
        message: `${model.label(role.block)}, the role of ${model.label(cluster)}, lacks ${POLICY}: pod security groups are never attached`,
      });
    }
  },
};
