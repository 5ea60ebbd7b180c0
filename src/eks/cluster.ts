import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { managedPolicyArn, serviceTrustPolicy } from "./managed-policies";

/** Every control-plane log type EKS offers. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * Managed policies of the cluster role. AmazonEKSVPCResourceController lets the VPC resource controller in
 * the control plane create the trunk and branch ENIs that security groups for pods are made of; without it a
 * SecurityGroupPolicy is accepted and never enforced.
 */
export const CLUSTER_ROLE_POLICIES = ["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"];

export interface EksClusterProps {
  readonly name: string;
  readonly kubernetesVersion: string;
  readonly partition: string;
  /** Subnets for the control-plane ENIs: the private EKS subnets. */
  readonly subnetIds: string[];
  /** Who may reach the public endpoint; empty disables the public endpoint. */
  readonly publicEndpointCidrs: readonly string[];
  readonly logRetentionDays: number;
}

/**
 * The EKS control plane: private endpoint always on, public endpoint only for an explicit allow-list,
 * Kubernetes Secrets envelope-encrypted with a rotating KMS key, and every control-plane log type kept.
 */
export class EksCluster extends Construct {
  readonly cluster: EksClusterResource;
  readonly role: IamRole;
  readonly secretsKey: KmsKey;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);

    this.role = new IamRole(this, "role", {
      name: `${props.name}-cluster`,
      assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
    });
    const attachments = CLUSTER_ROLE_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.role.name,
          policyArn: managedPolicyArn(props.partition, policy),
        }),
    );

    this.secretsKey = new KmsKey(this, "secrets-key", {
      description: `Envelope encryption of Kubernetes Secrets in EKS cluster ${props.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    new KmsAlias(this, "secrets-key-alias", {
      name: `alias/${props.name}-eks-secrets`,
      targetKeyId: this.secretsKey.keyId,
    });

    // Created before the cluster so that EKS writes into a group with a retention, not an unbounded one.
    const logGroup = new CloudwatchLogGroup(this, "control-plane-logs", {
      name: `/aws/eks/${props.name}/cluster`,
      retentionInDays: props.logRetentionDays,
    });

    const publicEndpoint = props.publicEndpointCidrs.length > 0;
    this.cluster = new EksClusterResource(this, "cluster", {
      name: props.name,
      version: props.kubernetesVersion,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: props.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicEndpoint,
        publicAccessCidrs: publicEndpoint ? [...props.publicEndpointCidrs] : undefined,
      },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: this.secretsKey.arn } },
      enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
      // Access entries instead of the aws-auth ConfigMap; whoever runs `cdktf deploy` becomes admin so the
      // workload stack's kubernetes provider can apply manifests.
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      // Refuse silent enrolment in paid extended support when a version ages out.
      upgradePolicy: { supportType: "STANDARD" },
      dependsOn: [...attachments, logGroup],
    });
  }

  get clusterSecurityGroupId(): string {
    return this.cluster.vpcConfig.clusterSecurityGroupId;
  }

  get oidcIssuerUrl(): string {
    return this.cluster.identity.get(0).oidc.get(0).issuer;
  }
}
