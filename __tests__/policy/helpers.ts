/**
 * Rule tests work like Checkov's: on the synthesized Terraform JSON of the shipped dev environment (all three
 * stacks), then on copies changed one attribute at a time. Only the tests that exercise the aspect and the
 * CLI path build whole apps.
 */
import type { Environment } from "../../src/config/load";
import { evaluate } from "../../src/policy/engine";
import { EnvironmentModel } from "../../src/policy/model/environment-model";
import { ruleById } from "../../src/policy/rules";
import type { Finding } from "../../src/policy/types";
import { devEnvironment, environmentWith } from "../helpers/environments";
import { addressAt, prepareEnvironment, resourceAt } from "../helpers/synth";

export interface StackJson {
  retained: Record<string, any>;
  platform: Record<string, any>;
  workload: Record<string, any>;
}

/** The app of one environment, prepared but not synthesized (see prepareEnvironment). */
export const buildPrepared = (environment: Environment = devEnvironment()) => prepareEnvironment(environment);

const cached = new Map<boolean, string>();

/**
 * A fresh deep copy of the dev environment's resolved stack configs (synthesized once per test file); with
 * `publicNodes`, of dev with the optional public node group it does not ask for.
 */
export function devStacks(publicNodes = false): StackJson {
  if (!cached.has(publicNodes)) {
    const environment = publicNodes
      ? environmentWith((e) => (e.nodeGroups.public = { name: "public-node-group-dev" }), "dev")
      : devEnvironment();
    const { retained, platform, workload } = buildPrepared(environment);
    cached.set(
      publicNodes,
      JSON.stringify({ retained: retained.toTerraform(), platform: platform.toTerraform(), workload: workload.toTerraform() }),
    );
  }
  return JSON.parse(cached.get(publicNodes)!);
}

export interface ModelOptions {
  readonly production?: boolean;
  /** Dev with a public node group. */
  readonly publicNodes?: boolean;
}

/** The dev environment's model after `change` edits its JSON. */
export function modelOf(change: (stacks: StackJson) => void = () => {}, options: ModelOptions = {}): EnvironmentModel {
  const stacks = devStacks(options.publicNodes);
  change(stacks);
  return new EnvironmentModel({
    name: "dev",
    production: options.production ?? false,
    stacks: [
      { name: "dev-retained", json: stacks.retained },
      { name: "dev-platform", json: stacks.platform },
      { name: "dev-workload", json: stacks.workload },
    ],
  });
}

/** Findings of one rule on the dev environment after `change`. */
export function findings(ruleId: string, change?: (stacks: StackJson) => void, options?: ModelOptions): Finding[] {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return evaluate(modelOf(change, options), [rule]);
}

/** [path, message] pairs, for readable failures. */
export function where(list: readonly Finding[]): Array<[string, string]> {
  return list.map((f) => [f.path, f.message]);
}

/** The block (resource by default) of a type whose construct path ends with `suffix`: the object to edit. */
export const block = resourceAt;

/** The one block of a type at *suffix, in whichever stack of the environment holds it. */
export function blockIn(stacks: StackJson, type: string, suffix: string, kind: "resource" | "data" = "resource"): any {
  const found = [stacks.retained, stacks.platform, stacks.workload].filter((config) => {
    try {
      return resourceAt(config, type, suffix, kind) !== undefined;
    } catch {
      return false;
    }
  });
  if (found.length !== 1) throw new Error(`expected one ${type} at *${suffix} in the environment's stacks, found it in ${found.length}`);
  return resourceAt(found[0], type, suffix, kind);
}

/** The Terraform address of that block. */
export const addressOf = addressAt;

/** The `manifest` of the kubernetes_manifest at `suffix` of the workload stack. */
export function manifest(stacks: StackJson, suffix: string): any {
  return block(stacks.workload, "kubernetes_manifest", suffix).manifest;
}

/** Removes a block from a stack. */
export function remove(config: Record<string, any>, type: string, suffix: string, kind: "resource" | "data" = "resource"): void {
  const [, name] = addressOf(config, type, suffix, kind).split(/\.(?=[^.]+$)/);
  delete config[kind][type][name];
}

/** The env list of the first container of a pod controller manifest. */
export function envOf(object: any, container = 0): Array<{ name: string; value?: string }> {
  const spec = object.spec.template.spec;
  return spec.containers[container].env;
}

export const DEPLOYMENT = "metabase/deployment";
export const BOOTSTRAP_JOB = "metabase/bootstrap-job";
export const DEPLOYMENT_PATH = "dev-workload/metabase/deployment";
export const JOB_PATH = "dev-workload/metabase/bootstrap-job";
