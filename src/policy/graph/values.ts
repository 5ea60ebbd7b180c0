/**
 * Values of the synthesized Terraform as the evaluators need them: literals where Terraform would know them at
 * plan (a CIDR written in a subnet, a port), and symbols for what only apply knows (a resource id, an ARN), so
 * that "this policy's resource is that database's user" can be decided without the value itself.
 */
import type { EnvironmentModel } from "../model/environment-model";
import type { TerraformBlock } from "../model/terraform-config";

/** One character of a literal, or a value known only at apply (named by what it is). */
export type Item = { readonly char: string } | { readonly symbol: string };

/**
 * A value as items: literal text char by char, `${...}` references as symbols. Every
 * `data.aws_caller_identity.*.account_id` is the same account (the provider's), so they share one symbol.
 */
export function itemsOf(model: EnvironmentModel, stack: string, value: unknown): Item[] {
  return model.resolver.template(stack, value).flatMap((part): Item[] => {
    if ("literal" in part) return [...part.literal].map((char) => ({ char }));
    const expression = part.expression.trim();
    const [reference] = part.references;
    if (
      part.references.length === 1 &&
      expression === `${reference.block.address}${reference.attribute ? `.${reference.attribute}` : ""}`
    ) {
      return [{ symbol: symbolOf(model, reference.block, reference.attribute) }];
    }
    // replace(<issuer>, "https://", ""): the issuer's host and path, the prefix of IRSA condition keys.
    if (part.references.length === 1 && /^replace\(\s*[^,]+,\s*"https:\/\/",\s*""\s*\)$/.test(expression)) {
      return [{ symbol: `host and path of ${symbolOf(model, reference.block, reference.attribute)}` }];
    }
    return [{ symbol: `(${expression})` }];
  });
}

/**
 * The symbol of an attribute known only at apply. Values that are the same whatever the block are one symbol:
 * every aws_caller_identity's account_id is the provider's account, and an OIDC provider's url is the cluster
 * issuer it was created from.
 */
export function symbolOf(model: EnvironmentModel, block: TerraformBlock, attribute: string): string {
  if (block.type === "aws_caller_identity" && attribute === "account_id") return "aws account";
  if (block.type === "aws_iam_openid_connect_provider" && attribute === "url") {
    const issuer = model.reference(block, block.config.url);
    if (issuer) return symbolOf(model, issuer.block, issuer.attribute);
  }
  return `${block.address}.${attribute}`;
}

/** Items as text, symbols shown as ${...}: for messages and reports. */
export function itemsText(items: readonly Item[]): string {
  return items.map((item) => ("char" in item ? item.char : `\${${item.symbol}}`)).join("");
}

/**
 * IAM wildcard matching over items: in the pattern's literal text `*` matches any sequence (symbols
 * included), `?` one character; symbols match only themselves. Resource ARNs compare case-sensitively,
 * action names and condition keys ignoring case (IAM user guide, "IAM JSON policy elements").
 */
export function globMatch(pattern: readonly Item[], subject: readonly Item[], ignoreCase = false): boolean {
  const same = (a: Item, b: Item) =>
    "char" in a && "char" in b
      ? ignoreCase
        ? a.char.toLowerCase() === b.char.toLowerCase()
        : a.char === b.char
      : "symbol" in a && "symbol" in b && a.symbol === b.symbol;
  // Dynamic programming over (pattern index, subject index).
  let reachable = new Set<number>([0]);
  for (const item of pattern) {
    const next = new Set<number>();
    for (const at of reachable) {
      if ("char" in item && item.char === "*") {
        for (let k = at; k <= subject.length; k++) next.add(k);
      } else if ("char" in item && item.char === "?") {
        if (at < subject.length && "char" in subject[at]) next.add(at + 1);
      } else if (at < subject.length && same(item, subject[at])) {
        next.add(at + 1);
      }
    }
    reachable = next;
    if (reachable.size === 0) return false;
  }
  return reachable.has(subject.length);
}

/** Items of a literal string. */
export const literalItems = (text: string): Item[] => [...text].map((char) => ({ char }));

/**
 * The literal value of an attribute, following a reference to another block's attribute when that attribute is
 * itself written literally (a rule's cidr_ipv4 = aws_vpc.x.cidr_block). Undefined when only apply knows it.
 */
export function literalOf(model: EnvironmentModel, holder: TerraformBlock, value: unknown, depth = 0): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return undefined;
  if (!value.includes("${")) return value;
  const reference = model.reference(holder, value);
  if (!reference || depth > 3 || /[[.]/.test(reference.attribute)) return undefined;
  return literalOf(model, reference.block, reference.block.config[reference.attribute], depth + 1);
}
