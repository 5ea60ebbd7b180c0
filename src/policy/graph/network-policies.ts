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
 * On EKS the VPC CNI's network policy agent enforces them only when the add-on sets enableNetworkPolicy
 * (src/eks/vpc-cni-addon.ts); otherwise every policy is accepted and ignored, which the hop says.
 */
import { contains, overlaps, parseCidr, type Ipv4Block } from "../../config/cidr";
import type { ManifestView } from "../model/kubernetes";
import { selectorMatches } from "../model/kubernetes";
import type { Hop } from "./reachability";

/** The other side of a flow, as a NetworkPolicy sees it. */
export type PolicyPeer =
  /** Pods of a namespace, with their labels and their namespace's labels. */
  | { readonly kind: "pods"; readonly namespace: string; readonly labels: Readonly<Record<string, string>>; readonly label: string }
  /** Addresses: a VPC range (a subnet), or "anywhere public" (the internet, a public AWS endpoint). */
  | { readonly kind: "addresses"; readonly cidr?: string; readonly public?: boolean; readonly label: string };

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

const cidrOf = (text: unknown): Ipv4Block | undefined => {
  try {
    return typeof text === "string" ? parseCidr(text) : undefined;
  } catch {
    return undefined;
  }
};

function peerMatches(entry: any, peer: PolicyPeer, policyNamespace: string): Match {
  if (entry?.ipBlock) {
    const block = cidrOf(entry.ipBlock.cidr);
    if (!block) return "partial";
    const excepts = ((entry.ipBlock.except ?? []) as unknown[]).map(cidrOf);
    if (peer.kind === "addresses" && peer.public) {
      // Public addresses are all of IPv4 minus the VPC: only a /0 surely covers them.
      if (block.prefix !== 0) return "partial";
      return excepts.length === 0 ? "yes" : "partial";
    }
    const other = peer.kind === "addresses" ? cidrOf(peer.cidr) : undefined;
    if (!other) return peer.kind === "pods" ? "no" : "partial";
    if (!overlaps(block, other)) return "no";
    if (!contains(block, other)) return "partial";
    if (excepts.some((e) => !e || overlaps(e, other))) return "partial";
    return "yes";
  }
  if (peer.kind !== "pods") return "no";
  const namespaceOk =
    entry?.namespaceSelector !== undefined ? selectorMatches(entry.namespaceSelector, namespaceLabels(peer.namespace)) : peer.namespace === policyNamespace;
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

function ruleMatches(rule: any, direction: Direction, peer: PolicyPeer, protocol: "tcp" | "udp", port: number, policyNamespace: string): Match {
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
  const selecting = inNamespace.filter((p) => selectorMatches(p.object.spec?.podSelector ?? {}, pod.labels) && policyTypes(p).includes(direction));
  if (selecting.length === 0) {
    return { resource: inNamespace[0].resource.address, decision: "allow", why: `no NetworkPolicy of ${pod.namespace} isolates ${pod.label} for ${direction}` };
  }
  if (!enforced.yes) {
    return { resource: selecting[0].resource.address, decision: "allow", why: `NetworkPolicies select ${pod.label} but nothing enforces them: ${enforced.why}` };
  }
  let partial: ManifestView | undefined;
  for (const policy of selecting) {
    const rules: unknown[] = policy.object.spec?.[direction] ?? [];
    const match = best(rules.map((rule) => ruleMatches(rule, direction, peer, protocol, port, policy.namespace)));
    if (match === "yes") return { resource: policy.resource.address, decision: "allow", why: `NetworkPolicy ${policy.namespace}/${policy.name} lets ${pod.label} ${direction === "egress" ? "send" : "receive"} ${what}` };
    if (match === "partial") partial ??= policy;
  }
  if (partial) {
    return { resource: partial.resource.address, decision: "partial", why: `NetworkPolicy ${partial.namespace}/${partial.name} allows ${what} for part of the addresses or ports only, or by a named port` };
  }
  const names = selecting.map((p) => `${p.namespace}/${p.name}`).join(", ");
  // The place to fix it: the pod's own policy (a selector of its own, rules for this direction), not default-deny.
  const own =
    selecting.find((p) => Object.keys(p.object.spec?.podSelector?.matchLabels ?? {}).length > 0 && (p.object.spec?.[direction] ?? []).length > 0) ??
    selecting.find((p) => (p.object.spec?.[direction] ?? []).length > 0) ??
    selecting[0];
  return {
    resource: own.resource.address,
    decision: "deny",
    why: `the NetworkPolicies that isolate ${pod.label} for ${direction} (${names}) have no rule for ${what}: the agent drops it`,
  };
}
