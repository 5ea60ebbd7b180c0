import type { IConstruct } from "constructs";

/** A reviewed exception to one rule on one construct, or to some of its findings there. */
export interface PolicySuppression {
  /** Rule id, e.g. "AWS-05", of a built-in rule or of a rule pack of your own. */
  readonly id: string;
  /** Why the finding is acceptable here: it goes into the report, next to the finding. */
  readonly reason: string;
  /**
   * Only these findings of the rule (their finding ids, shown in reports as RULE-ID[finding id], e.g.
   * K8S-01[container:metabase]); each must match one (META-01). Default: every finding of the rule there.
   */
  readonly appliesTo?: readonly string[];
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

/** A rule id: letters, digits and hyphens, as the report prints it before any [finding id]. */
const RULE_ID = /^[A-Za-z][A-Za-z0-9-]*$/;

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
// biome-ignore lint/complexity/noStaticOnlyClass: the shape of cdk-nag's NagSuppressions.addResourceSuppressions, which users know
export class PolicySuppressions {
  static add(construct: IConstruct, suppressions: readonly PolicySuppression[], options: PolicySuppressionOptions = {}): void {
    for (const suppression of suppressions) {
      const where = `PolicySuppressions.add(${construct.node.path || "<app>"})`;
      // Which rules exist depends on the packs the app runs: an id none of them has is reported at synth (META-02).
      if (!RULE_ID.test(suppression.id ?? "")) {
        throw new Error(
          `${where}: "${suppression.id}" is not a rule id. Fix: write the id as the report shows it, e.g. "AWS-05" (without a [finding id]: list those in appliesTo)`,
        );
      }
      if (suppression.appliesTo !== undefined && suppression.appliesTo.length === 0) {
        throw new Error(
          `${where}: the suppression of ${suppression.id} has an empty appliesTo, which would suppress nothing. Fix: list the finding ids it is for, or leave appliesTo out to suppress every finding of ${suppression.id} there`,
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
      ...(s.appliesTo ? { appliesTo: [...s.appliesTo] } : {}),
      construct,
      applyToChildren: options.applyToChildren ?? false,
    }));
    Object.defineProperty(target, STORE, { value: [...(target[STORE] ?? []), ...stored], configurable: true, enumerable: false });
  }

  /** Suppressions added on this construct itself. */
  static of(construct: IConstruct): readonly StoredSuppression[] {
    return (construct as WithStore)[STORE] ?? [];
  }

  /** The suppression covering a finding of `ruleId` on `construct`: its own, or an ancestor's that applies to children. */
  static covering(construct: IConstruct, ruleId: string, findingId?: string): StoredSuppression | undefined {
    const applies = (s: StoredSuppression) =>
      s.id === ruleId && (s.appliesTo === undefined || (findingId !== undefined && s.appliesTo.includes(findingId)));
    const own = PolicySuppressions.of(construct).find(applies);
    if (own) return own;
    for (let scope = construct.node.scope; scope; scope = scope.node.scope) {
      const inherited = PolicySuppressions.of(scope).find((s) => s.applyToChildren && applies(s));
      if (inherited) return inherited;
    }
    return undefined;
  }
}
