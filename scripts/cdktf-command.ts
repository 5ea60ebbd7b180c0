/**
 * `npm run deploy` and `npm run destroy`: `cdktf deploy` / `cdktf destroy` with the checks a plain cdktf command
 * cannot make, run before Terraform does anything:
 * - deploy stops when a selected environment still holds a placeholder (a documentation range, an example
 *   domain or account: src/config/placeholders.ts), one line per value with its field and the fix.
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
const VALUE_OPTIONS = new Set(["-a", "--app", "-o", "--output", "--outputs-file", "--parallelism", "--terraform-parallelism", "--log-level", "--log-file-directory", "--experimental-provider-schema-cache-path"]);
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

/** What must be fixed before the command may run Terraform; empty when it may. */
export function blockers(verb: Verb, environments: readonly Environment[]): FileProblem[] {
  if (verb !== "deploy") return [];
  return environments.flatMap((environment) => locatedInFile(environment.file, placeholderProblems(environment.config)));
}

function main(verb: string, args: string[]): void {
  if (verb !== "deploy" && verb !== "destroy") throw new Error(`usage: cdktf-command.ts deploy|destroy <stack patterns...> [cdktf options]`);
  const where = environmentsDirFrom(process.env.ENVIRONMENTS_DIR, path.join(REPO_ROOT, "environments"));
  if ("problem" in where) throw new EnvironmentFileError([where.problem]);
  const { environments } = loadEnvironments(where.directory);
  const problems = blockers(verb, selectedEnvironments(environments, stackPatternsOf(args)));
  if (problems.length > 0) {
    throw new SynthRejected([
      ...problems.flatMap(renderProblem),
      rejectionSummary(problems.map((p) => p.file), `Nothing was ${verb === "deploy" ? "deployed" : "destroyed"}`),
    ]);
  }
  const cli = require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [REPO_ROOT] });
  const run = spawnSync(process.execPath, [cli, verb, ...args], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
}

if (require.main === module) synthOrExit(() => main(process.argv[2], process.argv.slice(3)));
