/**
 * Kubernetes NetworkPolicies for the application's namespace, enforced by the VPC CNI's network policy agent
 * (EKS user guide, "Limit Pod traffic with Kubernetes network policies"). They work together with security
 * groups for pods: "You can use network policies with security groups for Pods" (same guide); the agent attaches
 * to the `eni*` host interfaces (standard mode) and `vlan*` ones (strict mode) alike (aws/aws-network-policy-agent
 * pkg/ebpf/bpf_client.go, POD_VETH_PREFIX, BRANCH_ENI_VETH_PREFIX). Details in docs/workload.md.
 *
 * Everything is denied, then each pod gets what it needs. A Service's port must equal its container port for
 * egress to that Service (same guide, Considerations): the only Service the pods call, kube-dns, uses 53 on
 * both sides.
 */
import type { NetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort } from "kubernetes-types/networking/v1";
import { cidrProblem, contains, parseCidr } from "../../net/cidr";

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
  /** The port the container listens on: the load balancer's clients come here. */
  readonly containerPort: number;
  /** Who may reach the load balancer (its loadBalancerSourceRanges): with client IP preservation, the pods see them. */
  readonly clientCidrs: readonly string[];
  /**
   * Every subnet pods may take their addresses from: the node groups' subnets (the VPC CNI gives pods, branch
   * ENIs included, addresses of their node's subnet). Excepted from the clients, so no pod passes as one.
   */
  readonly podSubnetCidrs: readonly string[];
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

/**
 * Metabase: in, the load balancer's clients only; out, the database and AWS over HTTPS. The kubelet's probes need
 * no rule: the VPC CNI's network policy agent always admits the pod's own node (aws/aws-network-policy-agent
 * pkg/fwruleprocessor/fw_rule_processor.go: "Traffic from the local node should always be allowed").
 */
export function applicationPolicy(props: ApplicationPolicyProps): NetworkPolicy {
  return databaseClientPolicy(props, { from: clientBlocks(props.clientCidrs, props.podSubnetCidrs), ports: [tcp(props.containerPort)] });
}

/**
 * One ipBlock per client range, with the pod subnets inside it excepted: an ipBlock matches any address in it,
 * pods' included, although the Kubernetes docs say ipBlock peers "should be cluster-external IPs". A range inside
 * a pod subnet cannot be narrowed (except must lie inside cidr) and is kept as written: the verifier reports
 * that it admits pods.
 */
export function clientBlocks(clientCidrs: readonly string[], podSubnetCidrs: readonly string[]): NetworkPolicyPeer[] {
  const usable = (cidr: string) => cidrProblem(cidr) === undefined;
  return clientCidrs.map((cidr) => {
    const inside = usable(cidr)
      ? podSubnetCidrs.filter((subnet) => usable(subnet) && subnet !== cidr && contains(parseCidr(cidr), parseCidr(subnet)))
      : [];
    return { ipBlock: { cidr, ...(inside.length > 0 ? { except: [...inside] } : {}) } };
  });
}

/** The bootstrap Job: out to the database, and to AWS and the Kubernetes API over HTTPS; nothing comes in. */
export function jobPolicy(props: DatabaseClientPolicyProps): NetworkPolicy {
  return databaseClientPolicy(props);
}
