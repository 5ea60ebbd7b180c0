import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { NetworkAcl, type NetworkAclEgress, type NetworkAclIngress } from "@cdktf/provider-aws/lib/network-acl";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";

export interface NetworkProps {
  /** Prefix for Name tags, e.g. "dev". */
  readonly namePrefix: string;
  /** EKS cluster that will use the subnets (for the kubernetes.io/cluster tag). */
  readonly clusterName: string;
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
  /** Nodes and pods, one per AZ. Tagged for internal load balancers. */
  readonly privateEksSubnetCidrs: readonly string[];
  /** Internet-facing load balancers and NAT gateways, one per AZ. */
  readonly publicEksSubnetCidrs: readonly string[];
  /** The database tier, one per AZ: no route out of the VPC. */
  readonly privateRdsSubnetCidrs: readonly string[];
  /** One NAT gateway per AZ (survives an AZ outage) or a single one (cheaper). */
  readonly natGateways: "per-az" | "single";
  /** The only port the database tier's network ACL admits, and only from the private EKS subnets. */
  readonly databasePort: number;
  /** A node group runs in the public subnets: its instances need public IPs on launch to join the cluster. */
  readonly publicNodes: boolean;
}

/**
 * The VPC of the series: private and public EKS subnets, isolated RDS subnets, an internet gateway, NAT for
 * the private EKS tier (pods with security groups get no SNAT, so they must live behind NAT), and a
 * stateless network ACL around the database tier as a second, subnet-level fence.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly privateEksSubnets: Subnet[];
  readonly publicEksSubnets: Subnet[];
  readonly privateRdsSubnets: Subnet[];
  readonly databaseNetworkAcl: NetworkAcl;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const name = (suffix: string) => ({ Name: `${props.namePrefix}-${suffix}` });

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.vpcCidr,
      // Both are required for EKS private endpoints and for pods resolving the RDS endpoint.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: name("vpc"),
    });

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
    this.privateEksSubnets = subnets("private-eks", props.privateEksSubnetCidrs, {
      ...clusterTag,
      "kubernetes.io/role/internal-elb": "1",
    });
    // Public IPs on launch only when a public node group needs them to join; load balancers do not.
    this.publicEksSubnets = subnets(
      "public-eks",
      props.publicEksSubnetCidrs,
      { ...clusterTag, "kubernetes.io/role/elb": "1" },
      props.publicNodes,
    );
    this.privateRdsSubnets = subnets("private-rds", props.privateRdsSubnetCidrs, {});

    const internetGateway = new InternetGateway(this, "internet-gateway", { vpcId: this.vpc.id, tags: name("igw") });
    const publicRoutes = new RouteTable(this, "public-routes", {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }],
      tags: name("public"),
    });
    this.publicEksSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `public-eks-${index + 1}-routes`, {
          subnetId: subnet.id,
          routeTableId: publicRoutes.id,
        }),
    );

    const natCount = props.natGateways === "per-az" ? this.publicEksSubnets.length : 1;
    const natGateways = this.publicEksSubnets.slice(0, natCount).map((subnet, index) => {
      const address = new Eip(this, `nat-${index + 1}-address`, { domain: "vpc", tags: name(`nat-${index + 1}`) });
      return new NatGateway(this, `nat-${index + 1}`, {
        allocationId: address.id,
        subnetId: subnet.id,
        tags: name(`nat-${index + 1}`),
        dependsOn: [internetGateway],
      });
    });
    this.privateEksSubnets.forEach((subnet, index) => {
      const routes = new RouteTable(this, `private-eks-${index + 1}-route-table`, {
        vpcId: this.vpc.id,
        route: [{ cidrBlock: "0.0.0.0/0", natGatewayId: natGateways[index % natGateways.length].id }],
        tags: name(`private-eks-${index + 1}`),
      });
      new RouteTableAssociation(this, `private-eks-${index + 1}-routes`, {
        subnetId: subnet.id,
        routeTableId: routes.id,
      });
    });

    // The database tier only knows the VPC's local route: no internet gateway, no NAT.
    const databaseRoutes = new RouteTable(this, "private-rds-route-table", {
      vpcId: this.vpc.id,
      tags: name("private-rds"),
    });
    this.privateRdsSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `private-rds-${index + 1}-routes`, {
          subnetId: subnet.id,
          routeTableId: databaseRoutes.id,
        }),
    );

    this.databaseNetworkAcl = new NetworkAcl(this, "private-rds-acl", {
      vpcId: this.vpc.id,
      subnetIds: this.privateRdsSubnets.map((subnet) => subnet.id),
      ...databaseTierRules(props),
      tags: name("private-rds"),
    });
  }
}

/**
 * Network ACLs are stateless, so each allowed flow needs its return path:
 * - in: the database port from each private EKS subnet; out: ephemeral ports back to it;
 * - between the database subnets, all TCP both ways (Multi-AZ standby and replication).
 * Everything else hits the implicit deny.
 */
function databaseTierRules(props: NetworkProps): { ingress: NetworkAclIngress[]; egress: NetworkAclEgress[] } {
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
