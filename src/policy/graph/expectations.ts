/**
 * What must and must not happen in one environment, and what the evaluators say does: every pod that talks to
 * the database must reach it, its DNS and its AWS APIs, and be reached by its kubelet and load balancer; nothing
 * else may reach the database; each pod's identity may do exactly what its job needs. The verdicts are computed
 * from the graph; rules (CHAIN-16, CHAIN-17), the JSON report and the diagram read them.
 */
import { ROLE_ARN_ANNOTATION, STS_AUDIENCE } from "../../aws-facts/irsa";
import { subtractCidrs } from "../../net/cidr";
import type { DatabaseNode, LoadBalancerServiceNode, PodNode, SecurityGraph } from "./graph";
import type { SecurityGroupNode, SubnetNode } from "./network";
import { evaluatePermission, type PermissionRequest, type PermissionResult } from "./permissions";
import { networkPolicyHop, type PolicyPeer } from "./network-policies";
import {
  evaluateFlow,
  interfaceEndpointFor,
  verdictOf,
  type Endpoint,
  type FlowResult,
  type Hop,
  type NetworkInterface,
} from "./reachability";
import { itemsText, literalItems, symbolOf, type Item } from "./values";

export interface FlowCheck {
  readonly from: string;
  readonly to: string;
  readonly protocol: "tcp" | "udp";
  readonly port: number;
  readonly expect: "reachable" | "blocked";
  readonly verdict: FlowResult["verdict"];
  readonly hops: readonly Hop[];
  /** The verdict agrees with the expectation ("external" counts for reachable: the rule exists at runtime). */
  readonly holds: boolean;
  /** The pod controller (Terraform address) the flow belongs to. */
  readonly subject?: string;
}

export interface PermissionCheck {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly expect: "allowed" | "denied";
  readonly verdict: PermissionResult["verdict"];
  readonly why: string;
  /** Addresses of the policies whose statements decided it. */
  readonly statements: readonly string[];
  readonly holds: boolean;
  readonly subject?: string;
}

export interface ChainVerdicts {
  readonly flows: readonly FlowCheck[];
  readonly permissions: readonly PermissionCheck[];
}

export function chainVerdicts(graph: SecurityGraph): ChainVerdicts {
  return { flows: expectedFlows(graph), permissions: expectedPermissions(graph) };
}

// ---- flows ---------------------------------------------------------------------------------------------------

const context = (graph: SecurityGraph) => ({
  endpoints: graph.network.endpoints,
  vpcCidrOf: (subnet: SubnetNode) => graph.network.vpcCidrOf(subnet),
});

/**
 * Evaluates every pair of placements and keeps one result: for "reachable" the first pair that is not, for
 * "blocked" the first pair that is not blocked; otherwise the first pair. No placement at all is reported.
 */
function check(
  graph: SecurityGraph,
  spec: { from: string; to: string; protocol: "tcp" | "udp"; port: number; expect: FlowCheck["expect"]; subject?: string; missing: Hop },
  pairs: ReadonlyArray<[Endpoint, Endpoint]>,
  prefix: readonly Hop[] = [],
  kubernetes?: KubernetesHops,
): FlowCheck {
  const { missing, ...base } = spec;
  if (pairs.length === 0) return { ...base, verdict: "blocked", hops: [missing], holds: spec.expect === "blocked" };
  const results = pairs.map(([source, destination]) => {
    const network = evaluateFlow({ source, destination, protocol: spec.protocol, port: spec.port }, context(graph));
    if (!kubernetes) return network;
    // The pod's own NetworkPolicies: egress before the packet leaves it, ingress once it arrives.
    const egress = kubernetes.egress?.(destination) ?? [];
    const ingress = kubernetes.ingress?.(source) ?? [];
    return verdictOf([...egress, ...network.hops, ...ingress]);
  });
  const worst =
    spec.expect === "reachable"
      ? (results.find((r) => r.verdict !== "reachable" && r.verdict !== "external") ??
        results.find((r) => r.verdict === "external") ??
        results[0])
      : (results.find((r) => r.verdict !== "blocked") ?? results[0]);
  const hops = [...prefix, ...worst.hops];
  const verdict = verdictOf(hops).verdict;
  const holds = spec.expect === "reachable" ? verdict === "reachable" || verdict === "external" : verdict === "blocked";
  return { ...base, verdict, hops, holds };
}

