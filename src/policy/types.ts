import type { Counterpart } from "./counterparts";
import type { ChainVerdicts } from "./graph/expectations";
import type { SecurityGraph } from "./graph/graph";
import type { EnvironmentModel } from "./model/environment-model";

/** How bad a finding is. An "error" fails `cdktf synth`; a "warning" is printed and reported. */
export type PolicyLevel = "error" | "warning";

/** Which part of the design a rule protects (its pack's name): the built-in chain, aws, k8s and meta, or one of yours. */
export type RuleFamily = "chain" | "aws" | "k8s" | "meta" | (string & {});

/** What a rule reports, before suppressions are applied. */
export interface RuleFinding {
  /** Construct path of the resource the finding is about (the `//.metadata.path` of the Terraform block). */
  readonly path: string;
  /** What is wrong, specific to this resource: one sentence, no trailing period needed. */
  readonly message: string;
  /** How to fix it; defaults to the rule's fix. */
  readonly fix?: string;
  /** Overrides the rule's level for this finding (e.g. deletion protection in production). */
  readonly level?: PolicyLevel;
  /**
   * Construct path of the pod controller (Deployment, Job) whose chain this finding breaks, when the finding
   * is about one pod's chain. Lets the chain diagram mark the right pod's edge.
   */
  readonly subject?: string;
  /**
   * Tells this finding apart from the rule's other findings on the same construct ("container:metabase", a flow):
   * a suppression whose `appliesTo` lists it suppresses this finding only (cdk-nag's granular suppressions).
   */
  readonly findingId?: string;
}

/** Everything a rule may look at, and where it reports. */
export interface RuleContext {
  /** The environment's Terraform, indexed: blocks by type and construct path, references followed across stacks. */
  readonly model: EnvironmentModel;
  /** The security chain built from it (pods, roles, groups, the network), built the first time a rule asks. */
  readonly graph: SecurityGraph;
  /** Every flow and permission the design expects, and what the evaluators say of each. */
  readonly verdicts: ChainVerdicts;
  report(finding: RuleFinding): void;
}

/**
 * The links of the EKS to RDS chain that the chain diagram draws (report/chain-diagram.ts): a rule names the links
 * it proves, and the diagram marks a link broken (✗ with the rule's id) when one of them reports an error there.
 */
export type ChainLink =
  | "pod-service-account"
  | "service-account-role"
  | "role-trust"
  | "connect-grant"
  | "iam-database-user"
  | "master-secret"
  | "security-group-policy"
  | "policy-lists-group"
  | "database-ingress"
  | "node-placement";

/** One check, with the documentation that goes into the SARIF driver, docs/policy-rules.md and messages. */
export interface PolicyRule {
  /** Stable id: CHAIN-nn (the EKS to RDS chain), AWS-nn and K8S-nn (baseline), META-nn (the policy itself). */
  readonly id: string;
  /** PascalCase name for SARIF (`reportingDescriptor.name`). */
  readonly name: string;
  readonly family: RuleFamily;
  /** The level findings get unless the rule says otherwise for one finding. */
  readonly level: PolicyLevel;
  /** One line: what the rule requires. */
  readonly title: string;
  /** Why it matters: what breaks, or what an attacker gets, when the rule fails. */
  readonly why: string;
  /** The general fix. */
  readonly fix: string;
  /** The same concern in Checkov, Trivy or cdk-nag, each with how it compares (src/policy/counterparts.ts). */
  readonly counterparts?: readonly Counterpart[];
  /** When nothing maps exactly: why, or the closest analogue (no tool ids here: those go in counterparts). */
  readonly counterpartNote?: string;
  /** When the level depends on the environment, say how (documentation only). */
  readonly levelNote?: string;
  /** The links of the chain diagram this rule proves. */
  readonly chainLinks?: readonly ChainLink[];
  check(context: RuleContext): void;
}

/** Rules that belong together, selected as a whole: new PolicyCheckedApp({ rulePacks: [...DEFAULT_RULE_PACKS, yours] }). */
export interface RulePack {
  readonly name: string;
  readonly rules: readonly PolicyRule[];
}

/** A finding after suppressions: what the report and the annotations are made of. */
export interface Finding {
  readonly ruleId: string;
  readonly level: PolicyLevel;
  readonly environment: string;
  /** Stack the construct belongs to ("dev-platform"). */
  readonly stack: string;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  readonly subject?: string;
  readonly findingId?: string;
  /** The environment file field that decides it ("database.backupRetentionDays"), when one does. */
  readonly field?: string;
  /** Set when a PolicySuppressions entry covers this finding: it is reported, not enforced. */
  readonly suppression?: { readonly reason: string; readonly suppressedAt: string };
}

/** "CHAIN-16", or "K8S-01[container:metabase]" for a finding with an id (what a suppression's appliesTo names). */
export function findingName(finding: Pick<Finding, "ruleId" | "findingId">): string {
  return finding.findingId === undefined ? finding.ruleId : `${finding.ruleId}[${finding.findingId}]`;
}

/** "[CHAIN-07] <what is wrong>. Fix: <fix>" */
export function formatFinding(finding: Pick<Finding, "ruleId" | "findingId" | "message" | "fix">): string {
  const what = finding.message.replace(/\.\s*$/, "");
  return `[${findingName(finding)}] ${what}. Fix: ${finding.fix}`;
}
