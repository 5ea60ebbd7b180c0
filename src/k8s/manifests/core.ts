import type { ConfigMap, Namespace, Service, ServiceAccount } from "kubernetes-types/core/v1";
import { LB_ANNOTATIONS, TLS12_NEGOTIATION_POLICY } from "../../kubernetes-facts/aws-load-balancer";

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
 * The Classic Load Balancer the AWS cloud provider creates for a LoadBalancer Service: internal or
 * internet-facing, HTTPS with an ACM certificate (TLS 1.2 policy) or plain TCP, open to sourceRanges only.
 */
export function loadBalancerService(props: LoadBalancerServiceProps): Service {
  const annotations: Record<string, string> = {};
  if (props.exposure === "internal") annotations[LB_ANNOTATIONS.internal] = "true";
  if (props.certificateArn !== undefined) {
    annotations[LB_ANNOTATIONS.sslCert] = props.certificateArn;
    annotations[LB_ANNOTATIONS.sslPorts] = String(props.port);
    annotations[LB_ANNOTATIONS.backendProtocol] = "http";
    annotations[LB_ANNOTATIONS.sslNegotiationPolicy] = TLS12_NEGOTIATION_POLICY;
  }
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: props.name,
      namespace: props.namespace,
      labels: props.labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      type: "LoadBalancer",
      selector: { app: props.labels.app },
      ports: [{ name: props.certificateArn === undefined ? "http" : "https", protocol: "TCP", port: props.port, targetPort: props.targetPort }],
      loadBalancerSourceRanges: [...props.sourceRanges],
    },
  };
}

export function configMap(name: string, namespace: string, labels: Record<string, string>, data: Record<string, string>): ConfigMap {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, labels }, data };
}
