import type { Deployment } from "kubernetes-types/apps/v1";
import type { EnvVar, Probe } from "kubernetes-types/core/v1";
import { ENCRYPTION_KEY_ENV } from "./encryption-key";
import { RESTRICTED_CONTAINER_SECURITY, restrictedPodSecurity, scratchVolumes } from "./pod-hardening";
import { RDS_CA_FILE, rdsCaBundle } from "./rds-ca";

/** Metabase listens here (MB_JETTY_PORT's default). */
/** Seconds a rollout may go without progress before it fails (startupProbe allows 600 of them). */
export const ROLLOUT_DEADLINE_SECONDS = 900;

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
  /** HTTPS URL of the region's RDS CA bundle (src/aws-facts/rds-tls.ts). */
  readonly caBundleUrl: string;
  /** The Secret with MB_ENCRYPTION_SECRET_KEY, created by the bootstrap Job (never by Terraform). */
  readonly encryptionKeySecretName: string;
  /** The URL users open ("https://metabase.example.com"): Metabase writes it into links and e-mails. */
  readonly siteUrl?: string;
}

/**
 * Metabase authenticating to its application database with IAM from inside the pod.
 *
 * MB_DB_AWS_IAM=true (Metabase >= v0.58.0) makes Metabase mint a fresh RDS auth token from the pod's IRSA web
 * identity for every new connection; there is no password anywhere. The article pasted one 15-minute token
 * into a Secret instead, which fails as soon as the pool opens a connection after it expired. The server
 * refuses non-TLS connections (rds.force_ssl=1), which IAM authentication requires anyway.
 *
 * The connection is described by MB_DB_CONNECTION_URI so that it can say sslmode=verify-full: with broken-out
 * MB_DB_* variables Metabase sets no SSL mode for PostgreSQL and pgJDBC falls back to "prefer", which encrypts
 * without checking whom it talks to (metabase/metabase src/metabase/app_db/spec.clj; pgjdbc SslMode.of). In IAM
 * mode Metabase rewrites the URI to jdbc:aws-wrapper:postgresql: and keeps its query string; the AWS JDBC
 * wrapper passes sslmode and sslrootcert on to pgJDBC (metabase app_db/data_source.clj;
 * aws-advanced-jdbc-wrapper PgTargetDriverDialect). MB_DB_USER names the IAM user; no password exists.
 */
export function metabaseDeployment(props: MetabaseDeploymentProps): Deployment {
  const scratch = scratchVolumes({ tmp: "/tmp", plugins: "/plugins" });
  const ca = rdsCaBundle(props.caBundleUrl);
  const connectionUri = `jdbc:postgresql://${props.databaseHost}:${props.databasePort}/${props.databaseName}?sslmode=verify-full&sslrootcert=${RDS_CA_FILE}`;
  const health = (periodSeconds: number, failureThreshold: number): Probe => ({
    httpGet: { path: "/api/health", port: "http" },
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold,
  });
  const env: EnvVar[] = [
    { name: "MB_DB_TYPE", value: "postgres" },
    { name: "MB_DB_CONNECTION_URI", value: connectionUri },
    { name: "MB_DB_USER", value: props.databaseUser },
    { name: "MB_DB_AWS_IAM", value: "true" },
    { name: ENCRYPTION_KEY_ENV, valueFrom: { secretKeyRef: { name: props.encryptionKeySecretName, key: ENCRYPTION_KEY_ENV } } },
    ...(props.siteUrl ? [{ name: "MB_SITE_URL", value: props.siteUrl }] : []),
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
      // The rollout the deploy waits for fails here instead of at the wait's timeout: kubectl's rollout status,
      // which kubernetes_manifest's rollout wait runs (manifest/provider/waiter.go, StatusViewer), reports an
      // error once the Deployment's Progressing condition says ProgressDeadlineExceeded. Longer than the startup
      // probe's allowance (the first start runs Metabase's migrations).
      progressDeadlineSeconds: ROLLOUT_DEADLINE_SECONDS,
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
          volumes: [...scratch.volumes, ca.volume],
          initContainers: [ca.initContainer],
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
              volumeMounts: [...scratch.volumeMounts, ca.mount],
            },
          ],
        },
      },
    },
  };
}
