import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { NetworkAcl, type NetworkAclEgress, type NetworkAclIngress } from "@cdktf/provider-aws/lib/network-acl";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CLUSTER_SCOPED_NAMES, ROLE_NAMES } from "../eks/names";
import { LOG_DEFAULTS } from "../logs/defaults";
import { LogArchive } from "../logs/log-archive";
import { DATABASE_DEFAULTS } from "../rds/defaults";
import { NETWORK_DEFAULTS, type NatGatewayLayout } from "./defaults";
import { VpcFlowLog } from "./flow-log";
import { z } from "zod";
import { availabilityZoneProblems, subnetPlanProblems } from "../checks/cross-field";
import { availabilityZoneList, awsCidr, dbPort, vpcCidr } from "../checks/fields";
import { known, propNames, validateProps } from "../checks/validate-props";
import { knownRegionOf } from "../stack-context";

/**
 * Subnets of one tier, for the resources placed in them: their ids, and what must exist before an instance
 * in them can reach the internet (AWS CDK's `SelectedSubnets.internetConnectivityEstablished`). A node group
 * that depends on the latter never boots nodes that cannot pull their images.
 */
export interface SubnetGroup {
  readonly ids: string[];
  /** Route tables, their associations and the gateways they route to; empty for a tier with no way out. */
  readonly internetConnectivity: readonly ITerraformDependable[];
}

export interface NetworkProps {
  /** One subnet of each tier per AZ, in this order. At least two: EKS and the RDS subnet group need two. */
  readonly availabilityZones: readonly string[];
  /** EKS cluster that will use the subnets (for the kubernetes.io/cluster/<name> tag load balancers look for). */
  readonly clusterName: string;
  /**
   * Prefix of the Name tags.
   * @default the construct id
   */
  readonly namePrefix?: string;
  /** @default NETWORK_DEFAULTS.vpcCidr ("10.0.0.0/16") */
  readonly vpcCidr?: string;
  /**
   * Nodes and pods, one per AZ. Tagged for internal load balancers.
   * @default NETWORK_DEFAULTS.privateEksSubnetCidrs
   */
  readonly privateEksSubnetCidrs?: readonly string[];
  /**
   * Internet-facing load balancers and NAT gateways, one per AZ.
   * @default NETWORK_DEFAULTS.publicEksSubnetCidrs
   */
  readonly publicEksSubnetCidrs?: readonly string[];
  /**
   * The database tier, one per AZ: no route out of the VPC.
   * @default NETWORK_DEFAULTS.privateRdsSubnetCidrs
   */
  readonly privateRdsSubnetCidrs?: readonly string[];
  /**
   * One NAT gateway per AZ (survives an AZ outage) or a single one (cheaper).
   * @default "per-az"
   */
  readonly natGateways?: NatGatewayLayout;
  /**
   * The only port the database tier's network ACL admits, and only from the private EKS subnets.
   * @default DATABASE_DEFAULTS.port (5432)
   */
  readonly databasePort?: number;
  /**
   * A node group runs in the public subnets: its instances need public IPs on launch to join the cluster.
   * @default false
   */
  readonly publicNodes?: boolean;
  /**
   * Where the VPC flow logs go: their group, its key and retention.
   * @default an archive of the network's own, keeping LOG_DEFAULTS.retentionDays
   */
  readonly logArchive?: LogArchive;
  /** @default read at plan time (data "aws_partition") */
  readonly partition?: string;
  /** @default read at plan time (data "aws_region") */
  readonly region?: string;
}

