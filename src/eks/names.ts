import { frozen } from "../frozen";

/**
 * Names of the IAM roles a cluster creates, from the cluster name. IAM role names are unique per account in
 * every region, case-insensitively (IAM user guide, "IAM identifiers"), which is why they carry the cluster
 * name; clashes are checked on the synthesized names (src/checks/physical-names.ts).
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
  /** The environment's log archive (RetainedStack), named after its cluster. */
  logsKeyAlias: (clusterName: string) => `alias/${clusterName}-logs`,
  /** The cluster's own archive, when it is given none: distinct from an environment's and from a database's. */
  ownLogsKeyAlias: (clusterName: string) => `alias/${clusterName}-eks-logs`,
  /** The VPC's flow log group (log group names are unique per account and region). */
  flowLogGroup: (clusterName: string) => `/aws/vpc/${clusterName}/flow-logs`,
} as const);
