import { withHclOutput } from "../cdktf-workarounds";
import { environmentNames, namedBlocksOf } from "../checks/physical-names";
import { locatedInFile, readEnvironments, type Environment } from "../config/load";
import { EnvironmentFileError, levelOf, type FileProblem } from "../config/problems";
import { PolicyCheckedApp, type SynthesizedEnvironment } from "../policy/checked-app";
import { nameProblems } from "./name-problems";
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
  const read = options.environments
    ? { environments: [...options.environments], repaired: [], problems: [] as FileProblem[] }
    : readEnvironments(options.environmentsDir ?? "environments", { today: options.today });
  const errors = read.problems.filter((p) => levelOf(p) === "error");
  const warnings = read.problems.filter((p) => levelOf(p) !== "error");
  const outdir = outdirOf(options);
  const names = (
    environments: readonly Environment[],
    synthesized: readonly SynthesizedEnvironment[],
    refusedOf?: (environment: Environment) => ReadonlySet<string>,
  ) => located(nameProblems(environments, (environment) => namesOf(environment, synthesized, outdir), refusedOf));
  // main.ts and the tests handle a rejection themselves (synthOrExit, expect().toThrow).
  const app = new PolicyCheckedApp({
    outdir: options.outdir,
    hclOutput: options.hclOutput,
    log: options.log,
    warnings,
    onRejected: "throw",
    nameProblems: (synthesized) => names(read.environments, synthesized),
  });
  const failures: FileProblem[] = [];
  withHclOutput(options.hclOutput, () => addEnvironments(app, read.environments, failures));
  if (errors.length > 0 || failures.length > 0) {
    // Nothing will be synthesized. The names are checked here, on every environment that can be built (a file with
    // errors with its refused settings at their defaults, whose names are then left out), so that a broken file
    // hides no clash among the others, nor with it.
    withHclOutput(options.hclOutput, () => addEnvironments(app, read.repaired, []));
    const built = app.policy.registeredEnvironments().map((environment) => ({
      name: environment.name,
      stacks: environment.stacks.map((stack) => ({ name: stack.node.id, json: namedBlocksOf(stack) })),
    }));
    const refused = new Map(read.repaired.map((environment) => [environment.name, environment.refused]));
    const clashes = names(
      [...read.environments, ...read.repaired].sort((a, b) => a.file.localeCompare(b.file)),
      built,
      (environment) => refused.get(environment.name) ?? new Set(),
    );
    throw new EnvironmentFileError([...errors, ...failures, ...clashes.filter((p) => levelOf(p) === "error"), ...warnings]);
  }
  return app;
}

/** The synthesized names of one environment (none when it was not built). */
function namesOf(environment: Environment, synthesized: readonly SynthesizedEnvironment[], outdir: string) {
  const stacks = synthesized.find((candidate) => candidate.name === environment.name)?.stacks ?? [];
  return environmentNames(environment.name, stacks, outdir);
}

/** Problems of a field, at its line and column in the file. */
function located(problems: readonly FileProblem[]): FileProblem[] {
  const byFile = new Map<string, FileProblem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  return [...byFile].flatMap(([file, ofFile]) => locatedInFile(file, ofFile));
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