/**
 * The VPC of the series: private and public EKS subnets, isolated RDS subnets, an internet gateway, NAT for
 * the private EKS tier (pods with security groups get no SNAT, so they must live behind NAT), a stateless
 * network ACL around the database tier as a second, subnet-level fence, and flow logs of all its traffic.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly vpcId: string;
  /** Nodes and pods: private, with a NAT route (pods with security groups get no SNAT, so they need NAT). */
  readonly privateEksSubnets: SubnetGroup;
  /** Load balancers and NAT gateways: routed to the internet gateway. */
  readonly publicEksSubnets: SubnetGroup;
  /** The database tier: the VPC's local route only. */
  readonly databaseSubnets: SubnetGroup;
  /** The address ranges of each tier, as configured (known at synth: NetworkPolicies and ACLs use them). */
  readonly cidrs: {
    readonly vpc: string;
    readonly privateEks: readonly string[];
    readonly publicEks: readonly string[];
    readonly database: readonly string[];
  };
  /** The subnet resources of each tier, for escape hatches. */
  readonly subnets: { readonly privateEks: Subnet[]; readonly publicEks: Subnet[]; readonly database: Subnet[] };
  readonly databaseNetworkAcl: NetworkAcl;
  /** Every accepted and rejected flow of the VPC, to an encrypted log group. */
  readonly flowLog: VpcFlowLog;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const settings = {
      vpcCidr: props.vpcCidr ?? NETWORK_DEFAULTS.vpcCidr,
      privateEksSubnetCidrs: props.privateEksSubnetCidrs ?? NETWORK_DEFAULTS.privateEksSubnetCidrs,
      publicEksSubnetCidrs: props.publicEksSubnetCidrs ?? NETWORK_DEFAULTS.publicEksSubnetCidrs,
      privateRdsSubnetCidrs: props.privateRdsSubnetCidrs ?? NETWORK_DEFAULTS.privateRdsSubnetCidrs,
      natGateways: props.natGateways ?? NETWORK_DEFAULTS.natGateways,
      databasePort: props.databasePort ?? DATABASE_DEFAULTS.port,
      publicNodes: props.publicNodes ?? false,
    };
    validateProps(this, () => ({
      props: [
        { prop: "availabilityZones", value: props.availabilityZones, check: availabilityZoneList },
        { prop: "vpcCidr", value: props.vpcCidr, check: vpcCidr },
        { prop: "privateEksSubnetCidrs", value: props.privateEksSubnetCidrs, check: z.array(awsCidr("10.0.0.0/23")) },
        { prop: "publicEksSubnetCidrs", value: props.publicEksSubnetCidrs, check: z.array(awsCidr("10.0.6.0/23")) },
        { prop: "privateRdsSubnetCidrs", value: props.privateRdsSubnetCidrs, check: z.array(awsCidr("10.0.4.0/24")) },
        { prop: "databasePort", value: props.databasePort, check: dbPort },
      ],
      together: known(props.availabilityZones)
        ? [
            ...availabilityZoneProblems(knownRegionOf(this, props.region), props.availabilityZones, propNames),
            ...(known(settings.vpcCidr) ? subnetPlanProblems(settings, props.availabilityZones.length, propNames) : []),
          ]
        : [],
    }));
    this.cidrs = {
      vpc: settings.vpcCidr,
      privateEks: [...settings.privateEksSubnetCidrs],
      publicEks: [...settings.publicEksSubnetCidrs],
      database: [...settings.privateRdsSubnetCidrs],
    };
    const namePrefix = props.namePrefix ?? id;
    const name = (suffix: string) => ({ Name: `${namePrefix}-${suffix}` });

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: settings.vpcCidr,
      // Both are required for EKS private endpoints and for pods resolving the RDS endpoint.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: name("vpc"),
    });
    this.vpcId = this.vpc.id;

    // The default security group allows all traffic between its members; nothing should use it.
    new DefaultSecurityGroup(this, "default-security-group", { vpcId: this.vpc.id, tags: name("default-deny") });

    const clusterTag = { [`kubernetes.io/cluster/${props.clusterName}`]: "shared" };
    const subnets = (tier: string, cidrs: readonly string[], tags: Record<string, string>, publicIps = false) =>
      cidrs.map(
        (cidrBlock, index) =>
          new Subnet(this, `${tier}-${index + 1}`, {
            vpcId: this.vpc.id,
            cidrBlock,
            availabilityZone: props.availabilityZones[index],
            mapPublicIpOnLaunch: publicIps,
            tags: { ...name(`${tier}-${index + 1}`), ...tags },
          }),
      );
    const privateEks = subnets("private-eks", settings.privateEksSubnetCidrs, {
      ...clusterTag,
      "kubernetes.io/role/internal-elb": "1",
    });
    // Public IPs on launch only when a public node group needs them to join; load balancers do not.
    const publicEks = subnets(
      "public-eks",
      settings.publicEksSubnetCidrs,
      { ...clusterTag, "kubernetes.io/role/elb": "1" },
      settings.publicNodes,
    );
    const database = subnets("private-rds", settings.privateRdsSubnetCidrs, {});
    this.subnets = { privateEks, publicEks, database };

    const internetGateway = new InternetGateway(this, "internet-gateway", { vpcId: this.vpc.id, tags: name("igw") });
    const publicRoutes = new RouteTable(this, "public-routes", {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }],
      tags: name("public"),
    });
    const publicAssociations = publicEks.map(
      (subnet, index) =>
        new RouteTableAssociation(this, `public-eks-${index + 1}-routes`, {
          subnetId: subnet.id,
          routeTableId: publicRoutes.id,
        }),
    );
    this.publicEksSubnets = {
      ids: publicEks.map((subnet) => subnet.id),
      internetConnectivity: [internetGateway, publicRoutes, ...publicAssociations],
    };

    const natCount = settings.natGateways === "per-az" ? publicEks.length : 1;
    const natGateways = publicEks.slice(0, natCount).map((subnet, index) => {
      const address = new Eip(this, `nat-${index + 1}-address`, { domain: "vpc", tags: name(`nat-${index + 1}`) });
      return new NatGateway(this, `nat-${index + 1}`, {
        allocationId: address.id,
        subnetId: subnet.id,
        tags: name(`nat-${index + 1}`),
        dependsOn: [internetGateway],
      });
    });
    const privateEgress = privateEks.flatMap((subnet, index) => {
      const routes = new RouteTable(this, `private-eks-${index + 1}-route-table`, {
        vpcId: this.vpc.id,
        route: [{ cidrBlock: "0.0.0.0/0", natGatewayId: natGateways[index % natGateways.length].id }],
        tags: name(`private-eks-${index + 1}`),
      });
      const association = new RouteTableAssociation(this, `private-eks-${index + 1}-routes`, {
        subnetId: subnet.id,
        routeTableId: routes.id,
      });
      return [routes, association];
    });
    this.privateEksSubnets = {
      ids: privateEks.map((subnet) => subnet.id),
      internetConnectivity: [...natGateways, ...privateEgress],
    };

    // The database tier only knows the VPC's local route: no internet gateway, no NAT.
    const databaseRoutes = new RouteTable(this, "private-rds-route-table", {
      vpcId: this.vpc.id,
      tags: name("private-rds"),
    });
    database.forEach((subnet, index) => {
      new RouteTableAssociation(this, `private-rds-${index + 1}-routes`, {
        subnetId: subnet.id,
        routeTableId: databaseRoutes.id,
      });
    });

    this.databaseSubnets = { ids: database.map((subnet) => subnet.id), internetConnectivity: [] };

    this.databaseNetworkAcl = new NetworkAcl(this, "private-rds-acl", {
      vpcId: this.vpc.id,
      subnetIds: this.databaseSubnets.ids,
      ...databaseTierRules(settings),
      tags: name("private-rds"),
    });

    const logArchive =
      props.logArchive ??
      new LogArchive(this, "logs", {
        keyAlias: `alias/${props.clusterName}-vpc-logs`,
        description: `the VPC of ${props.clusterName}`,
        retentionDays: LOG_DEFAULTS.retentionDays,
        partition: props.partition,
        region: props.region,
      });
    this.flowLog = new VpcFlowLog(this, "flow-log", {
      vpcId: this.vpc.id,
      logGroupName: CLUSTER_SCOPED_NAMES.flowLogGroup(props.clusterName),
      roleName: ROLE_NAMES.flowLogs(props.clusterName),
      logArchive,
      partition: props.partition,
      region: props.region,
    });
  }
}

