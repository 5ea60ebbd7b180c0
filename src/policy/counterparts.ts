/**
 * The same concern in other tools, and how each compares with our rule, from reading its logic upstream
 * (bridgecrewio/checkov checkov/terraform|kubernetes/checks, aquasecurity/trivy-checks checks/cloud/aws,
 * cdklabs/cdk-nag src/rules): a reader who knows their ids can map ours, and knows what a pass there proves here.
 *
 * The relation compares verdicts on configurations AWS and Kubernetes accept:
 * - same: both flag the same configurations (the level may differ: a warning here);
 * - stricter: this rule flags everything the other flags, and more;
 * - weaker: the other flags more (what this rule lets pass, and why, is in `why`);
 * - different: each flags something the other passes, or they read different resources.
 */
export type CounterpartTool = "Checkov" | "Trivy" | "cdk-nag";
export type CounterpartRelation = "same" | "stricter" | "weaker" | "different";
export const COUNTERPART_RELATIONS: readonly CounterpartRelation[] = ["same", "stricter", "weaker", "different"];

export interface Counterpart {
  readonly tool: CounterpartTool;
  /** CKV_AWS_16, CKV2_K8S_6, AVD-AWS-0017, AwsSolutions-RDS2 or a cdk-nag rule name. */
  readonly id: string;
  readonly relation: CounterpartRelation;
  /** One line: what one of them flags that the other does not, or why they agree. */
  readonly why: string;
}

const make =
  (tool: CounterpartTool) =>
  (id: string, relation: CounterpartRelation, why: string): Counterpart => ({ tool, id, relation, why });
export const checkov = make("Checkov");
export const trivy = make("Trivy");
export const cdkNag = make("cdk-nag");

/** The id patterns of each tool, for the consistency test and for finding ids in a rule's prose. */
export const COUNTERPART_ID_PATTERNS: Readonly<Record<CounterpartTool, RegExp>> = {
  Checkov: /\bCKV2?_(?:AWS|K8S)_\d+\b/g,
  Trivy: /\bAVD-AWS-\d{4}\b/g,
  "cdk-nag": /\bAwsSolutions-[A-Z0-9]+\b/g,
};

/** "Checkov CKV_AWS_16 (same); cdk-nag AwsSolutions-RDS2 (same)", then the note; or why there is none. */
export function counterpartText(counterparts: readonly Counterpart[] | undefined, note?: string): string {
  const parts = [...(counterparts ?? []).map((c) => `${c.tool} ${c.id} (${c.relation})`), ...(note ? [note] : [])];
  return parts.length > 0 ? parts.join("; ") : "none (specific to this design's chain)";
}
