/**
 * The chain, evaluated end to end on the app main.ts builds: each control changes one resource the way a user
 * could (escape hatches, added constructs) and must fail synth with a verdict that names the resource that
 * blocks the path or grants the permission. The positive control removes a rule that is redundant in the real
 * network and must still pass: a structural check would fail it.
 */
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import type { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { IConstruct } from "constructs";
import { buildApp } from "../../src/app";
import type { PolicyCheckedApp } from "../../src/policy/checked-app";
import type { PlatformStack } from "../../src/stacks/platform-stack";
import type { RetainedStack } from "../../src/stacks/retained-stack";
import type { WorkloadStack } from "../../src/stacks/workload-stack";
import type { Environment } from "../../src/config/load";
import { devEnvironment, environmentWith } from "../helpers/environments";
import { synthStacks, tempOutdir } from "../helpers/synth";
import { chainOf } from "../../src/policy/chain";

type Change = (stacks: { platform: PlatformStack; workload: WorkloadStack }) => void;

/** Builds the dev app, applies the change, synthesizes both stacks and returns what the verifier concluded. */
function evaluate(change: Change, environment: Environment = devEnvironment()) {
  const app = buildApp({ environments: [{ ...environment, name: "dev" }], outdir: tempOutdir(), log: () => {} }) as PolicyCheckedApp;
  const stacks = app.node.children as [RetainedStack, PlatformStack, WorkloadStack];
  const [, platform, workload] = stacks;
  change({ platform, workload });
  for (const stack of stacks) stack.prepareStack();
  const rendered = synthStacks(stacks);
  const configs = new Map(stacks.map((stack, i) => [stack, rendered[i].config]));
  const { model, findings } = app.policy.evaluateEnvironment("dev", (stack) => configs.get(stack as (typeof stacks)[number]));
  const errors = findings.filter((f) => f.level === "error" && !f.suppression);
  const failing = {
    flows: chainOf(model).verdicts.flows.filter((f) => !f.holds),
    permissions: chainOf(model).verdicts.permissions.filter((p) => !p.holds),
  };
  return { errors, failing, verdicts: chainOf(model).verdicts };
}

const child = <T>(scope: IConstruct, id: string) => scope.node.findChild(id) as unknown as T;

test("the default app: every expected flow and permission holds, and each kind is evaluated", () => {
  const { errors, failing, verdicts } = evaluate(() => {});
  expect(errors).toEqual([]);
  expect(failing).toEqual({ flows: [], permissions: [] });
  const destinations = new Set(verdicts.flows.map((f) => f.to.replace(/".*"/, '"…"')));
  expect([...destinations].sort()).toEqual([
    "AWS ECR (ecr.api)",
    "AWS ECR (ecr.dkr)",
    "AWS S3 (image layers)",
    "AWS STS (IRSA web identity)",
    "AWS Secrets Manager",
    "CoreDNS (on the nodes, with their groups)",
    "Deployment metabase/metabase port 3000",
    "Deployment metabase/metabase probe port",
    'aws_db_instance "…":5432',
    "the internet",
  ]);
  expect(new Set(verdicts.flows.map((f) => f.expect))).toEqual(new Set(["reachable", "blocked"]));
  expect(new Set(verdicts.permissions.map((p) => p.expect))).toEqual(new Set(["allowed", "denied"]));
});

describe("negative controls: a broken path or permission fails synth and names its resource", () => {
  test("the database tier's network ACL without egress entries drops the replies (ACLs are stateless)", () => {
    const { errors, failing } = evaluate(({ platform }) => platform.network.databaseNetworkAcl.addOverride("egress", undefined));
    expect(failing.flows.length).toBeGreaterThanOrEqual(2);
    for (const flow of failing.flows) {
      expect([flow.to, flow.verdict]).toEqual([expect.stringMatching(/:5432$/), "blocked"]);
      const blocking = flow.hops.find((h) => h.decision === "deny")!;
      expect(blocking.resource).toMatch(/^aws_network_acl\.network_private-rds-acl_\w+$/);
      expect(blocking.why).toMatch(/outbound reply on ephemeral ports 1024-65535 .*no rule matches .*so the final rule denies it/);
    }
    expect(errors.map((e) => [e.ruleId, e.path])).toEqual(failing.flows.map(() => ["CHAIN-16", "dev-platform/network/private-rds-acl"]));
  });

  test("the private subnets without their NAT route: pods reach no STS (IRSA fails) and nodes no ECR", () => {
    const { errors, failing } = evaluate(({ platform }) => {
      for (const id of ["private-eks-1-route-table", "private-eks-2-route-table"])
        child<RouteTable>(platform.network, id).addOverride("route", undefined);
    });
    const blockedAt = failing.flows.map((f) => [f.to.replace(/ .*/, ""), f.verdict, f.hops.find((h) => h.decision === "deny")?.resource]);
    expect(blockedAt).toEqual(
      expect.arrayContaining([["AWS", "blocked", expect.stringMatching(/^aws_route_table\.network_private-eks-\d-route-table_\w+$/)]]),
    );
    const services = failing.flows.map((f) => f.to);
    expect(services).toEqual(
      expect.arrayContaining([expect.stringMatching(/STS/), expect.stringMatching(/Secrets Manager/), expect.stringMatching(/ECR/)]),
    );
    expect(failing.flows.every((f) => f.hops.some((h) => /no route/.test(h.why)))).toBe(true);
    expect(new Set(errors.map((e) => e.ruleId))).toEqual(new Set(["CHAIN-16"]));
    // One placement per flow is reported (the first that fails): the first private subnet's route table.
    expect(new Set(errors.map((e) => e.path))).toEqual(new Set(["dev-platform/network/private-eks-1-route-table"]));
  });

  test("the database ingress on the wrong port refuses the application's pods", () => {
    const { errors, failing } = evaluate(({ platform }) => {
      const ingress = child<VpcSecurityGroupIngressRule>(platform.database, "allow-application-pod-sg");
      ingress.addOverride("from_port", 5433);
      ingress.addOverride("to_port", 5433);
    });
    expect(failing.flows.map((f) => [f.from, f.to, f.verdict])).toEqual([
      ["Deployment metabase/metabase", expect.stringMatching(/:5432$/), "blocked"],
    ]);
    const blocking = failing.flows[0].hops.find((h) => h.decision === "deny")!;
    expect(blocking.resource).toMatch(/^aws_security_group\.database_security-group_\w+$/);
    expect(errors).toContainEqual(
      expect.objectContaining({
        ruleId: "CHAIN-16",
        path: "dev-platform/database/security-group",
        message: expect.stringContaining("connect timed out"),
      }),
    );
  });

  test("a SecurityGroupPolicy selecting other pods leaves Metabase on its node's interface", () => {
    const { errors, failing } = evaluate(({ workload }) =>
      workload.workload.securityGroupPolicy.addOverride("manifest.spec.serviceAccountSelector.matchLabels", { app: "someone-else" }),
    );
    expect(failing.flows.map((f) => [f.from, f.verdict])).toEqual([["Deployment metabase/metabase", "blocked"]]);
    expect(failing.flows[0].hops.find((h) => h.decision === "deny")).toEqual(
      expect.objectContaining({
        resource: expect.stringMatching(/^aws_security_group\.database_security-group_\w+$/),
        why: expect.stringMatching(/node interface/),
      }),
    );
    expect(errors.map((e) => e.ruleId)).toContain("CHAIN-16");
  });

  test("a :sub condition that matches other service accounts only denies the application's web identity", () => {
    // StringLike "metabase-*" matches metabase-db-bootstrap and metabase-reports, not metabase itself.
    const { errors, failing } = evaluate(({ platform }) => {
      platform.applicationRole.trustPolicy.addOverride("statement.0.condition.0.test", "StringLike");
      platform.applicationRole.trustPolicy.addOverride("statement.0.condition.0.values.0", "system:serviceaccount:metabase:metabase-*");
    });
    expect(failing.permissions.map((p) => [p.principal, p.action, p.verdict])).toEqual([
      ["system:serviceaccount:metabase:metabase", "rds-db:connect", "denied"],
    ]);
    expect(failing.permissions[0].why).toMatch(/does not trust metabase\/metabase's token/);
    expect(failing.permissions[0].statements).toEqual([
      expect.stringMatching(/^data\.aws_iam_policy_document\.eks_application-role_trust_\w+$/),
    ]);
    expect(errors.map((e) => e.ruleId)).toContain("CHAIN-17");
  });

  test("a Deny statement added to the Metabase role wins over its Allow", () => {
    const { errors, failing } = evaluate(({ platform }) => {
      new IamRolePolicy(platform.applicationRole, "deny-connect", {
        role: platform.applicationRole.role.name,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "rds-db:*", Resource: "*" }] }),
      });
    });
    expect(failing.permissions.map((p) => [p.principal, p.action, p.expect, p.verdict])).toEqual([
      ["system:serviceaccount:metabase:metabase", "rds-db:connect", "allowed", "denied"],
    ]);
    expect(failing.permissions[0].statements).toEqual([
      expect.stringMatching(/^aws_iam_role_policy\.eks_application-role_deny-connect_\w+$/),
    ]);
    expect(failing.permissions[0].why).toMatch(/explicit deny/i);
    expect(errors.map((e) => [e.ruleId, e.path])).toEqual([["CHAIN-17", "dev-platform/eks/application-role/deny-connect"]]);
  });
});

