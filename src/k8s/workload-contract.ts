/**
 * What the AWS side (the platform) hands to the Kubernetes side (the workload): built once where the AWS
 * resources are created, passed as one typed object, and read by MetabaseWorkload. Values are Terraform
 * references where they come from AWS resources, so across stacks cdktf turns them into outputs and a remote
 * state lookup; names are plain strings, computed once.
 */

/** One identity a pod runs as, in Kubernetes, in IAM, on the network and in the database. */
export interface PodIdentity {
  /** The ServiceAccount; the IRSA role trusts exactly `system:serviceaccount:<namespace>:<serviceAccount>`. */
  readonly serviceAccount: string;
  /** ARN of the IRSA role: the ServiceAccount's `eks.amazonaws.com/role-arn` annotation. */
  readonly roleArn: string;
  /** The pod security group a SecurityGroupPolicy puts on the pod's branch ENI: its key to the database port. */
  readonly podSecurityGroupId: string;
  /** The PostgreSQL user the pod connects as. */
  readonly dbUser: string;
}

export interface DatabaseEndpoint {
  /** The RDS instance address (not a CNAME: IAM tokens are signed for this host name). */
  readonly host: string;
  readonly port: number;
  /** The application's database. */
  readonly name: string;
  /** ARN of the RDS-managed master secret, read once by the bootstrap Job. */
  readonly masterSecretArn: string;
}

/** Address ranges of the VPC's tiers, known at synth: what NetworkPolicies allow traffic to and from. */
export interface NetworkRanges {
  /**
   * The subnets of the nodes that run the application (and of internal load balancers). Pods take their
   * addresses there too: the VPC CNI gives each pod, branch ENIs included, an address of its node's subnet.
   */
  readonly nodeSubnetCidrs: readonly string[];
  /** The subnets of internet-facing load balancers and of the optional public node group. */
  readonly publicSubnetCidrs: readonly string[];
  /**
   * Every subnet pods take addresses from: the subnets of every node group (the VPC CNI gives a pod, branch ENI
   * included, an address of its node's subnet). Metabase's ingress excepts them: no pod passes as a client.
   * @default nodeSubnetCidrs and publicSubnetCidrs
   */
  readonly podSubnetCidrs?: readonly string[];
  readonly databaseSubnetCidrs: readonly string[];
}

export interface WorkloadContract {
  readonly region: string;
  /** The EKS cluster's name, known at synth (the kubernetes provider looks the cluster up by it). */
  readonly clusterName: string;
  readonly namespace: string;
  /** Labels of the node group that runs pods with security groups (private subnets, trunk ENIs). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Attached to every pod's branch ENI too: CoreDNS and the kubelet reach pods through it. */
  readonly clusterSecurityGroupId: string;
  readonly database: DatabaseEndpoint;
  /**
   * ARN of the Secrets Manager secret holding Metabase's MB_ENCRYPTION_SECRET_KEY (a GeneratedSecret): the
   * bootstrap Job copies it into the cluster, generating it on the very first run.
   */
  readonly encryptionKeySecretArn: string;
  readonly network: NetworkRanges;
  /** Metabase: connects as its own user with an IAM token. */
  readonly application: PodIdentity;
  /** The one-shot Job that creates the application's user: connects as the master user. */
  readonly bootstrap: PodIdentity;
}
