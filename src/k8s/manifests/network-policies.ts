/**
 * Kubernetes NetworkPolicies for the application's namespace, enforced by the VPC CNI's network policy agent
 * (EKS user guide, "Limit Pod traffic with Kubernetes network policies"). They work together with security
 * groups for pods in strict mode: "You can use network policies with security groups for Pods" (same guide);
 * the agent attaches to the `vlan*` host interfaces of branch-ENI pods as well as `eni*`
 * (aws/aws-network-policy-agent pkg/ebpf/bpf_client.go, BRANCH_ENI_VETH_PREFIX). Details in docs/workload.md.
 *
 * Everything is denied, then each pod gets what it needs. A Service's port must equal its container port for
 * egress to that Service (same guide, Considerations): the only Service the pods call, kube-dns, uses 53 on
 * both sides.
 */
import type { NetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort } from "kubernetes-types/networking/v1";

const tcp = (port: number): NetworkPolicyPort => ({ protocol: "TCP", port });
const cidrs = (blocks: readonly string[]): NetworkPolicyPeer[] => blocks.map((cidr) => ({ ipBlock: { cidr } }));

/** AWS APIs (STS for IRSA, Secrets Manager), the RDS CA truststore and the Kubernetes API: HTTPS, anywhere. */
const HTTPS_ANYWHERE = { to: cidrs(["0.0.0.0/0"]), ports: [tcp(443)] };

interface PolicyProps {
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

export function defaultDeny(props: PolicyProps): NetworkPolicy {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "default-deny", namespace: props.namespace, labels: props.labels },
    // Both types, explicitly: with only Egress listed, the VPC CNI agent's strict mode still let ingress in
    // (aws/aws-network-policy-agent#319).
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  };
}

/** Every pod of the namespace may ask CoreDNS (kube-system, k8s-app=kube-dns), on 53/udp and 53/tcp. */
export function allowDns(props: PolicyProps): NetworkPolicy {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "allow-dns", namespace: props.namespace, labels: props.labels },
    spec: {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    },
  };
}

export interface DatabaseClientPolicyProps extends PolicyProps {
  readonly name: string;
  readonly podLabels: Record<string, string>;
  readonly databaseCidrs: readonly string[];
  readonly databasePort: number;
}

export interface ApplicationPolicyProps extends DatabaseClientPolicyProps {
  /** The port the container listens on: the load balancer (through the nodes) and the kubelet come here. */
  readonly containerPort: number;
  /** Where the load balancer's and the kubelet's connections come from: the node and load balancer subnets. */
  readonly clientCidrs: readonly string[];
}

/** A database client's own policy: out to the database and over HTTPS; in, only what `ingress` admits. */
function databaseClientPolicy(props: DatabaseClientPolicyProps, ingress?: NetworkPolicyIngressRule): NetworkPolicy {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
    spec: {
      podSelector: { matchLabels: props.podLabels },
      policyTypes: ingress ? ["Ingress", "Egress"] : ["Egress"],
      ...(ingress ? { ingress: [ingress] } : {}),
      egress: [{ to: cidrs(props.databaseCidrs), ports: [tcp(props.databasePort)] }, HTTPS_ANYWHERE],
    },
  };
}

/** Metabase: in from the load balancer and the kubelet; out to the database and to AWS over HTTPS. */
export function applicationPolicy(props: ApplicationPolicyProps): NetworkPolicy {
  return databaseClientPolicy(props, { from: cidrs(props.clientCidrs), ports: [tcp(props.containerPort)] });
}

/** The bootstrap Job: out to the database, and to AWS and the Kubernetes API over HTTPS; nothing comes in. */
export function jobPolicy(props: DatabaseClientPolicyProps): NetworkPolicy {
  return databaseClientPolicy(props);
}
