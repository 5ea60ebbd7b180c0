/**
 * The VPC as the reachability evaluator sees it, built from the synthesized Terraform: security groups with
 * their rules (whichever of the three Terraform styles wrote them), subnets with their route table and network
 * ACL, NAT and internet gateways, VPC endpoints. Every piece keeps the Terraform address it came from.
 *
 * What is not in Terraform but is certain is modelled with its source: the EKS cluster security group (created
 * by EKS: "inbound: all traffic from itself; outbound: all traffic to 0.0.0.0/0", EKS user guide, "View Amazon
 * EKS security group requirements for clusters"), a subnet's default network ACL (allows everything until
 * changed, VPC user guide, "Default network ACL") and a VPC's main route table (the local route only, unless
 * Terraform manages it).
 */
import type { EnvironmentModel } from "../model/environment-model";
import { portsOf, protocolOf, type Protocol } from "../model/security-group-rules";
import type { TerraformBlock } from "../model/terraform-config";
import { literalOf } from "./values";

export type { Protocol };

/** Who a rule admits or lets out: members of a group, an address range, or a prefix list. */
export type Peer =
  | { readonly kind: "group"; readonly group: SecurityGroupNode }
  | { readonly kind: "cidr"; readonly cidr: string }
  | { readonly kind: "prefix-list"; readonly id: string }
  | { readonly kind: "unknown"; readonly value: string };

export interface SecurityGroupRule {
  readonly direction: "ingress" | "egress";
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peers: readonly Peer[];
  /** The Terraform block that writes the rule. */
  readonly address: string;
}

export interface SecurityGroupNode {
  /** The Terraform address, or `<cluster address>.vpc_config[0].cluster_security_group_id` for EKS's group. */
  readonly address: string;
  readonly label: string;
  /** Construct path of the block that creates (or, for EKS's group, implies) it. */
  readonly path: string;
  readonly rules: SecurityGroupRule[];
  /** Set when the group, or some of its rules, exist outside Terraform: what and why. */
  readonly managedOutside?: string;
}

export interface NaclRule {
  readonly number: number;
  readonly action: "allow" | "deny";
  readonly protocol: Protocol;
  readonly cidr: string;
  readonly fromPort: number;
  readonly toPort: number;
}

export interface NetworkAclNode {
  readonly address: string;
  readonly label: string;
  readonly path: string;
  readonly ingress: readonly NaclRule[];
  readonly egress: readonly NaclRule[];
  /** The VPC's default ACL, which allows everything (no Terraform block manages it). */
  readonly isDefault: boolean;
}

export type RouteTarget =
  | { readonly kind: "local" }
  | { readonly kind: "internet-gateway"; readonly address: string }
  | { readonly kind: "nat-gateway"; readonly nat: NatGatewayNode }
  | { readonly kind: "vpc-endpoint"; readonly address: string }
  | { readonly kind: "other"; readonly description: string };

export interface Route {
  /** IPv4 destination (a CIDR), or a prefix list id for gateway endpoints. */
  readonly destination: string;
  readonly target: RouteTarget;
  readonly address: string;
}

export interface RouteTableNode {
  readonly address: string;
  readonly label: string;
  readonly path: string;
  readonly routes: readonly Route[];
  /** The VPC's main table, which Terraform does not manage here: only the local route is certain. */
  readonly isMain: boolean;
}

export interface SubnetNode {
  readonly address: string;
  readonly label: string;
  readonly path: string;
  /** Undefined when only apply knows it. */
  readonly cidr?: string;
  readonly mapsPublicIp: boolean;
  /**
   * Tagged kubernetes.io/role/cni (with a value other than "0"): the VPC CNI's subnet discovery (on by default
   * since v1.18.0) may put secondary ENIs, and so pods, there (aws/amazon-vpc-cni-k8s README,
   * ENABLE_SUBNET_DISCOVERY; pkg/awsutils/awsutils.go isSubnetValidForENICreation).
   */
  readonly cniTagged: boolean;
  readonly routeTable: RouteTableNode;
  readonly acl: NetworkAclNode;
}

