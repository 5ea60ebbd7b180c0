import { App } from "cdktf";
import { loadEnvironments, type Environment } from "./config/load";
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
}

/**
 * Loads and validates every environment first, and only then creates the app: an invalid file throws an
 * EnvironmentFileError before anything is written.
 */
export function buildApp(options: BuildAppOptions): App {
  const environments = options.environments ?? loadEnvironments(options.environmentsDir ?? "environments");
  const app = new App({ outdir: options.outdir, hclOutput: options.hclOutput });
  for (const environment of environments) {
    const platform = new PlatformStack(app, environment);
    new WorkloadStack(app, environment, platform);
  }
  return app;
}
