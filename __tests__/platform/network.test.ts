import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { environmentWith } from "../helpers/environments";
import { referenceTo, resourceAt, resourcesOf, synthEnvironment, type SynthesizedEnvironment } from "../helpers/synth";

let dev: SynthesizedEnvironment;
beforeAll(() => {
  dev = synthEnvironment();
});

test("the VPC has DNS support and host names (EKS private endpoint, RDS names)", () => {
  expect(dev.platformJson).toHaveResourceWithProperties(Vpc, {
    cidr_block: "10.0.0.0/16",
    enable_dns_support: true,
    enable_dns_hostnames: true,
  });
});

test("the default security group is emptied, so nothing can rely on it", () => {
  const sg = Object.values(resourcesOf(dev.platformConfig, "aws_default_security_group"))[0] as any;
  expect(sg.ingress).toBeUndefined();
  expect(sg.egress).toBeUndefined();
  expect(dev.platformJson).toHaveResource(DefaultSecurityGroup);
});

describe("subnets", () => {
  test.each([
    ["private-eks-1", "10.0.0.0/23", "eu-west-1a", { "kubernetes.io/role/internal-elb": "1" }],
    ["private-eks-2", "10.0.2.0/23", "eu-west-1b", { "kubernetes.io/role/internal-elb": "1" }],
    ["public-eks-1", "10.0.6.0/23", "eu-west-1a", { "kubernetes.io/role/elb": "1" }],
    ["public-eks-2", "10.0.8.0/23", "eu-west-1b", { "kubernetes.io/role/elb": "1" }],
  ])("%s is %s in %s with its load balancer role tag", (name, cidr, az, roleTag) => {
    expect(dev.platformJson).toHaveResourceWithProperties(Subnet, {
      cidr_block: cidr,
      availability_zone: az,
      tags: { Name: `dev-${name}`, "kubernetes.io/cluster/eks-cluster-dev": "shared", ...roleTag },
    });
  });

  test("database subnets carry no Kubernetes tag, so no load balancer can land there", () => {
    for (const index of [1, 2]) {
      const subnet = resourceAt(dev.platformConfig, "aws_subnet", `network/private-rds-${index}`);
      expect(subnet.tags).toEqual({ Name: `dev-private-rds-${index}` });
      expect(subnet.map_public_ip_on_launch).toBe(false);
    }
  });

  test("public subnets only hand out public IPs when a public node group needs them", () => {
    expect(resourceAt(dev.platformConfig, "aws_subnet", "network/public-eks-1").map_public_ip_on_launch).toBe(false);
    const publicNodes = synthEnvironment(environmentWith((e) => (e.nodeGroups.public = { name: "public-node-group-dev" })));
    expect(resourceAt(publicNodes.platformConfig, "aws_subnet", "network/public-eks-1").map_public_ip_on_launch).toBe(true);
    expect(Object.keys(resourcesOf(publicNodes.platformConfig, "aws_eks_node_group"))).toHaveLength(2);
  });
});

describe("routing", () => {
  test("one NAT gateway per AZ, each private EKS subnet routed through its own", () => {
    expect(Object.keys(resourcesOf(dev.platformConfig, "aws_nat_gateway"))).toHaveLength(2);
    for (const index of [1, 2]) {
      const routes = resourceAt(dev.platformConfig, "aws_route_table", `network/private-eks-${index}-route-table`);
      expect(routes.route).toEqual([
        expect.objectContaining({
          cidr_block: "0.0.0.0/0",
          nat_gateway_id: referenceTo(dev.platformConfig, "aws_nat_gateway", `network/nat-${index}`, "id"),
        }),
      ]);
    }
  });

  test("natGateways=single shares one NAT gateway", () => {
    const single = synthEnvironment(environmentWith((e) => (e.network.natGateways = "single")));
    expect(Object.keys(resourcesOf(single.platformConfig, "aws_nat_gateway"))).toHaveLength(1);
    expect(single.platformJson).toHaveResource(NatGateway);
  });

  test("the database tier has no route out of the VPC", () => {
    const routes = resourceAt(dev.platformConfig, "aws_route_table", "network/private-rds-route-table");
    expect(routes.route ?? []).toEqual([]);
  });
});

describe("network ACL of the database tier", () => {
  let acl: any;
  beforeAll(() => {
    acl = resourceAt(dev.platformConfig, "aws_network_acl", "network/private-rds-acl");
  });

  test("covers both database subnets", () => {
    expect(acl.subnet_ids).toEqual([
      referenceTo(dev.platformConfig, "aws_subnet", "network/private-rds-1", "id"),
      referenceTo(dev.platformConfig, "aws_subnet", "network/private-rds-2", "id"),
    ]);
  });

  test("admits the database port from the private EKS subnets and nothing else from outside the tier", () => {
    const fromOutside = acl.ingress.filter((rule: any) => !["10.0.4.0/24", "10.0.5.0/24"].includes(rule.cidr_block));
    expect(fromOutside).toEqual([
      expect.objectContaining({ cidr_block: "10.0.0.0/23", protocol: "tcp", from_port: 5432, to_port: 5432, action: "allow" }),
      expect.objectContaining({ cidr_block: "10.0.2.0/23", protocol: "tcp", from_port: 5432, to_port: 5432, action: "allow" }),
    ]);
  });

  test("lets replies return to the private EKS subnets on ephemeral ports (ACLs are stateless)", () => {
    const toOutside = acl.egress.filter((rule: any) => !["10.0.4.0/24", "10.0.5.0/24"].includes(rule.cidr_block));
    expect(toOutside.map((r: any) => [r.cidr_block, r.from_port, r.to_port])).toEqual([
      ["10.0.0.0/23", 1024, 65535],
      ["10.0.2.0/23", 1024, 65535],
    ]);
  });

  test("follows a custom database port", () => {
    const custom = synthEnvironment(environmentWith((e) => (e.database.port = 6543)));
    const customAcl = resourceAt(custom.platformConfig, "aws_network_acl", "network/private-rds-acl");
    expect(customAcl.ingress[0]).toMatchObject({ from_port: 6543, to_port: 6543 });
  });
});