export interface NatGatewayNode {
  readonly address: string;
  readonly label: string;
  readonly subnet?: SubnetNode;
}

export interface VpcEndpointNode {
  readonly address: string;
  /** "sts", "secretsmanager", "ecr.api", "s3"... (the end of the service name). */
  readonly service: string;
  readonly type: "Interface" | "Gateway";
  readonly privateDns: boolean;
  readonly subnets: readonly SubnetNode[];
  readonly groups: readonly SecurityGroupNode[];
}

export interface VpcNode {
  readonly address: string;
  readonly cidr?: string;
}

const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** Builds, once, every network node of an environment. */
export class NetworkModel {
  readonly groups = new Map<string, SecurityGroupNode>();
  readonly subnets = new Map<string, SubnetNode>();
  readonly vpcs: VpcNode[];
  readonly endpoints: VpcEndpointNode[];
  private readonly tables = new Map<string, RouteTableNode>();
  private readonly acls = new Map<string, NetworkAclNode>();
  private readonly nats = new Map<string, NatGatewayNode>();

  constructor(private readonly model: EnvironmentModel) {
    for (const group of model.resources("aws_security_group")) {
      this.groups.set(group.address, { address: group.address, label: model.label(group), path: group.path, rules: [] });
    }
    for (const cluster of model.resources("aws_eks_cluster")) {
      const address = clusterGroupAddress(cluster);
      const node: SecurityGroupNode = {
        address,
        label: `EKS cluster security group of ${model.label(cluster)}`,
        path: cluster.path,
        rules: [],
        managedOutside:
          "created by EKS with inbound all traffic from itself and outbound all traffic (EKS user guide, security group requirements); the cloud controller adds load balancer rules at runtime",
      };
      node.rules.push(
        { direction: "ingress", protocol: "all", fromPort: 0, toPort: 65535, peers: [{ kind: "group", group: node }], address },
        { direction: "egress", protocol: "all", fromPort: 0, toPort: 65535, peers: [{ kind: "cidr", cidr: "0.0.0.0/0" }], address },
      );
      this.groups.set(address, node);
    }
    this.collectRules();
    this.vpcs = model.resources("aws_vpc").map((vpc) => ({ address: vpc.address, cidr: literalOf(model, vpc, vpc.config.cidr_block) }));
    for (const nat of model.resources("aws_nat_gateway")) this.nats.set(nat.address, { address: nat.address, label: model.label(nat) });
    for (const subnet of model.resources("aws_subnet")) this.subnets.set(subnet.address, this.subnetNode(subnet));
    for (const nat of model.resources("aws_nat_gateway")) {
      const node = this.nats.get(nat.address)! as { subnet?: SubnetNode };
      node.subnet = this.subnetOf(nat, nat.config.subnet_id);
    }
    this.endpoints = model.resources("aws_vpc_endpoint").map((endpoint) => ({
      address: endpoint.address,
      service: String(endpoint.config.service_name ?? "").replace(/^com\.amazonaws\.[^.]+\./, ""),
      type: endpoint.config.vpc_endpoint_type === "Interface" ? "Interface" : "Gateway",
      privateDns: endpoint.config.private_dns_enabled === true,
      subnets: list(endpoint.config.subnet_ids).flatMap((value) => this.subnetOf(endpoint, value) ?? []),
      groups: list(endpoint.config.security_group_ids).flatMap((value) => this.groupOf(endpoint, value) ?? []),
    }));
  }

  /** The security group a value names: an aws_security_group's id, or a cluster's EKS-managed group. */
  groupOf(holder: TerraformBlock, value: unknown): SecurityGroupNode | undefined {
    const reference = this.model.reference(holder, value);
    if (!reference) return undefined;
    if (reference.block.type === "aws_security_group" && reference.attribute === "id") return this.groups.get(reference.block.address);
    if (reference.block.type === "aws_eks_cluster" && reference.attribute === "vpc_config[0].cluster_security_group_id") {
      return this.groups.get(clusterGroupAddress(reference.block));
    }
    return undefined;
  }

