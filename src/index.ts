/**
 * secure-eks-rds: the EKS to RDS chain of "Securing the connectivity between Amazon EKS and Amazon RDS" as
 * CDKTF constructs. Each construct works on its own in any cdktf stack (examples/). The verifier that checks
 * them at synth is "secure-eks-rds/policy"; the environment-file application is "secure-eks-rds/app".
 */
export { Network, type NetworkProps, type SubnetGroup } from "./network/network";
export { NETWORK_DEFAULTS } from "./network/defaults";
export { EksCluster, CONTROL_PLANE_LOG_TYPES, CLUSTER_ROLE_POLICIES, type EksClusterProps } from "./eks/cluster";
export { CLUSTER_DEFAULTS, NODE_GROUP_DEFAULTS } from "./eks/defaults";
export { ROLE_NAMES } from "./eks/names";
export { OidcProvider, STS_AUDIENCE, type OidcProviderProps } from "./eks/oidc-provider";
export { VpcCniAddon, POD_ENI_CONFIGURATION, type VpcCniAddonProps } from "./eks/vpc-cni-addon";
export { NodeRole, NODE_ROLE_POLICIES, type NodeRoleProps } from "./eks/node-role";
export { ManagedNodeGroup, type ManagedNodeGroupProps, type NodeGroupOptions } from "./eks/managed-node-group";
export { PostgresDatabase, type PostgresDatabaseProps } from "./rds/database";
export { RoleGrants, GRANTS_POLICY_NAME, type Grant } from "./iam/grants";
export { DATABASE_DEFAULTS } from "./rds/defaults";
export {
  ServiceAccountRole,
  serviceAccountSubject,
  type ServiceAccountRoleOptions,
  type ServiceAccountRoleProps,
} from "./iam/service-account-role";
export { PodSecurityGroup, type PodSecurityGroupProps } from "./pod-security/pod-security-group";
export { GeneratedSecret, FIRST_VERSION_TOKEN, type GeneratedSecretProps } from "./secrets/generated-secret";
export { databaseEncryptionKey } from "./rds/database-key";
export { LogArchive, type LogArchiveProps } from "./logs/log-archive";
export { KubernetesManifest, type KubernetesManifestOptions } from "./k8s/kubernetes-manifest";
export { EksKubernetesProvider, type EksKubernetesProviderProps } from "./k8s/eks-kubernetes-provider";
export { MetabaseWorkload, type MetabaseWorkloadProps } from "./k8s/metabase-workload";
export { HELPER_IMAGE_DEFAULTS, type HelperImages } from "./k8s/images";
export { METABASE_DEFAULTS } from "./k8s/defaults";
export type { DatabaseEndpoint, PodIdentity, WorkloadContract } from "./k8s/workload-contract";
export { supportsTrunkEni } from "./aws-facts/instance-types";