/** NetworkPolicy hops of the pod at either end of a flow, for the other end of each pair. */
interface KubernetesHops {
  egress?(destination: Endpoint): Hop[];
  ingress?(source: Endpoint): Hop[];
}

/** Where an endpoint is, as a NetworkPolicy peer: its subnet's range, or anywhere public. */
function addressPeer(endpoint: Endpoint, label: string): PolicyPeer {
  return endpoint.kind === "interface"
    ? { kind: "addresses", cidr: endpoint.iface.subnet.cidr, label }
    : { kind: "addresses", public: true, label };
}

/** CoreDNS: the kube-dns pods of kube-system (the label EKS's coredns add-on keeps from upstream), on any node. */
const coreDns = (graph: SecurityGraph): PolicyPeer => ({
  kind: "pods",
  namespace: "kube-system",
  labels: { "k8s-app": "kube-dns" },
  label: "CoreDNS (kube-system, k8s-app=kube-dns)",
  addresses: podAddresses(graph),
});

/** The ranges pods may have addresses in (src/policy/graph/graph.ts podAddressSubnets). */
const podAddresses = (graph: SecurityGraph): string[] => graph.podAddressSubnets().flatMap((s) => (s.cidr ? [s.cidr] : []));

/** A namespace no policy of the pod's own namespace can mean by omission. */
const otherNamespace = (namespace: string) => (namespace === "another-namespace" ? "yet-another-namespace" : "another-namespace");

function policyHops(graph: SecurityGraph, pod: PodNode) {
  const target = { namespace: pod.manifest.namespace, labels: pod.runtimeLabels, label: pod.label };
  const hop = (direction: "ingress" | "egress", peer: PolicyPeer, protocol: "tcp" | "udp", port: number) => {
    const found = networkPolicyHop(graph.networkPolicies, graph.networkPolicyEnforcement, target, direction, peer, protocol, port);
    return found ? [found] : [];
  };
  return {
    egressTo: (peer: (destination: Endpoint) => PolicyPeer, protocol: "tcp" | "udp", port: number): KubernetesHops => ({
      egress: (destination) => hop("egress", peer(destination), protocol, port),
    }),
    ingressFrom: (peer: (source: Endpoint) => PolicyPeer, protocol: "tcp" | "udp", port: number): KubernetesHops => ({
      ingress: (source) => hop("ingress", peer(source), protocol, port),
    }),
  };
}

const iface = (i: NetworkInterface): Endpoint => ({ kind: "interface", iface: i });
const cross = (a: readonly NetworkInterface[], b: readonly Endpoint[]): Array<[Endpoint, Endpoint]> =>
  a.flatMap((x) => b.map((y): [Endpoint, Endpoint] => [iface(x), y]));

/** Where a rule of your own asks a pod's traffic to go (podFlow). */
export type FlowTarget =
  | { readonly kind: "internet" }
  | { readonly kind: "aws-service"; readonly service: string }
  | { readonly kind: "database"; readonly database: DatabaseNode };

/**
 * Whether a pod's traffic reaches a target, every hop evaluated as the chain's own flows are: the pod's security
 * groups (or its node's, without a SecurityGroupPolicy), network ACLs both ways, routes, NAT, VPC endpoints, and
 * the pod's NetworkPolicies. For rules of your own (docs/custom-rules.md): one rule file states the flow it
 * expects and reports when it does not hold; nothing else needs to change.
 */
export function podFlow(
  graph: SecurityGraph,
  pod: PodNode,
  target: FlowTarget,
  flow: { readonly protocol: "tcp" | "udp"; readonly port: number; readonly expect: "reachable" | "blocked" },
): FlowCheck {
  const destinations: Endpoint[] =
    target.kind === "internet"
      ? [{ kind: "internet" }]
      : target.kind === "aws-service"
        ? [{ kind: "aws-service", service: target.service }]
        : graph.databaseInterfaces(target.database).map(iface);
  const to =
    target.kind === "internet"
      ? "the internet"
      : target.kind === "aws-service"
        ? `AWS ${target.service}`
        : `${target.database.label}:${flow.port}`;
  const peer =
    target.kind === "aws-service"
      ? awsServicePeer(graph, target.service)
      : (destination: Endpoint) => addressPeer(destination, target.kind === "internet" ? "the internet" : target.database.label);
  const missing: Hop = {
    resource: pod.manifest.resource.address,
    decision: "deny",
    why: `${pod.label} runs on no node of this environment, or ${to} has no address`,
  };
  return check(
    graph,
    { from: pod.label, to, protocol: flow.protocol, port: flow.port, expect: flow.expect, subject: pod.manifest.resource.address, missing },
    cross(pod.interfaces, destinations),
    [],
    policyHops(graph, pod).egressTo(peer, flow.protocol, flow.port),
  );
}

