import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { managedPolicyArn, serviceTrustPolicy } from "./managed-policies";

/** Worker nodes join the cluster, run the VPC CNI's ipamd, and pull images from ECR. Nothing else. */
export const NODE_ROLE_POLICIES = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonEC2ContainerRegistryReadOnly",
];

export interface NodeRoleProps {
  readonly name: string;
  readonly partition: string;
}

/** The IAM role of the managed node groups' EC2 instances. */
export class NodeRole extends Construct {
  readonly role: IamRole;
  /** Node groups depend on these, or EKS may try to join nodes before the role can do so. */
  readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
    });
    this.attachments = NODE_ROLE_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.role.name,
          policyArn: managedPolicyArn(props.partition, policy),
        }),
    );
  }
}
