import type { ReferenceResolver } from "./references";
import type { StackConfig, TerraformBlock } from "./terraform-config";

/**
 * IAM policy statements in one shape, whether the policy was written with the `aws_iam_policy_document` data
 * source (`statement[].condition[].test`) or as literal JSON (`Statement[].Condition.StringEquals`).
 * Values stay as written (with `${...}`), to be resolved in `stack`.
 */
export interface PolicyStatement {
  /** Stack whose references the values use. */
  readonly stack: string;
  /** Where the statement is written (the document data source or the resource holding the JSON). */
  readonly source: TerraformBlock;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  /** True when the statement uses NotAction / NotResource / NotPrincipal: too broad to reason about. */
  readonly negated: boolean;
  readonly resources: readonly string[];
  readonly principals: ReadonlyArray<{ readonly type: string; readonly identifiers: readonly string[] }>;
  readonly conditions: ReadonlyArray<{ readonly test: string; readonly variable: string; readonly values: readonly string[] }>;
}

const asList = (value: unknown): string[] =>
  value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(String);

/**
 * The statements of a policy attribute (`assume_role_policy`, `policy`): a reference to an
 * `aws_iam_policy_document`'s json, or literal JSON. Undefined when neither can be read.
 */
export function policyStatements(
  holder: TerraformBlock,
  value: unknown,
  stacks: ReadonlyMap<string, StackConfig>,
  resolver: ReferenceResolver,
): PolicyStatement[] | undefined {
  const reference = resolver.single(holder.stack, value);
  if (reference) {
    if (reference.block.type !== "aws_iam_policy_document" || reference.attribute !== "json") return undefined;
    return fromDocumentDataSource(reference.block, stacks, resolver);
  }
  if (typeof value !== "string" || value.includes("${")) return undefined;
  try {
    return fromJson(holder, JSON.parse(value));
  } catch {
    return undefined;
  }
}

function fromDocumentDataSource(
  document: TerraformBlock,
  stacks: ReadonlyMap<string, StackConfig>,
  resolver: ReferenceResolver,
): PolicyStatement[] {
  const own = asArray(document.config.statement).map(
    (statement: any): PolicyStatement => ({
      stack: document.stack,
      source: document,
      effect: statement.effect === "Deny" ? "Deny" : "Allow",
      actions: asList(statement.actions),
      negated: [statement.not_actions, statement.not_resources, statement.not_principals].some((v) => asList(v).length > 0),
      resources: asList(statement.resources),
      principals: asArray(statement.principals).map((p: any) => ({ type: String(p.type), identifiers: asList(p.identifiers) })),
      conditions: asArray(statement.condition).map((c: any) => ({
        test: String(c.test),
        variable: String(c.variable),
        values: asList(c.values),
      })),
    }),
  );
  // source_policy_documents / override_policy_documents merge other documents in.
  const merged = [...asList(document.config.source_policy_documents), ...asList(document.config.override_policy_documents)].flatMap(
    (json) => policyStatements(document, json, stacks, resolver) ?? [],
  );
  return [...own, ...merged];
}

function fromJson(holder: TerraformBlock, document: any): PolicyStatement[] {
  return asArray(document?.Statement).map((statement: any): PolicyStatement => {
    const principal = statement.Principal;
    const principals =
      principal === "*"
        ? [{ type: "*", identifiers: ["*"] }]
        : Object.entries(principal ?? {}).map(([type, identifiers]) => ({ type, identifiers: asList(identifiers) }));
    const conditions = Object.entries<Record<string, unknown>>(statement.Condition ?? {}).flatMap(([test, entries]) =>
      Object.entries(entries ?? {}).map(([variable, values]) => ({ test, variable, values: asList(values) })),
    );
    return {
      stack: holder.stack,
      source: holder,
      effect: statement.Effect === "Deny" ? "Deny" : "Allow",
      actions: asList(statement.Action),
      negated: ["NotAction", "NotResource", "NotPrincipal"].some((key) => key in statement),
      resources: asList(statement.Resource),
      principals,
      conditions,
    };
  });
}

function asArray(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** IAM action matching, with `*` and `?` wildcards, case-insensitive like IAM. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return regex.test(action);
}

/** True when a statement grants `action` (an Allow whose actions match it). */
export function grants(statement: PolicyStatement, action: string): boolean {
  return statement.effect === "Allow" && (statement.negated || statement.actions.some((a) => actionMatches(a, action)));
}
