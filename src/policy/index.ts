/**
 * secure-eks-rds/policy: the security verifier. PolicyCheckedApp checks every stack at synth and writes nothing
 * when a rule fails; rule packs (the built-in chain, aws and k8s packs, and your own), suppressions, the model
 * of the synthesized Terraform and the chain a rule of your own can ask about (docs/custom-rules.md).
 */
export { PolicyCheckedApp, type PolicyCheckedAppConfig } from "./checked-app";
export { SecurityPolicy, type EnvironmentResult, type PolicyEnvironment } from "./security-policy";
export { policyFindings } from "./testing";
export { PolicySuppressions, type PolicySuppression, type PolicySuppressionOptions } from "./suppressions";
export { ALL_RULES, AWS_RULES, CHAIN_RULES, DEFAULT_RULE_PACKS, K8S_RULES, META_RULES, ruleById, rulesOf } from "./rules";
export { evaluate, type SuppressionSource } from "./engine";
export { chainOf, type EnvironmentChain } from "./chain";
export { EnvironmentModel, type EnvironmentModelInput, type Placement } from "./model/environment-model";
export type { TerraformBlock } from "./model/terraform-config";
export type { ContainerView, ManifestView, PodController } from "./model/kubernetes";
export type { WrittenSecurityGroupRule } from "./model/security-group-rules";
export { podFlow, type ChainVerdicts, type FlowCheck, type FlowTarget, type PermissionCheck } from "./graph/expectations";
export type {
  DatabaseNode,
  LoadBalancerServiceNode,
  NodeGroupNode,
  PodNode,
  RoleNode,
  SecurityGraph,
  ServiceAccountNode,
} from "./graph/graph";
export type { Hop } from "./graph/reachability";
export {
  findingName,
  formatFinding,
  type Finding,
  type PolicyLevel,
  type PolicyRule,
  type RuleContext,
  type RuleFamily,
  type RuleFinding,
  type RulePack,
} from "./types";
export { checkov, trivy, cdkNag, type Counterpart } from "./counterparts";