function expectedFlows(graph: SecurityGraph): FlowCheck[] {
  const flows: FlowCheck[] = [];
  const clients = graph.databaseClients();
  const nowhere = (pod: PodNode): Hop => ({
    resource: pod.manifest.resource.address,
    decision: "deny",
    why: `no node group of this environment matches ${pod.label}'s nodeSelector ${JSON.stringify(pod.nodeSelector)}: its pods stay Pending`,
  });
  const everyNode = graph.nodeGroups.flatMap((group) => graph.nodeInterfaces(group));

  for (const pod of clients) {
    const database = pod.database!;
    const subject = pod.manifest.resource.address;
    const db = graph.databaseInterfaces(database).map(iface);
    const policies = policyHops(graph, pod);
    const to = (name: string) => (endpoint: Endpoint) => addressPeer(endpoint, name);
    flows.push(
      check(
        graph,
        {
          from: pod.label,
          to: `${database.label}:${database.port}`,
          protocol: "tcp",
          port: database.port,
          expect: "reachable",
          subject,
          missing: nowhere(pod),
        },
        cross(pod.interfaces, db),
        [],
        policies.egressTo(to(database.label), "tcp", database.port),
      ),
    );
    for (const protocol of ["udp", "tcp"] as const) {
      flows.push(
        check(
          graph,
          {
            from: pod.label,
            to: "CoreDNS (on the nodes, with their groups)",
            protocol,
            port: 53,
            expect: "reachable",
            subject,
            missing: nowhere(pod),
          },
          cross(pod.interfaces, everyNode.map(iface)),
          [],
          policies.egressTo(() => coreDns(graph), protocol, 53),
        ),
      );
    }
    for (const port of pod.probePorts) {
      // kubelet probes from the node the pod runs on.
      const pairs = fromItsNodes(graph, pod);
      flows.push(
        check(
          graph,
          {
            from: "kubelet (the pod's node)",
            to: `${pod.label} probe port`,
            protocol: "tcp",
            port,
            expect: "reachable",
            subject,
            missing: nowhere(pod),
          },
          pairs,
          [],
          policies.ingressFrom((source) => ({ ...addressPeer(source, "its node"), localNode: true }), "tcp", port),
        ),
      );
    }
    const toAwsApi = (service: string, name: string) =>
      check(
        graph,
        { from: pod.label, to: name, protocol: "tcp", port: 443, expect: "reachable", subject, missing: nowhere(pod) },
        cross(pod.interfaces, [{ kind: "aws-service", service }]),
        [],
        policies.egressTo(awsServicePeer(graph, service), "tcp", 443),
      );
    if (pod.role) flows.push(toAwsApi("sts", "AWS STS (IRSA web identity)"));
    if (pod.readsMasterSecret || pod.readsSecrets.length > 0) flows.push(toAwsApi("secretsmanager", "AWS Secrets Manager"));
    // Images are pulled by the node's kubelet, not by the pod: ECR's API, its registry, and S3 for the layers.
    const nodes = pod.nodeGroups.flatMap((group) => graph.nodeInterfaces(group));
    for (const service of ["ecr.api", "ecr.dkr", "s3"]) {
      flows.push(
        check(
          graph,
          {
            from: `nodes of ${pod.label}`,
            to: `AWS ${service === "s3" ? "S3 (image layers)" : `ECR (${service})`}`,
            protocol: "tcp",
            port: 443,
            expect: "reachable",
            subject,
            missing: nowhere(pod),
          },
          cross(nodes, [{ kind: "aws-service", service }]),
        ),
      );
    }
  }

  for (const service of graph.services) {
    for (const pod of service.targets) flows.push(...loadBalancerFlows(graph, service, pod, nowhere(pod)));
  }

  for (const database of graph.databases) {
    const db = graph.databaseInterfaces(database).map(iface);
    const to = `${database.label}:${database.port}`;
    // A pod of the application's namespace and nodes that no SecurityGroupPolicy selects.
    for (const pod of clients.filter((c) => c.database === database)) {
      const intruder = graph.podInterfaces(
        `a pod without a SecurityGroupPolicy in ${pod.manifest.namespace}`,
        pod.manifest.resource.address,
        [],
        pod.nodeGroups,
      );
      flows.push(
        check(
          graph,
          {
            from: `a pod of ${pod.manifest.namespace} without a SecurityGroupPolicy (next to ${pod.label})`,
            to,
            protocol: "tcp",
            port: database.port,
            expect: "blocked",
            subject: pod.manifest.resource.address,
            missing: nowhere(pod),
          },
          cross(intruder, db),
        ),
      );
    }
    const hosts = publicSubnets(graph).map((subnet) => publicHost(graph, subnet));
    flows.push(
      check(
        graph,
        {
          from: "a host in the public subnets",
          to,
          protocol: "tcp",
          port: database.port,
          expect: "blocked",
          missing: { resource: database.block.address, decision: "deny", why: "there is no public subnet" },
        },
        cross(hosts, db),
      ),
    );
    flows.push(
      check(
        graph,
        {
          from: "the internet",
          to,
          protocol: "tcp",
          port: database.port,
          expect: "blocked",
          missing: { resource: database.block.address, decision: "deny", why: "the database has no subnet" },
        },
        db.map((d): [Endpoint, Endpoint] => [{ kind: "internet" }, d]),
      ),
    );
    flows.push(
      check(
        graph,
        {
          from: database.label,
          to: "the internet",
          protocol: "tcp",
          port: 443,
          expect: "blocked",
          missing: { resource: database.block.address, decision: "deny", why: "the database has no subnet" },
        },
        graph.databaseInterfaces(database).map((d): [Endpoint, Endpoint] => [iface(d), { kind: "internet" }]),
      ),
    );
  }
  return flows;
}

