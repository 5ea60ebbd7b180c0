import type { ConfigMap, Namespace, Service, ServiceAccount } from "kubernetes-types/core/v1";

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

export interface LoadBalancerServiceProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly port: number;
  readonly targetPort: number;
  /** Who may connect (loadBalancerSourceRanges). */
  readonly sourceRanges: readonly string[];
}

export function loadBalancerService(props: LoadBalancerServiceProps): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
    spec: {
      type: "LoadBalancer",
      selector: { app: props.labels.app },
      ports: [{ name: "http", protocol: "TCP", port: props.port, targetPort: props.targetPort }],
      loadBalancerSourceRanges: [...props.sourceRanges],
    },
  };
}

export function configMap(name: string, namespace: string, labels: Record<string, string>, data: Record<string, string>): ConfigMap {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, labels }, data };
}