describe("negative controls inside the cluster: NetworkPolicies, as the VPC CNI's agent enforces them", () => {
  test("without the DNS policy, default-deny drops every pod's lookups, and the verdict names the policy that isolates it", () => {
    const { errors, failing } = evaluate(({ workload }) => expect(workload.workload.node.tryRemoveChild("network-policy-dns")).toBe(true));
    expect(failing.flows.map((f) => [f.from, f.to, f.protocol])).toEqual(
      expect.arrayContaining([
        ["Deployment metabase/metabase", "CoreDNS (on the nodes, with their groups)", "udp"],
        ["Deployment metabase/metabase", "CoreDNS (on the nodes, with their groups)", "tcp"],
        [expect.stringMatching(/^Job metabase\/metabase-db-bootstrap-/), "CoreDNS (on the nodes, with their groups)", "udp"],
      ]),
    );
    expect(failing.flows.every((f) => f.to.startsWith("CoreDNS"))).toBe(true);
    const blocking = failing.flows[0].hops.find((h) => h.decision === "deny")!;
    expect(blocking.why).toMatch(
      /isolate .* for egress \(metabase\/default-deny, metabase\/metabase-db-bootstrap|isolate .* for egress \(metabase\/default-deny, metabase\/metabase\)/,
    );
    expect(errors.some((e) => e.ruleId === "CHAIN-16" && e.path.startsWith("dev-workload/metabase/network-policy"))).toBe(true);
  });

  test("Metabase's policy on another database port stops it at its own pod, before the network", () => {
    const { failing } = evaluate(({ workload }) =>
      workload.workload.networkPolicies
        .find((p) => p.node.id === "network-policy")!
        .addOverride("manifest.spec.egress.0.ports.0.port", 5433),
    );
    expect(failing.flows.map((f) => [f.from, f.to])).toEqual([["Deployment metabase/metabase", expect.stringMatching(/:5432$/)]]);
    expect(failing.flows[0].hops[0]).toEqual(
      expect.objectContaining({ decision: "deny", resource: expect.stringMatching(/^kubernetes_manifest\.metabase_network-policy_/) }),
    );
  });

  test("the old design (ingress from the node and public subnets by ipBlock, traffic policy Cluster) admits every pod of the cluster", () => {
    const { errors, failing } = evaluate(({ workload }) => {
      const policy = workload.workload.networkPolicies.find((p) => p.node.id === "network-policy")!;
      policy.addOverride(
        "manifest.spec.ingress.0.from",
        ["10.0.0.0/23", "10.0.2.0/23", "10.0.6.0/23", "10.0.8.0/23"].map((cidr) => ({ ipBlock: { cidr } })),
      );
      workload.workload.service.addOverride("manifest.spec.externalTrafficPolicy", "Cluster");
    });
    // The load balancer still gets in (through the nodes' addresses), and so does any pod: the graph knows pods
    // take their addresses in the node subnets.
    expect(failing.flows.map((f) => [f.from, f.to, f.expect, f.verdict])).toEqual([
      [
        "a pod of another namespace (another-namespace, no NetworkPolicy of its own)",
        "Deployment metabase/metabase port 3000",
        "blocked",
        "reachable",
      ],
    ]);
    const admitting = failing.flows[0].hops.find((h) => h.resource.startsWith("kubernetes_manifest.metabase_network-policy_"))!;
    expect(admitting).toEqual(
      expect.objectContaining({
        decision: "allow",
        why: expect.stringMatching(/NetworkPolicy metabase\/metabase lets .* receive 3000\/tcp from a pod of another-namespace/),
      }),
    );
    expect(errors.map((e) => [e.ruleId, e.path])).toEqual([["CHAIN-16", "dev-workload/metabase/network-policy"]]);
  });

  test("with traffic policy Cluster, kube-proxy's source NAT hides the clients: the policy that admits them drops the load balancer", () => {
    const { failing } = evaluate(({ workload }) => workload.workload.service.addOverride("manifest.spec.externalTrafficPolicy", "Cluster"));
    expect(failing.flows.map((f) => [f.from, f.verdict])).toEqual([["the load balancer of Service metabase/metabase", "blocked"]]);
    expect(failing.flows[0].hops.at(-1)).toEqual(
      expect.objectContaining({
        decision: "deny",
        why: expect.stringMatching(/have no rule for 3000\/tcp from the node kube-proxy forwards from/),
      }),
    );
  });

  test("clients anywhere in the VPC: the pod subnets are excepted, so every client outside them gets in and no pod does", () => {
    const withSources = (cidrs: string[]) => environmentWith((input) => (input.application.loadBalancerSourceCidrs = cidrs));
    const { errors, verdicts } = evaluate(() => {}, withSources(["10.0.0.0/16"]));
    expect(errors).toEqual([]);
    const clients = verdicts.flows.find((f) => f.from.startsWith("the clients of"))!;
    expect(clients.hops.at(-1)!.why).toMatch(
      /lets Deployment metabase\/metabase receive 3000\/tcp from its clients \(10\.0\.0\.0\/16, outside the pod subnets\)/,
    );
    // A range inside a node subnet cannot be narrowed (except must lie inside cidr): the policy then admits the
    // pods that get an address in it, and synth says it cannot prove them out.
    const inside = evaluate(() => {}, withSources(["10.0.2.0/24"]));
    expect(inside.failing.flows.map((f) => [f.from, f.verdict])).toEqual([
      ["a pod of another namespace (another-namespace, no NetworkPolicy of its own)", "undetermined"],
    ]);
    expect(inside.errors.map((e) => [e.ruleId, e.path])).toEqual([["CHAIN-16", "dev-workload/metabase/network-policy"]]);
  });

  test("with a public node group its subnets hold pods too: excepted from clients anywhere, and its pods are kept out", () => {
    const environment = environmentWith((input) => {
      input.nodeGroups.public = { name: "public-node-group-dev" };
      input.application.loadBalancerSourceCidrs = ["10.0.0.0/16"];
    });
    const { errors, verdicts } = evaluate(() => {}, environment);
    expect(errors).toEqual([]);
    const intruder = verdicts.flows.find((f) => f.from.startsWith("a pod of another namespace"))!;
    expect(intruder.verdict).toBe("blocked");
  });

  test("the VPC CNI in strict mode cannot deliver a Local load balancer's traffic to a branch ENI pod", () => {
    const { failing } = evaluate(({ platform }) =>
      platform.cluster.vpcCni.addon.addOverride(
        "configuration_values",
        JSON.stringify({
          env: { ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "strict" },
          init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } },
          enableNetworkPolicy: "true",
        }),
      ),
    );
    expect(failing.flows.map((f) => [f.from, f.verdict])).toEqual([
      ["the clients of Service metabase/metabase (203.0.113.0/24)", "blocked"],
    ]);
    expect(failing.flows[0].hops.find((h) => h.decision === "deny")!.why).toMatch(
      /strict mode \(EKS user guide, "Security groups for Pods", Considerations\)/,
    );
  });

  test("with the agent off, the policies are accepted and nothing enforces them: the flows they allow pass, the one they must stop gets through", () => {
    const { failing, verdicts } = evaluate(({ platform }) =>
      platform.cluster.vpcCni.addon.addOverride(
        "configuration_values",
        JSON.stringify({
          env: { ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "standard" },
          init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } },
        }),
      ),
    );
    expect(failing.permissions).toEqual([]);
    expect(failing.flows.map((f) => [f.from, f.verdict])).toEqual([
      ["a pod of another namespace (another-namespace, no NetworkPolicy of its own)", "reachable"],
    ]);
    const dns = verdicts.flows.find((f) => f.to.startsWith("CoreDNS"))!;
    expect(dns.hops[0].why).toMatch(/nothing enforces them: the vpc-cni add-on does not set enableNetworkPolicy/);
  });
});

describe("positive control: removing what the real network does not need still passes", () => {
  test("without the application pod group's own 5432 egress, the cluster security group on the same branch ENI lets it out", () => {
    const { errors, failing, verdicts } = evaluate(({ platform }) =>
      expect(platform.applicationPodSecurityGroup.node.tryRemoveChild("to-database")).toBe(true),
    );
    expect(failing).toEqual({ flows: [], permissions: [] });
    expect(errors).toEqual([]);
    const toDatabase = verdicts.flows.find((f) => f.from === "Deployment metabase/metabase" && f.to.endsWith(":5432"))!;
    const securityGroupHop = toDatabase.hops.find((h) => h.resource.startsWith("aws_"))!;
    expect(securityGroupHop).toEqual(
      expect.objectContaining({ decision: "allow", why: expect.stringMatching(/EKS cluster security group/) }),
    );
  });
});
