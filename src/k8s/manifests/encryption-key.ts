/**
 * Metabase's MB_ENCRYPTION_SECRET_KEY, which encrypts the warehouse credentials it stores in its application
 * database ("Encrypting your database connection", Metabase docs: at least 16 characters; lose or change it and
 * every stored connection must be re-entered, and a database marked encrypted refuses to start without it).
 *
 * The key must never be in Terraform config or state, so Terraform does not create it: the bootstrap Job does,
 * once, inside the cluster, as an immutable Secret, and keeps the existing one on every later run. The Job may
 * create Secrets (RBAC cannot limit `create` by name: "You cannot restrict create or deletecollection requests
 * by their resource name", Kubernetes RBAC docs) and read only this one; a ValidatingAdmissionPolicy (GA in
 * Kubernetes 1.30) refuses any Secret it creates under another name.
 */
import type { NamedRuleWithOperations, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from "kubernetes-types/admissionregistration/v1";
import type { Container, Volume } from "kubernetes-types/core/v1";
import type { Role, RoleBinding } from "kubernetes-types/rbac/v1";
import { RESTRICTED_CONTAINER_SECURITY } from "./pod-hardening";
import { CURL_IMAGE } from "./rds-ca";

/** The Secret's key, and the environment variable Metabase reads. */
export const ENCRYPTION_KEY_ENV = "MB_ENCRYPTION_SECRET_KEY";

export const encryptionKeySecretName = (app: string) => `${app}-encryption-key`;

const TOKEN_DIRECTORY = "/var/run/secrets/kubernetes.io/serviceaccount";
const TOKEN_VOLUME = "kube-api-token";

/**
 * GET the Secret: 200 keeps it, 404 creates it with 32 random bytes (44 base64 characters), anything else
 * fails the Job. A 409 on create means another run created it first: kept too. The key only ever exists in
 * this shell and in the API server.
 */
const ENSURE_SCRIPT = `set -eu
api="$KUBERNETES_API/api/v1/namespaces/$NAMESPACE/secrets"
auth="Authorization: Bearer $(cat ${TOKEN_DIRECTORY}/token)"
# curl sees percent, brace: written as two quoted strings so that Terraform does not read a template directive.
call() { curl --silent --show-error --cacert ${TOKEN_DIRECTORY}/ca.crt -H "$auth" -o /dev/null -w '%''{http_code}' "$@"; }
status="$(call "$api/$SECRET_NAME")"
case "$status" in
  200) echo "Secret $SECRET_NAME exists: kept"; exit 0 ;;
  404) ;;
  *) echo "reading Secret $SECRET_NAME: HTTP $status" >&2; exit 1 ;;
esac
value="$(head -c 32 /dev/urandom | base64 | tr -d '\\n' | base64 | tr -d '\\n')"
body="{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Secret\\",\\"metadata\\":{\\"name\\":\\"$SECRET_NAME\\",\\"labels\\":{\\"app.kubernetes.io/created-by\\":\\"$CREATED_BY\\"}},\\"immutable\\":true,\\"type\\":\\"Opaque\\",\\"data\\":{\\"${ENCRYPTION_KEY_ENV}\\":\\"$value\\"}}"
status="$(printf '%s' "$body" | call -X POST -H 'Content-Type: application/json' --data-binary @- "$api")"
case "$status" in
  201) echo "Secret $SECRET_NAME created" ;;
  409) echo "Secret $SECRET_NAME was created meanwhile: kept" ;;
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

/** `createdBy` labels the Secret (the Job's name cannot: it is a hash of this very container). */
export function ensureEncryptionKey(props: { namespace: string; secretName: string; createdBy: string }): { initContainer: Container; volume: Volume } {
  return {
    volume: apiTokenVolume(),
    initContainer: {
      name: "ensure-encryption-key",
      image: CURL_IMAGE,
      command: ["/bin/sh", "-c"],
      args: [ENSURE_SCRIPT],
      env: [
        { name: "KUBERNETES_API", value: "https://kubernetes.default.svc" },
        { name: "NAMESPACE", value: props.namespace },
        { name: "SECRET_NAME", value: props.secretName },
        { name: "CREATED_BY", value: props.createdBy },
      ],
      resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { cpu: "200m", memory: "64Mi" } },
      securityContext: RESTRICTED_CONTAINER_SECURITY,
      volumeMounts: [{ name: TOKEN_VOLUME, mountPath: TOKEN_DIRECTORY, readOnly: true }],
    },
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
