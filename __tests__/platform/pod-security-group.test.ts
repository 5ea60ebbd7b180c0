import { referenceTo, resourceAt, resourcesOf, synthEnvironment, type SynthesizedEnvironment } from "../helpers/synth";

let dev: SynthesizedEnvironment;
let podSg: string;
let bootstrapSg: string;
let rdsSg: string;
let clusterSg: string;
beforeAll(() => {
  dev = synthEnvironment();
  podSg = referenceTo(dev.platformConfig, "aws_security_group", "application-pod-sg/security-group", "id");
  bootstrapSg = referenceTo(dev.platformConfig, "aws_security_group", "bootstrap-pod-sg/security-group", "id");
  rdsSg = referenceTo(dev.platformConfig, "aws_security_group", "database/security-group", "id");
  clusterSg = referenceTo(dev.platformConfig, "aws_eks_cluster", "eks/cluster", "vpc_config[0].cluster_security_group_id");
});

const rulesOf = (config: any, type: string, securityGroup: string) =>
  (Object.values(resourcesOf(config, type)) as any[])
    .filter((rule) => rule.security_group_id === securityGroup)
    .map(({ "//": _metadata, ...rule }) => rule);

test("the database port is reachable from the pod security groups and from nothing else", () => {
  const ingress = rulesOf(dev.platformConfig, "aws_vpc_security_group_ingress_rule", rdsSg);
  expect(ingress).toEqual([
    expect.objectContaining({ referenced_security_group_id: podSg, ip_protocol: "tcp", from_port: 5432, to_port: 5432 }),
    expect.objectContaining({ referenced_security_group_id: bootstrapSg, ip_protocol: "tcp", from_port: 5432, to_port: 5432 }),
  ]);
  for (const rule of ingress) {
    expect(rule.cidr_ipv4).toBeUndefined();
    expect(rule.cidr_ipv6).toBeUndefined();
    expect(rule.prefix_list_id).toBeUndefined();
  }
});

test.each([
  ["application-pod-sg", () => podSg],
  ["bootstrap-pod-sg", () => bootstrapSg],
])("%s may only send PostgreSQL to the database and DNS to CoreDNS", (_name, group) => {
  const egress = rulesOf(dev.platformConfig, "aws_vpc_security_group_egress_rule", group());
  // Order-free: which rules exist matters, not the order cdktf writes them in.
  expect(egress.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.referenced_security_group_id])).toEqual(
    expect.arrayContaining([
      ["tcp", 5432, 5432, rdsSg],
      ["udp", 53, 53, clusterSg],
      ["tcp", 53, 53, clusterSg],
    ]),
  );
  expect(egress).toHaveLength(3);
  expect(rulesOf(dev.platformConfig, "aws_vpc_security_group_ingress_rule", group())).toEqual([]);
});

test("pod security groups have no inline rules that could widen them", () => {
  for (const path of ["application-pod-sg/security-group", "bootstrap-pod-sg/security-group"]) {
    const sg = resourceAt(dev.platformConfig, "aws_security_group", path);
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(sg.vpc_id).toBe(referenceTo(dev.platformConfig, "aws_vpc", "network/vpc", "id"));
  }
});

test("no security group rule anywhere admits 0.0.0.0/0", () => {
  const ingress = Object.values(resourcesOf(dev.platformConfig, "aws_vpc_security_group_ingress_rule")) as any[];
  expect(ingress.filter((rule) => rule.cidr_ipv4 === "0.0.0.0/0")).toEqual([]);
});
