/**
 * Annotations the AWS cloud provider's service controller reads on a Service of type LoadBalancer (the Classic
 * Load Balancer it creates without the AWS Load Balancer Controller; kubernetes/cloud-provider-aws,
 * docs/service_controller.md and pkg/providers/v1/aws.go):
 * - ssl-cert: "Requests a secure listener. Value is a valid certificate ARN" (IAM or ACM);
 * - ssl-ports: the listener ports that use it ("Defaults to '*' (all)");
 * - backend-protocol "http" with a certificate: an HTTPS listener that terminates TLS and forwards HTTP;
 * - ssl-negotiation-policy: the listener's TLS policy, by default ELBSecurityPolicy-2016-08, which still accepts
 *   TLS 1.0 and 1.1;
 * - internal: any value but "false" makes the load balancer internal (private subnets, tagged
 *   kubernetes.io/role/internal-elb).
 */
export const LB_ANNOTATIONS = {
  sslCert: "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
  sslPorts: "service.beta.kubernetes.io/aws-load-balancer-ssl-ports",
  backendProtocol: "service.beta.kubernetes.io/aws-load-balancer-backend-protocol",
  sslNegotiationPolicy: "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy",
  internal: "service.beta.kubernetes.io/aws-load-balancer-internal",
} as const;

/** TLS 1.2 only, forward-secret ciphers (ELB user guide, "Predefined SSL security policies for Classic Load Balancers"). */
export const TLS12_NEGOTIATION_POLICY = "ELBSecurityPolicy-TLS-1-2-2017-01";

/** Whether the controller makes this Service's load balancer internal. */
export function isInternalLoadBalancer(annotations: Readonly<Record<string, unknown>> | undefined): boolean {
  const value = annotations?.[LB_ANNOTATIONS.internal];
  return value !== undefined && value !== "" && value !== "false";
}

/**
 * Whether the service controller gives this port a TLS listener. Exactly its test (kubernetes/cloud-provider-aws
 * pkg/providers/v1/aws.go, buildListener and getPortSets): a certificate, and ssl-ports absent, empty, "*", or
 * listing the port's number or its (lower-cased) name; list items are not trimmed, so " 8443" names no port.
 */
export function servesTls(annotations: Readonly<Record<string, unknown>> | undefined, port: { readonly port: number; readonly name?: string }): boolean {
  if (!annotations?.[LB_ANNOTATIONS.sslCert]) return false;
  const listed = annotations[LB_ANNOTATIONS.sslPorts];
  if (listed === undefined || listed === "" || listed === "*") return true;
  const items = String(listed).split(",");
  return items.includes(String(port.port)) || (port.name !== undefined && items.includes(port.name.toLowerCase()));
}
