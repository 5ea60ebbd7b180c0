/**
 * May this principal do this action on this resource? The subset of IAM policy evaluation this project emits
 * (IAM user guide, "Policy evaluation logic", "IAM JSON policy elements: Condition operators"):
 * - an explicit Deny that matches wins; without an Allow that matches, the answer is an implicit deny;
 * - actions match with * and ? wildcards, ignoring case; resource ARNs with the same wildcards, case-sensitive;
 * - conditions: every operator of a statement must hold (AND), every key of an operator too, and one of a
 *   key's values suffices (OR); StringEquals compares exactly, StringLike with * and ?; a key the request
 *   does not carry fails the condition; any other operator is not evaluated, and a statement that needs one
 *   makes the answer "undetermined";
 * - a role is assumed with a web identity when its trust policy allows sts:AssumeRoleWithWebIdentity to the
 *   Federated principal that issued the token, under the token's claims (EKS: `<issuer>:sub` is
 *   system:serviceaccount:<namespace>:<name>, `<issuer>:aud` is sts.amazonaws.com).
 * Resources and condition keys are compared as items (values.ts): references stay symbols, so a statement
 * about `${aws_db_instance.x.resource_id}` matches exactly that database's id.
 */
import type { PolicyStatement } from "../model/policy-documents";
import { globMatch, type Item, literalItems } from "./values";

export type PermissionVerdict = "allowed" | "denied" | "undetermined";

/** A statement as the evaluator reads it: values already turned into items. */
export interface EvaluableStatement {
  readonly source: PolicyStatement;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly Item[][];
  readonly resources: readonly Item[][];
  /** Federated principals (trust policies). */
  readonly federated: readonly Item[][];
  /** Other principals the statement names (Service, AWS, "*"), as "<type> <identifier>". */
  readonly otherPrincipals: readonly string[];
  readonly negated: boolean;
  readonly conditions: ReadonlyArray<{ readonly test: string; readonly key: readonly Item[]; readonly values: readonly Item[][] }>;
}

/** A request: the action, the resource, the caller's principal (trust), and the context keys it carries. */
export interface PermissionRequest {
  readonly action: string;
  readonly resource?: readonly Item[];
  readonly principal?: readonly Item[];
  readonly context: ReadonlyArray<{ readonly key: readonly Item[]; readonly value: readonly Item[] }>;
}

export interface PermissionResult {
  readonly verdict: PermissionVerdict;
  /** The statements that decided it (the matching Deny, or the matching Allows), by where they are written. */
  readonly statements: readonly PolicyStatement[];
  readonly why: string;
}

type Match = "yes" | "no" | "unknown";

function conditionsHold(statement: EvaluableStatement, request: PermissionRequest): Match {
  let result: Match = "yes";
  for (const condition of statement.conditions) {
    const test = condition.test.replace(/IfExists$/, "");
    const present = request.context.filter(
      (entry) => globMatch(condition.key, entry.key, true) && globMatch(entry.key, condition.key, true),
    );
    if (!["StringEquals", "StringLike"].includes(test)) {
      result = "unknown";
      continue;
    }
    if (present.length === 0) {
      if (condition.test.endsWith("IfExists")) continue;
      return "no";
    }
    const holds = present.some((entry) =>
      condition.values.some((value) => (test === "StringLike" ? globMatch(value, entry.value) : sameItems(value, entry.value))),
    );
    if (!holds) return "no";
  }
  return result;
}

const sameItems = (a: readonly Item[], b: readonly Item[]) =>
  a.length === b.length &&
  a.every((item, i) =>
    "char" in item
      ? "char" in b[i] && (b[i] as { char: string }).char === item.char
      : "symbol" in b[i] && (b[i] as { symbol: string }).symbol === item.symbol,
  );

function statementMatches(statement: EvaluableStatement, request: PermissionRequest): Match {
  if (statement.negated) return "unknown";
  const action = literalItems(request.action);
  if (!statement.actions.some((pattern) => globMatch(pattern, action, true))) return "no";
  if (request.resource && statement.resources.length > 0 && !statement.resources.some((pattern) => globMatch(pattern, request.resource!)))
    return "no";
  if (request.principal) {
    const federated = statement.federated.some((pattern) => globMatch(pattern, request.principal!));
    if (!federated && !statement.otherPrincipals.includes("* *")) return "no";
  }
  return conditionsHold(statement, request);
}

export function evaluatePermission(statements: readonly EvaluableStatement[], request: PermissionRequest): PermissionResult {
  const matches = statements.map((statement) => ({ statement, match: statementMatches(statement, request) }));
  const denies = matches.filter((m) => m.statement.effect === "Deny");
  const deny = denies.find((m) => m.match === "yes");
  if (deny)
    return {
      verdict: "denied",
      statements: [deny.statement.source],
      why: `an explicit Deny in ${deny.statement.source.source.address} matches, and an explicit deny always wins`,
    };
  const allows = matches.filter((m) => m.statement.effect === "Allow" && m.match === "yes");
  const unsureAllows = matches.filter((m) => m.statement.effect === "Allow" && m.match === "unknown");
  const unsureDenies = denies.filter((m) => m.match === "unknown");
  // Undecided: a Deny that may match something otherwise allowed, or an Allow that may be the only one.
  const unsure =
    (allows.length > 0 || unsureAllows.length > 0) && unsureDenies.length > 0 ? unsureDenies : allows.length === 0 ? unsureAllows : [];
  if (unsure.length > 0) {
    return {
      verdict: "undetermined",
      statements: unsure.map((m) => m.statement.source),
      why: "a statement uses a condition operator or a negated element this evaluator does not decide",
    };
  }
  if (allows.length > 0)
    return {
      verdict: "allowed",
      statements: allows.map((m) => m.statement.source),
      why: `allowed by ${[...new Set(allows.map((m) => m.statement.source.source.address))].join(", ")}`,
    };
  return { verdict: "denied", statements: [], why: "no statement allows it (implicit deny)" };
}
