/**
 * The reusable constructs of secure-eks-rds. Each works on its own in any cdktf stack; the stacks in
 * src/stacks compose them the way the article series does.
 */
export { Network, type NetworkProps } from "./network/network";
export { EksCluster, CONTROL_PLANE_LOG_TYPES, CLUSTER_ROLE_POLICIES, type EksClusterProps } from "./eks/cluster";
export { OidcProvider, STS_AUDIENCE, type OidcProviderProps } from "./eks/oidc-provider";
export { VpcCniAddon, POD_ENI_CONFIGURATION, type VpcCniAddonProps } from "./eks/vpc-cni-addon";
export { NodeRole, NODE_ROLE_POLICIES, type NodeRoleProps } from "./eks/node-role";
export { ManagedNodeGroup, type ManagedNodeGroupProps } from "./eks/managed-node-group";
export { PostgresDatabase, type PostgresDatabaseProps } from "./rds/database";
export { ServiceAccountRole, serviceAccountSubject, type ServiceAccountRoleProps } from "./iam/service-account-role";
export { PodSecurityGroup, type PodSecurityGroupProps } from "./pod-security/pod-security-group";
export { KubernetesManifest, type KubernetesManifestOptions } from "./k8s/kubernetes-manifest";
export { MetabaseWorkload, type MetabaseWorkloadProps, type PodIdentity } from "./k8s/metabase-workload";
export { PlatformStack } from "./stacks/platform-stack";
export { WorkloadStack } from "./stacks/workload-stack";
export { buildApp, type BuildAppOptions } from "./app";
export { loadEnvironments, parseEnvironment, type Environment } from "./config/load";
export { EnvironmentSchema, type EnvironmentConfig, type EnvironmentInput } from "./config/schema";
export { EnvironmentFileError, type ConfigProblem } from "./config/problems";
export { supportsTrunkEni } from "./aws-facts/instance-types";
