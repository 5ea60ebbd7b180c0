import { Network } from "../../src/network/network";
import { NETWORK_DEFAULTS } from "../../src/network/defaults";
import { addressOf, bareStack, blockAt, blocksOf, configOf, validationErrors } from "./helpers";

const AZS = ["eu-west-1a", "eu-west-1b"];

function network(props: Partial<ConstructorParameters<typeof Network>[2]> = {}) {
  const stack = bareStack();
  const construct = new Network(stack, "network", { clusterName: "demo", availabilityZones: AZS, ...props });
  return { construct, config: configOf(stack) };
}

test("defaults: the article's subnet plan, one subnet per tier and AZ, named after the construct", () => {
  const { config } = network();
  expect(blocksOf(config, "aws_vpc")[0].cidr_block).toBe(NETWORK_DEFAULTS.vpcCidr);
  const subnets = blocksOf(config, "aws_subnet").map((s) => [s.tags.Name, s.cidr_block, s.availability_zone]);
  expect(subnets).toEqual([
    ["network-private-eks-1", "10.0.0.0/23", "eu-west-1a"],
    ["network-private-eks-2", "10.0.2.0/23", "eu-west-1b"],
    ["network-public-eks-1", "10.0.6.0/23", "eu-west-1a"],
    ["network-public-eks-2", "10.0.8.0/23", "eu-west-1b"],
    ["network-private-rds-1", "10.0.4.0/24", "eu-west-1a"],
    ["network-private-rds-2", "10.0.5.0/24", "eu-west-1b"],
  ]);
  expect(blocksOf(config, "aws_nat_gateway")).toHaveLength(2);
  expect(blocksOf(config, "aws_subnet").every((s) => s.map_public_ip_on_launch === false)).toBe(true);
});

test("the database tier's ACL admits the default PostgreSQL port and lets replies out (ACLs are stateless)", () => {
  const acl = blocksOf(network().config, "aws_network_acl")[0];
  expect(acl.ingress.filter((r: any) => r.from_port === 5432).map((r: any) => r.cidr_block)).toEqual(["10.0.0.0/23", "10.0.2.0/23"]);
  expect(acl.egress.filter((r: any) => r.from_port === 1024 && r.to_port === 65535).map((r: any) => r.cidr_block)).toEqual([
    "10.0.0.0/23",
    "10.0.2.0/23",
  ]);
});

test("subnet groups carry their ids and what their internet route is made of", () => {
  const { construct, config } = network({ natGateways: "single" });
  expect(construct.privateEksSubnets.ids).toHaveLength(2);
  expect(construct.databaseSubnets.internetConnectivity).toEqual([]);
  const ids = (items: readonly any[]) => items.map((item) => `${item.terraformResourceType}.${item.friendlyUniqueId}`).sort();
  // One NAT gateway, and each private subnet's route table and its association.
  expect(ids(construct.privateEksSubnets.internetConnectivity)).toEqual(
    [
      addressOf(config, "aws_nat_gateway", "network/nat-1"),
      addressOf(config, "aws_route_table", "private-eks-1-route-table"),
      addressOf(config, "aws_route_table", "private-eks-2-route-table"),
      addressOf(config, "aws_route_table_association", "private-eks-1-routes"),
      addressOf(config, "aws_route_table_association", "private-eks-2-routes"),
    ].sort(),
  );
  expect(blockAt(config, "aws_route_table", "private-eks-2-route-table").route[0].nat_gateway_id).toBe(
    `\${${addressOf(config, "aws_nat_gateway", "network/nat-1")}.id}`,
  );
});

test("a tier with a CIDR list that does not match the AZs is refused at synth, as the environment file refuses it", () => {
  const { construct } = network({ privateRdsSubnetCidrs: ["10.0.4.0/24"] });
  expect(validationErrors(construct)).toEqual([
    'test/network: privateRdsSubnetCidrs = ["10.0.4.0/24"]: has 1 subnet(s) for 2 Availability Zones. Fix: list exactly one subnet per AZ, in the order of availabilityZones',
  ]);
});
