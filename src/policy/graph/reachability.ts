/**
 * Can this traffic get there? A flow (source, destination, protocol, port) is followed hop by hop with the
 * semantics of an Amazon VPC (VPC user guide, "Control traffic to your AWS resources using security groups",
 * "Control subnet traffic with network access control lists", "Configure route tables"):
 * - security groups are stateful: the flow needs an egress rule on some group of the source interface and an
 *   ingress rule on some group of the destination; replies need nothing. A rule matches by a group the other
 *   interface carries, or by an address range that contains the other side;
 * - network ACLs are stateless and only apply when traffic crosses a subnet boundary: the source subnet's ACL
 *   must let the request out and the reply (ephemeral ports 1024-65535, the range the guide recommends) in,
 *   the destination subnet's ACL the request in and the reply out. Rules apply in number order, the first match
 *   wins, and what no rule matches is denied;
 * - routes: traffic inside the VPC takes the local route; to the internet or a public AWS endpoint it needs a
 *   route (the most specific one wins) to a NAT gateway (itself routed to an internet gateway) or to an internet
 *   gateway with a public address of its own; an interface VPC endpoint with private DNS takes the traffic for
 *   its service instead.
 * Every hop names the Terraform address that decided it.
 */
import { contains, overlaps, tryParseCidr } from "../../net/cidr";
import type { NaclRule, NetworkAclNode, Protocol, RouteTableNode, SecurityGroupNode, SubnetNode, VpcEndpointNode } from "./network";

/** An elastic network interface: a node's, a pod's branch ENI, a database's. */
export interface NetworkInterface {
  readonly label: string;
  readonly groups: readonly SecurityGroupNode[];
  readonly subnet: SubnetNode;
  /** The interface has a public address (an internet gateway can translate for it). */
  readonly publicAddress?: boolean;
  /** What the interface belongs to (a pod controller, an RDS instance...), for hops about the interface itself. */
  readonly owner: string;
  /**
   * Where traffic this interface sends out of the VPC really leaves from: a branch ENI pod in the VPC CNI's
   * standard mode is SNATed to its node's primary interface, whose groups then apply (aws/amazon-vpc-cni-k8s
   * README, POD_SECURITY_GROUP_ENFORCING_MODE: "traffic will be SNATed via eth0, thus will only be enforced by
   * the security group associated with eth0").
   */
  readonly outsideVpc?: NetworkInterface;
}

export type Endpoint =
  | { readonly kind: "interface"; readonly iface: NetworkInterface }
  | { readonly kind: "internet" }
  /** A public AWS API endpoint ("sts", "secretsmanager", "ecr.api"...), or its interface VPC endpoint. */
  | { readonly kind: "aws-service"; readonly service: string };

export type Decision = "allow" | "deny" | "partial" | "external";

export interface Hop {
  readonly resource: string;
  readonly decision: Decision;
  readonly why: string;
}

export interface FlowResult {
  /** reachable; blocked (some hop denies); external (it depends on rules made outside Terraform); undetermined. */
  readonly verdict: "reachable" | "blocked" | "external" | "undetermined";
  readonly hops: readonly Hop[];
}

export interface FlowQuery {
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly protocol: "tcp" | "udp";
  readonly port: number;
}

/** What the evaluator needs besides the two endpoints. */
export interface NetworkContext {
  readonly endpoints: readonly VpcEndpointNode[];
  /** The VPC CIDR a subnet belongs to (the local route). */
  vpcCidrOf(subnet: SubnetNode): string | undefined;
}

/** Ports a client picks for its side of a connection: the replies come back to them. */
export const EPHEMERAL_PORTS: readonly [number, number] = [1024, 65535];
const ANYWHERE = "0.0.0.0/0";

/** The interface VPC endpoint that answers a service's public name inside the VPC (private DNS), if any. */
export function interfaceEndpointFor(endpoints: readonly VpcEndpointNode[], service: string): VpcEndpointNode | undefined {
  return endpoints.find((e) => e.type === "Interface" && e.privateDns && e.service === service && e.subnets.length > 0);
}

