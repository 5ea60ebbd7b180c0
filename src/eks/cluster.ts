import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { EKS_CLUSTER_ROLE_KEY_ACTIONS, EKS_CREATE_CLUSTER_KEY_ACTIONS } from "../aws-facts/kms";
import { eksControlPlaneLogGroupName } from "../aws-facts/log-groups";
import { ServiceAccountRole, type ServiceAccountRoleOptions } from "../iam/service-account-role";
import { encryptionKey } from "../kms/encryption-key";
import { keyAccountOf } from "../kms/key-account";
import { accountRoot, usableByRole } from "../kms/key-policy";
import { LOG_DEFAULTS } from "../logs/defaults";
import { LogArchive } from "../logs/log-archive";
import { partitionOf } from "../stack-context";
import { dependsOnWithin } from "../terraform/depends-on";
import { CLUSTER_DEFAULTS } from "./defaults";
import { CLUSTER_SCOPED_NAMES, ROLE_NAMES } from "./names";
import { ManagedNodeGroup, type NodeGroupOptions } from "./managed-node-group";
import { managedPolicyArn, serviceTrustPolicy } from "../iam/managed-policies";
import { NodeRole } from "./node-role";
import { OidcProvider } from "./oidc-provider";
import { VpcCniAddon } from "./vpc-cni-addon";
import { SERVICE_PRINCIPALS } from "../aws-facts/service-principals";
import { z } from "zod";
import { kubernetesLifecycleProblems } from "../checks/cross-field";
import { cidr, dnsLabel, kubernetesVersion, oidcThumbprints, supportType, vpcCniVersion } from "../checks/fields";
import { known, propNames, validateProps } from "../checks/validate-props";
import { frozen } from "../frozen";

/** Every control-plane log type EKS offers. */
export const CONTROL_PLANE_LOG_TYPES = frozen(["api", "audit", "authenticator", "controllerManager", "scheduler"]);

/**
 * Managed policies of the cluster role. AmazonEKSVPCResourceController lets the VPC resource controller in
 * the control plane create the trunk and branch ENIs that security groups for pods are made of; without it a
 * SecurityGroupPolicy is accepted and never enforced.
 */
export const CLUSTER_ROLE_POLICIES = frozen(["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"]);

export interface EksClusterProps {
  /** Cluster name: unique per region and account; also prefixes the names of the IAM roles the cluster creates. */
  readonly name: string;
  /** Subnets for the control-plane ENIs: private ones. */
  readonly subnetIds: readonly string[];
  /** @default CLUSTER_DEFAULTS.kubernetesVersion */
  readonly kubernetesVersion?: string;
  /**
   * The upgrade policy when kubernetesVersion ages out: "STANDARD", EKS upgrades the control plane itself at the
   * end of standard support; "EXTENDED", paid extended support, then the same at its end (EKS user guide,
   * "Manage EKS extended support"). Either way, raise kubernetesVersion before that day: the config would
   * otherwise plan a downgrade, which fails.
   * @default CLUSTER_DEFAULTS.supportType ("STANDARD")
   */
  readonly supportType?: "STANDARD" | "EXTENDED";
  /**
   * Who may reach the public API endpoint.
   * @default [] : no public endpoint (private endpoint only)
   */
  readonly publicEndpointCidrs?: readonly string[];
  /**
   * Where the control-plane logs go: their group, its key and retention.
   * @default an archive of the cluster's own, keeping LOG_DEFAULTS.retentionDays
   */
  readonly logArchive?: LogArchive;
  /**
   * SHA-1 thumbprints of the OIDC issuer's root CA.
   * @default [] : read at plan time with the tls provider's `tls_certificate`
   */
  readonly oidcThumbprints?: readonly string[];
  /**
   * A pinned version of the VPC CNI add-on (v1.7.7 or later, and listed by AWS for kubernetesVersion).
   * @default the most recent version EKS offers for the cluster's Kubernetes version, resolved at plan time
   */
  readonly vpcCniVersion?: string;
  /**
   * ARN partition of the managed policies and keys.
   * @default read at plan time (data "aws_partition")
   */
  readonly partition?: string;
  /**
   * Region of the key policy's names.
   * @default read at plan time (data "aws_region")
   */
  readonly region?: string;
}

