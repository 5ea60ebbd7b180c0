import type { Job } from "kubernetes-types/batch/v1";
import { copyEncryptionKey } from "./encryption-key";
import { RESTRICTED_CONTAINER_SECURITY, restrictedPodSecurity, scratchVolumes } from "./pod-hardening";
import { RDS_CA_FILE, rdsCaBundle } from "./rds-ca";

/** Pinned helper images: the AWS CLI reads the master secret, psql creates the user. */
export const AWS_CLI_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.27.49";
export const PSQL_IMAGE = "postgres:17.6-alpine";

/** The finalizer that makes deletion of an object foreground: its dependents first (metav1.FinalizerDeleteDependents). */
export const JOB_FOREGROUND_DELETION = "foregroundDeletion";

/** How long the bootstrap may take in all, image pulls and retries included, before the Job fails. */
export const BOOTSTRAP_DEADLINE_SECONDS = 600;

/** UID of the postgres user in the official Alpine image; the AWS CLI image runs as any user. */
const BOOTSTRAP_UID = 70;

/**
 * Idempotent: creates the IAM-authenticated application user and its database, and can run again any time.
 * psql variables (:'app_user', :'app_db') are quoted by format(%I), never pasted into SQL text.
 * `GRANT <user> TO CURRENT_USER` lets the RDS master (not a superuser) make the user the database owner.
 */
export const BOOTSTRAP_SQL = `\\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I WITH LOGIN', :'app_user')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_user') \\gexec
SELECT format('GRANT rds_iam TO %I', :'app_user') \\gexec
SELECT format('GRANT %I TO CURRENT_USER', :'app_user') \\gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8''', :'app_db', :'app_user')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'app_db') \\gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'app_db', :'app_user') \\gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'app_db') \\gexec
`;

/**
 * Reads the master password from the secret the init container wrote (compact JSON from Secrets Manager),
 * undoes JSON escapes, deletes the file, and runs the SQL over TLS, verifying that the server's certificate
 * chains to the RDS CA and names the host it connects to (sslmode=verify-full: with "require", anyone inside
 * the VPC who answers on the address would receive the master password).
 */
const BOOTSTRAP_SCRIPT = `set -eu
PGPASSWORD="$(sed -E -n 's/.*"password":"(([^"\\\\]|\\\\.)*)".*/\\1/p' /run/secret/master.json | sed -E 's/\\\\(.)/\\1/g')"
export PGPASSWORD
rm -f /run/secret/master.json
test -n "$PGPASSWORD"
exec psql "host=$DB_HOST port=$DB_PORT dbname=postgres user=$DB_MASTER_USER sslmode=verify-full sslrootcert=$DB_CA_FILE connect_timeout=10" \\
  -v app_user="$APP_DB_USER" -v app_db="$APP_DB_NAME" -f /sql/bootstrap.sql
`;

export interface DatabaseBootstrapJobProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly serviceAccountName: string;
  readonly nodeSelector: Record<string, string>;
  /** ConfigMap holding BOOTSTRAP_SQL under the key "bootstrap.sql". */
  readonly sqlConfigMapName: string;
  readonly masterSecretArn: string;
  readonly masterUsername: string;
  readonly databaseHost: string;
  readonly databasePort: number;
  readonly applicationUser: string;
  readonly applicationDatabase: string;
  readonly region: string;
  /** HTTPS URL of the region's RDS CA bundle (src/aws-facts/rds-tls.ts). */
  readonly caBundleUrl: string;
  /** The Secret holding Metabase's encryption key: created by this Job when missing, never replaced. */
  readonly encryptionKeySecretName: string;
  /** The Secrets Manager secret the key is copied from (generated there on the very first run). */
  readonly encryptionKeySourceArn: string;
}

/**
 * The one-shot job that replaces the article's hand-run psql: it runs inside the cluster (the only place that
 * reaches the private database), under its own IRSA role (may read the master secret, nothing else) and its
 * own pod security group. The secret travels through a memory-backed volume, never through the API server.
 * It also copies Metabase's encryption key from Secrets Manager into the cluster (src/k8s/manifests/encryption-key.ts).
 */
