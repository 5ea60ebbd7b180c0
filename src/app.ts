import { loadEnvironments, type Environment } from "./config/load";
import { EnvironmentFileError, type FileProblem } from "./config/problems";
import { PolicyCheckedApp } from "./policy/checked-app";
import { environmentFieldOf } from "./stacks/environment-fields";
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
  /** Where synth() prints its report on success; stdout by default. */
  readonly log?: (line: string) => void;
}

/**
 * The one pipeline of `cdktf synth`, in one order: load and validate every environment file (an invalid one
 * throws an EnvironmentFileError listing every problem, before any construct exists), build both stacks of
 * every environment (one that cannot be built is reported with its file), and register each environment with
 * the security policy. app.synth() then evaluates every rule of every environment and writes only when none
 * fails (PolicyCheckedApp).
 */
export function buildApp(options: BuildAppOptions): PolicyCheckedApp {
  const loaded = options.environments
    ? { environments: options.environments, warnings: [] }
    : loadEnvironments(options.environmentsDir ?? "environments");
  const app = new PolicyCheckedApp({ outdir: options.outdir, hclOutput: options.hclOutput, log: options.log, warnings: loaded.warnings });
  const failures: FileProblem[] = [];
  for (const environment of loaded.environments) {
    try {
      const platform = new PlatformStack(app, environment);
      const workload = new WorkloadStack(app, environment, platform.contract);
      app.policy.addEnvironment({
        name: environment.name,
        file: environment.file,
        production: environment.config.production,
        stacks: [platform, workload],
        fieldOf: (finding) => environmentFieldOf(finding, environment.config),
      });
    } catch (error) {
      failures.push({ file: environment.file, message: `the environment could not be built: ${(error as Error).message}` });
    }
  }
  if (failures.length > 0) throw new EnvironmentFileError([...failures, ...loaded.warnings]);
  return app;
}