  subnetOf(holder: TerraformBlock, value: unknown): SubnetNode | undefined {
    const reference = this.model.reference(holder, value);
    return reference?.block.type === "aws_subnet" && reference.attribute === "id" ? this.subnets.get(reference.block.address) : undefined;
  }

  /** The VPC a subnet is in (for the local route), by its vpc_id. */
  vpcCidrOf(subnet: SubnetNode): string | undefined {
    const block = this.model.resources("aws_subnet").find((s) => s.address === subnet.address);
    const vpc = block && this.model.reference(block, block.config.vpc_id);
    return vpc?.block.type === "aws_vpc" ? this.vpcs.find((v) => v.address === vpc.block.address)?.cidr : undefined;
  }

  /** Every rule from the model's one reader of security-group rules, with its group and peers resolved. */
  private collectRules(): void {
    const model = this.model;
    for (const rule of model.securityGroupRules()) {
      const group = "inline" in rule.group ? this.groups.get(rule.group.inline.address) : this.groupOf(rule.resource, rule.group.value);
      if (!group) continue;
      const peers: Peer[] = [
        ...rule.cidrs.map((cidr): Peer => {
          const text = literalOf(model, rule.resource, cidr);
          return text ? { kind: "cidr", cidr: text } : { kind: "unknown", value: String(cidr) };
        }),
        ...rule.prefixLists.map((id): Peer => ({ kind: "prefix-list", id: String(id) })),
        ...rule.peerGroups.map((value): Peer => {
          const peer = this.groupOf(rule.resource, value);
          return peer ? { kind: "group", group: peer } : { kind: "unknown", value: String(value) };
        }),
        ...(rule.self ? [{ kind: "group", group } as Peer] : []),
      ];
      const { direction, protocol, fromPort, toPort } = rule;
      group.rules.push({ direction, protocol, fromPort, toPort, peers, address: rule.resource.address });
    }
  }

  private subnetNode(subnet: TerraformBlock): SubnetNode {
    return {
      address: subnet.address,
      label: this.model.label(subnet),
      path: subnet.path,
      cidr: literalOf(this.model, subnet, subnet.config.cidr_block),
      mapsPublicIp: subnet.config.map_public_ip_on_launch === true,
      cniTagged: ((tag) => tag !== undefined && tag !== null && String(tag) !== "0")(subnet.config.tags?.["kubernetes.io/role/cni"]),
      routeTable: this.routeTableOf(subnet),
      acl: this.aclOf(subnet),
    };
  }

  private routeTableOf(subnet: TerraformBlock): RouteTableNode {
    const association = this.model.referrers("aws_route_table_association", "subnet_id", subnet, "id")[0];
    const table = association && this.model.reference(association, association.config.route_table_id)?.block;
    if (table?.type !== "aws_route_table") {
      const key = `main route table of the VPC of ${subnet.address}`;
      if (!this.tables.has(key))
        this.tables.set(key, { address: key, label: "the VPC's main route table", path: subnet.path, routes: [], isMain: true });
      return this.tables.get(key)!;
    }
    const cached = this.tables.get(table.address);
    if (cached) return cached;
    const routes: Route[] = [
      ...(list(table.config.route) as any[]).map((route) => this.route(table, route, table.address)),
      ...this.model.referrers("aws_route", "route_table_id", table, "id").map((route) => this.route(route, route.config, route.address)),
    ];
    const node: RouteTableNode = { address: table.address, label: this.model.label(table), path: table.path, routes, isMain: false };
    this.tables.set(table.address, node);
    return node;
  }

