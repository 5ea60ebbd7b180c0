import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, type App, type TerraformStack } from "cdktf";
import { buildApp } from "../../src/app";
import type { Environment } from "../../src/config/load";
import type { PlatformStack } from "../../src/stacks/platform-stack";
import type { RetainedStack } from "../../src/stacks/retained-stack";
import type { WorkloadStack } from "../../src/stacks/workload-stack";
import { devEnvironment } from "./environments";

export interface SynthesizedEnvironment {
  readonly app: App;
  readonly retained: RetainedStack;
  readonly platform: PlatformStack;
  readonly workload: WorkloadStack;
  /** Testing.synth output (JSON text), the input of cdktf's jest matchers. */
  readonly retainedJson: string;
  readonly platformJson: string;
  readonly workloadJson: string;
  /** The resolved Terraform config, with construct paths ("//" metadata) kept. */
  readonly retainedConfig: any;
  readonly platformConfig: any;
  readonly workloadConfig: any;
}

/**
 * Builds the app for one environment the way `cdktf synth` does before writing: cross-stack references are
 * prepared on all stacks (outputs and remote state exist), aspects have not run yet. The summary line of
 * app.synth() is silenced.
 */
export function prepareEnvironment(environment: Environment = devEnvironment(), outdir = tempOutdir()) {
  const app = buildApp({ environments: [environment], outdir, log: () => {} });
  const stacks = app.node.children as TerraformStack[];
  for (const stack of stacks) stack.prepareStack();
  const [retained, platform, workload] = stacks as [RetainedStack, PlatformStack, WorkloadStack];
  return { app, retained, platform, workload };
}

/** A fresh directory in this jest run's scratch directory (removed when the run ends, see temp-dirs.js). */
export function tempOutdir(): string {
  return fs.mkdtempSync(path.join(process.env.SECURE_EKS_RDS_TEST_TMP ?? os.tmpdir(), "app-"));
}

/** prepareEnvironment, then Testing.synth of each stack (which runs the aspects, like the synthesizer). */
export function synthEnvironment(environment: Environment = devEnvironment()): SynthesizedEnvironment {
  const outdir = tempOutdir();
  const { app, retained, platform, workload } = prepareEnvironment(environment, outdir);
  const [retainedOut, platformOut, workloadOut] = synthStacks([retained, platform, workload]);
  // Testing.synth writes nothing; only App's constructor created the directory.
  fs.rmSync(outdir, { recursive: true, force: true });
  return {
    app,
    retained,
    platform,
    workload,
    retainedJson: retainedOut.json,
    platformJson: platformOut.json,
    workloadJson: workloadOut.json,
    retainedConfig: retainedOut.config,
    platformConfig: platformOut.config,
    workloadConfig: workloadOut.config,
  };
}

/**
 * Testing.synth of each stack, and the config each stack's toTerraform() returned on the way (Testing.synth strips
 * the "//" metadata from a copy). Each stack is rendered once: the policy aspect, at the first Testing.synth of an
 * environment, renders every stack of it to evaluate the chain, and the later Testing.synth calls take those
 * renders instead of resolving the stacks again (resolution is the costliest step of these helpers). Nothing
 * changes a stack in between: the aspect only annotates, and every stack was prepared before it rendered. The
 * config is what the verifier reads: app.policy.evaluateEnvironment(name, configOf) takes it.
 */
export function synthStacks(stacks: readonly TerraformStack[]): Array<{ json: string; config: any }> {
  const rendered = new Map<TerraformStack, any>();
  for (const stack of stacks) {
    const toTerraform = stack.toTerraform.bind(stack);
    stack.toTerraform = () => {
      if (!rendered.has(stack)) rendered.set(stack, toTerraform());
      return rendered.get(stack);
    };
  }
  try {
    return stacks.map((stack) => ({ json: Testing.synth(stack), config: stack.toTerraform() }));
  } finally {
    for (const stack of stacks) delete (stack as { toTerraform?: unknown }).toTerraform;
  }
}

/** All resources of a type in a synthesized stack, keyed by logical id. */
export function resourcesOf(config: any, type: string): Record<string, any> {
  return config.resource?.[type] ?? {};
}

/** The one resource (or data source) of a type whose construct path ends with `pathSuffix`. */
export function resourceAt(config: any, type: string, pathSuffix: string, block: "resource" | "data" = "resource"): any {
  const [, logicalId] = addressAt(config, type, pathSuffix, block).split(/\.(?=[^.]+$)/);
  return config[block][type][logicalId];
}

/** The Terraform address ("aws_iam_role.application-role_98A58E31") of the one resource at *pathSuffix. */
export function addressAt(config: any, type: string, pathSuffix: string, block: "resource" | "data" = "resource"): string {
  const matches = Object.entries(config[block]?.[type] ?? {}).filter(([, r]: [string, any]) =>
    String(r["//"]?.metadata?.path ?? "").endsWith(pathSuffix),
  );
  if (matches.length !== 1) throw new Error(`expected one ${type} at *${pathSuffix}, found ${matches.length}`);
  return `${block === "data" ? "data." : ""}${type}.${matches[0][0]}`;
}

/** "${<address>.<attribute>}": how another resource refers to an attribute of the one at *pathSuffix. */
export function referenceTo(
  config: any,
  type: string,
  pathSuffix: string,
  attribute: string,
  block: "resource" | "data" = "resource",
): string {
  return `\${${addressAt(config, type, pathSuffix, block)}.${attribute}}`;
}
