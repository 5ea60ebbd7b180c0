/**
 * Metabase's MB_ENCRYPTION_SECRET_KEY, which encrypts the warehouse credentials it stores in its application
 * database ("Encrypting your database connection", Metabase docs: at least 16 characters; lose or change it and
 * every stored connection must be re-entered, and a database marked encrypted refuses to start without it:
 * "Database was encrypted with a different key than the MB_ENCRYPTION_SECRET_KEY environment contains",
 * metabase src/metabase/app_db/encryption.clj).
 *
 * The key has the database's lifecycle, not the workload's: it lives in a Secrets Manager secret of the
 * environment's retained stack (src/secrets/generated-secret.ts), never in Terraform config or state. The
 * bootstrap Job copies it into the cluster as an immutable Secret, which Metabase reads:
 * 1. read-encryption-key (AWS CLI, the Job's IRSA role): reads the secret's value; on the very first run, when
 *    the secret has none, has Secrets Manager generate one and stores it as the first version (a racing run's
 *    different value is refused, and it reads the first);
 * 2. ensure-encryption-key (curl, the Kubernetes API): creates the Secret with that value when it is missing
 *    (a new namespace: after a workload destroy, the same key again), keeps it when it holds the same value,
 *    and fails when it holds another one (Metabase would refuse to start, or re-encrypt with the wrong key).
 * The value only ever exists in Secrets Manager, in a memory volume of the Job's pod, and in the API server.
 * The Job may create Secrets (RBAC cannot limit `create` by name: "You cannot restrict create or
 * deletecollection requests by their resource name", Kubernetes RBAC docs) and read only this one; a
 * ValidatingAdmissionPolicy (GA in Kubernetes 1.30) refuses any Secret it creates under another name.
 */
import type {
  NamedRuleWithOperations,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
} from "kubernetes-types/admissionregistration/v1";
import type { Container, EnvVar, Volume, VolumeMount } from "kubernetes-types/core/v1";
import type { Role, RoleBinding } from "kubernetes-types/rbac/v1";
import { FIRST_VERSION_TOKEN } from "../../secrets/generated-secret";
import { RESTRICTED_CONTAINER_SECURITY } from "./pod-hardening";
import { CURL_IMAGE } from "./rds-ca";

/** The Secret's key, and the environment variable Metabase reads. */
export const ENCRYPTION_KEY_ENV = "MB_ENCRYPTION_SECRET_KEY";

export const encryptionKeySecretName = (app: string) => `${app}-encryption-key`;

/** Length of a generated key: 64 letters and digits (Metabase needs at least 16 characters). */
export const GENERATED_KEY_LENGTH = 64;

const TOKEN_DIRECTORY = "/var/run/secrets/kubernetes.io/serviceaccount";
const TOKEN_VOLUME = "kube-api-token";

/**
 * Reads the key from Secrets Manager into KEY_FILE; generates and stores the first value when there is none
 * (GetSecretValue then answers ResourceNotFoundException: no version is labelled AWSCURRENT). The value goes
 * to the AWS CLI as file://, never as an argument other processes could read.
 */
const READ_SCRIPT = `set -eu
read_key() { aws secretsmanager get-secret-value --secret-id "$KEY_SECRET_ARN" --query SecretString --output text 2>/tmp/read-key.err | tr -d '\\n' > "$KEY_FILE"; test -s "$KEY_FILE"; }
if ! read_key; then
  if ! grep -q ResourceNotFoundException /tmp/read-key.err; then cat /tmp/read-key.err >&2; exit 1; fi
  echo "$KEY_SECRET_ARN has no value yet: Secrets Manager generates it"
  aws secretsmanager get-random-password --password-length ${GENERATED_KEY_LENGTH} --exclude-punctuation --query RandomPassword --output text | tr -d '\\n' > "$KEY_FILE.new"
  test -s "$KEY_FILE.new"
  aws secretsmanager put-secret-value --secret-id "$KEY_SECRET_ARN" --client-request-token "$FIRST_VERSION" --secret-string "file://$KEY_FILE.new" >/dev/null 2>/tmp/put-key.err || true
  rm -f "$KEY_FILE.new"
  if ! read_key; then cat /tmp/put-key.err /tmp/read-key.err >&2; exit 1; fi
fi
echo "Metabase's encryption key read from $KEY_SECRET_ARN"
`;