/**
 * The EKS control plane, ready for security groups for pods and IAM roles for service accounts:
 * - private endpoint always on, public endpoint only for an explicit allow-list;
 * - Kubernetes Secrets envelope-encrypted with a rotating KMS key whose policy names the cluster role; every
 *   control-plane log type kept in an encrypted log group;
 * - a cluster role with AmazonEKSVPCResourceController (branch ENIs for pods);
 * - the VPC CNI add-on with pod ENIs enabled, and every node group of addNodeGroup() created after it;
 * - the IAM OIDC provider that addServiceAccountRole() roles trust.
 */
export class EksCluster extends Construct {
  /** The aws_eks_cluster resource, for escape hatches. */
  readonly resource: EksClusterResource;
  readonly role: IamRole;
  readonly secretsKey: KmsKey;
  readonly openIdConnectProvider: OidcProvider;
  readonly vpcCni: VpcCniAddon;
  /** The cluster name as written in the props (known at synth); `name` is the resource's attribute. */
  readonly clusterName: string;
  private readonly partition: string;
  private sharedNodeRole?: NodeRole;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    this.clusterName = props.name;
    this.partition = partitionOf(this, props.partition);
    validateProps(this, () => {
      const version = props.kubernetesVersion ?? CLUSTER_DEFAULTS.kubernetesVersion;
      const support = props.supportType ?? CLUSTER_DEFAULTS.supportType;
      return {
        props: [
          { prop: "name", value: props.name, check: dnsLabel("eks-cluster-dev") },
          { prop: "kubernetesVersion", value: props.kubernetesVersion, check: kubernetesVersion },
          { prop: "supportType", value: props.supportType, check: supportType },
          { prop: "publicEndpointCidrs", value: props.publicEndpointCidrs, check: z.array(cidr("203.0.113.0/24")) },
          { prop: "oidcThumbprints", value: props.oidcThumbprints, check: oidcThumbprints },
          { prop: "vpcCniVersion", value: props.vpcCniVersion, check: vpcCniVersion },
        ],
        together: known(version) ? kubernetesLifecycleProblems(version, support, new Date(), propNames) : [],
      };
    });

