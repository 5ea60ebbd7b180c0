import type { EnvironmentModel } from "../../model/environment-model";
import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { containerName } from "./containers";

const KEY_ENV = "MB_ENCRYPTION_SECRET_KEY";

/** Terraform resources that create a Secret (the kubernetes provider's two generations). */
const SECRET_RESOURCES = ["kubernetes_secret", "kubernetes_secret_v1"];

/** metabase/metabase or metabase/metabase-enterprise, from any registry, with any tag or digest. */
export function isMetabaseImage(image: unknown): boolean {
  if (typeof image !== "string") return false;
  const withoutDigest = image.split("@")[0];
  const segments = withoutDigest.split("/");
  const last = segments[segments.length - 1].split(":")[0];
  return segments.length >= 2 && segments[segments.length - 2] === "metabase" && ["metabase", "metabase-enterprise"].includes(last);
}

/** `metadata` of a kubernetes_secret(_v1): a block, written as an object or a one-element list. */
const metadataOf = (block: TerraformBlock): Record<string, any> => [block.config.metadata].flat()[0] ?? {};

/** Where Terraform itself creates the Secret `name` in `namespace`: its config and state would hold the key. */
function terraformSecrets(model: EnvironmentModel, namespace: string, name: string): TerraformBlock[] {
  const manifests = model
    .manifests("Secret")
    .filter((secret) => secret.name === name && secret.namespace === namespace)
    .map((secret) => secret.resource);
  const resources = SECRET_RESOURCES.flatMap((type) => model.resources(type)).filter((block) => {
    const metadata = metadataOf(block);
    return metadata.name === name && String(metadata.namespace ?? "default") === namespace;
  });
  return [...manifests, ...resources];
}

export const metabaseEncryptionKey: PolicyRule = {
  id: "K8S-12",
  name: "MetabaseEncryptionKey",
  family: "k8s",
  level: "error",
  title:
    "Every Metabase container reads MB_ENCRYPTION_SECRET_KEY from a Secret (valueFrom.secretKeyRef) that the cluster creates, never Terraform",
  why: 'Without MB_ENCRYPTION_SECRET_KEY Metabase stores the credentials of every warehouse it connects to in clear text in its application database (Metabase docs, "Encrypting your database connection"). A literal value, or a Secret that Terraform creates, puts the key in the Terraform configuration and in its state, next to the database it protects; an optional reference lets Metabase start without it.',
  fix: "Keep MetabaseWorkload's key: the bootstrap Job creates the Secret <app>-encryption-key once, inside the cluster, and the Deployment reads it with env MB_ENCRYPTION_SECRET_KEY valueFrom.secretKeyRef (not optional); never create that Secret with kubernetes_manifest or kubernetes_secret",
  counterpartNote:
    "none checks Metabase's key; kube-linter env-var-secret (a literal value in an env var named like a secret) is the closest",
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      for (const container of pod.containers.filter((c) => isMetabaseImage(c.spec.image))) {
        const name = containerName(pod, container);
        const problem = (message: string) => report({ path: pod.manifest.resource.path, message: `${name}: ${message}` });
        const entry = (container.spec.env ?? []).find((e: any) => e?.name === KEY_ENV);
        if (!entry) {
          const fromEnvFrom = (container.spec.envFrom ?? []).length > 0 ? " (envFrom cannot be checked: name it in env)" : "";
          problem(`sets no env ${KEY_ENV}${fromEnvFrom}: Metabase stores warehouse credentials unencrypted in its application database`);
          continue;
        }
        if ("value" in entry) {
          problem(
            `env ${KEY_ENV} has a literal value: the key is in the Terraform configuration and state, and in the Deployment for anyone who can read it`,
          );
          continue;
        }
        const ref = entry.valueFrom?.secretKeyRef;
        if (!ref) {
          problem(
            `env ${KEY_ENV} does not come from valueFrom.secretKeyRef (${Object.keys(entry.valueFrom ?? {}).join(", ") || "no source"})`,
          );
          continue;
        }
        if (ref.optional === true) {
          problem(
            `env ${KEY_ENV}'s secretKeyRef is optional: when the Secret is missing Metabase starts without the key and stores credentials unencrypted`,
          );
        }
        const secretName = String(ref.name ?? "");
        const referenced = model
          .references(pod.manifest.resource, ref.name)
          .filter(
            (r) =>
              SECRET_RESOURCES.includes(r.block.type) ||
              (r.block.type === "kubernetes_manifest" && r.block.config.manifest?.kind === "Secret"),
          );
        const created = [...new Set([...terraformSecrets(model, pod.manifest.namespace, secretName), ...referenced.map((r) => r.block)])];
        for (const block of created) {
          problem(
            `env ${KEY_ENV} reads Secret ${pod.manifest.namespace}/${secretName}, which Terraform creates (${block.type} at ${block.path}): the key is in the Terraform configuration and state`,
          );
        }
      }
    }
  },
};
