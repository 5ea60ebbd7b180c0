import type { IConstruct } from "constructs";
import { ALL_RULES } from "./rules";

/** A reviewed exception to one rule on one construct. */
export interface PolicySuppression {
  /** Rule id, e.g. "AWS-05". */
  readonly id: string;
  /** Why the finding is acceptable here: it goes into the report, next to the finding. */
  readonly reason: string;
}

export interface PolicySuppressionOptions {
  /** Also suppress findings on constructs below this one (cdk-nag's applyToChildren). Default false. */
  readonly applyToChildren?: boolean;
}

/** A suppression as stored on its construct. */
export interface StoredSuppression extends PolicySuppression {
  readonly construct: IConstruct;
  readonly applyToChildren: boolean;
}

/** Reasons shorter than this say nothing ("ok", "dev"); cdk-nag uses the same floor. */
export const MINIMUM_REASON_LENGTH = 10;

const STORE = Symbol.for("secure-eks-rds/policy-suppressions");

type WithStore = IConstruct & { [STORE]?: StoredSuppression[] };

/**
 * Suppressions, modelled on cdk-nag's NagSuppressions: per construct, per rule id, with a mandatory reason.
 * A suppressed finding is not enforced but is still reported (SARIF `suppressions`, an info annotation), and
 * a suppression that suppresses nothing is itself reported (META-01).
 *
 *   PolicySuppressions.add(platform.database, [{ id: "AWS-05", reason: "Throwaway demo database, single AZ to halve cost" }],
 *     { applyToChildren: true });
 */
export class PolicySuppressions {
  static add(construct: IConstruct, suppressions: readonly PolicySuppression[], options: PolicySuppressionOptions = {}): void {
    const known = new Set(ALL_RULES.map((rule) => rule.id));
    for (const suppression of suppressions) {
      const where = `PolicySuppressions.add(${construct.node.path || "<app>"})`;
      if (!known.has(suppression.id)) {
        throw new Error(
          `${where}: unknown rule id "${suppression.id}". Fix: use one of ${[...known].join(", ")} (see docs/policy-rules.md)`,
        );
      }
      const reason = (suppression.reason ?? "").trim();
      if (reason.length < MINIMUM_REASON_LENGTH) {
        throw new Error(
          `${where}: the suppression of ${suppression.id} has reason ${JSON.stringify(suppression.reason ?? "")}, shorter than ${MINIMUM_REASON_LENGTH} characters. Fix: say why the finding is acceptable on this construct, e.g. "Throwaway demo environment, deleted after the workshop"`,
        );
      }
    }
    const target = construct as WithStore;
    const stored = suppressions.map((s) => ({
      id: s.id,
      reason: s.reason.trim(),
      construct,
      applyToChildren: options.applyToChildren ?? false,
    }));
    Object.defineProperty(target, STORE, { value: [...(target[STORE] ?? []), ...stored], configurable: true, enumerable: false });
  }

  /** Suppressions added on this construct itself. */
  static of(construct: IConstruct): readonly StoredSuppression[] {
    return (construct as WithStore)[STORE] ?? [];
  }

  /** The suppression covering `ruleId` on `construct`: its own, or an ancestor's that applies to children. */
  static covering(construct: IConstruct, ruleId: string): StoredSuppression | undefined {
    const own = PolicySuppressions.of(construct).find((s) => s.id === ruleId);
    if (own) return own;
    for (let scope = construct.node.scope; scope; scope = scope.node.scope) {
      const inherited = PolicySuppressions.of(scope).find((s) => s.id === ruleId && s.applyToChildren);
      if (inherited) return inherited;
    }
    return undefined;
  }
}
