/**
 * The two evaluators on small hand-written graphs: each test states one semantic of the VPC or of IAM policy
 * evaluation or of Kubernetes NetworkPolicies, and would fail if the evaluator read structure instead (a rule that
 * exists but is shadowed, a reply the ACL drops, a CIDR that covers only part of a subnet, a Deny next to an
 * Allow, a policy that isolates a pod and allows nothing).
 */
import type {
  NaclRule,
  NetworkAclNode,
  Peer,
  RouteTableNode,
  SecurityGroupNode,
  SecurityGroupRule,
  SubnetNode,
} from "../../src/policy/graph/network";
import { subtractCidrs } from "../../src/net/cidr";
import { networkPolicyHop, type PolicyPeer } from "../../src/policy/graph/network-policies";
import { evaluatePermission, type EvaluableStatement } from "../../src/policy/graph/permissions";
import { aclDecision, evaluateFlow, type Endpoint, type NetworkInterface } from "../../src/policy/graph/reachability";
import { literalItems } from "../../src/policy/graph/values";
import type { ManifestView } from "../../src/policy/model/kubernetes";
import type { PolicyStatement } from "../../src/policy/model/policy-documents";

// ---- a small network: two subnets of 10.0.0.0/16, each with its own ACL ---------------------------------------

const rule = (
  number: number,
  action: "allow" | "deny",
  cidr: string,
  fromPort: number,
  toPort = fromPort,
  protocol: NaclRule["protocol"] = "tcp",
): NaclRule => ({
  number,
  action,
  protocol,
  cidr,
  fromPort,
  toPort,
});

function acl(name: string, ingress: NaclRule[], egress: NaclRule[]): NetworkAclNode {
  return { address: `aws_network_acl.${name}`, label: name, path: name, ingress, egress, isDefault: false };
}
const DEFAULT_ACL: NetworkAclNode = { address: "default", label: "default", path: "default", ingress: [], egress: [], isDefault: true };
const LOCAL_ONLY: RouteTableNode = { address: "aws_route_table.local", label: "local", path: "local", routes: [], isMain: false };

const subnet = (name: string, cidr: string, networkAcl: NetworkAclNode = DEFAULT_ACL): SubnetNode => ({
  address: `aws_subnet.${name}`,
  label: name,
  path: name,
  cidr,
  mapsPublicIp: false,
  cniTagged: false,
  routeTable: LOCAL_ONLY,
  acl: networkAcl,
});

function group(name: string, rules: Array<Omit<SecurityGroupRule, "address">> = []): SecurityGroupNode {
  return {
    address: `aws_security_group.${name}`,
    label: name,
    path: name,
    rules: rules.map((r, i) => ({ ...r, address: `aws_vpc_security_group_rule.${name}_${i}` })),
  };
}
const allow = (direction: SecurityGroupRule["direction"], port: number, ...peers: Peer[]): Omit<SecurityGroupRule, "address"> => ({
  direction,
  protocol: "tcp",
  fromPort: port,
  toPort: port,
  peers,
});
const everywhereOut = allow("egress", 0, { kind: "cidr", cidr: "0.0.0.0/0" });
const anyPortOut: Omit<SecurityGroupRule, "address"> = { ...everywhereOut, protocol: "all", fromPort: 0, toPort: 65535 };

const iface = (label: string, groups: SecurityGroupNode[], where: SubnetNode): Endpoint => ({
  kind: "interface",
  iface: { label, groups, subnet: where, owner: label } as NetworkInterface,
});
const context = { endpoints: [], vpcCidrOf: () => "10.0.0.0/16" };
const PODS = "10.0.0.0/24";
const DATABASES = "10.0.4.0/24";

function flowToDatabase(options: { databaseAcl?: NetworkAclNode; client?: SecurityGroupNode; database?: SecurityGroupNode }) {
  const client = options.client ?? group("client", [anyPortOut]);
  const database = options.database ?? group("database", [allow("ingress", 5432, { kind: "group", group: client })]);
  return evaluateFlow(
    {
      source: iface("pod", [client], subnet("pods", PODS)),
      destination: iface("db", [database], subnet("databases", DATABASES, options.databaseAcl)),
      protocol: "tcp",
      port: 5432,
    },
    context,
  );
}
const blockedAt = (result: ReturnType<typeof flowToDatabase>) => result.hops.filter((h) => h.decision === "deny").map((h) => h.resource);

