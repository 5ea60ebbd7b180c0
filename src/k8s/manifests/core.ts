import type { ConfigMap, Namespace, Service, ServiceAccount } from "kubernetes-types/core/v1";
import { LB_ANNOTATIONS, NLB_TLS_POLICY } from "../../kubernetes-facts/aws-load-balancer";

/** Labels every object of the application carries. */
export function appLabels(app: string): Record<string, string> {
  return { app, "app.kubernetes.io/name": app, "app.kubernetes.io/managed-by": "cdktf" };
}

/**
 * The application namespace, with Pod Security Admission enforcing the "restricted" profile: a pod that asks
 * for root, privilege escalation or extra capabilities is refused by the API server itself.
 */
export function namespace(name: string): Namespace {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: {
        "app.kubernetes.io/managed-by": "cdktf",
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
      },
    },
  };
}

export interface ServiceAccountProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** The IRSA role: the EKS pod identity webhook injects its web identity token into the pods. */
  readonly roleArn: string;
}

/**
 * A service account bound to an IAM role (IRSA). The Kubernetes API token is not mounted: these pods talk to
 * AWS, never to the Kubernetes API (the IRSA token is a separate projected volume).
 */
export function serviceAccount(props: ServiceAccountProps): ServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name: props.name,
      namespace: props.namespace,
      labels: props.labels,
      annotations: { "eks.amazonaws.com/role-arn": props.roleArn },
    },
    automountServiceAccountToken: false,
  };
}

/** Who can reach the load balancer at all: the internet (public subnets) or the VPC only (private subnets). */
export type Exposure = "internet" | "internal";

export interface LoadBalancerServiceProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly port: number;
  readonly targetPort: number;
  /** Who may connect (loadBalancerSourceRanges). */
  readonly sourceRanges: readonly string[];
  readonly exposure: Exposure;
  /** An ACM certificate: the load balancer terminates TLS on `port` with it and forwards HTTP. */
  readonly certificateArn?: string;
}

/**
 * The Network Load Balancer the AWS cloud provider creates for a LoadBalancer Service (annotation type "nlb"):
 * internal or internet-facing, TLS with an ACM certificate (TLS 1.3/1.2 policy) or plain TCP, open to
 * sourceRanges only (kubernetes/cloud-provider-aws, src/kubernetes-facts/aws-load-balancer.ts).
 *
 * externalTrafficPolicy Local: the node that receives a connection hands it to a Metabase pod on that node
 * without source NAT, so the pod sees the client's own address, which the NLB's instance targets preserve
 * (Kubernetes docs, "Create an External Load Balancer", Preserving the client source IP). That is what lets
 * Metabase's NetworkPolicy admit the load balancer's clients and no pod of the cluster: with the default
 * (Cluster), kube-proxy rewrites the source to the forwarding node's address, which lies in the subnets every pod
 * takes its address from, so a NetworkPolicy cannot tell the load balancer from any pod (docs/hardening.md).
 * Only nodes running a Metabase pod pass the NLB's health check (the kube-proxy health check node port).
 */
export function loadBalancerService(props: LoadBalancerServiceProps): Service {
  const annotations: Record<string, string> = { [LB_ANNOTATIONS.type]: "nlb" };
  if (props.exposure === "internal") annotations[LB_ANNOTATIONS.internal] = "true";
  if (props.certificateArn !== undefined) {
    // A TLS listener that forwards plain TCP to Metabase's HTTP port (backend-protocol would have to be "ssl"
    // for TLS to the targets); Metabase still marks its session cookie Secure, from the login request's https
    // Origin header (metabase/metabase request util `https?`: X-Forwarded-Proto, then Origin, then the scheme).
    annotations[LB_ANNOTATIONS.sslCert] = props.certificateArn;
    annotations[LB_ANNOTATIONS.sslPorts] = String(props.port);
    annotations[LB_ANNOTATIONS.sslNegotiationPolicy] = NLB_TLS_POLICY;
  }
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: props.name, namespace: props.namespace, labels: props.labels, annotations },
    spec: {
      type: "LoadBalancer",
      externalTrafficPolicy: "Local",
      selector: { app: props.labels.app },
      ports: [
        { name: props.certificateArn === undefined ? "http" : "https", protocol: "TCP", port: props.port, targetPort: props.targetPort },
      ],
      loadBalancerSourceRanges: [...props.sourceRanges],
    },
  };
}

export function configMap(name: string, namespace: string, labels: Record<string, string>, data: Record<string, string>): ConfigMap {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, labels }, data };
}
