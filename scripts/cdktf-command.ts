/**
 * `npm run deploy` and `npm run destroy`: `cdktf deploy` / `cdktf destroy` with the checks a plain cdktf command
 * cannot make, run before Terraform does anything:
 * - deploy stops when a selected environment still holds a placeholder (a documentation range, an example
 *   domain or account: src/config/placeholders.ts), one line per value with its field and the fix;
 * - destroy leaves out the retained stack of every environment with `retainOnDestroy` (the default): its keys
 *   and Metabase's key carry prevent_destroy, so plain `cdktf destroy '<env>-*'` would destroy the workload and
 *   the platform and then fail there. It says what it keeps, and how to remove it for good.
 * Usage: tsx scripts/cdktf-command.ts deploy|destroy <stack patterns...> [cdktf options...]
 */
import { spawnSync } from "child_process";
import * as path from "path";
import minimatch from "minimatch";
import { environmentsDirFrom } from "../src/config/environment-directory";
import { loadEnvironments, locatedInFile, type Environment } from "../src/config/load";
import { placeholderProblems } from "../src/config/placeholders";
import { EnvironmentFileError, rejectionSummary, renderProblem, type FileProblem } from "../src/config/problems";
import { stackNames } from "../src/stacks/names";
import { synthOrExit } from "../src/synth/run";
import { SynthRejected } from "../src/synth/rejected";
import { REPO_ROOT } from "./terraform/paths";

export type Verb = "deploy" | "destroy";

/** cdktf options that take a value (cdktf deploy --help); --var and --var-file are arrays and take every value up to the next option. */
const VALUE_OPTIONS = new Set([
  "-a",
  "--app",
  "-o",
  "--output",
  "--outputs-file",
  "--parallelism",
  "--terraform-parallelism",
  "--log-level",
  "--log-file-directory",
  "--experimental-provider-schema-cache-path",
]);
const ARRAY_OPTIONS = new Set(["--var", "--var-file"]);

/** The stack patterns among cdktf's arguments (what is neither an option nor an option's value). */
export function stackPatternsOf(args: readonly string[]): string[] {
  const patterns: string[] = [];
  let takesValues: "one" | "many" | undefined;
  for (const arg of args) {
    if (arg.startsWith("-")) {
      const name = arg.split("=")[0];
      takesValues = arg.includes("=") ? undefined : VALUE_OPTIONS.has(name) ? "one" : ARRAY_OPTIONS.has(name) ? "many" : undefined;
    } else if (takesValues === "one") {
      takesValues = undefined;
    } else if (takesValues !== "many") {
      patterns.push(arg);
    }
  }
  return patterns;
}

/** The environments with at least one stack the patterns select (cdktf matches stack names with minimatch). */
export function selectedEnvironments(environments: readonly Environment[], patterns: readonly string[]): Environment[] {
  return environments.filter((environment) =>
    Object.values(stackNames(environment.name)).some((stack) => patterns.some((pattern) => minimatch(stack, pattern))),
  );
}

/**
 * The stacks a destroy may run on: the selected ones, minus the retained stacks their environments keep. cdktf
 * is then given these names instead of the patterns (same minimatch semantics, resolved here).
 */
export function destroyPlan(
  environments: readonly Environment[],
  patterns: readonly string[],
): { stacks: string[]; kept: Array<{ stack: string; file: string }> } {
  const stacks: string[] = [];
  const kept: Array<{ stack: string; file: string }> = [];
  for (const environment of environments) {
    const names = stackNames(environment.name);
    for (const stack of [names.workload, names.platform, names.retained]) {
      if (!patterns.some((pattern) => minimatch(stack, pattern))) continue;
      if (stack === names.retained && environment.config.retainOnDestroy) kept.push({ stack, file: environment.file });
      else stacks.push(stack);
    }
  }
  return { stacks, kept };
}

/** The lines that say what a destroy keeps, and how to let it go. */
export function keptLines(kept: ReadonlyArray<{ stack: string; file: string }>): string[] {
  return kept.map(
    ({ stack, file }) =>
      `Keeping ${stack}: the database's key (its final snapshot stays readable), the log groups and their key, and Metabase's encryption key outlive the environment (retainOnDestroy in ${file}). To remove them too: set "retainOnDestroy": false there, then npm run destroy -- '${stack}'`,
  );
}

/** What must be fixed before the command may run Terraform; empty when it may. */
export function blockers(verb: Verb, environments: readonly Environment[]): FileProblem[] {
  if (verb !== "deploy") return [];
  return environments.flatMap((environment) => locatedInFile(environment.file, placeholderProblems(environment.config)));
}

function main(verb: string, args: string[]): void {
  if (verb !== "deploy" && verb !== "destroy")
    throw new Error(`usage: cdktf-command.ts deploy|destroy <stack patterns...> [cdktf options]`);
  const where = environmentsDirFrom(process.env.ENVIRONMENTS_DIR, path.join(REPO_ROOT, "environments"));
  if ("problem" in where) throw new EnvironmentFileError([where.problem]);
  const { environments } = loadEnvironments(where.directory);
  const patterns = stackPatternsOf(args);
  const problems = blockers(verb, selectedEnvironments(environments, patterns));
  if (problems.length > 0) {
    throw new SynthRejected([
      ...problems.flatMap(renderProblem),
      rejectionSummary(
        problems.map((p) => p.file),
        `Nothing was ${verb === "deploy" ? "deployed" : "destroyed"}`,
      ),
    ]);
  }
  let cdktfArgs = args;
  if (verb === "destroy") {
    const { stacks, kept } = destroyPlan(environments, patterns);
    for (const line of keptLines(kept)) console.log(line);
    if (stacks.length === 0) {
      console.log("Nothing else to destroy.");
      return;
    }
    cdktfArgs = [...stacks, ...args.filter((arg) => !patterns.includes(arg))];
  }
  const cli = require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [REPO_ROOT] });
  const run = spawnSync(process.execPath, [cli, verb, ...cdktfArgs], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
}

if (require.main === module) synthOrExit(() => main(process.argv[2], process.argv.slice(3)));