describe("network ACLs", () => {
  const open = acl("open", [rule(100, "allow", PODS, 5432)], [rule(100, "allow", PODS, 1024, 65535)]);

  test("a request and its reply both allowed: reachable", () => {
    expect(flowToDatabase({ databaseAcl: open }).verdict).toBe("reachable");
  });

  test("rules apply in number order and the first match wins, whatever order they are written in", () => {
    const denyFirst = acl(
      "deny-first",
      [rule(200, "allow", PODS, 5432), rule(100, "deny", "10.0.0.0/16", 0, 65535)],
      open.egress as NaclRule[],
    );
    expect(aclDecision(denyFirst.ingress, "tcp", [5432, 5432], PODS)).toEqual({ decision: "deny", why: "rule 100 deny tcp 5432" });
    expect(blockedAt(flowToDatabase({ databaseAcl: denyFirst }))).toEqual(["aws_network_acl.deny-first"]);

    const allowFirst = acl(
      "allow-first",
      [rule(90, "allow", PODS, 5432), rule(100, "deny", "10.0.0.0/16", 0, 65535)],
      open.egress as NaclRule[],
    );
    expect(flowToDatabase({ databaseAcl: allowFirst }).verdict).toBe("reachable");
  });

  test("what no rule matches hits the final deny", () => {
    const otherPort = acl("other-port", [rule(100, "allow", PODS, 5433)], open.egress as NaclRule[]);
    expect(aclDecision(otherPort.ingress, "tcp", [5432, 5432], PODS).why).toMatch(
      /no rule matches tcp 5432 with 10\.0\.0\.0\/24, so the final rule denies it/,
    );
    expect(flowToDatabase({ databaseAcl: otherPort }).verdict).toBe("blocked");
  });

  test("ACLs are stateless: without the ephemeral-port reply rule the request gets in and the reply is dropped", () => {
    const noReply = acl("no-reply", open.ingress as NaclRule[], []);
    const result = flowToDatabase({ databaseAcl: noReply });
    expect(result.verdict).toBe("blocked");
    const [request, reply] = result.hops.filter((h) => h.resource === "aws_network_acl.no-reply");
    expect([request.decision, reply.decision]).toEqual(["allow", "deny"]);
    expect(reply.why).toMatch(/outbound reply on ephemeral ports 1024-65535/);
  });

  test("a reply rule that covers only part of the ephemeral ports is not enough", () => {
    const narrow = acl("narrow", open.ingress as NaclRule[], [rule(100, "allow", PODS, 32768, 65535)]);
    expect(aclDecision(narrow.egress, "tcp", [1024, 65535], PODS)).toEqual({
      decision: "partial",
      why: "only part of tcp 1024-65535 is allowed (rule 100); the rest hits the final deny",
    });
    expect(flowToDatabase({ databaseAcl: narrow }).verdict).toBe("undetermined");
  });

  test("a rule whose range covers only part of the peer subnet does not decide for all of it", () => {
    expect(aclDecision([rule(100, "allow", "10.0.0.0/25", 5432)], "tcp", [5432, 5432], PODS).decision).toBe("partial");
    expect(aclDecision([rule(100, "allow", "10.1.0.0/16", 5432)], "tcp", [5432, 5432], PODS).decision).toBe("deny");
  });
});