    this.role = new IamRole(this, "role", {
      name: ROLE_NAMES.cluster(props.name),
      assumeRolePolicy: serviceTrustPolicy(SERVICE_PRINCIPALS.eks, ["sts:AssumeRole", "sts:TagSession"]),
    });
    const attachments = CLUSTER_ROLE_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.role.name,
          policyArn: managedPolicyArn(this.partition, policy),
        }),
    );

    const account = keyAccountOf(this, { partition: props.partition, region: props.region });
    this.secretsKey = encryptionKey(this, "secrets-key", {
      description: `Envelope encryption of Kubernetes Secrets in EKS cluster ${props.name}`,
      alias: CLUSTER_SCOPED_NAMES.secretsKeyAlias(props.name),
      account,
      uses: [
        usableByRole("ClusterRoleEncryptsSecrets", this.role.arn, EKS_CLUSTER_ROLE_KEY_ACTIONS),
        {
          // Whoever calls eks:CreateCluster needs these; EKS documents that kms:GrantIsForAWSResource does not
          // apply to CreateCluster and names no other condition, so IAM decides who (docs/what-apply-would-reject.md).
          sid: "ClusterCreatorGrantsEks",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [accountRoot(account)] }],
          actions: [...EKS_CREATE_CLUSTER_KEY_ACTIONS],
          resources: ["*"],
        },
      ],
    }).key;

    // Created before the cluster so that EKS writes into a group with our retention and key, not its own.
    const logArchive =
      props.logArchive ??
      new LogArchive(this, "logs", {
        keyAlias: CLUSTER_SCOPED_NAMES.ownLogsKeyAlias(props.name),
        description: `EKS cluster ${props.name}`,
        retentionDays: LOG_DEFAULTS.retentionDays,
        partition: props.partition,
        region: props.region,
      });
    const logGroup = logArchive.logGroup(eksControlPlaneLogGroupName(props.name));

    const publicEndpointCidrs = props.publicEndpointCidrs ?? CLUSTER_DEFAULTS.publicEndpointCidrs;
    const publicEndpoint = publicEndpointCidrs.length > 0;
    this.resource = new EksClusterResource(this, "cluster", {
      name: props.name,
      version: props.kubernetesVersion ?? CLUSTER_DEFAULTS.kubernetesVersion,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicEndpoint,
        publicAccessCidrs: publicEndpoint ? [...publicEndpointCidrs] : undefined,
      },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: this.secretsKey.arn } },
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      // Access entries instead of the aws-auth ConfigMap; whoever runs `cdktf deploy` becomes admin so the
      // workload stack's kubernetes provider can apply manifests.
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      // An explicit decision, never EKS's default (EXTENDED): no silent enrolment in paid extended support.
      upgradePolicy: { supportType: props.supportType ?? CLUSTER_DEFAULTS.supportType },
      dependsOn: [...attachments, ...dependsOnWithin(this, [logGroup])],
    });

    this.openIdConnectProvider = new OidcProvider(this, "oidc", {
      issuerUrl: this.oidcIssuerUrl,
      thumbprints: props.oidcThumbprints,
    });
    this.vpcCni = new VpcCniAddon(this, "vpc-cni", {
      clusterName: this.name,
      kubernetesVersion: this.resource.version,
      version: props.vpcCniVersion,
    });
  }

  /** The cluster's name as a reference: whatever uses it is created after the cluster. */
  get name(): string {
    return this.resource.name;
  }

  get arn(): string {
    return this.resource.arn;
  }

  /** The API server endpoint (https://...). */
  get endpoint(): string {
    return this.resource.endpoint;
  }

  /** Base64 CA certificate of the API server. */
  get certificateAuthorityData(): string {
    return this.resource.certificateAuthority.get(0).data;
  }

  /** The security group EKS creates and attaches to the control plane and managed nodes (CoreDNS runs there). */
  get clusterSecurityGroupId(): string {
    return this.resource.vpcConfig.clusterSecurityGroupId;
  }

  /** The issuer of service-account tokens (https://oidc.eks.<region>.amazonaws.com/id/<id>). */
  get oidcIssuerUrl(): string {
    return this.resource.identity.get(0).oidc.get(0).issuer;
  }

  /** The node role addNodeGroup() uses when given none: "<cluster name>-nodes", created on first use. */
  get nodeRole(): NodeRole {
    this.sharedNodeRole ??= new NodeRole(this, "node-role", { name: ROLE_NAMES.nodes(this.clusterName), partition: this.partition });
    return this.sharedNodeRole;
  }

  /** A managed node group of this cluster, created after the VPC CNI add-on (see ManagedNodeGroup). */
  addNodeGroup(id: string, options: NodeGroupOptions): ManagedNodeGroup {
    return new ManagedNodeGroup(this, id, { ...options, cluster: this });
  }

  /**
   * An IAM role only `<namespace>/<serviceAccount>` of this cluster can assume (IRSA), trusting this cluster's
   * OIDC provider. Its name defaults to "<cluster name>-<service account>".
   */
  addServiceAccountRole(id: string, options: ServiceAccountRoleOptions): ServiceAccountRole {
    return new ServiceAccountRole(this, id, {
      ...options,
      roleName: options.roleName ?? ROLE_NAMES.serviceAccount(this.clusterName, options.serviceAccount),
      oidcProvider: this.openIdConnectProvider,
    });
  }
}