export function evaluateFlow(query: FlowQuery, context: NetworkContext): FlowResult {
  const hops: Hop[] = [];
  const { source, destination, protocol, port } = query;
  if (source.kind !== "interface") {
    if (destination.kind !== "interface") throw new Error("a flow needs an interface at one end at least");
    hops.push(...fromInternet(destination.iface, protocol, port));
    return verdictOf(hops);
  }
  const from = source.iface;
  let to: NetworkInterface | undefined = destination.kind === "interface" ? destination.iface : undefined;
  if (destination.kind === "aws-service") {
    const endpoint = interfaceEndpointFor(context.endpoints, destination.service);
    if (endpoint) {
      hops.push({
        resource: endpoint.address,
        decision: "allow",
        why: `the interface endpoint for ${destination.service} answers its name inside the VPC (private DNS)`,
      });
      to = { label: `VPC endpoint ${destination.service}`, groups: endpoint.groups, subnet: endpoint.subnets[0], owner: endpoint.address };
    }
  }
  if (to) {
    hops.push(groupHop(from, "egress", protocol, port, { kind: "interface", iface: to }));
    if (from.subnet !== to.subnet) {
      hops.push(...aclHops(from.subnet.acl, "out", protocol, port, to.subnet.cidr, from.subnet));
      hops.push(localRoute(from.subnet, to.subnet, context));
      hops.push(...aclHops(to.subnet.acl, "in", protocol, port, from.subnet.cidr, to.subnet));
    }
    hops.push(groupHop(to, "ingress", protocol, port, { kind: "interface", iface: from }));
    return verdictOf(hops);
  }
  // Out of the VPC: the internet, or a public AWS endpoint.
  const what = destination.kind === "aws-service" ? `the public ${destination.service} endpoint` : "the internet";
  const out = from.outsideVpc ?? from;
  if (out !== from)
    hops.push({
      resource: from.owner,
      decision: "allow",
      why: `${from.label} sends what leaves the VPC through ${out.label} (source NAT), with its groups`,
    });
  hops.push(groupHop(out, "egress", protocol, port, { kind: "internet" }));
  hops.push(...aclHops(out.subnet.acl, "out", protocol, port, ANYWHERE, out.subnet));
  hops.push(...routeOut(out, what));
  return verdictOf(hops);
}

/** The verdict of a path: any deny blocks it; else an undecided hop leaves it undetermined; else external or reachable. */
export function verdictOf(hops: Hop[]): FlowResult {
  if (hops.some((h) => h.decision === "deny")) return { verdict: "blocked", hops };
  if (hops.some((h) => h.decision === "partial")) return { verdict: "undetermined", hops };
  if (hops.some((h) => h.decision === "external")) return { verdict: "external", hops };
  return { verdict: "reachable", hops };
}

// ---- security groups ----------------------------------------------------------------------------------

const protocolMatches = (rule: Protocol, flow: Protocol) => rule === "all" || rule === flow;
const portMatches = (rule: { protocol: Protocol; fromPort: number; toPort: number }, port: number) =>
  rule.protocol === "all" || (rule.fromPort <= port && port <= rule.toPort);

/** How a CIDR covers the other side: all of it, some of it, none. */
function cidrCovers(ruleCidr: string, other: Endpoint): Decision {
  if (ruleCidr.includes(":")) return "deny"; // IPv6 only: our flows are IPv4
  const rule = parseCidrSafe(ruleCidr);
  if (!rule) return "partial";
  if (other.kind !== "interface") return rule.prefix === 0 ? "allow" : "partial"; // public addresses: only 0.0.0.0/0 surely covers them
  const cidr = other.iface.subnet.cidr && parseCidrSafe(other.iface.subnet.cidr);
  if (!cidr) return "partial";
  if (contains(rule, cidr)) return "allow";
  return overlaps(rule, cidr) ? "partial" : "deny";
}

function groupHop(iface: NetworkInterface, direction: "ingress" | "egress", protocol: Protocol, port: number, other: Endpoint): Hop {
  const what = `${port}/${protocol} ${direction === "egress" ? "out" : "in"}`;
  if (iface.groups.length === 0)
    return { resource: iface.owner, decision: "deny", why: `${iface.label} carries no security group, so no rule lets ${what}` };
  let partial: string | undefined;
  for (const group of iface.groups) {
    for (const rule of group.rules) {
      if (rule.direction !== direction || !protocolMatches(rule.protocol, protocol) || !portMatches(rule, port)) continue;
      for (const peer of rule.peers) {
        let decision: Decision = "deny";
        if (peer.kind === "group") decision = other.kind === "interface" && other.iface.groups.includes(peer.group) ? "allow" : "deny";
        else if (peer.kind === "cidr") decision = cidrCovers(peer.cidr, other);
        else if (peer.kind === "unknown") decision = "partial";
        if (decision === "allow") {
          const by =
            peer.kind === "group"
              ? peer.group === group
                ? "its own members"
                : peer.group.label
              : peer.kind === "cidr"
                ? peer.cidr
                : "a prefix list";
          const external = group.managedOutside && rule.address === group.address ? ` (${group.managedOutside})` : "";
          return {
            resource: rule.address,
            decision: "allow",
            why: `${group.label} lets ${what} ${direction === "egress" ? "to" : "from"} ${by}${external}`,
          };
        }
        if (decision === "partial") partial ??= rule.address;
      }
    }
  }
  const groups = iface.groups.map((g) => g.label).join(", ");
  if (partial)
    return {
      resource: partial,
      decision: "partial",
      why: `a rule of ${groups} covers only part of the other side's addresses, or a value only apply knows`,
    };
  return {
    resource: iface.groups.length === 1 ? iface.groups[0].address : iface.owner,
    decision: "deny",
    why: `no rule of ${groups} on ${iface.label} lets ${what} ${direction === "egress" ? "to" : "from"} ${describe(other)}`,
  };
}

