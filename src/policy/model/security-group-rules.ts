import type { StackConfig, TerraformBlock } from "./terraform-config";

/** What the evaluators tell apart; any other IP protocol (ESP, GRE, ICMPv6...) is "other". */
export type Protocol = "tcp" | "udp" | "icmp" | "all" | "other";

/**
 * Security-group and network-ACL protocols are names or numbers ("-1" is all; EC2 API reference, IpPermission
 * IpProtocol: "tcp, udp, icmp, or icmpv6 ... or a number"; NetworkAclEntry Protocol: "-1 means all protocols").
 */
const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  "-1": "all",
  all: "all",
  tcp: "tcp",
  "6": "tcp",
  udp: "udp",
  "17": "udp",
  icmp: "icmp",
  "1": "icmp",
};

export function protocolOf(value: unknown): Protocol {
  return PROTOCOLS[String(value ?? "-1").toLowerCase()] ?? "other";
}

/**
 * The port range a rule or ACL entry covers, [from, to]. All protocols, or -1 (ICMP: every type), mean every
 * port; a missing to_port means from_port alone.
 */
export function portsOf(protocol: Protocol, from: unknown, to: unknown): [number, number] {
  return protocol === "all" || from === undefined || from === null || Number(from) === -1 ? [0, 65535] : [Number(from), Number(to ?? from)];
}

/**
 * One security-group rule in one shape, whichever of the three ways Terraform lets you write it: inline
 * `ingress`/`egress` blocks of `aws_security_group`, `aws_security_group_rule`, and
 * `aws_vpc_security_group_ingress_rule`/`_egress_rule` (one peer per rule). The single reader of rules: the
 * baseline rules read these as written, the network graph resolves their groups and peers.
 */
export interface WrittenSecurityGroupRule {
  /** The block that writes the rule. */
  readonly resource: TerraformBlock;
  readonly direction: "ingress" | "egress";
  /** The group the rule belongs to: the block itself for inline rules, else the value of security_group_id. */
  readonly group: { readonly inline: TerraformBlock } | { readonly value: unknown };
  readonly protocol: Protocol;
  /** The protocol as written, lower case, for messages ("tcp", "50", "icmpv6"). */
  readonly protocolName: string;
  readonly fromPort: number;
  readonly toPort: number;
  /** IPv4 and IPv6 blocks, as written (literals or references). */
  readonly cidrs: readonly unknown[];
  readonly prefixLists: readonly unknown[];
  /** Peer security groups, as written (references to resolve). */
  readonly peerGroups: readonly unknown[];
  /** The group admits (or lets out to) its own members. */
  readonly self: boolean;
}

const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

type RuleFields = Omit<WrittenSecurityGroupRule, "resource" | "group" | "direction" | "protocol" | "protocolName" | "fromPort" | "toPort">;

function rule(
  resource: TerraformBlock,
  direction: "ingress" | "egress",
  group: WrittenSecurityGroupRule["group"],
  written: { protocol: unknown; from: unknown; to: unknown },
  fields: RuleFields,
): WrittenSecurityGroupRule {
  const protocol = protocolOf(written.protocol);
  const [fromPort, toPort] = portsOf(protocol, written.from, written.to);
  const protocolName = protocol === "other" ? String(written.protocol).toLowerCase() : protocol;
  return { resource, direction, group, protocol, protocolName, fromPort, toPort, ...fields };
}

export function securityGroupRules(stack: StackConfig): WrittenSecurityGroupRule[] {
  const rules: WrittenSecurityGroupRule[] = [];
  for (const group of stack.resources("aws_security_group")) {
    for (const direction of ["ingress", "egress"] as const) {
      for (const inline of list(group.config[direction]) as any[]) {
        rules.push(
          rule(
            group,
            direction,
            { inline: group },
            { protocol: inline.protocol, from: inline.from_port, to: inline.to_port },
            {
              cidrs: [...list(inline.cidr_blocks), ...list(inline.ipv6_cidr_blocks)],
              prefixLists: list(inline.prefix_list_ids),
              peerGroups: list(inline.security_groups),
              self: inline.self === true,
            },
          ),
        );
      }
    }
  }
  for (const block of stack.resources("aws_security_group_rule")) {
    const c = block.config;
    rules.push(
      rule(
        block,
        c.type === "egress" ? "egress" : "ingress",
        { value: c.security_group_id },
        { protocol: c.protocol, from: c.from_port, to: c.to_port },
        {
          cidrs: [...list(c.cidr_blocks), ...list(c.ipv6_cidr_blocks)],
          prefixLists: list(c.prefix_list_ids),
          peerGroups: list(c.source_security_group_id),
          self: c.self === true,
        },
      ),
    );
  }
  for (const [type, direction] of [
    ["aws_vpc_security_group_ingress_rule", "ingress"],
    ["aws_vpc_security_group_egress_rule", "egress"],
  ] as const) {
    for (const block of stack.resources(type)) {
      const c = block.config;
      rules.push(
        rule(
          block,
          direction,
          { value: c.security_group_id },
          { protocol: c.ip_protocol, from: c.from_port, to: c.to_port },
          {
            cidrs: [...list(c.cidr_ipv4), ...list(c.cidr_ipv6)],
            prefixLists: list(c.prefix_list_id),
            peerGroups: list(c.referenced_security_group_id),
            self: false,
          },
        ),
      );
    }
  }
  return rules;
}

export const OPEN_TO_THE_WORLD = new Set(["0.0.0.0/0", "::/0"]);

/** "5432/tcp", "5432-5433/tcp" or "all ports", for messages. */
export function portRange(rule: Pick<WrittenSecurityGroupRule, "protocol" | "protocolName" | "fromPort" | "toPort">): string {
  if (rule.protocol === "all" || (rule.fromPort === 0 && rule.toPort === 65535)) return "all ports";
  return rule.fromPort === rule.toPort ? `${rule.fromPort}/${rule.protocolName}` : `${rule.fromPort}-${rule.toPort}/${rule.protocolName}`;
}