describe("security groups", () => {
  test("stateful: an ingress rule on the destination and an egress rule on the source suffice, no reply rules", () => {
    expect(flowToDatabase({}).verdict).toBe("reachable");
  });

  test("a rule that references a group admits only interfaces that carry that group", () => {
    const client = group("client", [anyPortOut]);
    const someoneElse = group("someone-else");
    const database = group("database", [allow("ingress", 5432, { kind: "group", group: someoneElse })]);
    const result = flowToDatabase({ client, database });
    expect(blockedAt(result)).toEqual(["aws_security_group.database"]);
    expect(result.hops.at(-1)!.why).toMatch(/no rule of database on db lets 5432\/tcp in from pod \(client\)/);
  });

  test("a CIDR rule admits a subnet it contains, not one it only overlaps", () => {
    const containing = group("database", [allow("ingress", 5432, { kind: "cidr", cidr: "10.0.0.0/16" })]);
    expect(flowToDatabase({ database: containing }).verdict).toBe("reachable");
    const partOf = group("database", [allow("ingress", 5432, { kind: "cidr", cidr: "10.0.0.0/25" })]);
    expect(flowToDatabase({ database: partOf }).verdict).toBe("undetermined");
    const elsewhere = group("database", [allow("ingress", 5432, { kind: "cidr", cidr: "192.168.0.0/16" })]);
    expect(flowToDatabase({ database: elsewhere }).verdict).toBe("blocked");
  });

  test("egress counts too: a client group without a matching egress rule stops the flow at the source", () => {
    const client = group("client", [allow("egress", 443, { kind: "cidr", cidr: "0.0.0.0/0" })]);
    const database = group("database", [allow("ingress", 5432, { kind: "group", group: client })]);
    expect(blockedAt(flowToDatabase({ client, database }))).toEqual(["aws_security_group.client"]);
  });

  test("any group of the interface may allow it: a second group with all egress makes the first one's rules redundant", () => {
    const narrow = group("pod-group", [allow("egress", 53, { kind: "cidr", cidr: "0.0.0.0/0" })]);
    const cluster = group("cluster", [anyPortOut]);
    const database = group("database", [allow("ingress", 5432, { kind: "group", group: narrow })]);
    const result = evaluateFlow(
      {
        source: iface("pod", [narrow, cluster], subnet("pods", PODS)),
        destination: iface("db", [database], subnet("databases", DATABASES)),
        protocol: "tcp",
        port: 5432,
      },
      context,
    );
    expect(result.verdict).toBe("reachable");
    expect(result.hops[0].why).toMatch(/^cluster lets 5432\/tcp out/);
  });
});

describe("routes", () => {
  test("a private subnet without a default route reaches nothing outside the VPC", () => {
    const result = evaluateFlow(
      {
        source: iface("pod", [group("client", [anyPortOut])], subnet("pods", PODS)),
        destination: { kind: "aws-service", service: "sts" },
        protocol: "tcp",
        port: 443,
      },
      context,
    );
    expect(blockedAt(result)).toEqual(["aws_route_table.local"]);
    expect(result.hops.at(-1)!.why).toMatch(/has no route to 0\.0\.0\.0\/0: the public sts endpoint is unreachable/);
  });

  test("standard mode: what a branch ENI pod sends out of the VPC leaves through its node, whose groups decide", () => {
    const node = { label: "its node", groups: [group("node")], subnet: subnet("nodes", PODS), owner: "node" } as NetworkInterface;
    const pod = {
      label: "pod",
      groups: [group("pod", [anyPortOut])],
      subnet: subnet("pods", PODS),
      owner: "pod",
      outsideVpc: node,
    } as NetworkInterface;
    const result = evaluateFlow(
      { source: { kind: "interface", iface: pod }, destination: { kind: "aws-service", service: "sts" }, protocol: "tcp", port: 443 },
      context,
    );
    // The pod's own group would let it out; the node's (no egress rule) does not.
    expect(result.hops[0].why).toMatch(/pod sends what leaves the VPC through its node \(source NAT\)/);
    expect(blockedAt(result)).toContain("aws_security_group.node");
  });
});

// ---- IAM ---------------------------------------------------------------------------------------------------------

const SOURCE = { address: "data.aws_iam_policy_document.test" } as unknown as PolicyStatement["source"];

function statement(
  effect: "Allow" | "Deny",
  actions: string[],
  resources: string[],
  conditions: EvaluableStatement["conditions"] = [],
): EvaluableStatement {
  return {
    source: { stack: "s", source: SOURCE, effect, actions, resources, negated: false, principals: [], conditions: [] },
    effect,
    actions: actions.map(literalItems),
    resources: resources.map(literalItems),
    federated: [],
    otherPrincipals: [],
    negated: false,
    conditions,
  };
}
const DB_USER = "arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABC/metabase";
const connect = (resource = DB_USER) => ({ action: "rds-db:connect", resource: literalItems(resource), context: [] });