/**
 * A load-balanced pod: the load balancer's clients reach its port, and a pod of another namespace does not.
 *
 * Which address the pod sees decides what its NetworkPolicy can tell apart (kubernetes/cloud-provider-aws; the
 * Kubernetes docs, "Create an External Load Balancer"):
 * - externalTrafficPolicy Cluster: kube-proxy forwards from whichever node received the connection, with that
 *   node's address (source NAT): an address of the node subnets, where every pod's address is too;
 * - Local: no source NAT, and only nodes running the pod get traffic. A Network Load Balancer's instance targets
 *   keep the client's address; a Classic Load Balancer proxies, so the pod sees the load balancer's own address.
 * The load balancer's security group and its rules on the nodes are made at runtime by the cloud controller, hence
 * "external". For pods on branch ENIs, Local needs the VPC CNI's standard mode (EKS user guide, "Security groups
 * for Pods", Considerations: not supported "with POD_SECURITY_GROUP_ENFORCING_MODE=strict").
 */
function loadBalancerFlows(graph: SecurityGraph, service: LoadBalancerServiceNode, pod: PodNode, missing: Hop): FlowCheck[] {
  const subject = pod.manifest.resource.address;
  const port = service.targetPort;
  const to = `${pod.label} port ${port}`;
  const policies = policyHops(graph, pod);
  const local = service.externalTrafficPolicy === "Local";
  const external: Hop = {
    resource: service.manifest.resource.address,
    decision: "external",
    why: `the AWS cloud controller creates the ${service.loadBalancer === "nlb" ? "Network" : "Classic"} Load Balancer and lets it (or, with client addresses kept, loadBalancerSourceRanges) into the nodes' cluster-tagged group at runtime, outside Terraform (kubernetes/cloud-provider-aws); ${local ? "externalTrafficPolicy Local: the node hands the connection to the pod on it, without source NAT" : "kube-proxy forwards from the receiving node, with that node's address (source NAT)"}`,
  };
  const branchEni = pod.interfaces.some((i) => i.label.endsWith("(branch ENI)"));
  const unsupported: Hop[] =
    local && branchEni && graph.podSecurityGroupMode === "strict"
      ? [
          {
            resource: service.manifest.resource.address,
            decision: "deny",
            why: `externalTrafficPolicy Local does not work for ${pod.label}, which has a branch ENI, while the VPC CNI runs in strict mode (EKS user guide, "Security groups for Pods", Considerations); set POD_SECURITY_GROUP_ENFORCING_MODE "standard"`,
          },
        ]
      : [];
  const pairs = fromItsNodes(graph, pod);
  const flows: FlowCheck[] = [];
  // Who the pod's NetworkPolicy sees: one flow per range of clients when their address is kept. Clients in the
  // subnets pods take addresses from cannot be told from pods, so they are not expected to get in.
  const podRanges = podAddresses(graph);
  const seen: Array<{ from: string; peer: (source: Endpoint) => PolicyPeer }> =
    local && service.preservesClientAddress
      ? service.sourceRanges.flatMap((cidr) => {
          const outside = subtractCidrs(cidr, podRanges);
          if (outside.length === 0) return [];
          const label = `its clients (${cidr}${outside.length === 1 && outside[0] === cidr ? "" : ", outside the pod subnets"})`;
          return [
            {
              from: `the clients of ${service.label} (${cidr})`,
              peer: (): PolicyPeer => ({ kind: "addresses", ranges: outside, label }),
            },
          ];
        })
      : local
        ? [
            {
              from: `the load balancer of ${service.label}`,
              peer: () => ({
                kind: "addresses",
                cidr: loadBalancerRange(graph, service),
                label: "the Classic Load Balancer's own address",
              }),
            },
          ]
        : [
            {
              from: `the load balancer of ${service.label}`,
              peer: (source) => ({ ...addressPeer(source, "the node kube-proxy forwards from"), localNode: false }),
            },
          ];
  for (const { from, peer } of seen) {
    flows.push(
      check(
        graph,
        { from, to, protocol: "tcp", port, expect: "reachable", subject, missing },
        pairs,
        [external, ...unsupported],
        policies.ingressFrom(peer, "tcp", port),
      ),
    );
  }
  // The claim "only the load balancer reaches it": a pod of any other namespace, with no policy of its own, on
  // any node, must be stopped, by its address (the node subnets) or its namespace.
  const namespace = otherNamespace(pod.manifest.namespace);
  const intruder = graph.podInterfaces(`a pod of ${namespace}`, subject, [], graph.nodeGroups);
  flows.push(
    check(
      graph,
      {
        from: `a pod of another namespace (${namespace}, no NetworkPolicy of its own)`,
        to,
        protocol: "tcp",
        port,
        expect: "blocked",
        subject,
        missing,
      },
      cross(intruder, pod.interfaces.map(iface)),
      [],
      policies.ingressFrom(
        (source) => ({
          kind: "pods",
          namespace,
          labels: {},
          label: `a pod of ${namespace}`,
          addresses: source.kind === "interface" && source.iface.subnet.cidr ? [source.iface.subnet.cidr] : undefined,
        }),
        "tcp",
        port,
      ),
    ),
  );
  return flows;
}

