import type { PolicyRule, RulePack } from "../types";
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
import { unknownSuppression, unusedSuppression } from "./meta";

/** The EKS to RDS chain: identities, both locks, and the flows and permissions the design expects. */
export const CHAIN_RULES: RulePack = {
  name: "chain",
  rules: [
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
  ],
};

/** The AWS baseline: encryption, logging, backups, exposure, least privilege, key policies. */
export const AWS_RULES: RulePack = {
  name: "aws",
  rules: [
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
  ],
};

/** The Kubernetes baseline: pinned images, restricted pods, NetworkPolicies, load balancer exposure and TLS. */
export const K8S_RULES: RulePack = {
  name: "k8s",
  rules: [
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
  ],
};

/** The packs a PolicyCheckedApp runs unless told otherwise. */
export const DEFAULT_RULE_PACKS: readonly RulePack[] = [CHAIN_RULES, AWS_RULES, K8S_RULES];

/** Rules about the policy itself, run with every selection of packs. */
export const META_RULES: readonly PolicyRule[] = [unusedSuppression, unknownSuppression];

/**
 * The rules of some packs, in order, with the meta rules after them. Ids must be unique across the packs: a
 * suppression or a report names a rule by its id alone.
 */
export function rulesOf(packs: readonly RulePack[]): PolicyRule[] {
  const rules = [...packs.flatMap((pack) => pack.rules), ...META_RULES];
  const seen = new Map<string, string>();
  for (const pack of packs) {
    for (const rule of pack.rules) {
      const other = seen.get(rule.id);
      if (other !== undefined)
        throw new Error(
          `rule id ${rule.id} is in both pack "${other}" and pack "${pack.name}". Fix: give the rule of your own pack an id of its own (a prefix such as ACME-01)`,
        );
      if (META_RULES.some((meta) => meta.id === rule.id))
        throw new Error(`rule id ${rule.id} of pack "${pack.name}" is a meta rule's. Fix: choose another id`);
      seen.set(rule.id, pack.name);
    }
  }
  return rules;
}

/** Every built-in rule, in report order. Ids are stable: never renumber, retire instead. */
export const ALL_RULES: readonly PolicyRule[] = rulesOf(DEFAULT_RULE_PACKS);

export function ruleById(id: string): PolicyRule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
