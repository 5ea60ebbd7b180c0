/**
 * The independent schemas in ../shared/data (strict Kubernetes 1.30 JSON schemas, the SecurityGroupPolicy CRD),
 * read in place: they are test oracles, never copied into the project. See /work/shared/data/README.md.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv, { type ValidateFunction } from "ajv";
import { oracle, SHARED_DATA } from "../../helpers/oracles";

const K8S_SCHEMAS_DIR = "k8s-schemas/v1.30.0-standalone-strict";
const SGP_CRD_FILE = "crds/securitygrouppolicies.yaml";
const K8S_SCHEMAS = path.join(SHARED_DATA, K8S_SCHEMAS_DIR);
const SGP_CRD = path.join(SHARED_DATA, SGP_CRD_FILE);

/** REQUIRE_SHARED_ORACLES=1 turns a missing oracle from a skip into a failure (CI that has them). */
export const oraclesRequired = () => process.env.REQUIRE_SHARED_ORACLES === "1";

/**
 * Why the oracles cannot be used here, or undefined when they can. A missing file throws under
 * REQUIRE_SHARED_ORACLES=1 (the project's oracle() rule).
 */
export function missingOracles(): string | undefined {
  for (const needed of [K8S_SCHEMAS_DIR, SGP_CRD_FILE]) {
    if (!oracle(needed)) return `${path.join(SHARED_DATA, needed)} is absent`;
  }
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
  } catch {
    return "kubectl is not on PATH (it converts the CRD's YAML to JSON offline; js-yaml is not a dependency)";
  }
  return undefined;
}

function newAjv(): Ajv {
  // Settings from shared/data/README.md: the schemas use "$schema": ".../schema#", x-kubernetes-* keywords and
  // the int32/int64/byte/date-time formats, none of which ajv knows. First error only: compiling the 650 kB
  // Deployment and Job schemas with allErrors costs ~40% more, and a broken manifest is fixed one error at a time.
  return new Ajv({ strict: false, validateSchema: false, validateFormats: false });
}

/**
 * The strict schema file of a built-in kind, in yannh/kubernetes-json-schema's layout: core kinds are
 * "<kind>-v1", others "<kind>-<first label of the group>-<version>" (networkpolicy-networking-v1, role-rbac-v1).
 */
export function builtInSchemaFile(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const suffix = group ? `${group.split(".")[0]}-${version}` : version;
  return path.join(K8S_SCHEMAS, `${kind.toLowerCase()}-${suffix}.json`);
}

/** Whether the oracle has a schema for this kind (the SGP comes from its CRD). */
export function hasOracleSchema(apiVersion: string, kind: string): boolean {
  return kind === "SecurityGroupPolicy" || fs.existsSync(builtInSchemaFile(apiVersion, kind));
}

export function builtInValidator(apiVersion: string, kind: string): ValidateFunction {
  const file = builtInSchemaFile(apiVersion, kind);
  if (!fs.existsSync(file)) throw new Error(`no strict Kubernetes 1.30 schema for ${apiVersion} ${kind} (${file})`);
  const schema = JSON.parse(fs.readFileSync(file, "utf8"));
  // Guard against validating with the wrong file: the schema names the kind it describes.
  const gvk = schema["x-kubernetes-group-version-kind"]?.[0];
  const declared = gvk.group ? `${gvk.group}/${gvk.version}/${gvk.kind}` : `${gvk.version}/${gvk.kind}`;
  if (declared !== `${apiVersion}/${kind}`) throw new Error(`${file} describes ${declared}, not ${apiVersion}/${kind}`);
  return newAjv().compile(schema);
}

/** Parses YAML offline with kubectl (`patch --local` never contacts a server), as JSON. */
function yamlFileAsJson(file: string): any {
  const noKubeconfig = path.join(os.tmpdir(), `no-kubeconfig-${process.pid}`);
  const output = execFileSync("kubectl", ["patch", "--local", "-f", file, "--type", "merge", "-p", "{}", "-o", "json"], {
    env: { ...process.env, KUBECONFIG: noKubeconfig },
    encoding: "utf8",
  });
  return JSON.parse(output);
}

/**
 * Closes every object schema that lists its properties (additionalProperties: false), as the API server does
 * for a structural CRD schema under strict field validation: an unknown field is an error, not silently
 * pruned. The CRD leaves `metadata` as a bare object; the API server validates it as ObjectMeta, so the strict
 * ObjectMeta of the built-in schemas is put in its place.
 */
function strictCrdSchema(schema: any, objectMeta: any): any {
  const close = (node: any): any => {
    if (Array.isArray(node)) return node.map(close);
    if (!node || typeof node !== "object") return node;
    const copy: any = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, close(value)]));
    if (copy.properties && copy.additionalProperties === undefined && !copy["x-kubernetes-preserve-unknown-fields"]) {
      copy.additionalProperties = false;
    }
    return copy;
  };
  const strict = close(schema);
  strict.properties.metadata = objectMeta;
  return strict;
}

export function securityGroupPolicyValidator(): ValidateFunction {
  const crd = yamlFileAsJson(SGP_CRD);
  const version = crd.spec.versions[0];
  if (crd.spec.names.kind !== "SecurityGroupPolicy" || version.name !== "v1beta1") {
    throw new Error(`${SGP_CRD} is not the SecurityGroupPolicy v1beta1 CRD`);
  }
  const objectMeta = JSON.parse(fs.readFileSync(builtInSchemaFile("v1", "ConfigMap"), "utf8")).properties.metadata;
  return newAjv().compile(strictCrdSchema(version.schema.openAPIV3Schema, objectMeta));
}

/** A validator for any manifest of the workload: built-in kinds from the strict schemas, the SGP from its CRD. */
export function manifestValidators(): (manifest: any) => ValidateFunction {
  const cache = new Map<string, ValidateFunction>();
  return (manifest) => {
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    if (!cache.has(key)) {
      cache.set(
        key,
        key === "vpcresources.k8s.aws/v1beta1/SecurityGroupPolicy"
          ? securityGroupPolicyValidator()
          : builtInValidator(manifest.apiVersion, manifest.kind),
      );
    }
    return cache.get(key)!;
  };
}