/** Where a Classic Load Balancer's own addresses are: the subnets the controller picks (internal-elb or elb tagged). */
function loadBalancerRange(graph: SecurityGraph, service: LoadBalancerServiceNode): string | undefined {
  const tag = service.internal ? "kubernetes.io/role/internal-elb" : "kubernetes.io/role/elb";
  const subnets = graph.model.resources("aws_subnet").filter((s) => s.config.tags?.[tag] !== undefined);
  // One range only when it is one subnet; otherwise the verdict stays undetermined (partial), which is honest.
  return subnets.length === 1 ? graph.network.subnets.get(subnets[0].address)?.cidr : undefined;
}

/** Each of the pod's interfaces with the node interface in its subnet: where the kubelet and kube-proxy reach it from. */
function fromItsNodes(graph: SecurityGraph, pod: PodNode): Array<[Endpoint, Endpoint]> {
  return pod.nodeGroups.flatMap((group) =>
    graph
      .nodeInterfaces(group)
      .flatMap((node) => pod.interfaces.filter((p) => p.subnet === node.subnet).map((p): [Endpoint, Endpoint] => [iface(node), iface(p)])),
  );
}

/** An AWS API as a NetworkPolicy peer: its interface endpoint's subnet when there is one, else public addresses. */
function awsServicePeer(graph: SecurityGraph, service: string) {
  return (): PolicyPeer => {
    const endpoint = interfaceEndpointFor(graph.network.endpoints, service);
    return endpoint
      ? { kind: "addresses", cidr: endpoint.subnets[0].cidr, label: `the ${service} VPC endpoint` }
      : { kind: "addresses", public: true, label: `the public ${service} endpoint` };
  };
}

