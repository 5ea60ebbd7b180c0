import { chainOf } from "./chain";
import type { EnvironmentModel } from "./model/environment-model";
import { ALL_RULES } from "./rules";
import { unknownSuppression, unusedSuppression } from "./rules/meta";
import type { Finding, PolicyRule } from "./types";

/** Where a finding's suppression comes from: the aspect looks it up on constructs, tests pass their own. */
export interface SuppressionSource<S extends { reason: string } = { reason: string }> {
  /** The suppression covering a finding of `ruleId` (with `findingId`, if it has one) at construct path `path`. */
  covering(path: string, ruleId: string, findingId?: string): (S & { suppressedAt: string }) | undefined;
  /** Every suppression in the environment, with the path it was added at. */
  all(): ReadonlyArray<S & { id: string; suppressedAt: string; appliesTo?: readonly string[] }>;
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
  /** Each suppression that matched a finding, with the finding ids it matched. */
  const used = new Map<unknown, Set<string | undefined>>();
  const fallbackPath = [...model.stacks.keys()][0] ?? model.name;
  for (const rule of rules) {
    const add = (finding: {
      path: string;
      message: string;
      fix?: string;
      level?: Finding["level"];
      subject?: string;
      findingId?: string;
    }) => {
      const suppression = suppressions.covering(finding.path, rule.id, finding.findingId);
      if (suppression) used.set(suppression, (used.get(suppression) ?? new Set()).add(finding.findingId));
      findings.push({
        ruleId: rule.id,
        level: finding.level ?? rule.level,
        environment: model.name,
        stack: stackOf(finding.path),
        path: finding.path,
        message: finding.message,
        fix: finding.fix ?? rule.fix,
        subject: finding.subject,
        ...(finding.findingId === undefined ? {} : { findingId: finding.findingId }),
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
        fix: "Report this as a bug of the secure-eks-rds verifier, with the synthesized stacks",
      });
    }
  }
  const known = new Set(rules.map((rule) => rule.id));
  for (const suppression of suppressions.all()) {
    const meta = (rule: PolicyRule, message: string): Finding => ({
      ruleId: rule.id,
      level: rule.level,
      environment: model.name,
      stack: stackOf(suppression.suppressedAt),
      path: suppression.suppressedAt,
      message,
      fix: rule.fix,
    });
    if (!known.has(suppression.id)) {
      if (rules.includes(unknownSuppression)) {
        findings.push(
          meta(
            unknownSuppression,
            `the suppression of ${suppression.id} on ${suppression.suppressedAt} ("${suppression.reason}") names a rule none of this app's rule packs has (${[...known].filter((id) => !id.startsWith("META-")).join(", ")})`,
          ),
        );
      }
      continue;
    }
    if (!rules.includes(unusedSuppression)) continue;
    const matched = used.get(suppression);
    const unmatched = suppression.appliesTo?.filter((id) => !matched?.has(id)) ?? (matched ? [] : [undefined]);
    for (const findingId of unmatched) {
      const what = findingId === undefined ? suppression.id : `${suppression.id}[${findingId}]`;
      findings.push(
        meta(unusedSuppression, `the suppression of ${what} on ${suppression.suppressedAt} ("${suppression.reason}") matches no finding`),
      );
    }
  }
  return findings;
}
