/**
 * Reads `environments/*.json`, validates every file, and either returns all environments or throws one
 * EnvironmentFileError listing every problem in every file. It runs before any construct exists, so an
 * invalid file means nothing is synthesized at all: no half-written output to deploy by mistake.
 */
import * as fs from "fs";
import * as path from "path";
import type { z } from "zod";
import { isDnsLabel } from "../kubernetes-facts/dns-label";
import { EnvironmentFileError, fieldPath, type ConfigProblem } from "./problems";
import { EnvironmentSchema, type EnvironmentConfig } from "./schema";
import { semanticProblems } from "./semantic-checks";

export interface Environment {
  /** From the file name: environments/dev.json -> "dev". Prefixes every stack name. */
  readonly name: string;
  /** Path of the file, relative to the working directory, for messages. */
  readonly file: string;
  readonly config: EnvironmentConfig;
}

/** Loads every environment file of a directory (sorted by name). */
export function loadEnvironments(directory: string): Environment[] {
  const files = listEnvironmentFiles(directory);
  const problemsByFile = new Map<string, ConfigProblem[]>();
  const environments: Environment[] = [];
  for (const file of files) {
    const result = validateEnvironmentFile(file);
    if ("problems" in result) problemsByFile.set(result.file, result.problems);
    else environments.push(result);
  }
  for (const [file, problems] of clashes(environments)) {
    problemsByFile.set(file, [...(problemsByFile.get(file) ?? []), ...problems]);
  }
  if (problemsByFile.size > 0) throw new EnvironmentFileError(problemsByFile);
  return environments;
}

/**
 * Two environments in one account and region cannot share a cluster name or a database identifier: the
 * second deploy would fail half-way, or worse, adopt the first one's resources.
 */
function clashes(environments: readonly Environment[]): Map<string, ConfigProblem[]> {
  const found = new Map<string, ConfigProblem[]>();
  const fields = [
    ["cluster.name", (env: Environment) => env.config.cluster.name],
    ["database.identifier", (env: Environment) => env.config.database.identifier],
  ] as const;
  for (const [field, valueOf] of fields) {
    const owner = new Map<string, Environment>();
    for (const env of environments) {
      const key = `${env.config.region}/${valueOf(env)}`;
      const first = owner.get(key);
      if (!first) {
        owner.set(key, env);
        continue;
      }
      found.set(env.file, [
        ...(found.get(env.file) ?? []),
        {
          field,
          value: valueOf(env),
          message: `is already used by ${first.file} in ${env.config.region}. Fix: give each environment its own ${field}, e.g. suffix it with "-${env.name}"`,
        },
      ]);
    }
  }
  return found;
}

/** A path as users recognise it: relative to the working directory when inside it, absolute otherwise. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : path.resolve(file);
}

export function listEnvironmentFiles(directory: string): string[] {
  const display = displayPath(directory);
  if (!fs.existsSync(directory)) {
    throw new EnvironmentFileError(
      new Map([[display, [{ field: "(directory)", value: undefined, message: "does not exist. Fix: create it with one <name>.json per environment (see environments/dev.json in the repository)" }]]]),
    );
  }
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => path.join(directory, name));
  if (files.length === 0) {
    throw new EnvironmentFileError(
      new Map([[display, [{ field: "(directory)", value: [], message: "holds no <name>.json file. Fix: add one, e.g. copy environments/dev.json from the repository" }]]]),
    );
  }
  return files;
}

/** Validates one file: either the environment or the list of problems found in it. */
export function validateEnvironmentFile(
  file: string,
): Environment | { file: string; problems: ConfigProblem[] } {
  const display = displayPath(file);
  const name = path.basename(file, ".json");
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    const message = `is not valid JSON (${(error as Error).message}). Fix: correct the syntax; editors using schema/environment.schema.json point at it`;
    return { file: display, problems: [{ field: "(file)", value: undefined, message }] };
  }
  const result = parseEnvironment(raw);
  const problems = "problems" in result ? result.problems : [];
  if (!isDnsLabel(name) || name.length > 40) {
    problems.unshift({
      field: "(file name)",
      value: name,
      message:
        'must be a DNS-1123 label of at most 40 characters, because it prefixes every stack name. Fix: rename the file, e.g. "staging.json"',
    });
  }
  if (problems.length > 0) return { file: display, problems };
  return { name, file: display, config: (result as { config: EnvironmentConfig }).config };
}

/** Validates already-parsed JSON: schema first, then the cross-field rules. */
export function parseEnvironment(raw: unknown): { config: EnvironmentConfig } | { problems: ConfigProblem[] } {
  const parsed = EnvironmentSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { problems: parsed.error.issues.flatMap((issue) => toProblems(issue, raw)) };
  const problems = semanticProblems(parsed.data);
  return problems.length > 0 ? { problems } : { config: parsed.data };
}

function toProblems(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem[] {
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(issue.path);
    return issue.keys.map((key) => ({
      field: fieldPath([...issue.path, key]),
      value: valueAt(raw, [...issue.path, key]),
      message: `is not a known setting. Fix: remove it or correct the spelling${
        allowed.length ? ` (allowed here: ${allowed.join(", ")})` : ""
      }`,
    }));
  }
  // The file's own value at the path; zod's `input` is the enclosing object for some issues (unions).
  const value = valueAt(raw, issue.path) ?? ("input" in issue ? issue.input : undefined);
  return [{ field: fieldPath(issue.path), value, message: withFix(issue, value) }];
}

/** Zod's built-in messages say what is wrong; add the fix where a custom message did not. */
function withFix(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.message.includes("Fix:")) return issue.message;
  if (issue.code === "invalid_type" && value === undefined) {
    return `is missing. Fix: add it (expected ${issue.expected})`;
  }
  if (issue.code === "invalid_type") {
    return `has the wrong type (expected ${issue.expected}). Fix: write a ${issue.expected}`;
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    return `${issue.message.replace(/^Too (small|big): /, "is too $1: ")}. Fix: use a value within that bound`;
  }
  if (issue.code === "invalid_value") {
    return `${issue.message}. Fix: use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return `${issue.message}. Fix: see schema/environment.schema.json for the allowed values`;
}

function valueAt(raw: unknown, at: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of at) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The keys the schema allows in the object at `at`, for "did you mean" help on typos. */
function allowedKeysAt(at: readonly PropertyKey[]): string[] {
  let schema: unknown = EnvironmentSchema;
  for (const key of at) {
    const shape = shapeOf(schema);
    if (!shape || typeof key !== "string" || !(key in shape)) return [];
    schema = shape[key];
  }
  return Object.keys(shapeOf(schema) ?? {}).filter((key) => key !== "$schema");
}

/** Unwraps default/optional/prefault wrappers down to an object schema's shape. */
function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let current = schema as { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown; in?: unknown } } };
  for (let depth = 0; depth < 10 && current; depth++) {
    if (current.shape) return current.shape;
    const def = current._zod?.def;
    current = (def?.innerType ?? def?.in) as typeof current;
  }
  return undefined;
}
