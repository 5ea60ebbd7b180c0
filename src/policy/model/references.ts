import { dnsSuffixOf, partitionOf } from "../../aws-facts/regions";
import { splitTemplate } from "../../terraform/template";
import type { StackConfig, TerraformBlock } from "./terraform-config";

/**
 * Terraform references in synthesized config, followed across stacks.
 *
 * Inside one stack a reference is `${aws_security_group.<id>.id}`. Across stacks cdktf writes, in the
 * consumer, `${data.terraform_remote_state.cross-stack-reference-input-<producer>.outputs.<output>}` and, in
 * the producer, an output `<output>` whose value is the original expression. The resolver replaces the
 * former by the latter, so a rule can say "this ServiceAccount annotation is aws_iam_role X's arn" whatever
 * stack the annotation lives in.
 */

/** A reference to an attribute of a block, in the stack that defines the block. */
export interface Reference {
  readonly block: TerraformBlock;
  /** "arn", "id", "vpc_config[0].cluster_security_group_id", "master_user_secret[0].secret_arn"... */
  readonly attribute: string;
}

/** A string template cut into literal text and `${...}` expressions, each expression with its references. */
export type TemplatePart =
  | { readonly literal: string }
  | { readonly expression: string; readonly stack: string; readonly references: readonly Reference[] };

/** The prefix cdktf gives the remote state data source that carries cross-stack references. */
const REMOTE_STATE_PREFIX = "cross-stack-reference-input-";

// A traversal: optional "data.", type, name, then .attr and [n] steps. Checked against the stack's blocks,
// so function names and words in string literals never count as references.
const TRAVERSAL = /(?<![\w.])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\])*)/g;

export class ReferenceResolver {
  constructor(private readonly stacks: ReadonlyMap<string, StackConfig>) {}

  /** Cuts a value into literals and expressions; non-strings become one literal (their JSON). */
  template(stack: string, value: unknown, depth = 0): TemplatePart[] {
    if (typeof value !== "string") return [{ literal: value === undefined ? "" : JSON.stringify(value) }];
    const parts: TemplatePart[] = [];
    for (const piece of splitTemplate(value)) {
      if ("literal" in piece) {
        if (piece.literal) parts.push(piece);
        continue;
      }
      const known = this.providerValue(stack, piece.expression.trim());
      if (known !== undefined) {
        parts.push({ literal: known });
        continue;
      }
      const output = this.remoteOutput(stack, piece.expression.trim());
      if (output && depth < 5) {
        parts.push(...this.template(output.stack, output.value, depth + 1));
        continue;
      }
      parts.push({ expression: piece.expression, stack, references: this.referencesIn(stack, piece.expression, depth) });
    }
    return mergeLiterals(parts);
  }

  /**
   * `data.aws_region.<x>.name` and `data.aws_partition.<x>.partition` / `.dns_suffix` are not unknowns: without
   * arguments they read the region of the AWS provider they run with (and that region's partition and its DNS
   * suffix), which the stack writes as a literal. Constructs use them when the caller does not pass a region
   * (src/stack-context.ts).
   */
  private providerValue(stack: string, expression: string): string | undefined {
    const match = /^data\.(aws_region|aws_partition)\.([\w-]+)\.(name|region|partition|dns_suffix)$/.exec(expression);
    const config = this.stacks.get(stack);
    const block = match && config?.block(`data.${match[1]}.${match[2]}`);
    if (!match || !block || !config) return undefined;
    if (Object.keys(block.config).some((key) => !["//", "provider"].includes(key))) return undefined;
    const region = config.providerRegion(block.config.provider);
    if (region === undefined) return undefined;
    if (match[1] === "aws_region") return match[3] === "name" || match[3] === "region" ? region : undefined;
    if (match[3] === "partition") return partitionOf(region);
    return match[3] === "dns_suffix" ? dnsSuffixOf(partitionOf(region)) : undefined;
  }

  /** Every reference in a value (strings, arrays and objects walked), remote-state outputs followed. */
  references(stack: string, value: unknown): Reference[] {
    if (Array.isArray(value)) return value.flatMap((item) => this.references(stack, item));
    if (value && typeof value === "object") return Object.values(value).flatMap((item) => this.references(stack, item));
    return this.template(stack, value).flatMap((part) => ("references" in part ? part.references : []));
  }

  /** The reference a value is made of when it is exactly one `${<reference>}` and nothing else. */
  single(stack: string, value: unknown): Reference | undefined {
    const parts = this.template(stack, value);
    if (parts.length !== 1 || !("expression" in parts[0])) return undefined;
    const [part] = parts;
    if (part.references.length !== 1) return undefined;
    const reference = part.references[0];
    const plain = `${reference.block.address}${reference.attribute ? `.${reference.attribute}` : ""}`;
    return part.expression.trim() === plain ? reference : undefined;
  }

  /** True when `value` is exactly a reference to `attribute` of `block`. */
  isReferenceTo(stack: string, value: unknown, block: TerraformBlock, attribute: string): boolean {
    const reference = this.single(stack, value);
    return reference !== undefined && reference.block === block && reference.attribute === attribute;
  }

  private referencesIn(stack: string, expression: string, depth: number): Reference[] {
    const config = this.stacks.get(stack);
    if (!config) return [];
    const found: Reference[] = [];
    for (const match of stripStringLiterals(expression).matchAll(TRAVERSAL)) {
      const [, data, type, name, rest] = match;
      const block = config.block(`${data ? "data." : ""}${type}.${name}`);
      if (!block) continue;
      const attribute = rest.replace(/^\./, "");
      const output = this.remoteOutput(stack, match[0]);
      if (output && depth < 5) {
        found.push(...this.template(output.stack, output.value, depth + 1).flatMap((p) => ("references" in p ? p.references : [])));
      } else {
        found.push({ block, attribute });
      }
    }
    return found;
  }

  /** `data.terraform_remote_state.<input>.outputs.<name>` -> the producer stack and its output's value. */
  private remoteOutput(stack: string, expression: string): { stack: string; value: unknown } | undefined {
    const match = /^data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (!match || !this.stacks.get(stack)?.block(`data.terraform_remote_state.${match[1]}`)) return undefined;
    if (!match[1].startsWith(REMOTE_STATE_PREFIX)) return undefined;
    const producer = this.stacks.get(match[1].slice(REMOTE_STATE_PREFIX.length));
    const value = producer?.output(match[2]);
    return producer && value !== undefined ? { stack: producer.name, value } : undefined;
  }
}

function stripStringLiterals(expression: string): string {
  return expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

function mergeLiterals(parts: TemplatePart[]): TemplatePart[] {
  const merged: TemplatePart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if ("literal" in part && last && "literal" in last) merged[merged.length - 1] = { literal: last.literal + part.literal };
    else merged.push(part);
  }
  return merged;
}

/** The literal text of a template when it holds no expression at all. */
export function literalOf(parts: readonly TemplatePart[]): string | undefined {
  if (parts.some((part) => "expression" in part)) return undefined;
  return parts.map((part) => ("literal" in part ? part.literal : "")).join("");
}