/** Subnets whose route to 0.0.0.0/0 is an internet gateway. */
function publicSubnets(graph: SecurityGraph): SubnetNode[] {
  return [...graph.network.subnets.values()].filter((subnet) =>
    subnet.routeTable.routes.some((r) => r.destination === "0.0.0.0/0" && r.target.kind === "internet-gateway"),
  );
}

/** Who stands in a public subnet: the nodes of a group there, or any instance whose group lets everything out. */
function publicHost(graph: SecurityGraph, subnet: SubnetNode): NetworkInterface {
  const group = graph.nodeGroups.find((g) => g.subnets.includes(subnet));
  if (group) return { label: `a node of ${group.label} in ${subnet.label}`, groups: group.groups, subnet, owner: group.block.address };
  const open: SecurityGroupNode = {
    address: `an instance in ${subnet.address}`,
    label: "a group that lets everything out",
    path: subnet.path,
    rules: [
      {
        direction: "egress",
        protocol: "all",
        fromPort: 0,
        toPort: 65535,
        peers: [{ kind: "cidr", cidr: "0.0.0.0/0" }],
        address: subnet.address,
      },
    ],
  };
  return { label: `an instance in ${subnet.label}`, groups: [open], subnet, owner: subnet.address };
}

// ---- permissions ----------------------------------------------------------------------------------------------

/** The request a pod's projected service-account token makes to STS, for its role. */
function assumeRequest(graph: SecurityGraph, namespace: string, serviceAccount: string): PermissionRequest[] {
  return graph.oidcProviders.map((provider) => {
    const issuer: Item = { symbol: `host and path of ${symbolOf(graph.model, provider, "url")}` };
    return {
      action: "sts:AssumeRoleWithWebIdentity",
      principal: [{ symbol: symbolOf(graph.model, provider, "arn") }],
      context: [
        { key: [issuer, ...literalItems(":sub")], value: literalItems(`system:serviceaccount:${namespace}:${serviceAccount}`) },
        { key: [issuer, ...literalItems(":aud")], value: literalItems(STS_AUDIENCE) },
      ],
    };
  });
}

/** kms:ViaService of a call through Secrets Manager in a block's region, named with its partition's DNS suffix. */
function viaSecretsManager(place: { region: string; dnsSuffix: string } | undefined): string {
  return place ? `secretsmanager.${place.region}.${place.dnsSuffix}` : "secretsmanager.?";
}

function dbUserArn(graph: SecurityGraph, database: DatabaseNode, user: string): Item[] {
  const place = graph.model.placementOf(database.block);
  return [
    ...literalItems(`arn:${place?.partition ?? "aws"}:rds-db:${place?.region ?? "?"}:`),
    { symbol: "aws account" },
    ...literalItems(":dbuser:"),
    { symbol: symbolOf(graph.model, database.block, "resource_id") },
    ...literalItems(`/${user}`),
  ];
}

/** Assume the role with the service account's token, then ask for the action: both must be allowed. */
function asServiceAccount(
  graph: SecurityGraph,
  pod: PodNode,
  namespace: string,
  serviceAccount: string,
  requests: PermissionRequest[],
): PermissionResult {
  const sa = graph.serviceAccounts.find((s) => s.namespace === namespace && s.name === serviceAccount);
  const role = sa?.role ?? (serviceAccount === pod.serviceAccount?.name ? pod.role : undefined);
  const target = role ?? pod.role;
  if (!target) {
    return {
      verdict: "denied",
      statements: [],
      why: `${namespace}/${serviceAccount} has no IAM role (no ${ROLE_ARN_ANNOTATION} annotation naming one): no web identity, so the request is denied (for rds-db:connect PostgreSQL answers "PAM authentication failed")`,
    };
  }
  if (!target.trust) return { verdict: "undetermined", statements: [], why: `${target.label}'s trust policy cannot be read` };
  const trusted = assumeRequest(graph, namespace, serviceAccount).map((request) => evaluatePermission(target.trust!, request));
  const assumed = trusted.find((t) => t.verdict === "allowed") ?? trusted.find((t) => t.verdict === "undetermined") ?? trusted[0];
  if (assumed?.verdict !== "allowed") {
    // Nothing allowed it: the trust policy as a whole is what refused.
    const statements = assumed?.statements.length ? assumed.statements : target.trust.map((statement) => statement.source);
    return {
      verdict: assumed?.verdict ?? "denied",
      statements,
      why: `${target.label} does not trust ${namespace}/${serviceAccount}'s token: ${assumed?.why ?? "no OIDC provider"}`,
    };
  }
  const results = requests.map((request) => evaluatePermission(target.permissions, request));
  const failed = results.find((r) => r.verdict !== "allowed");
  if (failed) return { ...failed, why: `as ${target.label}: ${failed.why}` };
  return {
    verdict: "allowed",
    statements: results.flatMap((r) => r.statements),
    why: `assumed ${target.label}; ${[...new Set(results.map((r) => r.why))].join("; ")}`,
  };
}

