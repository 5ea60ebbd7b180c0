/**
 * What several AWS baseline rules (AWS-12..24) read the same way: key policies as statements, log group ARNs as
 * items, account-root and wildcard principals, action coverage.
 */
import { globMatch, itemsOf, itemsText, literalItems, type Item } from "../../graph/values";
import type { EnvironmentModel } from "../../model/environment-model";
import { actionMatches, policyStatements, type PolicyStatement } from "../../model/policy-documents";
import type { Reference } from "../../model/references";
import type { TerraformBlock } from "../../model/terraform-config";

/** The symbol every `data.aws_caller_identity.*.account_id` becomes (graph/values.ts symbolOf). */
const ACCOUNT = "aws account";

/** The reference `value` is made of when it points at a block of `type` (any attribute). */
export function referenceOfType(model: EnvironmentModel, holder: TerraformBlock, value: unknown, type: string): Reference | undefined {
  const reference = model.reference(holder, value);
  return reference?.block.type === type ? reference : undefined;
}

/** How a key's policy is known: its statements, none written (KMS applies the default policy), or unreadable. */
export type KeyPolicy =
  | { readonly kind: "written"; readonly holder: TerraformBlock; readonly statements: PolicyStatement[] }
  | { readonly kind: "default" }
  | { readonly kind: "unreadable"; readonly holder: TerraformBlock };

/** The policy of an aws_kms_key: its `policy`, else that of an aws_kms_key_policy whose key_id references it. */
export function keyPolicyOf(model: EnvironmentModel, key: TerraformBlock): KeyPolicy {
  const holder =
    key.config.policy !== undefined
      ? key
      : model.resources("aws_kms_key_policy").find((p) => model.reference(p, p.config.key_id)?.block === key);
  if (!holder) return { kind: "default" };
  const statements = policyStatements(holder, holder.config.policy, model.stacks, model.resolver);
  return statements ? { kind: "written", holder, statements } : { kind: "unreadable", holder };
}

/** True when some action (pattern) of the statement matches `action`, itself possibly a pattern read as text. */
export function coversAction(statement: PolicyStatement, action: string): boolean {
  return statement.actions.some((pattern) => actionMatches(pattern, action));
}

/** Principal "*" or AWS "*": anybody, in any account. */
export function wildcardPrincipals(statement: PolicyStatement): string[] {
  return statement.principals
    .filter((p) => (p.type === "*" || p.type === "AWS") && p.identifiers.includes("*"))
    .map((p) => (p.type === "*" ? '"*"' : 'AWS "*"'));
}

/** `arn:<partition>:iam::<account>:root` or a bare account id, as an AWS principal: the account, through IAM. */
export function isAccountRoot(model: EnvironmentModel, stack: string, identifier: string): boolean {
  const text = itemsText(itemsOf(model, stack, identifier));
  return /^arn:[\w-]+:iam::([0-9]{12}|\$\{[^}]+\}):root$/.test(text) || /^([0-9]{12}|\$\{aws account\})$/.test(text);
}

export function rootPrincipals(model: EnvironmentModel, statement: PolicyStatement): string[] {
  return statement.principals
    .filter((p) => p.type === "AWS")
    .flatMap((p) => p.identifiers)
    .filter((id) => isAccountRoot(model, statement.stack, id));
}

/** Service principals of a statement, resolved as far as the model can (data.aws_region becomes the region). */
export function servicePrincipals(model: EnvironmentModel, statement: PolicyStatement): string[] {
  return statement.principals
    .filter((p) => p.type === "Service")
    .flatMap((p) => p.identifiers)
    .map((id) => principalText(model, statement.stack, id));
}

/** A principal's text with what the provider decides filled in (region, partition, DNS suffix: references.ts). */
export function principalText(model: EnvironmentModel, stack: string, value: unknown): string {
  return model.resolver
    .template(stack, value)
    .map((part) => ("literal" in part ? part.literal : `\${${part.expression}}`))
    .join("");
}

/** Condition keys compare ignoring case (IAM user guide, "IAM JSON policy elements: Condition"). */
export const sameKey = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * A log group's ARN as items: `arn:<partition>:logs:<region>:<account>:log-group:<name>` (CloudWatch Logs user
 * guide, "Encrypt log data ... using AWS KMS": the encryption context's value), the account a symbol.
 */
export function logGroupArnItems(model: EnvironmentModel, group: TerraformBlock): Item[] | undefined {
  const name =
    group.config.name !== undefined
      ? itemsOf(model, group.stack, group.config.name)
      : [...literalItems(String(group.config.name_prefix ?? "")), { symbol: `${group.address}.name` }];
  return logGroupArnIn(model, group, name);
}

/** The ARN a log group named `name` has in the account and region `block` runs in. */
export function logGroupArnIn(model: EnvironmentModel, block: TerraformBlock, name: readonly Item[]): Item[] | undefined {
  const place = model.placementOf(block);
  if (!place) return undefined;
  return [...literalItems(`arn:${place.partition}:logs:${place.region}:`), { symbol: ACCOUNT }, ...literalItems(":log-group:"), ...name];
}

/**
 * An ARN whose account field is 12 literal digits reads as "the account": the model does not know the account
 * id, so a literal one and data.aws_caller_identity compare alike on both sides.
 */
export function withAccountSymbol(items: readonly Item[]): Item[] {
  let colons = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!("char" in item) || item.char !== ":") continue;
    colons++;
    if (colons !== 4) continue;
    const digits = items.slice(i + 1, i + 13);
    const next = items[i + 13];
    const literal = digits.length === 12 && digits.every((d) => "char" in d && /[0-9]/.test(d.char));
    if (literal && next && "char" in next && next.char === ":")
      return [...items.slice(0, i + 1), { symbol: ACCOUNT }, ...items.slice(i + 13)];
    return [...items];
  }
  return [...items];
}

/** An ARN pattern written in `stack` (ArnEquals/ArnLike/StringLike value, resource) matches `subject`. */
export function arnMatches(model: EnvironmentModel, stack: string, pattern: string, subject: readonly Item[]): boolean {
  return globMatch(withAccountSymbol(itemsOf(model, stack, pattern)), withAccountSymbol(subject));
}

/** "statement <Sid>" when the statement has one, else "statement <n>" (1-based, in the policy's order). */
export function statementName(statement: PolicyStatement, all: readonly PolicyStatement[]): string {
  const sameSource = all.filter((s) => s.source === statement.source);
  const index = sameSource.indexOf(statement);
  const source = statement.source;
  let sid: unknown;
  if (source.type === "aws_iam_policy_document") {
    sid = [source.config.statement ?? []].flat()[index]?.sid;
  } else {
    for (const attribute of ["policy", "assume_role_policy"]) {
      try {
        const document = JSON.parse(String(source.config[attribute]));
        sid = [document?.Statement ?? []].flat()[index]?.Sid;
        if (sid !== undefined) break;
      } catch {
        // not literal JSON
      }
    }
  }
  return typeof sid === "string" && sid !== "" ? `statement ${sid}` : `statement ${all.indexOf(statement) + 1}`;
}
