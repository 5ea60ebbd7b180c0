import { loadEnvironments, type Environment } from "./config/load";
import { PolicyCheckedApp } from "./policy/checked-app";
import { PlatformStack } from "./stacks/platform-stack";
import { WorkloadStack } from "./stacks/workload-stack";

export interface BuildAppOptions {
  /** Directory of the environment files (environments/). */
  readonly environmentsDir?: string;
  /** Already-loaded environments, instead of reading environmentsDir (tests, benchmarks). */
  readonly environments?: readonly Environment[];
  /** Output directory; defaults to cdktf's (CDKTF_OUTDIR or cdktf.out). */
  readonly outdir?: string;
  /** Write HCL instead of JSON (what `cdktf synth --hcl` sets through SYNTH_HCL_OUTPUT). */
  readonly hclOutput?: boolean;
  /** Where synth() prints the security summary line; stdout by default. */
  readonly log?: (line: string) => void;
}

/**
 * Loads and validates every environment first, and only then creates the app: an invalid file throws an
 * EnvironmentFileError before anything is written.
 *
 * Every environment is checked by the policy layer (src/policy): an aspect on both of its stacks proves the
 * EKS to RDS chain across them and fails synth when it is broken; synth() writes the SARIF report.
 */
export function buildApp(options: BuildAppOptions): PolicyCheckedApp {
  const environments = options.environments ?? loadEnvironments(options.environmentsDir ?? "environments");
  const app = new PolicyCheckedApp({ outdir: options.outdir, hclOutput: options.hclOutput, log: options.log });
  for (const environment of environments) {
    const platform = new PlatformStack(app, environment);
    const workload = new WorkloadStack(app, environment, platform.contract);
    app.policy.addEnvironment({
      name: environment.name,
      production: environment.config.production,
      stacks: [platform, workload],
    });
  }
  return app;
}