function expectedPermissions(graph: SecurityGraph): PermissionCheck[] {
  const checks: PermissionCheck[] = [];
  const add = (
    pod: PodNode,
    principal: string,
    action: string,
    resource: Item[],
    expect: PermissionCheck["expect"],
    result: PermissionResult,
  ) =>
    checks.push({
      principal,
      action,
      resource: itemsText(resource),
      expect,
      verdict: result.verdict,
      why: result.why,
      statements: [...new Set(result.statements.map((s) => s.source.address))],
      holds: result.verdict === expect,
      subject: pod.manifest.resource.address,
    });
  for (const pod of graph.databaseClients()) {
    const database = pod.database!;
    const { namespace } = pod.manifest;
    const sa = pod.controller.serviceAccountName;
    const subject = `system:serviceaccount:${namespace}:${sa}`;
    const connect = (user: string) => ({ action: "rds-db:connect", resource: dbUserArn(graph, database, user), context: [] });
    if (pod.dbUser !== undefined) {
      const own = connect(pod.dbUser);
      add(pod, subject, own.action, own.resource, "allowed", asServiceAccount(graph, pod, namespace, sa, [own]));
      const otherUser = pod.dbUser === "intruder" ? "someone_else" : "intruder";
      const other = connect(otherUser);
      add(pod, subject, other.action, other.resource, "denied", asServiceAccount(graph, pod, namespace, sa, [other]));
      const bystander = sa === "default" ? "intruder" : "default";
      add(
        pod,
        `system:serviceaccount:${namespace}:${bystander}`,
        own.action,
        own.resource,
        "denied",
        asServiceAccount(graph, pod, namespace, bystander, [own]),
      );
    }
    const secret: Item[] = [{ symbol: symbolOf(graph.model, database.block, "master_user_secret[0].secret_arn") }];
    const read = { action: "secretsmanager:GetSecretValue", resource: secret, context: [] };
    const keyRef = graph.model.reference(database.block, database.block.config.master_user_secret_kms_key_id);
    const place = graph.model.placementOf(database.block);
    const decrypt: PermissionRequest | undefined = keyRef && {
      action: "kms:Decrypt",
      resource: [{ symbol: symbolOf(graph.model, keyRef.block, keyRef.attribute) }],
      context: [{ key: literalItems("kms:ViaService"), value: literalItems(viaSecretsManager(place)) }],
    };
    const requests = [read, ...(decrypt ? [decrypt] : [])];
    add(
      pod,
      subject,
      "secretsmanager:GetSecretValue (and kms:Decrypt through Secrets Manager)",
      secret,
      pod.readsMasterSecret ? "allowed" : "denied",
      asServiceAccount(graph, pod, namespace, sa, pod.readsMasterSecret ? requests : [read]),
    );
    for (const given of pod.readsSecrets) {
      const givenSecret: Item[] = [{ symbol: symbolOf(graph.model, given, "arn") }];
      const givenKey = graph.model.reference(given, given.config.kms_key_id);
      const givenPlace = graph.model.placementOf(given);
      const givenRequests: PermissionRequest[] = [
        { action: "secretsmanager:GetSecretValue", resource: givenSecret, context: [] },
        ...(givenKey
          ? [
              {
                action: "kms:Decrypt",
                resource: [{ symbol: symbolOf(graph.model, givenKey.block, givenKey.attribute) }],
                context: [{ key: literalItems("kms:ViaService"), value: literalItems(viaSecretsManager(givenPlace)) }],
              },
            ]
          : []),
      ];
      add(
        pod,
        subject,
        "secretsmanager:GetSecretValue of a secret its containers are given (and kms:Decrypt through Secrets Manager)",
        givenSecret,
        "allowed",
        asServiceAccount(graph, pod, namespace, sa, givenRequests),
      );
    }
  }
  return checks;
}
