import { PodSecurityGroup } from "../../src/pod-security/pod-security-group";
import { bareStack, blocksOf, configOf } from "./helpers";

test("on its own a pod security group only sends DNS to CoreDNS, and admits nothing", () => {
  const stack = bareStack();
  const group = new PodSecurityGroup(stack, "reporting-pods", { vpcId: "vpc-1", clusterSecurityGroupId: "sg-cluster" });
  const config = configOf(stack);
  const [sg] = blocksOf(config, "aws_security_group");
  expect(sg).toMatchObject({ name: "reporting-pods", vpc_id: "vpc-1", tags: { Name: "reporting-pods" } });
  expect(sg.ingress).toBeUndefined();
  expect(sg.egress).toBeUndefined();
  expect(blocksOf(config, "aws_vpc_security_group_ingress_rule")).toEqual([]);
  expect(
    blocksOf(config, "aws_vpc_security_group_egress_rule").map((r) => [r.ip_protocol, r.from_port, r.referenced_security_group_id]),
  ).toEqual([
    ["udp", 53, "sg-cluster"],
    ["tcp", 53, "sg-cluster"],
  ]);
  expect(group.id).toMatch(/^\$\{TfToken\[/);
});