/**
 * GET the Secret (into the memory volume: it holds the key): 200 and the same value keeps it, 200 and another
 * value fails the Job, 404 creates it from KEY_FILE; a 409 on create means another run created it first, which
 * is then compared too. Anything else fails the Job. KEY_FILE is removed either way.
 */
const ENSURE_SCRIPT = `set -eu
api="$KUBERNETES_API/api/v1/namespaces/$NAMESPACE/secrets"
auth="Authorization: Bearer $(cat ${TOKEN_DIRECTORY}/token)"
value="$(base64 < "$KEY_FILE" | tr -d '\\n')"
rm -f "$KEY_FILE"
current="$KEY_FILE.current.json"
# curl sees percent, brace: written as two quoted strings so that Terraform does not read a template directive.
call() { curl --silent --show-error --cacert ${TOKEN_DIRECTORY}/ca.crt -H "$auth" -w '%''{http_code}' "$@"; }
same_key() {
  found="$(tr -d ' \\n' < "$current")"; rm -f "$current"
  case "$found" in
    *"\\"${ENCRYPTION_KEY_ENV}\\":\\"$value\\""*) echo "Secret $SECRET_NAME holds the key of $KEY_SECRET_ARN: kept" ;;
    *) echo "Secret $SECRET_NAME holds another key than $KEY_SECRET_ARN. Metabase encrypts with the Secret's key; fix: delete the Secret if the database was never used with it, else put its value into $KEY_SECRET_ARN" >&2; exit 1 ;;
  esac
}
status="$(call -o "$current" "$api/$SECRET_NAME")"
case "$status" in
  200) same_key; exit 0 ;;
  404) rm -f "$current" ;;
  *) rm -f "$current"; echo "reading Secret $SECRET_NAME: HTTP $status" >&2; exit 1 ;;
esac
body="{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Secret\\",\\"metadata\\":{\\"name\\":\\"$SECRET_NAME\\",\\"labels\\":{\\"app.kubernetes.io/created-by\\":\\"$CREATED_BY\\"}},\\"immutable\\":true,\\"type\\":\\"Opaque\\",\\"data\\":{\\"${ENCRYPTION_KEY_ENV}\\":\\"$value\\"}}"
status="$(printf '%s' "$body" | call -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @- "$api")"
case "$status" in
  201) echo "Secret $SECRET_NAME created from $KEY_SECRET_ARN" ;;
  409)
    status="$(call -o "$current" "$api/$SECRET_NAME")"
    if [ "$status" != 200 ]; then rm -f "$current"; echo "reading Secret $SECRET_NAME after a 409: HTTP $status" >&2; exit 1; fi
    same_key ;;
  *) echo "creating Secret $SECRET_NAME: HTTP $status" >&2; exit 1 ;;
esac
`;

/**
 * A token for the Kubernetes API, mounted into this one container only (the pod itself mounts none): short-lived,
 * with the cluster's CA to verify the API server.
 */