function describe(endpoint: Endpoint): string {
  return endpoint.kind === "interface"
    ? `${endpoint.iface.label} (${endpoint.iface.groups.map((g) => g.label).join(", ") || "no group"})`
    : "the internet";
}

// ---- network ACLs ---------------------------------------------------------------------------------------

/**
 * The ACL's decision for a protocol, a port range and a peer range, rule by rule in number order, first match
 * wins, the rest denied; "partial" when some ports are allowed and others not, or a rule covers only part of the
 * peer range.
 */
export function aclDecision(
  rules: readonly NaclRule[],
  protocol: Protocol,
  ports: readonly [number, number],
  peer: string | undefined,
): { decision: Decision; why: string } {
  const peerBlock = peer ? parseCidrSafe(peer) : undefined;
  let remaining: Array<[number, number]> = [[ports[0], ports[1]]];
  const allowed: number[] = [];
  const denied: number[] = [];
  let partialRule: number | undefined;
  for (const rule of [...rules].sort((a, b) => a.number - b.number)) {
    if (remaining.length === 0) break;
    if (!protocolMatches(rule.protocol, protocol)) continue;
    const ruleBlock = parseCidrSafe(rule.cidr);
    if (!ruleBlock || !peerBlock) {
      partialRule ??= rule.number;
      continue;
    }
    if (!contains(ruleBlock, peerBlock)) {
      if (overlaps(ruleBlock, peerBlock)) partialRule ??= rule.number;
      continue;
    }
    const [low, high] = rule.protocol === "all" ? [0, 65535] : [rule.fromPort, rule.toPort];
    const next: Array<[number, number]> = [];
    for (const [from, to] of remaining) {
      const hitFrom = Math.max(from, low);
      const hitTo = Math.min(to, high);
      if (hitFrom > hitTo) {
        next.push([from, to]);
        continue;
      }
      (rule.action === "allow" ? allowed : denied).push(rule.number);
      if (from < hitFrom) next.push([from, hitFrom - 1]);
      if (hitTo < to) next.push([hitTo + 1, to]);
    }
    remaining = next;
  }
  const range = ports[0] === ports[1] ? `${ports[0]}` : `${ports[0]}-${ports[1]}`;
  const rulesText = (numbers: number[]) => [...new Set(numbers)].map((n) => `rule ${n}`).join(", ");
  if (partialRule !== undefined && remaining.length > 0)
    return { decision: "partial", why: `rule ${partialRule} covers only part of ${peer ?? "the peer"}` };
  if (denied.length === 0 && remaining.length === 0) return { decision: "allow", why: `${rulesText(allowed)} allow ${protocol} ${range}` };
  if (allowed.length === 0) {
    return {
      decision: "deny",
      why:
        denied.length > 0
          ? `${rulesText(denied)} deny ${protocol} ${range}`
          : `no rule matches ${protocol} ${range} ${peer ? `with ${peer}` : ""}, so the final rule denies it`,
    };
  }
  return {
    decision: "partial",
    why: `only part of ${protocol} ${range} is allowed (${rulesText(allowed)})${remaining.length > 0 ? "; the rest hits the final deny" : `; ${rulesText(denied)} deny the rest`}`,
  };
}

/** Both directions an ACL sees for one flow: the request, and the reply on the ephemeral ports. */
function aclHops(
  acl: NetworkAclNode,
  side: "in" | "out",
  protocol: Protocol,
  port: number,
  peer: string | undefined,
  subnet: SubnetNode,
): Hop[] {
  if (acl.isDefault)
    return [
      { resource: subnet.address, decision: "allow", why: `${subnet.label} uses the VPC's default network ACL, which allows all traffic` },
    ];
  const request = aclDecision(side === "out" ? acl.egress : acl.ingress, protocol, [port, port], peer);
  const reply = aclDecision(side === "out" ? acl.ingress : acl.egress, protocol, EPHEMERAL_PORTS, peer);
  const where = `${acl.label} of ${subnet.label}`;
  return [
    {
      resource: acl.address,
      decision: request.decision,
      why: `${where}, ${side === "out" ? "outbound" : "inbound"} ${port}/${protocol} ${side === "out" ? "to" : "from"} ${peer ?? "?"}: ${request.why}`,
    },
    {
      resource: acl.address,
      decision: reply.decision,
      why: `${where}, the ${side === "out" ? "inbound" : "outbound"} reply on ephemeral ports ${EPHEMERAL_PORTS.join("-")} ${side === "out" ? "from" : "to"} ${peer ?? "?"} (ACLs are stateless): ${reply.why}`,
    },
  ];
}

