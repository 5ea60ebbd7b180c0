/**
 * Kubernetes NetworkPolicies, evaluated for one flow of one pod, with the semantics of the Kubernetes docs
 * ("Network Policies"):
 * - a pod is isolated for a direction when some policy of its namespace selects it (podSelector against the
 *   pod's labels as they are at runtime) and lists that direction in policyTypes (unset: Ingress, plus Egress
 *   when the policy has egress rules); an isolated pod's traffic in that direction is allowed only when some
 *   rule of some selecting policy allows it, and a pod no policy isolates is not restricted at all;
 * - a rule matches when one of its peers matches (none listed: every peer) and one of its ports does (none
 *   listed: every port; protocol TCP unless said; endPort makes a range). A peer is an ipBlock (the other side's
 *   address range lies in `cidr` and outside every `except`), or pods chosen by namespaceSelector and/or
 *   podSelector (absent namespaceSelector: the policy's own namespace).
 * An ipBlock matches addresses, and pods have addresses: with the VPC CNI every pod, branch ENIs included, takes
 * one in its node's subnet (amazon-vpc-cni-k8s pkg/awsutils/awsutils.go createENI; amazon-vpc-resource-controller-k8s
 * pkg/provider/branch/trunk/trunk.go creates branch ENIs in the instance's subnet), so an ipBlock that covers a
 * node subnet admits every pod there, whatever its namespace; the Kubernetes docs' "should be cluster-external
 * IPs" is advice, not something the agent enforces (amazon-network-policy-controller-k8s pkg/resolvers/endpoints.go
 * turns an ipBlock into a CIDR as written).
 * The agent always admits the pod's own node (aws/aws-network-policy-agent pkg/fwruleprocessor/fw_rule_processor.go:
 * "Traffic from the local node should always be allowed"), which is how kubelet probes get in.
 * On EKS the VPC CNI's network policy agent enforces them only when the add-on sets enableNetworkPolicy
 * (src/eks/vpc-cni-addon.ts); otherwise every policy is accepted and ignored, which the hop says.
 */
import { contains, overlaps, tryParseCidr, type CidrBlock } from "../../net/cidr";
import type { ManifestView } from "../model/kubernetes";
import { selectorMatches } from "../model/kubernetes";
import type { Hop } from "./reachability";

/** The other side of a flow, as a NetworkPolicy sees it. */
export type PolicyPeer =
  /** Pods of a namespace, with their labels, and the subnets their addresses may be in (unknown: undefined). */
  | {
      readonly kind: "pods";
      readonly namespace: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly label: string;
      readonly addresses?: readonly string[];
    }
  /**
   * Addresses: a VPC range (a subnet) or any range, or "anywhere public" (the internet, a public AWS endpoint);
   * localNode: the node the pod runs on.
   */
  | {
      readonly kind: "addresses";
      readonly cidr?: string;
      /** Several ranges, each of which must match (instead of cidr). */
      readonly ranges?: readonly string[];
      readonly public?: boolean;
      readonly localNode?: boolean;
      readonly label: string;
    };

/** The pod a policy may select: its namespace and runtime labels. */
export interface PolicyPod {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly label: string;
}

type Direction = "ingress" | "egress";
type Match = "yes" | "no" | "partial";

/** The labels Kubernetes puts on every namespace: kubernetes.io/metadata.name (Kubernetes docs, "Namespaces"). */
const namespaceLabels = (namespace: string): Record<string, string> => ({ "kubernetes.io/metadata.name": namespace });

function policyTypes(policy: ManifestView): Direction[] {
  const spec = policy.object.spec ?? {};
  if (Array.isArray(spec.policyTypes)) return spec.policyTypes.map((t: string) => t.toLowerCase() as Direction);
  return ["ingress", ...(Array.isArray(spec.egress) && spec.egress.length > 0 ? (["egress"] as const) : [])];
}

/** An ipBlock's cidr or except entry: IPv4 or IPv6 (an IPv6 block matches no IPv4 address). */
const cidrOf = (text: unknown): CidrBlock | undefined => tryParseCidr(text, "any");

/** How an ipBlock matches one range the other side's address may be in. */
function blockMatches(block: CidrBlock, excepts: ReadonlyArray<CidrBlock | undefined>, range: CidrBlock | undefined): Match {
  if (!range) return "partial";
  if (!overlaps(block, range)) return "no";
  if (excepts.some((e) => e && contains(e, range))) return "no";
  if (!contains(block, range)) return "partial";
  if (excepts.some((e) => !e || overlaps(e, range))) return "partial";
  return "yes";
}

function peerMatches(entry: any, peer: PolicyPeer, policyNamespace: string): Match {
  if (entry?.ipBlock) {
    const block = cidrOf(entry.ipBlock.cidr);
    if (!block) return "partial";
    const excepts = ((entry.ipBlock.except ?? []) as unknown[]).map(cidrOf);
    if (peer.kind === "addresses" && peer.public) {
      // Public addresses are all of IPv4 minus the VPC: only a /0 surely covers them.
      if (block.family !== "ipv4") return "no";
      if (block.prefix !== 0) return "partial";
      return excepts.length === 0 ? "yes" : "partial";
    }
    // A pod is matched by its address, which lies in one of the ranges it may be in: every one must match.
    const ranges = peer.kind === "addresses" ? (peer.ranges ?? [peer.cidr]) : peer.addresses;
    if (!ranges || ranges.length === 0) return "partial";
    const each = ranges.map((range) => blockMatches(block, excepts, cidrOf(range)));
    return each.every((m) => m === "yes") ? "yes" : each.every((m) => m === "no") ? "no" : "partial";
  }
  if (peer.kind !== "pods") return "no";
  const namespaceOk =
    entry?.namespaceSelector !== undefined
      ? selectorMatches(entry.namespaceSelector, namespaceLabels(peer.namespace))
      : peer.namespace === policyNamespace;
  const podOk = entry?.podSelector !== undefined ? selectorMatches(entry.podSelector, peer.labels) : true;
  return namespaceOk && podOk ? "yes" : "no";
}

