import { counterpartText } from "../counterparts";
import type { PolicyRule } from "../types";

const FAMILY_TITLES: Record<PolicyRule["family"], string> = {
  chain: "Chain rules: every identity and network link of the EKS to RDS chain agrees across both stacks",
  aws: "AWS baseline",
  k8s: "Kubernetes baseline",
  meta: "The policy itself",
};

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** docs/policy-rules.md, generated from the rule definitions (a test fails when the committed file drifts). */
export function rulesMarkdown(rules: readonly PolicyRule[]): string {
  const lines = [
    "# Policy rules",
    "",
    "Checked at `cdktf synth` on both stacks of every environment (src/policy). An **error** fails synth; a **warning** is printed.",
    "Every finding, suppressed or not, is written to `cdktf.out/security-report.sarif`. Suppress a finding with",
    "`PolicySuppressions.add(construct, [{ id, reason }])` (reason of at least 10 characters); unused suppressions are reported (META-01).",
    "",
    "Generated from the rule definitions by `npm run docs:chain`; do not edit by hand.",
  ];
  for (const family of ["chain", "aws", "k8s", "meta"] as const) {
    const ofFamily = rules.filter((rule) => rule.family === family);
    if (ofFamily.length === 0) continue;
    lines.push(
      "",
      `## ${FAMILY_TITLES[family]}`,
      "",
      "| Id | Level | What | Why | Fix | Counterparts (relation) |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const rule of ofFamily) {
      const level = rule.levelNote ? `${rule.level} (${rule.levelNote})` : rule.level;
      lines.push(
        `| ${rule.id} | ${cell(level)} | ${cell(rule.title)} | ${cell(rule.why)} | ${cell(rule.fix)} | ${cell(counterpartText(rule.counterparts, rule.counterpartNote))} |`,
      );
    }
  }
  lines.push(
    "",
    "## Counterparts in other scanners",
    "",
    "How each Checkov, Trivy or cdk-nag check named above compares with our rule, from its logic upstream",
    "(bridgecrewio/checkov, aquasecurity/trivy-checks, cdklabs/cdk-nag). On configurations AWS and Kubernetes accept:",
    "**same** flags the same ones (the level may differ), **stricter** means our rule flags everything the other",
    "flags and more, **weaker** that the other flags more, **different** that each flags something the other passes,",
    "or that they read different resources. A pass there is not a pass here unless the relation is same or weaker.",
    "",
    "| Rule | Tool | Check | Relation | Why |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const rule of rules) {
    for (const c of rule.counterparts ?? []) lines.push(`| ${rule.id} | ${c.tool} | ${c.id} | ${c.relation} | ${cell(c.why)} |`);
  }
  return `${lines.join("\n")}\n`;
}
