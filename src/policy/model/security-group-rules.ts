import type { StackConfig, TerraformBlock } from "./terraform-config";

/**
 * Ingress rules in one shape, whichever of the three ways Terraform lets you write them: inline `ingress`
 * blocks of `aws_security_group`, `aws_security_group_rule` (type ingress), and
 * `aws_vpc_security_group_ingress_rule` (one source per rule).
 */
export interface IngressRule {
  /** The block that writes the rule. */
  readonly resource: TerraformBlock;
  /** The group the rule opens, as written: a reference like "${aws_security_group.x.id}" (inline: the group). */
  readonly groupValue: unknown;
  /** Set for inline rules: the group block itself. */
  readonly inlineGroup?: TerraformBlock;
  /** "tcp", "udp", "-1" (all)... lower case; protocol numbers normalised ("6" -> "tcp"). */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** IPv4 and IPv6 blocks. */
  readonly cidrs: readonly string[];
  readonly prefixLists: readonly unknown[];
  /** Source security groups, as written (references to resolve). */
  readonly sourceGroups: readonly unknown[];
  /** The group admits its own members. */
  readonly self: boolean;
}

const PROTOCOL_NAMES: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", all: "-1" };

function protocolOf(value: unknown): string {
  const text = String(value ?? "-1").toLowerCase();
  return PROTOCOL_NAMES[text] ?? text;
}

const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const numberOf = (value: unknown): number | undefined => (value === undefined || value === null ? undefined : Number(value));

export function ingressRules(stack: StackConfig): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const group of stack.resources("aws_security_group")) {
    for (const ingress of list(group.config.ingress) as any[]) {
      rules.push({
        resource: group,
        groupValue: undefined,
        inlineGroup: group,
        protocol: protocolOf(ingress.protocol),
        fromPort: numberOf(ingress.from_port),
        toPort: numberOf(ingress.to_port),
        cidrs: [...list(ingress.cidr_blocks), ...list(ingress.ipv6_cidr_blocks)].map(String),
        prefixLists: list(ingress.prefix_list_ids),
        sourceGroups: list(ingress.security_groups),
        self: ingress.self === true,
      });
    }
  }
  for (const rule of stack.resources("aws_security_group_rule")) {
    const c = rule.config;
    if (c.type !== "ingress") continue;
    rules.push({
      resource: rule,
      groupValue: c.security_group_id,
      protocol: protocolOf(c.protocol),
      fromPort: numberOf(c.from_port),
      toPort: numberOf(c.to_port),
      cidrs: [...list(c.cidr_blocks), ...list(c.ipv6_cidr_blocks)].map(String),
      prefixLists: list(c.prefix_list_ids),
      sourceGroups: list(c.source_security_group_id),
      self: c.self === true,
    });
  }
  for (const rule of stack.resources("aws_vpc_security_group_ingress_rule")) {
    const c = rule.config;
    rules.push({
      resource: rule,
      groupValue: c.security_group_id,
      protocol: protocolOf(c.ip_protocol),
      fromPort: numberOf(c.from_port),
      toPort: numberOf(c.to_port),
      cidrs: [...list(c.cidr_ipv4), ...list(c.cidr_ipv6)].map(String),
      prefixLists: list(c.prefix_list_id),
      sourceGroups: list(c.referenced_security_group_id),
      self: false,
    });
  }
  return rules;
}

export const OPEN_TO_THE_WORLD = new Set(["0.0.0.0/0", "::/0"]);

/** "5432", "5432-5433" or "all ports", for messages. */
export function portRange(rule: Pick<IngressRule, "protocol" | "fromPort" | "toPort">): string {
  if (rule.protocol === "-1" || rule.fromPort === undefined) return "all ports";
  if (rule.fromPort === -1 || (rule.fromPort === 0 && rule.toPort === 65535)) return "all ports";
  return rule.fromPort === rule.toPort ? `${rule.fromPort}/${rule.protocol}` : `${rule.fromPort}-${rule.toPort}/${rule.protocol}`;
}
