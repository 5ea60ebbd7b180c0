import { withHclOutput } from "../cdktf-workarounds/hcl-output";
import { loadEnvironments, type Environment } from "../config/load";
import { EnvironmentFileError, type FileProblem } from "../config/problems";
import { PolicyCheckedApp } from "../policy/checked-app";
import { removePolicyReports } from "../policy/report/write";
import { environmentFieldOf } from "../stacks/environment-fields";
import { PlatformStack } from "../stacks/platform-stack";
import { RetainedStack } from "../stacks/retained-stack";
import { WorkloadStack } from "../stacks/workload-stack";

export interface BuildAppOptions {
  /** Directory of the environment files (environments/). */
  readonly environmentsDir?: string;
  /** Already-loaded environments, instead of reading environmentsDir (tests, benchmarks). */
  readonly environments?: readonly Environment[];
  /** Output directory; defaults to cdktf's (CDKTF_OUTDIR or cdktf.out). */
  readonly outdir?: string;
  /** Write HCL instead of JSON (what `cdktf synth --hcl` sets through SYNTH_HCL_OUTPUT); default: that variable. */
  readonly hclOutput?: boolean;
  /** Where synth() prints its report on success; stdout by default. */
  readonly log?: (line: string) => void;
  /** Today's date for the checks that depend on it (support calendars); the clock by default. */
  readonly today?: Date;
}

/**
 * The one pipeline of `cdktf synth`, in one order: load and validate every environment file (an invalid one
 * throws an EnvironmentFileError listing every problem, before any construct exists), build both stacks of
 * every environment (one that cannot be built is reported with its file), and register each environment with
 * the security policy. app.synth() then evaluates every rule of every environment and writes only when none
 * fails (PolicyCheckedApp).
 */
export function buildApp(options: BuildAppOptions): PolicyCheckedApp {
  try {
    return build(options);
  } catch (error) {
    // Refused before the security policy ran: the reports of an earlier run would now describe another run.
    if (error instanceof EnvironmentFileError) removePolicyReports(outdirOf(options));
    throw error;
  }
}

/** Where cdktf writes: the option, else CDKTF_OUTDIR (what `cdktf synth` sets), else cdktf.out (App's default). */
export function outdirOf(options: Pick<BuildAppOptions, "outdir">): string {
  return options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
}

function build(options: BuildAppOptions): PolicyCheckedApp {
  const loaded = options.environments
    ? { environments: options.environments, warnings: [] }
    : loadEnvironments(options.environmentsDir ?? "environments", { today: options.today });
  // main.ts and the tests handle a rejection themselves (synthOrExit, expect().toThrow).
  const app = new PolicyCheckedApp({ outdir: options.outdir, hclOutput: options.hclOutput, log: options.log, warnings: loaded.warnings, onRejected: "throw" });
  const failures: FileProblem[] = [];
  withHclOutput(options.hclOutput, () => addEnvironments(app, loaded.environments, failures));
  if (failures.length > 0) throw new EnvironmentFileError([...failures, ...loaded.warnings]);
  return app;
}

function addEnvironments(app: PolicyCheckedApp, environments: readonly Environment[], failures: FileProblem[]): void {
  for (const environment of environments) {
    try {
      const retained = new RetainedStack(app, environment);
      const platform = new PlatformStack(app, environment, retained);
      const workload = new WorkloadStack(app, environment, platform.contract);
      app.policy.addEnvironment({
        name: environment.name,
        file: environment.file,
        production: environment.config.production,
        stacks: [retained, platform, workload],
        fieldOf: (finding) => environmentFieldOf(finding, environment.config),
      });
    } catch (error) {
      failures.push({ file: environment.file, message: `the environment could not be built: ${(error as Error).message}` });
    }
  }
}