describe("IAM evaluation", () => {
  test("an explicit Deny wins over any Allow", () => {
    const result = evaluatePermission(
      [statement("Allow", ["rds-db:connect"], [DB_USER]), statement("Deny", ["rds-db:*"], ["*"])],
      connect(),
    );
    expect(result.verdict).toBe("denied");
    expect(result.why).toMatch(/explicit Deny .* always wins/);
  });

  test("nothing allows it: an implicit deny", () => {
    expect(
      evaluatePermission([statement("Allow", ["rds-db:connect"], [DB_USER])], connect(DB_USER.replace("/metabase", "/admin"))).verdict,
    ).toBe("denied");
  });

  test("action wildcards ignore case; resource wildcards do not", () => {
    expect(evaluatePermission([statement("Allow", ["RDS-DB:Conn*"], [DB_USER])], connect()).verdict).toBe("allowed");
    expect(evaluatePermission([statement("Allow", ["rds-db:connect"], [DB_USER.replace("metabase", "METABASE")])], connect()).verdict).toBe(
      "denied",
    );
    expect(
      evaluatePermission([statement("Allow", ["rds-db:connect"], ["arn:aws:rds-db:*:*:dbuser:db-ABC/meta?ase"])], connect()).verdict,
    ).toBe("allowed");
  });

  const token = (subject: string) => ({
    action: "sts:AssumeRoleWithWebIdentity",
    context: [
      { key: literalItems("oidc.example/id/X:sub"), value: literalItems(subject) },
      { key: literalItems("oidc.example/id/X:aud"), value: literalItems("sts.amazonaws.com") },
    ],
  });
  const trust = (test: string, subject: string) =>
    statement(
      "Allow",
      ["sts:AssumeRoleWithWebIdentity"],
      [],
      [
        { test, key: literalItems("oidc.example/id/X:sub"), values: [literalItems(subject)] },
        { test: "StringEquals", key: literalItems("oidc.example/id/X:aud"), values: [literalItems("sts.amazonaws.com")] },
      ],
    );

  test("StringEquals on :sub admits exactly one service account", () => {
    const policy = [trust("StringEquals", "system:serviceaccount:metabase:metabase")];
    expect(evaluatePermission(policy, token("system:serviceaccount:metabase:metabase")).verdict).toBe("allowed");
    expect(evaluatePermission(policy, token("system:serviceaccount:metabase:default")).verdict).toBe("denied");
  });

  test("StringLike wildcards on :sub admit every service account they match, and only those", () => {
    const policy = [trust("StringLike", "system:serviceaccount:metabase:*")];
    expect(evaluatePermission(policy, token("system:serviceaccount:metabase:default")).verdict).toBe("allowed");
    expect(evaluatePermission(policy, token("system:serviceaccount:kube-system:default")).verdict).toBe("denied");
    // StringEquals does not expand wildcards: "*" is a literal character there.
    expect(
      evaluatePermission([trust("StringEquals", "system:serviceaccount:metabase:*")], token("system:serviceaccount:metabase:default"))
        .verdict,
    ).toBe("denied");
  });

  test("a condition operator the evaluator does not decide makes the answer undetermined, never allowed", () => {
    const policy = [
      statement(
        "Allow",
        ["rds-db:connect"],
        [DB_USER],
        [{ test: "IpAddress", key: literalItems("aws:SourceIp"), values: [literalItems("10.0.0.0/8")] }],
      ),
    ];
    expect(evaluatePermission(policy, connect()).verdict).toBe("undetermined");
    // Next to a certain Allow it changes nothing; as a Deny next to an Allow it might win, so it is undecided.
    expect(evaluatePermission([...policy, statement("Allow", ["rds-db:connect"], [DB_USER])], connect()).verdict).toBe("allowed");
    const unsureDeny = statement("Deny", ["rds-db:connect"], ["*"], policy[0].conditions);
    expect(evaluatePermission([unsureDeny, statement("Allow", ["rds-db:connect"], [DB_USER])], connect()).verdict).toBe("undetermined");
  });
});