export function databaseBootstrapJob(props: DatabaseBootstrapJobProps): Job {
  const secret = scratchVolumes({ secret: "/run/secret" }, "Memory");
  const home = scratchVolumes({ home: "/tmp" });
  const ca = rdsCaBundle(props.caBundleUrl);
  const encryptionKey = copyEncryptionKey({
    namespace: props.namespace,
    secretName: props.encryptionKeySecretName,
    createdBy: props.serviceAccountName,
    keySecretArn: props.encryptionKeySourceArn,
    region: props.region,
    awsCliImage: AWS_CLI_IMAGE,
    awsCliMounts: home.volumeMounts,
    memoryMount: secret.volumeMounts[0],
  });
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: props.name,
      namespace: props.namespace,
      labels: props.labels,
      // kubernetes_manifest deletes with empty DeleteOptions (terraform-provider-kubernetes manifest/provider/
      // apply.go), and for batch/v1 Jobs the API server's default is then to orphan the pods (the Job strategy's
      // DefaultGarbageCollectionPolicy, pkg/registry/batch/job/strategy.go). A foregroundDeletion finalizer set on
      // the object overrides that default (apiserver registry/generic/registry/store.go, shouldOrphanDependents:
      // "If a finalizer is set in the object, it overrides the default"): the pods go first, then the Job, and the
      // provider's wait for the Job to be gone covers them, on replacement and on destroy.
      finalizers: [JOB_FOREGROUND_DELETION],
    },
    spec: {
      backoffLimit: 4,
      // The provider waits for the Complete condition only, and does not notice Failed: a Job that cannot succeed
      // holds the apply until this deadline, after which the wait (MetabaseWorkload: a minute more) gives up.
      activeDeadlineSeconds: BOOTSTRAP_DEADLINE_SECONDS,
      // No pod template labels: the API server adds job-name and controller-uid labels there on create, which
      // kubernetes_manifest would report as an inconsistent result (K8S-08). The SecurityGroupPolicy selects the
      // pods by their service account, and `kubectl logs job/<name>` finds them by the controller's labels.
      template: {
        spec: {
          serviceAccountName: props.serviceAccountName,
          automountServiceAccountToken: false,
          nodeSelector: props.nodeSelector,
          restartPolicy: "Never",
          securityContext: restrictedPodSecurity(BOOTSTRAP_UID),
          volumes: [
            ...secret.volumes,
            ...home.volumes,
            { name: "sql", configMap: { name: props.sqlConfigMapName } },
            ca.volume,
            encryptionKey.volume,
          ],
          initContainers: [
            ca.initContainer,
            ...encryptionKey.initContainers,
            {
              name: "read-master-secret",
              image: AWS_CLI_IMAGE,
              command: ["/bin/sh", "-c"],
              args: [
                'aws secretsmanager get-secret-value --secret-id "$MASTER_SECRET_ARN" --query SecretString --output text > /run/secret/master.json',
              ],
              env: [
                { name: "MASTER_SECRET_ARN", value: props.masterSecretArn },
                { name: "AWS_REGION", value: props.region },
                { name: "HOME", value: "/tmp" },
              ],
              resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
              securityContext: RESTRICTED_CONTAINER_SECURITY,
              volumeMounts: [...secret.volumeMounts, ...home.volumeMounts],
            },
          ],
          containers: [
            {
              name: "create-database-user",
              image: PSQL_IMAGE,
              command: ["/bin/sh", "-c"],
              args: [BOOTSTRAP_SCRIPT],
              env: [
                { name: "DB_HOST", value: props.databaseHost },
                { name: "DB_PORT", value: String(props.databasePort) },
                { name: "DB_MASTER_USER", value: props.masterUsername },
                { name: "DB_CA_FILE", value: RDS_CA_FILE },
                { name: "APP_DB_USER", value: props.applicationUser },
                { name: "APP_DB_NAME", value: props.applicationDatabase },
                { name: "HOME", value: "/tmp" },
              ],
              resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
              securityContext: RESTRICTED_CONTAINER_SECURITY,
              volumeMounts: [...secret.volumeMounts, ...home.volumeMounts, { name: "sql", mountPath: "/sql", readOnly: true }, ca.mount],
            },
          ],
        },
      },
    },
  };
}
