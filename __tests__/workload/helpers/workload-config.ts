/**
 * Reading the synthesized workload stack: its kubernetes_manifest resources, and the values that cross from
 * the platform stack (terraform_remote_state outputs) back to the platform resource they name.
 */
import * as path from "path";
import { EnvironmentModel } from "../../../src/policy/model/environment-model";
import type { SynthesizedEnvironment } from "../../helpers/synth";

export interface ManifestResource {
  /** Terraform address, e.g. kubernetes_manifest.metabase_deployment_011CD925 (what depends_on lists). */
  readonly address: string;
  /** Construct path, e.g. dev-workload/metabase/deployment. */
  readonly path: string;
  /** The Kubernetes object, as written to the manifest attribute. */
  readonly manifest: any;
  readonly dependsOn: string[];
  readonly wait?: any;
  readonly timeouts?: any;
}

export function manifestResources(workloadConfig: any): ManifestResource[] {
  return Object.entries<any>(workloadConfig.resource?.kubernetes_manifest ?? {}).map(([logicalId, resource]) => ({
    address: `kubernetes_manifest.${logicalId}`,
    path: String(resource["//"]?.metadata?.path ?? ""),
    manifest: resource.manifest,
    dependsOn: resource.depends_on ?? [],
    wait: resource.wait,
    timeouts: resource.timeouts,
  }));
}

/** A Job is named after its content (its template is immutable): "<name>-<8 hex digits>". */
export const CONTENT_HASHED_JOB_NAME = (name: string) => new RegExp(`^${name}-[0-9a-f]{8}$`);

/** The one manifest of a kind and name (for a Job, its content-hashed name); fails listing what exists. */
export function manifestNamed(workloadConfig: any, kind: string, name: string): ManifestResource {
  const all = manifestResources(workloadConfig);
  const nameMatches = (actual: string) => (kind === "Job" ? CONTENT_HASHED_JOB_NAME(name).test(actual) : actual === name);
  const matches = all.filter((r) => r.manifest.kind === kind && nameMatches(r.manifest.metadata?.name));
  if (matches.length !== 1) {
    const present = all.map((r) => `${r.manifest.kind}/${r.manifest.metadata?.name}`).join(", ");
    throw new Error(`expected one ${kind} named "${name}", found ${matches.length} (present: ${present})`);
  }
  return matches[0];
}

/** Env vars of a container as a name -> EnvVar map (duplicates would be a bug: fail on them). */
export function envOf(container: any): Record<string, any> {
  const env: Record<string, any> = {};
  for (const variable of container.env ?? []) {
    if (variable.name in env) throw new Error(`env var ${variable.name} is set twice in container ${container.name}`);
    env[variable.name] = variable;
  }
  return env;
}

/** Metabase's MB_DB_CONNECTION_URI, cut into its parts: jdbc:postgresql://<host>:<port>/<database>?<parameters>. */
export function connectionUriOf(container: any): { host: string; port: string; database: string; parameters: URLSearchParams } {
  const uri = String(envOf(container).MB_DB_CONNECTION_URI?.value);
  const match = /^jdbc:postgresql:\/\/(\$\{[^}]+\}|[^:/]+):(\d+)\/([^?]+)\?(.*)$/.exec(uri);
  if (!match) throw new Error(`MB_DB_CONNECTION_URI is not jdbc:postgresql://<host>:<port>/<db>?<params>: ${uri}`);
  return { host: match[1], port: match[2], database: match[3], parameters: new URLSearchParams(match[4]) };
}

/** What a value of the synthesized config refers to: the block, the attribute, and the block's config. */
export interface ResolvedReference {
  readonly type: string;
  readonly logicalId: string;
  /** The attribute path after the resource, e.g. "arn" or "vpc_config[0].cluster_security_group_id". */
  readonly attribute: string;
  /** The referenced block's config, as synthesized. */
  readonly resource: any;
  /** The reference as the platform stack writes it: "${aws_iam_role.x_1234.arn}". */
  readonly expression: string;
}

const models = new WeakMap<SynthesizedEnvironment, EnvironmentModel>();

/** The verifier's model of the environment's stacks: its resolver is the one that follows references (src/policy/model). */
export function modelOf(env: SynthesizedEnvironment): EnvironmentModel {
  let model = models.get(env);
  if (!model) {
    model = new EnvironmentModel({
      name: env.platform.node.id,
      production: false,
      stacks: [
        { name: env.retained.node.id, json: env.retainedConfig },
        { name: env.platform.node.id, json: env.platformConfig },
        { name: env.workload.node.id, json: env.workloadConfig },
      ],
    });
    models.set(env, model);
  }
  return model;
}

function resolved(env: SynthesizedEnvironment, stack: string, value: unknown): ResolvedReference | undefined {
  const reference = modelOf(env).resolver.single(stack, value);
  if (!reference) return undefined;
  const { block, attribute } = reference;
  return { type: block.type, logicalId: block.name, attribute, resource: block.config, expression: `\${${block.address}.${attribute}}` };
}

/** A platform value that is exactly one reference to a platform block (e.g. a route table association's table). */
export function platformReference(env: SynthesizedEnvironment, value: unknown): ResolvedReference {
  const reference = resolved(env, env.platform.node.id, value);
  if (!reference) throw new Error(`"${value}" is not a single reference in the platform stack`);
  return reference;
}

/**
 * The platform resource a workload value ends at, across the stack boundary (terraform_remote_state output ->
 * the platform output -> the resource it names), followed by the verifier's resolver. Fails when the value is
 * not exactly one reference, or ends in the workload stack itself.
 */
export function platformResourceBehind(env: SynthesizedEnvironment, value: unknown): ResolvedReference {
  const reference = resolved(env, env.workload.node.id, value);
  const platformBlock = reference && modelOf(env).stacks.get(env.platform.node.id)?.block(`${reference.type}.${reference.logicalId}`);
  if (!reference || !platformBlock) throw new Error(`"${value}" is not a cross-stack reference to a platform resource`);
  return reference;
}

/**
 * Where the workload reads its producers' outputs (the platform's, and the retained stack's: Metabase's key), and
 * where those stacks write their state, all absolute and sorted: the resolver follows outputs by name, so that
 * the files are the same ones is checked on its own.
 */
export function remoteStateFiles(env: SynthesizedEnvironment): { readsFrom: string[]; producersWriteTo: string[] } {
  const stackDir = (stackName: string) => path.join(env.app.outdir, "stacks", stackName);
  const remoteStates = Object.values<any>(env.workloadConfig.data?.terraform_remote_state ?? {});
  const producers = [
    { stack: env.platform.node.id, backend: env.platformConfig.terraform.backend },
    { stack: env.retained.node.id, backend: env.retainedConfig.terraform.backend },
  ];
  if (producers.some((p) => !p.backend.local) || remoteStates.some((state) => state.backend !== "local"))
    throw new Error("remoteStateFiles only compares local backends");
  // The paths are relative to each stack's working directory (cdktf.out/stacks/<stack>).
  return {
    readsFrom: remoteStates.map((state) => path.resolve(stackDir(env.workload.node.id), state.config.path)).sort(),
    producersWriteTo: producers.map((p) => path.resolve(stackDir(p.stack), p.backend.local.path)).sort(),
  };
}

/** Every string anywhere inside a value, with its JSON path. */
export function stringsIn(value: unknown, at = "$"): { at: string; value: string }[] {
  if (typeof value === "string") return [{ at, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, `${at}[${index}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, `${at}.${key}`));
  }
  return [];
}