function portMatches(entry: any, protocol: "tcp" | "udp", port: number): Match {
  if (String(entry?.protocol ?? "TCP").toLowerCase() !== protocol) return "no";
  if (entry?.port === undefined) return "yes";
  if (typeof entry.port !== "number") return "partial"; // a named port: the container decides
  const end = typeof entry.endPort === "number" ? entry.endPort : entry.port;
  return entry.port <= port && port <= end ? "yes" : "no";
}

const best = (matches: Match[]): Match => (matches.includes("yes") ? "yes" : matches.includes("partial") ? "partial" : "no");

function ruleMatches(
  rule: any,
  direction: Direction,
  peer: PolicyPeer,
  protocol: "tcp" | "udp",
  port: number,
  policyNamespace: string,
): Match {
  const peers: unknown[] = rule?.[direction === "egress" ? "to" : "from"] ?? [];
  const ports: unknown[] = rule?.ports ?? [];
  const peerMatch = peers.length === 0 ? "yes" : best(peers.map((entry) => peerMatches(entry, peer, policyNamespace)));
  const portMatch = ports.length === 0 ? "yes" : best(ports.map((entry) => portMatches(entry, protocol, port)));
  if (peerMatch === "no" || portMatch === "no") return "no";
  return peerMatch === "yes" && portMatch === "yes" ? "yes" : "partial";
}

/**
 * The hop NetworkPolicies make for one direction of a flow of `pod`, or undefined when its namespace has no
 * NetworkPolicy at all (nothing to say). `enforced` is false when nothing enforces them.
 */
export function networkPolicyHop(
  policies: readonly ManifestView[],
  enforced: { readonly yes: boolean; readonly why: string },
  pod: PolicyPod,
  direction: Direction,
  peer: PolicyPeer,
  protocol: "tcp" | "udp",
  port: number,
): Hop | undefined {
  const inNamespace = policies.filter((p) => p.namespace === pod.namespace);
  if (inNamespace.length === 0) return undefined;
  const what = `${port}/${protocol} ${direction === "egress" ? "to" : "from"} ${peer.label}`;
  const selecting = inNamespace.filter(
    (p) => selectorMatches(p.object.spec?.podSelector ?? {}, pod.labels) && policyTypes(p).includes(direction),
  );
  if (selecting.length === 0) {
    return {
      resource: inNamespace[0].resource.address,
      decision: "allow",
      why: `no NetworkPolicy of ${pod.namespace} isolates ${pod.label} for ${direction}`,
    };
  }
  if (!enforced.yes) {
    return {
      resource: selecting[0].resource.address,
      decision: "allow",
      why: `NetworkPolicies select ${pod.label} but nothing enforces them: ${enforced.why}`,
    };
  }
  if (direction === "ingress" && peer.kind === "addresses" && peer.localNode) {
    return {
      resource: selecting[0].resource.address,
      decision: "allow",
      why: `the network policy agent always admits ${pod.label}'s own node, whatever the policies say (aws-network-policy-agent: "Traffic from the local node should always be allowed")`,
    };
  }
  let partial: ManifestView | undefined;
  for (const policy of selecting) {
    const rules: unknown[] = policy.object.spec?.[direction] ?? [];
    const match = best(rules.map((rule) => ruleMatches(rule, direction, peer, protocol, port, policy.namespace)));
    if (match === "yes")
      return {
        resource: policy.resource.address,
        decision: "allow",
        why: `NetworkPolicy ${policy.namespace}/${policy.name} lets ${pod.label} ${direction === "egress" ? "send" : "receive"} ${what}`,
      };
    if (match === "partial") partial ??= policy;
  }
  if (partial) {
    return {
      resource: partial.resource.address,
      decision: "partial",
      why: `NetworkPolicy ${partial.namespace}/${partial.name} allows ${what} for part of the addresses or ports only, or by a named port`,
    };
  }
  const names = selecting.map((p) => `${p.namespace}/${p.name}`).join(", ");
  // The place to fix it: the pod's own policy (a selector of its own, rules for this direction), not default-deny.
  const own =
    selecting.find(
      (p) => Object.keys(p.object.spec?.podSelector?.matchLabels ?? {}).length > 0 && (p.object.spec?.[direction] ?? []).length > 0,
    ) ??
    selecting.find((p) => (p.object.spec?.[direction] ?? []).length > 0) ??
    selecting[0];
  return {
    resource: own.resource.address,
    decision: "deny",
    why: `the NetworkPolicies that isolate ${pod.label} for ${direction} (${names}) have no rule for ${what}: the agent drops it`,
  };
}