// ---- NetworkPolicies --------------------------------------------------------------------------------------------

describe("NetworkPolicies", () => {
  const policy = (name: string, spec: Record<string, unknown>, namespace = "app") =>
    ({
      kind: "NetworkPolicy",
      namespace,
      name,
      object: { spec },
      resource: { address: `kubernetes_manifest.${name}` },
    }) as unknown as ManifestView;
  const pod = { namespace: "app", labels: { app: "web" }, label: "Deployment app/web" };
  const enforced = { yes: true, why: "" };
  const database = { kind: "addresses", cidr: "10.0.4.0/24", label: "the database" } as const;
  const coredns = { kind: "pods", namespace: "kube-system", labels: { "k8s-app": "kube-dns" }, label: "CoreDNS" } as const;
  const denyAll = policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  const hop = (
    policies: ManifestView[],
    direction: "ingress" | "egress",
    peer: PolicyPeer,
    port = 5432,
    protocol: "tcp" | "udp" = "tcp",
    how = enforced,
  ) => networkPolicyHop(policies, how, pod, direction, peer, protocol, port);

  test("a namespace without policies says nothing; a pod no policy selects is not isolated", () => {
    expect(hop([], "egress", database)).toBeUndefined();
    const other = policy("other", { podSelector: { matchLabels: { app: "batch" } }, policyTypes: ["Egress"] });
    expect(hop([other], "egress", database)?.decision).toBe("allow");
  });

  test("an empty podSelector with both types isolates every pod: with no rule, everything is dropped", () => {
    expect(hop([denyAll], "egress", database)).toEqual(
      expect.objectContaining({ decision: "deny", resource: "kubernetes_manifest.default-deny" }),
    );
    expect(hop([denyAll], "ingress", database)?.decision).toBe("deny");
  });

  test("policies add up: any rule of any policy selecting the pod allows it", () => {
    const toDatabase = policy("web", {
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "10.0.4.0/22" } }], ports: [{ protocol: "TCP", port: 5432 }] }],
    });
    expect(hop([denyAll, toDatabase], "egress", database)).toEqual(
      expect.objectContaining({ decision: "allow", resource: "kubernetes_manifest.web" }),
    );
    expect(hop([denyAll, toDatabase], "egress", database, 5433)).toEqual(
      expect.objectContaining({ decision: "deny", resource: "kubernetes_manifest.web" }),
    );
    expect(hop([denyAll, toDatabase], "egress", database, 5432, "udp")?.decision).toBe("deny");
  });

  test("without policyTypes a policy isolates for Ingress always, for Egress only if it has egress rules", () => {
    const ingressOnly = policy("ingress-only", { podSelector: {}, ingress: [] });
    expect(hop([ingressOnly], "egress", database)?.decision).toBe("allow");
    expect(hop([ingressOnly], "ingress", database)?.decision).toBe("deny");
  });

  test("ipBlock: the peer's range must lie inside cidr and outside every except", () => {
    const rule = (ipBlock: Record<string, unknown>) =>
      policy("web", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock }] }] });
    expect(hop([rule({ cidr: "10.0.0.0/16" })], "egress", database)?.decision).toBe("allow");
    expect(hop([rule({ cidr: "10.0.4.0/25" })], "egress", database)?.decision).toBe("partial");
    expect(hop([rule({ cidr: "10.0.0.0/16", except: ["10.0.4.0/25"] })], "egress", database)?.decision).toBe("partial");
    expect(hop([rule({ cidr: "10.0.0.0/16", except: ["10.0.4.0/24"] })], "egress", database)?.decision).toBe("deny");
    expect(hop([rule({ cidr: "192.168.0.0/16" })], "egress", database)?.decision).toBe("deny");
    // The internet is every public address: only a /0 covers it.
    const internet = { kind: "addresses", public: true, label: "STS" } as const;
    expect(hop([rule({ cidr: "0.0.0.0/0" })], "egress", internet, 443)?.decision).toBe("allow");
    expect(hop([rule({ cidr: "52.0.0.0/8" })], "egress", internet, 443)?.decision).toBe("partial");
    // An IPv6 block holds no IPv4 address, not even ::/0 (the flows are IPv4).
    expect(hop([rule({ cidr: "::/0" })], "egress", internet, 443)?.decision).toBe("deny");
    expect(hop([rule({ cidr: "fd00::/8" })], "egress", database)?.decision).toBe("deny");
  });

  test("pod peers: namespaceSelector by the namespace's name label, podSelector by the pod's labels; alone, podSelector means the policy's namespace", () => {
    const dns = (to: Record<string, unknown>) =>
      policy("dns", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [to], ports: [{ protocol: "UDP", port: 53 }] }] });
    const kubeSystem = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } };
    expect(
      hop([dns({ ...kubeSystem, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } })], "egress", coredns, 53, "udp")?.decision,
    ).toBe("allow");
    expect(hop([dns({ podSelector: { matchLabels: { "k8s-app": "kube-dns" } } })], "egress", coredns, 53, "udp")?.decision).toBe("deny");
    expect(
      hop([dns({ ...kubeSystem, podSelector: { matchLabels: { "k8s-app": "other" } } })], "egress", coredns, 53, "udp")?.decision,
    ).toBe("deny");
  });

  test("an ipBlock matches pods by their address: covering a node subnet admits every pod there, whatever its namespace", () => {
    const fromNodes = policy("web", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/23" } }] }],
    });
    const podThere = (addresses?: string[]) =>
      ({ kind: "pods", namespace: "elsewhere", labels: {}, label: "a pod of elsewhere", addresses }) as const;
    expect(hop([fromNodes], "ingress", podThere(["10.0.0.0/23"]), 3000)?.decision).toBe("allow");
    expect(hop([fromNodes], "ingress", podThere(["10.0.2.0/23"]), 3000)?.decision).toBe("deny");
    // On either of two subnets: it depends on where it runs.
    expect(hop([fromNodes], "ingress", podThere(["10.0.0.0/23", "10.0.2.0/23"]), 3000)?.decision).toBe("partial");
    // Where its address is unknown, an ipBlock proves nothing either way.
    expect(hop([fromNodes], "ingress", podThere(undefined), 3000)?.decision).toBe("partial");
    // An except that holds the pod's whole subnet keeps it out.
    const excepting = policy("web", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["10.0.0.0/23"] } }] }],
    });
    expect(hop([excepting], "ingress", podThere(["10.0.0.0/23"]), 3000)?.decision).toBe("deny");
    expect(
      hop([excepting], "ingress", { kind: "addresses", ranges: subtractCidrs("10.0.0.0/16", ["10.0.0.0/23"]), label: "clients" }, 3000)
        ?.decision,
    ).toBe("allow");
  });

  test("the agent always admits the pod's own node (kubelet probes), and only for ingress", () => {
    const itsNode = { kind: "addresses", cidr: "10.0.0.0/23", localNode: true, label: "its node" } as const;
    expect(hop([denyAll], "ingress", itsNode, 3000)).toEqual(
      expect.objectContaining({ decision: "allow", why: expect.stringMatching(/always admits .* own node/) }),
    );
    expect(hop([denyAll], "ingress", { ...itsNode, localNode: false }, 3000)?.decision).toBe("deny");
    expect(hop([denyAll], "egress", itsNode, 3000)?.decision).toBe("deny");
  });

  test("port ranges (endPort) and named ports", () => {
    const ranged = policy("web", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 5000, endPort: 6000 }] }] });
    expect(hop([ranged], "egress", database)?.decision).toBe("allow");
    const named = policy("web", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: "postgres" }] }] });
    expect(hop([named], "egress", database)?.decision).toBe("partial");
  });

  test("nothing enforces them: the hop allows, and says so", () => {
    expect(hop([denyAll], "egress", database, 5432, "tcp", { yes: false, why: "no agent" })).toEqual(
      expect.objectContaining({ decision: "allow", why: expect.stringContaining("nothing enforces them: no agent") }),
    );
  });
});
