/** The environment model and its graph: references followed across stacks, and the chain built from them. */
import { portRange } from "../../src/policy/model/security-group-rules";
import { addressOf, block, DEPLOYMENT, manifest, modelOf, remove } from "./helpers";
import { chainOf } from "../../src/policy/chain";

const model = modelOf();
const workloadBlock = (suffix: string) => model.resources("kubernetes_manifest").find((b) => b.path.endsWith(suffix))!;

test("a ServiceAccount annotation in the workload stack resolves to the platform's IRSA role", () => {
  const sa = model.manifests("ServiceAccount").find((m) => m.name === "metabase")!;
  const annotation = sa.object.metadata.annotations["eks.amazonaws.com/role-arn"];
  expect(annotation).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-platform\.outputs\./);
  const ref = model.reference(sa.resource, annotation)!;
  expect([ref.block.stack, ref.block.path, ref.attribute]).toEqual(["dev-platform", "dev-platform/eks/application-role/role", "arn"]);
});

test("SecurityGroupPolicy group ids resolve to the pod security group and to the cluster's attribute", () => {
  const sgp = chainOf(model).graph.policies.find((p) => p.manifest.name === "metabase")!;
  expect(sgp.groups.map(({ value }) => model.reference(sgp.manifest.resource, value)).map((r) => [r?.block.path, r?.attribute])).toEqual([
    ["dev-platform/application-pod-sg/security-group", "id"],
    ["dev-platform/eks/cluster", "vpc_config[0].cluster_security_group_id"],
  ]);
  expect(sgp.groups.map(({ group }) => group?.label)).toEqual([
    'aws_security_group "rds-access-from-pod-dev"',
    'EKS cluster security group of aws_eks_cluster "eks-cluster-dev"',
  ]);
  expect([...chainOf(model).graph.podSecurityGroups()].map((g) => g.path).sort()).toEqual([
    "dev-platform/application-pod-sg/security-group",
    "dev-platform/bootstrap-pod-sg/security-group",
  ]);
});

test("a trust condition key splits into this issuer's expression and the :sub literal", () => {
  const trust = model.dataSources("aws_iam_policy_document").find((b) => b.path === "dev-platform/eks/application-role/trust")!;
  const variable = trust.config.statement[0].condition[0].variable;
  const parts = model.resolver.template("dev-platform", variable);
  expect(parts.map((p) => ("literal" in p ? p.literal : p.references.map((r) => `${r.block.path}.${r.attribute}`)))).toEqual([
    ["dev-platform/eks/oidc/provider.url"],
    ":sub",
  ]);
});

test("words inside string literals and unknown names are not references", () => {
  const [block] = model.resources("aws_db_instance");
  const oidc = addressOf(modelOfJson().platform, "aws_iam_openid_connect_provider", "oidc/provider");
  const refs = model.references(block, `\${replace(${oidc}.url, "sts.amazonaws.com", aws_nothing.here.id)}`);
  expect(refs.map((r) => r.block.path)).toEqual(["dev-platform/eks/oidc/provider"]);
  expect(model.reference(block, `prefix-\${${oidc}.url}`)).toBeUndefined();
});

test("the database a pod connects to is found through its env, across stacks", () => {
  expect(
    chainOf(model)
      .graph.databaseClients()
      .map((pod) => [pod.manifest.kind, pod.database!.block.path]),
  ).toEqual([
    ["Job", "dev-platform/database/instance"],
    ["Deployment", "dev-platform/database/instance"],
  ]);
  expect(workloadBlock(DEPLOYMENT).address).toMatch(/^kubernetes_manifest\./);
});

function modelOfJson() {
  let json: any;
  modelOf((stacks) => (json = stacks));
  expect(manifest(json, DEPLOYMENT).kind).toBe("Deployment");
  return json;
}

describe("security-group rules: one reader, whichever of the three ways Terraform writes them", () => {
  const TO_DATABASE = "database/allow-application-pod-sg";
  const rewrite = (style: "inline" | "aws_security_group_rule" | "as synthesized") =>
    modelOf(({ platform }) => {
      const written = block(platform, "aws_vpc_security_group_ingress_rule", TO_DATABASE);
      if (style === "as synthesized") return;
      remove(platform, "aws_vpc_security_group_ingress_rule", TO_DATABASE);
      const [from, to, peer] = [written.from_port, written.to_port, written.referenced_security_group_id];
      if (style === "inline") {
        block(platform, "aws_security_group", "database/security-group").ingress = [
          { protocol: "6", from_port: from, to_port: to, security_groups: [peer] },
        ];
      } else {
        platform.resource.aws_security_group_rule = {
          rewritten: {
            type: "ingress",
            protocol: "tcp",
            from_port: from,
            to_port: to,
            source_security_group_id: peer,
            security_group_id: written.security_group_id,
          },
        };
      }
    });

  test.each(["as synthesized", "inline", "aws_security_group_rule"] as const)(
    "%s: the same rule, and the graph lets the application reach the database",
    (style) => {
      const model = rewrite(style);
      const toDatabase = model
        .securityGroupRules()
        .filter((rule) => rule.direction === "ingress" && rule.fromPort === 5432)
        .map((rule) => ({
          rule: [rule.protocol, rule.fromPort, rule.toPort],
          peers: rule.peerGroups.map((value) => model.reference(rule.resource, value)?.block.path),
        }));
      expect(toDatabase).toContainEqual({ rule: ["tcp", 5432, 5432], peers: ["dev-platform/application-pod-sg/security-group"] });
      const flow = chainOf(model).verdicts.flows.find((f) => f.from === "Deployment metabase/metabase" && f.to.endsWith(":5432"))!;
      expect([flow.verdict, flow.holds]).toEqual(["reachable", true]);
    },
  );

  test("protocols: numbers read as names, all is every port, other protocols keep their own name", () => {
    const model = modelOf(({ platform }) => {
      block(platform, "aws_security_group", "application-pod-sg/security-group").egress = [
        { protocol: "17", from_port: 53, to_port: 53, cidr_blocks: ["10.0.0.0/16"] },
        { protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["10.0.0.0/16"] },
        { protocol: "50", from_port: 0, to_port: 0, cidr_blocks: ["10.0.0.0/16"] },
        { protocol: "icmpv6", from_port: -1, to_port: -1, ipv6_cidr_blocks: ["::/0"] },
      ];
    });
    const inline = model.securityGroupRules().filter((rule) => "inline" in rule.group && rule.direction === "egress");
    expect(inline.map((rule) => [rule.protocol, rule.protocolName, rule.fromPort, rule.toPort, portRange(rule)])).toEqual([
      ["udp", "udp", 53, 53, "53/udp"],
      ["all", "all", 0, 65535, "all ports"],
      ["other", "50", 0, 0, "0/50"],
      ["other", "icmpv6", 0, 65535, "all ports"],
    ]);
  });
});