/**
 * Network ACLs are stateless, so each allowed flow needs its return path:
 * - in: the database port from each private EKS subnet; out: ephemeral ports back to it;
 * - between the database subnets, all TCP both ways (Multi-AZ standby and replication).
 * Everything else hits the implicit deny.
 */
function databaseTierRules(props: {
  readonly privateEksSubnetCidrs: readonly string[];
  readonly privateRdsSubnetCidrs: readonly string[];
  readonly databasePort: number;
}): { ingress: NetworkAclIngress[]; egress: NetworkAclEgress[] } {
  const ingress: NetworkAclIngress[] = [];
  const egress: NetworkAclEgress[] = [];
  let ruleNo = 100;
  for (const cidrBlock of props.privateEksSubnetCidrs) {
    ingress.push({ ruleNo, action: "allow", protocol: "tcp", cidrBlock, fromPort: props.databasePort, toPort: props.databasePort });
    egress.push({ ruleNo, action: "allow", protocol: "tcp", cidrBlock, fromPort: 1024, toPort: 65535 });
    ruleNo += 1;
  }
  for (const cidrBlock of props.privateRdsSubnetCidrs) {
    ingress.push({ ruleNo, action: "allow", protocol: "tcp", cidrBlock, fromPort: 0, toPort: 65535 });
    egress.push({ ruleNo, action: "allow", protocol: "tcp", cidrBlock, fromPort: 0, toPort: 65535 });
    ruleNo += 1;
  }
  return { ingress, egress };
}
