import {
  apiGroupOf,
  DEFAULT_COMPUTED_FIELDS,
  parseFieldPath,
  SERVER_SIDE_CHANGES,
  WRITE_ONLY_FIELDS,
} from "../../../kubernetes-facts/server-side-changes";
import type { PolicyRule } from "../../types";

const covers = (computed: readonly string[], path: readonly string[]) =>
  computed.length <= path.length && computed.every((segment, index) => segment === path[index]);

const valueAt = (object: unknown, path: readonly string[]): unknown =>
  path.reduce<any>((current, key) => (current !== null && typeof current === "object" ? current[key] : undefined), object);

/**
 * A kubernetes_manifest never sets, outside its computed_fields, a value the API server changes: the provider
 * compares the object the server returns with the plan, and only computed_fields may differ.
 */
export const serverSideFields: PolicyRule = {
  id: "K8S-08",
  name: "ServerChangedFieldsAreComputed",
  family: "k8s",
  level: "error",
  title:
    "A kubernetes_manifest sets no field the API server or a controller changes (Job template labels, Namespace labels, Secret stringData...) unless computed_fields covers it",
  why: 'kubernetes_manifest stores the object the API server returns and only lets computed_fields differ from the plan (default: metadata.labels and metadata.annotations; a list you give replaces it). A field the server changes on create fails the first apply ("Provider produced inconsistent result after apply", and everything after it is never created); one a controller changes later shows up as a change in every plan.',
  fix: "Do not set the field (e.g. no pod template labels on a Job), or list its path in computed_fields together with metadata.labels and metadata.annotations",
  counterpartNote:
    "none: specific to the kubernetes provider's kubernetes_manifest (terraform-provider-kubernetes manifest/provider/apply.go)",
  check({ model, report }) {
    for (const manifest of model.manifests()) {
      const declared = manifest.resource.config.computed_fields;
      const texts: string[] = Array.isArray(declared) ? declared.map(String) : [...DEFAULT_COMPUTED_FIELDS];
      const computed = texts.map(parseFieldPath).filter((path): path is string[] => path !== undefined);
      const name = `${manifest.kind} ${manifest.namespace}/${manifest.name}`;
      for (const text of texts.filter((t) => parseFieldPath(t) === undefined)) {
        report({
          path: manifest.resource.path,
          message: `${name}: computed_fields entry ${JSON.stringify(text)} is not a field path the provider can parse (attribute names, ["key"] and [index], no splat), so plan fails`,
          fix: 'Write paths like "spec.template.metadata.labels" or "metadata.annotations[\\"example.com/key\\"]"',
        });
      }
      const group = apiGroupOf(manifest.object.apiVersion);
      const applies = (change: (typeof SERVER_SIDE_CHANGES)[number]) =>
        change.group === group &&
        change.kind === manifest.kind &&
        (change.when?.(manifest.object) ?? true) &&
        valueAt(manifest.object, change.path) !== undefined;
      for (const field of WRITE_ONLY_FIELDS.filter(applies)) {
        report({
          path: manifest.resource.path,
          message: `${name} sets ${field.path.join(".")}, which the API server ${field.change}: apply fails with "Provider produced inconsistent result after apply" (${field.source})`,
          fix: `Use data (base64) instead of ${field.path.join(".")}, or keep the Secret's content out of Terraform`,
        });
      }
      for (const change of SERVER_SIDE_CHANGES.filter(applies)) {
        if (computed.some((path) => covers(path, change.path))) continue;
        const field = change.path.join(".");
        const consequence =
          change.timing === "on create"
            ? 'the first apply fails with "Provider produced inconsistent result after apply" and nothing that depends on it is created'
            : "every later plan shows a change, and each apply takes it away again";
        report({
          path: manifest.resource.path,
          message: `${name} sets ${field}, to which the API server ${change.change} ${change.timing}; computed_fields (${texts.map((t) => JSON.stringify(t)).join(", ") || "empty"}) does not cover it, so ${consequence} (${change.source})`,
          fix:
            change.path[0] === "metadata"
              ? `Keep ${field} in computed_fields (the provider's default), or do not set it`
              : `Do not set ${field}, or set computed_fields to ["metadata.labels", "metadata.annotations", "${field}"]`,
        });
      }
    }
  },
};