// ---- routes --------------------------------------------------------------------------------------------------

function localRoute(from: SubnetNode, to: SubnetNode, context: NetworkContext): Hop {
  const vpc = context.vpcCidrOf(from);
  const target = to.cidr && parseCidrSafe(to.cidr);
  const block = vpc && parseCidrSafe(vpc);
  if (block && target && !contains(block, target))
    return { resource: from.routeTable.address, decision: "deny", why: `${to.label} is outside the VPC ${vpc}` };
  return {
    resource: from.routeTable.address,
    decision: "allow",
    why: `the local route of ${from.routeTable.label} reaches ${to.label} inside the VPC${vpc ? ` ${vpc}` : ""}`,
  };
}

/** The most specific route of a table to anywhere outside the VPC (0.0.0.0/0 and its parts). */
function defaultRoute(table: RouteTableNode) {
  return table.routes
    .filter((route) => route.destination === ANYWHERE || (parseCidrSafe(route.destination)?.prefix ?? 33) === 0)
    .sort((a, b) => (parseCidrSafe(b.destination)?.prefix ?? 0) - (parseCidrSafe(a.destination)?.prefix ?? 0))[0];
}

function routeOut(from: NetworkInterface, what: string): Hop[] {
  const table = from.subnet.routeTable;
  const route = defaultRoute(table);
  if (!route) {
    const why = table.isMain
      ? "uses the VPC's main route table, which holds only the local route"
      : `${table.label} has no route to 0.0.0.0/0`;
    return [{ resource: table.address, decision: "deny", why: `${from.subnet.label} ${why}: ${what} is unreachable` }];
  }
  const target = route.target;
  if (target.kind === "nat-gateway") {
    const nat = target.nat;
    const hops: Hop[] = [{ resource: route.address, decision: "allow", why: `${table.label} sends 0.0.0.0/0 to ${nat.label}` }];
    if (!nat.subnet)
      return [...hops, { resource: nat.address, decision: "partial", why: `${nat.label}'s subnet is not part of this environment` }];
    const onward = defaultRoute(nat.subnet.routeTable);
    if (onward?.target.kind !== "internet-gateway") {
      return [
        ...hops,
        {
          resource: nat.subnet.routeTable.address,
          decision: "deny",
          why: `${nat.label} sits in ${nat.subnet.label}, whose route table has no route to an internet gateway`,
        },
      ];
    }
    return [
      ...hops,
      {
        resource: onward.address,
        decision: "allow",
        why: `${nat.label} in ${nat.subnet.label} reaches ${what} through the internet gateway`,
      },
    ];
  }
  if (target.kind === "internet-gateway") {
    return from.publicAddress
      ? [
          {
            resource: route.address,
            decision: "allow",
            why: `${table.label} sends 0.0.0.0/0 to the internet gateway, and ${from.label} has a public address`,
          },
        ]
      : [
          {
            resource: route.address,
            decision: "deny",
            why: `${table.label} sends 0.0.0.0/0 to an internet gateway, but ${from.label} has no public address to translate to (pods with security groups get no SNAT)`,
          },
        ];
  }
  if (target.kind === "vpc-endpoint")
    return [{ resource: route.address, decision: "partial", why: `0.0.0.0/0 goes to a gateway endpoint: only its service is reachable` }];
  return [
    {
      resource: route.address,
      decision: "partial",
      why: `0.0.0.0/0 goes to ${target.kind === "other" ? target.description : target.kind}, which this model does not follow`,
    },
  ];
}

function fromInternet(to: NetworkInterface, protocol: Protocol, port: number): Hop[] {
  const hops: Hop[] = [];
  hops.push(
    to.publicAddress
      ? { resource: to.owner, decision: "allow", why: `${to.label} has a public address` }
      : { resource: to.owner, decision: "deny", why: `${to.label} has no public address: nothing on the internet can address it` },
  );
  const route = defaultRoute(to.subnet.routeTable);
  hops.push(
    route?.target.kind === "internet-gateway"
      ? { resource: route.address, decision: "allow", why: `${to.subnet.label} routes to an internet gateway` }
      : {
          resource: to.subnet.routeTable.address,
          decision: "deny",
          why: `${to.subnet.label} has no route to an internet gateway, so no reply could leave`,
        },
  );
  hops.push(...aclHops(to.subnet.acl, "in", protocol, port, ANYWHERE, to.subnet));
  hops.push(groupHop(to, "ingress", protocol, port, { kind: "internet" }));
  return hops;
}

/** Flows are IPv4: an IPv6 block reads as no block. */
const parseCidrSafe = (text: string) => tryParseCidr(text, "ipv4");
