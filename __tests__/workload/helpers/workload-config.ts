/**
 * Reading the synthesized workload stack: its kubernetes_manifest resources, and the values that cross from
 * the platform stack (terraform_remote_state outputs) back to the platform resource they name.
 */
import * as path from "path";
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

/** A Terraform expression that is exactly one reference, e.g. "${aws_iam_role.x_1234.arn}". */
export interface Reference {
  readonly type: string;
  readonly logicalId: string;
  /** The attribute path after the resource, e.g. "arn" or "vpc_config[0].cluster_security_group_id". */
  readonly attribute: string;
}

const WHOLE_REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([^}]+)\}$/;

export function parseReference(expression: string): Reference {
  const match = WHOLE_REFERENCE.exec(expression);
  if (!match) throw new Error(`"${expression}" is not a single resource reference`);
  return { type: match[1], logicalId: match[2], attribute: match[3] };
}

const REMOTE_STATE_OUTPUT = /^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;

/**
 * Follows a workload value across the stack boundary: it must be a whole terraform_remote_state output
 * reference, the remote state must read the platform stack's own state file, and the output must exist in
 * the platform stack. Returns the output's value there (a reference to a platform resource).
 */
export function resolveFromPlatform(env: SynthesizedEnvironment, value: unknown): string {
  const match = REMOTE_STATE_OUTPUT.exec(String(value));
  if (!match) throw new Error(`"${value}" is not a cross-stack reference (terraform_remote_state output)`);
  const [, remoteStateId, outputName] = match;

  const remoteState = env.workloadConfig.data?.terraform_remote_state?.[remoteStateId];
  if (!remoteState) throw new Error(`the workload stack has no data.terraform_remote_state.${remoteStateId}`);
  const platformBackend = env.platformConfig.terraform.backend;
  if (remoteState.backend !== "local" || !platformBackend.local) {
    throw new Error(`resolveFromPlatform only follows local backends, got ${remoteState.backend}`);
  }
  // Both paths are relative to each stack's working directory (cdktf.out/stacks/<stack>).
  const stackDir = (stackName: string) => path.join(env.app.outdir, "stacks", stackName);
  const readsFrom = path.resolve(stackDir(env.workload.node.id), remoteState.config.path);
  const platformWritesTo = path.resolve(stackDir(env.platform.node.id), platformBackend.local.path);
  if (readsFrom !== platformWritesTo) {
    throw new Error(`remote state ${remoteStateId} reads ${readsFrom}, but the platform stack writes ${platformWritesTo}`);
  }

  const output = env.platformConfig.output?.[outputName];
  if (!output) throw new Error(`the platform stack has no output "${outputName}"`);
  return output.value;
}

/** The platform resource a cross-stack value ends at, with the attribute read from it. */
export function platformResourceBehind(env: SynthesizedEnvironment, value: unknown): Reference & { resource: any } {
  const reference = parseReference(resolveFromPlatform(env, value));
  const resource = env.platformConfig.resource?.[reference.type]?.[reference.logicalId];
  if (!resource) throw new Error(`the platform stack has no ${reference.type}.${reference.logicalId}`);
  return { ...reference, resource };
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
