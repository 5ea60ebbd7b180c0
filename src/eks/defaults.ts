import { frozen } from "../frozen";

/**
 * Defaults of the EKS constructs, and of the `cluster` and `nodeGroups` sections of environment files
 * (src/config/schema.ts reads them from here: one source per default).
 */
export const CLUSTER_DEFAULTS = frozen({
  /** The article's cluster name. */
  name: "eks-cluster",
  kubernetesVersion: "1.35",
  /** The upgrade policy: no silent enrolment in paid extended support; EKS upgrades at the end of standard support. */
  supportType: "STANDARD" as "STANDARD" | "EXTENDED",
  /** No public API endpoint: deploy from inside the VPC, or list your networks. Never 0.0.0.0/0 by default. */
  publicEndpointCidrs: [] as readonly string[],
  /** Empty: the OIDC issuer's root CA thumbprint is read with the tls provider's `tls_certificate`. */
  oidcThumbprints: [] as readonly string[],
} as const);

export const NODE_GROUP_DEFAULTS = frozen({
  /** A Nitro type with trunk ENIs (9 branch interfaces), so pods can get security groups. */
  instanceTypes: ["m5.large"] as readonly string[],
  minSize: 1,
  desiredSize: 1,
  maxSize: 3,
  diskSizeGiB: 20,
} as const);

/**
 * Names of the IAM roles a cluster creates, from the cluster name. IAM role names are unique per account in
 * every region, case-insensitively (IAM user guide, "IAM identifiers"), which is why they carry the cluster
 * name; src/stacks/names.ts checks them for clashes across environments.
 */
export const ROLE_NAMES = frozen({
  cluster: (clusterName: string) => `${clusterName}-cluster`,
  nodes: (clusterName: string) => `${clusterName}-nodes`,
  /** The optional public node group's own role: nothing it does needs the private nodes' identity. */
  publicNodes: (clusterName: string) => `${clusterName}-public-nodes`,
  serviceAccount: (clusterName: string, serviceAccount: string) => `${clusterName}-${serviceAccount}`,
  /** Delivers the VPC's flow logs (the VPC serves one cluster, whose name is unique in the region). */
  flowLogs: (clusterName: string) => `${clusterName}-vpc-flow-logs`,
} as const);

/** Names of the environment's other account-scoped resources that carry the cluster name. */
export const CLUSTER_SCOPED_NAMES = frozen({
  /** KMS aliases are unique per account and region. */
  secretsKeyAlias: (clusterName: string) => `alias/${clusterName}-eks-secrets`,
  logsKeyAlias: (clusterName: string) => `alias/${clusterName}-logs`,
  /** The VPC's flow log group (log group names are unique per account and region). */
  flowLogGroup: (clusterName: string) => `/aws/vpc/${clusterName}/flow-logs`,
} as const);
