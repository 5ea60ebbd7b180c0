import type { Deployment } from "kubernetes-types/apps/v1";
import type { EnvVar, Probe } from "kubernetes-types/core/v1";
import { RESTRICTED_CONTAINER_SECURITY, restrictedPodSecurity, scratchVolumes } from "./pod-hardening";

/** Metabase listens here (MB_JETTY_PORT's default). */
export const METABASE_PORT = 3000;

/** The official image drops to user metabase, UID/GID 2000, and starts java directly when already non-root. */
const METABASE_UID = 2000;

export interface MetabaseDeploymentProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly image: string;
  readonly replicas: number;
  readonly serviceAccountName: string;
  /** Node label of the private node group: pods with security groups get no SNAT, so they need NAT subnets. */
  readonly nodeSelector: Record<string, string>;
  /** The RDS address (not a CNAME: the IAM token is signed for the RDS host name). */
  readonly databaseHost: string;
  readonly databasePort: number;
  readonly databaseName: string;
  readonly databaseUser: string;
  readonly region: string;
}

/**
 * Metabase authenticating to its application database with IAM from inside the pod.
 *
 * MB_DB_AWS_IAM=true (Metabase >= v0.58.0) makes Metabase mint a fresh RDS auth token from the pod's IRSA web
 * identity for every new connection; there is no password anywhere. The article pasted one 15-minute token
 * into a Secret instead, which fails as soon as the pool opens a connection after it expired. The server
 * refuses non-TLS connections (rds.force_ssl=1), which IAM authentication requires anyway.
 */
export function metabaseDeployment(props: MetabaseDeploymentProps): Deployment {
  const scratch = scratchVolumes({ tmp: "/tmp", plugins: "/plugins" });
  const health = (periodSeconds: number, failureThreshold: number): Probe => ({
    httpGet: { path: "/api/health", port: "http" },
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold,
  });
  const env: EnvVar[] = [
    { name: "MB_DB_TYPE", value: "postgres" },
    { name: "MB_DB_HOST", value: props.databaseHost },
    { name: "MB_DB_PORT", value: String(props.databasePort) },
    { name: "MB_DB_DBNAME", value: props.databaseName },
    { name: "MB_DB_USER", value: props.databaseUser },
    { name: "MB_DB_AWS_IAM", value: "true" },
    { name: "AWS_REGION", value: props.region },
    { name: "MB_JETTY_PORT", value: String(METABASE_PORT) },
    // Heap within the memory limit, leaving room for metaspace and threads.
    { name: "JAVA_OPTS", value: "-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError" },
  ];
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
    spec: {
      replicas: props.replicas,
      selector: { matchLabels: { app: props.labels.app } },
      template: {
        metadata: { labels: props.labels },
        spec: {
          serviceAccountName: props.serviceAccountName,
          automountServiceAccountToken: false,
          nodeSelector: props.nodeSelector,
          securityContext: restrictedPodSecurity(METABASE_UID),
          // Lets Metabase finish in-flight requests and release its database locks.
          terminationGracePeriodSeconds: 60,
          volumes: scratch.volumes,
          containers: [
            {
              name: "metabase",
              image: props.image,
              ports: [{ name: "http", containerPort: METABASE_PORT, protocol: "TCP" }],
              env,
              resources: {
                requests: { cpu: "500m", memory: "2Gi" },
                limits: { cpu: "2", memory: "2Gi" },
              },
              // First start runs the database migrations: allow up to 10 minutes before liveness applies.
              startupProbe: health(10, 60),
              readinessProbe: health(10, 3),
              livenessProbe: health(20, 6),
              securityContext: RESTRICTED_CONTAINER_SECURITY,
              volumeMounts: scratch.volumeMounts,
            },
          ],
        },
      },
    },
  };
}