function apiTokenVolume(): Volume {
  return {
    name: TOKEN_VOLUME,
    projected: {
      sources: [
        { serviceAccountToken: { path: "token", expirationSeconds: 600 } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
      ],
    },
  };
}

export interface EncryptionKeyCopyProps {
  readonly namespace: string;
  readonly secretName: string;
  /** Labels the Secret (the Job's name cannot: it is a hash of this very container). */
  readonly createdBy: string;
  /** The Secrets Manager secret that holds the key (WorkloadContract.encryptionKeySecretArn). */
  readonly keySecretArn: string;
  readonly region: string;
  /** The AWS CLI image, and its scratch mounts (HOME). */
  readonly awsCliImage: string;
  readonly awsCliMounts: readonly VolumeMount[];
  /** A memory-backed volume mounted at the same path in both containers; the key passes through it. */
  readonly memoryMount: VolumeMount;
}

/** The two init containers that copy the key from Secrets Manager into the cluster, and the API token volume. */
export function copyEncryptionKey(props: EncryptionKeyCopyProps): { initContainers: Container[]; volume: Volume } {
  const keyFile: EnvVar = { name: "KEY_FILE", value: `${props.memoryMount.mountPath}/encryption-key` };
  const keySecret: EnvVar = { name: "KEY_SECRET_ARN", value: props.keySecretArn };
  return {
    volume: apiTokenVolume(),
    initContainers: [
      {
        name: "read-encryption-key",
        image: props.awsCliImage,
        command: ["/bin/sh", "-c"],
        args: [READ_SCRIPT],
        env: [
          keySecret,
          keyFile,
          { name: "FIRST_VERSION", value: FIRST_VERSION_TOKEN },
          { name: "AWS_REGION", value: props.region },
          { name: "HOME", value: "/tmp" },
        ],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        securityContext: RESTRICTED_CONTAINER_SECURITY,
        volumeMounts: [props.memoryMount, ...props.awsCliMounts],
      },
      {
        name: "ensure-encryption-key",
        image: CURL_IMAGE,
        command: ["/bin/sh", "-c"],
        args: [ENSURE_SCRIPT],
        env: [
          { name: "KUBERNETES_API", value: "https://kubernetes.default.svc" },
          { name: "NAMESPACE", value: props.namespace },
          { name: "SECRET_NAME", value: props.secretName },
          { name: "CREATED_BY", value: props.createdBy },
          keySecret,
          keyFile,
        ],
        resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { cpu: "200m", memory: "64Mi" } },
        securityContext: RESTRICTED_CONTAINER_SECURITY,
        volumeMounts: [props.memoryMount, { name: TOKEN_VOLUME, mountPath: TOKEN_DIRECTORY, readOnly: true }],
      },
    ],
  };
}

interface AccessProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly serviceAccount: string;
  readonly secretName: string;
}

/** May create Secrets, and read only the encryption key's. */
export function encryptionKeyRole(props: AccessProps): Role {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
    rules: [
      { apiGroups: [""], resources: ["secrets"], verbs: ["create"] },
      { apiGroups: [""], resources: ["secrets"], resourceNames: [props.secretName], verbs: ["get"] },
    ],
  };
}

export function encryptionKeyRoleBinding(props: AccessProps): RoleBinding {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: props.name },
    subjects: [{ kind: "ServiceAccount", name: props.serviceAccount, namespace: props.namespace }],
  };
}

/** Cluster-scoped, so named after the namespace too. */
export const encryptionKeyPolicyName = (namespace: string, serviceAccount: string) => `${namespace}-${serviceAccount}-secret-names`;

/**
 * Creating Secrets. kubernetes-types leaves out the fields NamedRuleWithOperations inlines from Rule
 * (`resources`, `scope`; Kubernetes API reference, admissionregistration.k8s.io/v1 NamedRuleWithOperations).
 */
const secretCreation = { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["secrets"] } as NamedRuleWithOperations;

/** Refuses every Secret the service account creates, except the encryption key's. */
export function encryptionKeyAdmissionPolicy(props: AccessProps): ValidatingAdmissionPolicy {
  const username = `system:serviceaccount:${props.namespace}:${props.serviceAccount}`;
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicy",
    metadata: { name: encryptionKeyPolicyName(props.namespace, props.serviceAccount), labels: props.labels },
    spec: {
      failurePolicy: "Fail",
      matchConstraints: {
        resourceRules: [secretCreation],
      },
      matchConditions: [{ name: "created-by-the-bootstrap-job", expression: `request.userInfo.username == '${username}'` }],
      validations: [
        {
          expression: `object.metadata.name == '${props.secretName}'`,
          message: `${username} may create only the Secret ${props.secretName}`,
        },
      ],
    },
  };
}

export function encryptionKeyAdmissionBinding(props: AccessProps): ValidatingAdmissionPolicyBinding {
  const policyName = encryptionKeyPolicyName(props.namespace, props.serviceAccount);
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicyBinding",
    metadata: { name: policyName, labels: props.labels },
    spec: {
      policyName,
      validationActions: ["Deny"],
      matchResources: { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": props.namespace } } },
    },
  };
}
