import type { PolicyRule } from "../types";
import { eksControlPlaneLogs } from "./aws/eks-control-plane-logs";
import { eksPublicEndpoint } from "./aws/eks-public-endpoint";
import { eksSecretsEncryption } from "./aws/eks-secrets-encryption";
import { flowLogRoleLeastPrivilege } from "./aws/flow-log-role";
import { imdsv2 } from "./aws/imdsv2";
import { kmsKeyPolicyKeepsAdministration } from "./aws/kms-key-policy-administration";
import { kmsKeyPolicyExplicit } from "./aws/kms-key-policy-explicit";
import { kmsKeyRotation } from "./aws/kms-key-rotation";
import { logGroupKeyUsableByCloudWatchLogs } from "./aws/log-group-key-usable";
import { logGroupsEncrypted } from "./aws/log-groups-encrypted";
import { logGroupsRetention } from "./aws/log-groups-retention";
import { rdsBackups } from "./aws/rds-backups";
import { rdsConnectionLogging } from "./aws/rds-connection-logging";
import { rdsDeletionProtection } from "./aws/rds-deletion-protection";
import { rdsEnhancedMonitoring } from "./aws/rds-enhanced-monitoring";
import { rdsLogExports } from "./aws/rds-log-exports";
import { rdsMaintenanceHygiene } from "./aws/rds-maintenance-hygiene";
import { rdsManagedMasterPassword } from "./aws/rds-managed-master-password";
import { rdsMultiAz } from "./aws/rds-multi-az";
import { rdsNotPublic } from "./aws/rds-not-public";
import { rdsPerformanceInsightsEncrypted } from "./aws/rds-performance-insights";
import { rdsStorageEncrypted } from "./aws/rds-storage-encrypted";
import { securityGroupOpenIngress } from "./aws/security-group-open-ingress";
import { vpcFlowLogsEnabled } from "./aws/vpc-flow-logs";
import { databaseIngress } from "./chain/database-ingress";
import { chainFlows } from "./chain/flows";
import { chainPermissions } from "./chain/permissions";
import { iamAuthentication } from "./chain/iam-authentication";
import { masterSecret } from "./chain/master-secret";
import { nodesAfterVpcCni } from "./chain/nodes-after-cni";
import { podServiceAccount } from "./chain/pod-service-account";
import { podsOnPrivateNodes } from "./chain/private-nodes";
import { rdsConnect } from "./chain/rds-connect";
import { roleTrust } from "./chain/role-trust";
import { securityGroupPolicySelectsPod } from "./chain/security-group-policy";
import { securityGroupPolicyFirst } from "./chain/security-group-policy-order";
import { serviceAccountRole } from "./chain/service-account-role";
import { podPinnedToNodeGroup } from "./chain/node-selector";
import { trunkEniNodes } from "./chain/trunk-eni";
import { vpcCniPodEni } from "./chain/vpc-cni";
import { vpcResourceController } from "./chain/vpc-resource-controller";
import { canonicalQuantities } from "./k8s/canonical-quantities";
import { databaseTls } from "./k8s/database-tls";
import { imagePinned } from "./k8s/image-pinned";
import { loadBalancerSources } from "./k8s/load-balancer-sources";
import { loadBalancerTls } from "./k8s/load-balancer-tls";
import { metabaseEncryptionKey } from "./k8s/metabase-encryption-key";
import { namespaceDefaultDeny } from "./k8s/namespace-default-deny";
import { networkPoliciesEnforced } from "./k8s/network-policies-enforced";
import { nonRoot } from "./k8s/non-root";
import { noPrivilegeEscalation } from "./k8s/privilege-escalation";
import { probes } from "./k8s/probes";
import { readOnlyRootFilesystem } from "./k8s/read-only-root";
import { resourceRequestsAndLimits } from "./k8s/resources";
import { secretCreationLimited } from "./k8s/secret-creation";
import { serverSideFields } from "./k8s/server-side-fields";
import { unusedSuppression } from "./meta";

/** Every rule, in report order. Ids are stable: never renumber, retire instead. */
export const ALL_RULES: readonly PolicyRule[] = [
  podServiceAccount,
  serviceAccountRole,
  roleTrust,
  rdsConnect,
  masterSecret,
  iamAuthentication,
  securityGroupPolicySelectsPod,
  securityGroupPolicyFirst,
  databaseIngress,
  podPinnedToNodeGroup,
  podsOnPrivateNodes,
  trunkEniNodes,
  vpcCniPodEni,
  nodesAfterVpcCni,
  vpcResourceController,
  chainFlows,
  chainPermissions,
  rdsStorageEncrypted,
  rdsNotPublic,
  rdsBackups,
  rdsDeletionProtection,
  rdsMultiAz,
  rdsManagedMasterPassword,
  eksSecretsEncryption,
  eksControlPlaneLogs,
  eksPublicEndpoint,
  imdsv2,
  securityGroupOpenIngress,
  vpcFlowLogsEnabled,
  flowLogRoleLeastPrivilege,
  logGroupsEncrypted,
  logGroupsRetention,
  logGroupKeyUsableByCloudWatchLogs,
  kmsKeyRotation,
  kmsKeyPolicyExplicit,
  kmsKeyPolicyKeepsAdministration,
  rdsPerformanceInsightsEncrypted,
  rdsEnhancedMonitoring,
  rdsLogExports,
  rdsConnectionLogging,
  rdsMaintenanceHygiene,
  imagePinned,
  resourceRequestsAndLimits,
  probes,
  nonRoot,
  noPrivilegeEscalation,
  readOnlyRootFilesystem,
  loadBalancerSources,
  serverSideFields,
  canonicalQuantities,
  loadBalancerTls,
  databaseTls,
  metabaseEncryptionKey,
  namespaceDefaultDeny,
  networkPoliciesEnforced,
  secretCreationLimited,
  unusedSuppression,
];

export function ruleById(id: string): PolicyRule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