  private route(holder: TerraformBlock, route: any, address: string): Route {
    const destination = String(
      route.cidr_block ?? route.destination_cidr_block ?? route.destination_prefix_list_id ?? route.ipv6_cidr_block ?? "",
    );
    const targetOf = (): RouteTarget => {
      for (const value of [route.nat_gateway_id, route.gateway_id, route.vpc_endpoint_id]) {
        const reference = value === undefined ? undefined : this.model.reference(holder, value);
        if (reference?.block.type === "aws_nat_gateway") return { kind: "nat-gateway", nat: this.nats.get(reference.block.address)! };
        if (reference?.block.type === "aws_internet_gateway") return { kind: "internet-gateway", address: reference.block.address };
        if (reference?.block.type === "aws_vpc_endpoint") return { kind: "vpc-endpoint", address: reference.block.address };
        if (value === "local") return { kind: "local" };
      }
      return { kind: "other", description: JSON.stringify(route) };
    };
    return { destination, target: targetOf(), address };
  }

  private aclOf(subnet: TerraformBlock): NetworkAclNode {
    const acl =
      this.model
        .resources("aws_network_acl")
        .find((a) => list(a.config.subnet_ids).some((value) => this.model.isReferenceTo(a, value, subnet, "id"))) ??
      this.model
        .referrers("aws_network_acl_association", "subnet_id", subnet, "id")
        .map((association) => this.model.reference(association, association.config.network_acl_id)?.block)
        .find((block) => block?.type === "aws_network_acl");
    if (!acl) {
      const key = "default network ACL";
      if (!this.acls.has(key)) {
        const all: NaclRule = { number: 100, action: "allow", protocol: "all", cidr: "0.0.0.0/0", fromPort: 0, toPort: 65535 };
        this.acls.set(key, {
          address: key,
          label: "the VPC's default network ACL",
          path: subnet.path,
          ingress: [all],
          egress: [all],
          isDefault: true,
        });
      }
      return this.acls.get(key)!;
    }
    const cached = this.acls.get(acl.address);
    if (cached) return cached;
    const rule = (holder: TerraformBlock, r: any): NaclRule => {
      const protocol = protocolOf(r.protocol);
      const [fromPort, toPort] = portsOf(protocol, r.from_port, r.to_port);
      return {
        number: Number(r.rule_no ?? r.rule_number),
        action: r.action ?? r.rule_action,
        protocol,
        cidr: literalOf(this.model, holder, r.cidr_block) ?? "?",
        fromPort,
        toPort,
      };
    };
    const separate = this.model.referrers("aws_network_acl_rule", "network_acl_id", acl, "id");
    const node: NetworkAclNode = {
      address: acl.address,
      label: this.model.label(acl),
      path: acl.path,
      ingress: [
        ...(list(acl.config.ingress) as any[]).map((r) => rule(acl, r)),
        ...separate.filter((r) => r.config.egress !== true).map((r) => rule(r, r.config)),
      ],
      egress: [
        ...(list(acl.config.egress) as any[]).map((r) => rule(acl, r)),
        ...separate.filter((r) => r.config.egress === true).map((r) => rule(r, r.config)),
      ],
      isDefault: false,
    };
    this.acls.set(acl.address, node);
    return node;
  }
}

/**
 * Why a subnet is not private, or undefined when it is: no public IPs on launch, and a route table of its own
 * without a default route to an internet gateway.
 */
export function publicSubnetReason(subnet: SubnetNode): string | undefined {
  if (subnet.mapsPublicIp) return `${subnet.label} gives instances public IPs`;
  if (subnet.routeTable.isMain) return `${subnet.label} has no route table association (it uses the VPC's main route table)`;
  const toInternet = subnet.routeTable.routes.some(
    (route) => ["0.0.0.0/0", "::/0"].includes(route.destination) && route.target.kind === "internet-gateway",
  );
  return toInternet ? `${subnet.label} routes 0.0.0.0/0 to an internet gateway (a public subnet)` : undefined;
}

/** The address the EKS-managed cluster security group of a cluster goes by. */
export function clusterGroupAddress(cluster: TerraformBlock): string {
  return `${cluster.address}.vpc_config[0].cluster_security_group_id`;
}
