/**
 * What the AWS cloud provider's service controller does with a Service of type LoadBalancer (without the AWS
 * Load Balancer Controller), read in kubernetes/cloud-provider-aws: docs/service_controller.md (the annotation
 * table) and pkg/providers/v1/aws.go, aws_loadbalancer.go.
 * - type "nlb": a Network Load Balancer with instance targets (a node port on every node); without it a Classic
 *   Load Balancer, which proxies: the node sees the Classic Load Balancer's own address;
 * - ssl-cert: "Requests a secure listener. Value is a valid certificate ARN" (IAM or ACM); on an NLB a TLS
 *   listener ("If the protocol is TCP and the aws-load-balancer-ssl-cert annotation is also present, the NLB
 *   protocol will be set to TLS"), forwarding TCP unless backend-protocol is "ssl";
 * - ssl-ports: the listener ports that use it ("Defaults to '*' (all)");
 * - backend-protocol "http" with a certificate (Classic only): an HTTPS listener that terminates TLS and
 *   forwards HTTP;
 * - ssl-negotiation-policy: the listener's TLS policy (on an NLB it becomes the listener's SslPolicy as is,
 *   aws.go ensureLoadBalancer: `portMapping.SSLPolicy = annotations[...]`); by default ELBSecurityPolicy-2016-08,
 *   which still accepts TLS 1.0 and 1.1;
 * - internal: any value but "false" makes the load balancer internal (private subnets, tagged
 *   kubernetes.io/role/internal-elb);
 * - target-group-attributes (NLB only): e.g. "preserve_client_ip.enabled=false"; the default for the instance
 *   targets the controller registers is to preserve the client's address ("from the default (true, when target
 *   type is instance)", service_controller.md; ELB user guide, "Edit target group attributes for your Network
 *   Load Balancer", Client IP preservation: "Instance type target groups: Enabled").
 */
export const LB_ANNOTATIONS = {
  type: "service.beta.kubernetes.io/aws-load-balancer-type",
  sslCert: "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
  sslPorts: "service.beta.kubernetes.io/aws-load-balancer-ssl-ports",
  backendProtocol: "service.beta.kubernetes.io/aws-load-balancer-backend-protocol",
  sslNegotiationPolicy: "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy",
  internal: "service.beta.kubernetes.io/aws-load-balancer-internal",
  targetGroupAttributes: "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes",
} as const;

/**
 * TLS 1.3 and 1.2, restricted ciphers: the policy the ELB console gives a new TLS listener (ELB user guide,
 * "Security policies for your Network Load Balancer"; the API, which the controller calls, would give
 * ELBSecurityPolicy-2016-08 instead).
 */
export const NLB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

type Annotations = Readonly<Record<string, unknown>> | undefined;

/** Whether the controller makes this Service's load balancer internal. */
export function isInternalLoadBalancer(annotations: Annotations): boolean {
  const value = annotations?.[LB_ANNOTATIONS.internal];
  return value !== undefined && value !== "" && value !== "false";
}

/** Whether the controller makes a Network Load Balancer (aws_loadbalancer.go isNLB: the value "nlb"). */
export function isNetworkLoadBalancer(annotations: Annotations): boolean {
  return annotations?.[LB_ANNOTATIONS.type] === "nlb";
}

/**
 * Whether the pods' node receives the client's own address: a Network Load Balancer's instance targets keep it
 * unless target-group-attributes turns preserve_client_ip off; a Classic Load Balancer never does.
 */
export function preservesClientAddress(annotations: Annotations): boolean {
  if (!isNetworkLoadBalancer(annotations)) return false;
  const attributes = String(annotations?.[LB_ANNOTATIONS.targetGroupAttributes] ?? "")
    .split(",")
    .map((pair) => pair.split("=").map((part) => part.trim()));
  return !attributes.some(([key, value]) => key === "preserve_client_ip.enabled" && value === "false");
}

/**
 * Whether the service controller gives this port a TLS listener. Exactly its test (kubernetes/cloud-provider-aws
 * pkg/providers/v1/aws.go, buildListener and getPortSets, the same for an NLB): a certificate, and ssl-ports absent,
 * empty, "*", or listing the port's number or its (lower-cased) name; list items are not trimmed, so " 8443" names
 * no port.
 */
export function servesTls(annotations: Annotations, port: { readonly port: number; readonly name?: string }): boolean {
  if (!annotations?.[LB_ANNOTATIONS.sslCert]) return false;
  const listed = annotations[LB_ANNOTATIONS.sslPorts];
  if (listed === undefined || listed === "" || listed === "*") return true;
  const items = String(listed).split(",");
  return items.includes(String(port.port)) || (port.name !== undefined && items.includes(port.name.toLowerCase()));
}
