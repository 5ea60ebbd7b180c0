import { chainOf } from "./chain";
import type { EnvironmentModel } from "./model/environment-model";
import { ALL_RULES } from "./rules";
import { unusedSuppression } from "./rules/meta";
import type { Finding, PolicyRule } from "./types";

/** Where a finding's suppression comes from: the aspect looks it up on constructs, tests pass their own. */
export interface SuppressionSource<S extends { reason: string } = { reason: string }> {
  /** The suppression covering `ruleId` at construct path `path`, if any. */
  covering(path: string, ruleId: string): (S & { suppressedAt: string }) | undefined;
  /** Every suppression in the environment, with the path it was added at. */
  all(): ReadonlyArray<S & { id: string; suppressedAt: string }>;
}

const NO_SUPPRESSIONS: SuppressionSource = { covering: () => undefined, all: () => [] };

const stackOf = (path: string) => path.split("/")[0];

/**
 * Runs the rules on one environment and applies suppressions. A rule that throws does not stop the others:
 * its failure becomes an error finding (a policy layer that crashes silently proves nothing).
 */
export function evaluate(
  model: EnvironmentModel,
  rules: readonly PolicyRule[] = ALL_RULES,
  suppressions: SuppressionSource = NO_SUPPRESSIONS,
): Finding[] {
  const findings: Finding[] = [];
  const used = new Set<unknown>();
  const fallbackPath = [...model.stacks.keys()][0] ?? model.name;
  for (const rule of rules) {
    const add = (finding: { path: string; message: string; fix?: string; level?: Finding["level"]; subject?: string }) => {
      const suppression = suppressions.covering(finding.path, rule.id);
      if (suppression) used.add(suppression);
      findings.push({
        ruleId: rule.id,
        level: finding.level ?? rule.level,
        environment: model.name,
        stack: stackOf(finding.path),
        path: finding.path,
        message: finding.message,
        fix: finding.fix ?? rule.fix,
        subject: finding.subject,
        suppression: suppression && { reason: suppression.reason, suppressedAt: suppression.suppressedAt },
      });
    };
    try {
      rule.check({
        model,
        get graph() {
          return chainOf(model).graph;
        },
        get verdicts() {
          return chainOf(model).verdicts;
        },
        report: add,
      });
    } catch (error) {
      add({
        path: fallbackPath,
        level: "error",
        message: `rule ${rule.id} could not evaluate environment "${model.name}": ${(error as Error).message}`,
        fix: "Report this as a bug of the policy layer (src/policy), with the synthesized stacks",
      });
    }
  }
  if (rules.includes(unusedSuppression)) {
    for (const suppression of suppressions.all()) {
      if (used.has(suppression)) continue;
      findings.push({
        ruleId: unusedSuppression.id,
        level: unusedSuppression.level,
        environment: model.name,
        stack: stackOf(suppression.suppressedAt),
        path: suppression.suppressedAt,
        message: `the suppression of ${suppression.id} on ${suppression.suppressedAt} ("${suppression.reason}") matches no finding`,
        fix: unusedSuppression.fix,
      });
    }
  }
  return findings;
}
