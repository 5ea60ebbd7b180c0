/**
 * Reads every environment file of a directory, validates each, and either returns all environments or throws
 * one EnvironmentFileError listing every problem of every file. It runs before any construct exists, so an
 * invalid file means nothing is synthesized at all: no half-written output to deploy by mistake.
 *
 * Every problem is found in one run: the schema reports what it refuses; the fields it refused are then
 * replaced by their defaults so the cross-field checks and the checks across environments still run on the
 * rest, and a check that depends on a refused field is skipped (its problem is already reported).
 */
import * as fs from "fs";
import * as path from "path";
import type { z } from "zod";
import { displayPath, readEnvironmentDirectory, specialFileKind } from "./environment-directory";
import { parseJsonFile, type JsonDocument } from "./json-file";
import { EnvironmentFileError, fieldPath, levelOf, type ConfigProblem, type FileProblem } from "./problems";
import { EnvironmentSchema, type EnvironmentConfig } from "./schema";
import { semanticProblems, type CheckContext } from "./semantic-checks";

/** What checking needs besides the files: today's date, from the clock unless a test passes one. */
export interface LoadOptions {
  readonly today?: Date;
}
const contextOf = (options: LoadOptions): CheckContext => ({ today: options.today ?? new Date() });

export interface Environment {
  /** From the file name: environments/dev.json -> "dev". Prefixes every stack name. */
  readonly name: string;
  /** Path of the file, relative to the working directory, for messages. */
  readonly file: string;
  readonly config: EnvironmentConfig;
}

export interface LoadedEnvironments {
  readonly environments: Environment[];
  /** Problems that do not stop synth, to be reported with the security findings. */
  readonly warnings: FileProblem[];
}

/** The result of checking one environment's content. */
export interface CheckedEnvironment {
  /** The validated config; when there are errors, the config with refused fields replaced by their defaults. */
  readonly config?: EnvironmentConfig;
  /** Errors and warnings, in file order of discovery. */
  readonly problems: ConfigProblem[];
  /** Field paths the schema refused: checks that depend on them are skipped. */
  readonly refused: ReadonlySet<string>;
}

/** Every environment file of a directory (sorted by name), checked on its own: the valid ones, and every problem. */
export interface ReadEnvironments {
  /** The files without errors. */
  readonly environments: Environment[];
  /**
   * The files with errors whose JSON could be read: each with its refused fields replaced by their defaults, and
   * which fields those are. Good enough to build, to find clashes with the others; never to deploy.
   */
  readonly repaired: Array<Environment & { readonly refused: ReadonlySet<string> }>;
  /** Errors (of the other files) and warnings, each with its file. */
  readonly problems: FileProblem[];
}

export function readEnvironments(directory: string, options: LoadOptions = {}): ReadEnvironments {
  const listing = readEnvironmentDirectory(directory);
  const problems: FileProblem[] = [...listing.problems];
  const environments: Environment[] = [];
  const repaired: Array<Environment & { refused: ReadonlySet<string> }> = [];
  for (const file of listing.files) {
    const shown = displayPath(file);
    const read = readEnvironmentFile(file);
    if ("problems" in read) {
      problems.push(...read.problems.map((p) => ({ ...p, file: shown })));
      continue;
    }
    const result = checkEnvironment(read.document.value, read.document, options);
    problems.push(...result.problems.map((p) => ({ ...p, file: shown })));
    const environment = { name: path.basename(file, ".json"), file: shown, config: result.config! };
    if (!result.problems.some((p) => levelOf(p) === "error")) environments.push(environment);
    else if (result.config) repaired.push({ ...environment, refused: result.refused });
  }
  return { environments, repaired, problems };
}

/**
 * Loads every environment file of a directory (sorted by name); throws an EnvironmentFileError listing every
 * problem when one of them is invalid. Names that must be unique beyond one environment are checked on what
 * the stacks synthesize (buildApp, src/app/name-problems.ts), not here.
 */
export function loadEnvironments(directory: string, options: LoadOptions = {}): LoadedEnvironments {
  const { environments, problems } = readEnvironments(directory, options);
  if (problems.some((p) => levelOf(p) === "error")) throw new EnvironmentFileError(problems);
  return { environments, warnings: problems };
}

/** One file on its own (no checks across environments, nor of synthesized names): the environment, or its problems. */
export function validateEnvironmentFile(
  file: string,
  options: LoadOptions = {},
): Environment | { file: string; problems: ConfigProblem[] } {
  const shown = displayPath(file);
  const read = readEnvironmentFile(file);
  if ("problems" in read) return { file: shown, problems: read.problems };
  const name = path.basename(file, ".json");
  const result = checkEnvironment(read.document.value, read.document, options);
  if (result.problems.some((p) => levelOf(p) === "error")) return { file: shown, problems: result.problems };
  return { name, file: shown, config: result.config! };
}

/** Problems found in an environment file after loading it (deploy checks), with line and column where known. */
export function locatedInFile(file: string, problems: readonly ConfigProblem[]): FileProblem[] {
  const read = readEnvironmentFile(file);
  const document = "document" in read ? read.document : undefined;
  return problems.map((problem) => ({ ...locate(problem, document), file: displayPath(file) }));
}

/**
 * Reads a regular file only. Opened without blocking (O_NONBLOCK), then checked with fstat on the open
 * descriptor: a FIFO put in the file's place after the directory was listed fails here, instead of waiting for a
 * writer forever (open(2): "O_NONBLOCK ... the open() for reading-only returns without delay" on a FIFO).
 */
export function readRegularFile(file: string): Uint8Array {
  const descriptor = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stats = fs.fstatSync(descriptor);
    const special = specialFileKind(stats);
    if (special) throw Object.assign(new Error(`is ${special}, not a regular file`), { code: "ESPECIAL", kind: special });
    return fs.readFileSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * The file's bytes, parsed; or why they cannot be (unreadable, not UTF-8, not JSON, duplicate keys...).
 * `read` is readRegularFile; tests pass another one for errors root cannot provoke (EACCES).
 */
export function readEnvironmentFile(
  file: string,
  read: (file: string) => Uint8Array = readRegularFile,
): { document: JsonDocument } | { problems: ConfigProblem[] } {
  let bytes: Uint8Array;
  try {
    bytes = read(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "EACCES" || code === "EPERM"
        ? `cannot be read (permission denied). Fix: give yourself read permission (chmod u+r ${displayPath(file)})`
        : code === "EISDIR"
          ? "is a directory, not an environment file. Fix: rename it so it does not end in .json"
          : code === "ESPECIAL"
            ? `${(error as Error).message}, so it is not read. Fix: replace it with a regular file, or remove it`
            : code === "ELOOP"
              ? "is a symbolic link that loops, so it leads to no file. Fix: point the link at an environment file, or remove it"
              : `cannot be read (${(error as Error).message}). Fix: check the file`;
    return { problems: [{ message: `the file ${reason}` }] };
  }
  const parsed = parseJsonFile(bytes);
  // A problem with a field reads "<field> = <value>: <what>"; one of the file as a whole, "the file <what>".
  if ("problems" in parsed)
    return { problems: parsed.problems.map((p) => (p.field !== undefined ? p : { ...p, message: `the file ${p.message}` })) };
  return parsed;
}

/** Validates parsed JSON: either the environment (and its warnings) or the problems (warnings included). */
export function parseEnvironment(
  raw: unknown,
  options: LoadOptions = {},
): { config: EnvironmentConfig; warnings: ConfigProblem[] } | { problems: ConfigProblem[] } {
  const result = checkEnvironment(raw, undefined, options);
  if (result.problems.some((p) => levelOf(p) === "error")) return { problems: result.problems };
  return { config: result.config!, warnings: result.problems };
}

/** Schema, then the cross-field checks on whatever the schema accepted. */
export function checkEnvironment(raw: unknown, document?: JsonDocument, options: LoadOptions = {}): CheckedEnvironment {
  const { config, problems, refused } = parseWithRepair(raw);
  const reported = new Set(problems.map((p) => p.field));
  problems.push(...prototypeKeys(raw).filter((p) => !reported.has(p.field)));
  if (config) problems.push(...semanticProblems(config, refused, contextOf(options)));
  const located = problems.map((problem) => locate(problem, document));
  return { config, problems: located, refused };
}

/**
 * Parses; on failure, removes every refused field (so its default applies) and parses again, until the rest
 * parses or nothing more can be removed. The last successful parse is the config the other checks see.
 */
function parseWithRepair(raw: unknown): { config?: EnvironmentConfig; problems: ConfigProblem[]; refused: Set<string> } {
  const problems: ConfigProblem[] = [];
  const refused = new Set<string>();
  let input = structuredClone(raw);
  for (let attempt = 0; attempt < 10; attempt++) {
    const parsed = EnvironmentSchema.safeParse(input, { reportInput: true });
    if (parsed.success) return { config: parsed.data, problems, refused };
    let repaired = false;
    const refusedBefore = [...refused];
    const found = parsed.error.issues.map((issue) => ({ issue, problems: toProblems(issue, input) }));
    for (const { issue, problems: issueProblems } of found) {
      for (const problem of issueProblems) {
        // A rule across the fields of one object (zod runs those only once its fields parse) would now judge a
        // default that stands in for a refused field: the user's own value is already reported.
        if (attempt === 0 || !refusedBefore.some((field) => sameObject(field, problem.field!))) problems.push(problem);
        refused.add(problem.field!);
      }
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      for (const at of paths) repaired = removeAt(input, at) || repaired;
    }
    if (!repaired) {
      input = placeholderFor(input);
      if (input === undefined) break;
    }
  }
  return { problems, refused };
}

/**
 * A key "__proto__" is valid JSON and a valid tag key for AWS, but JavaScript's object tools drop it silently:
 * zod skips it in records (an assignment to it would replace the result's prototype), and so would any `{}` the
 * value is copied into on its way to Terraform. Strict objects report it as an unknown setting; anywhere else
 * (tags) it would vanish without a word, so it is refused here.
 */
function prototypeKeys(raw: unknown, at: PropertyKey[] = []): ConfigProblem[] {
  if (raw === null || typeof raw !== "object") return [];
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(raw)) {
    const value = (raw as Record<string, unknown>)[key];
    if (key === "__proto__") {
      problems.push({
        field: fieldPath([...at, key]),
        value,
        message:
          'is a key JavaScript drops silently ("__proto__" names an object\'s prototype), so it would never reach AWS. Fix: use another key',
      });
    } else {
      problems.push(...prototypeKeys(value, [...at, Array.isArray(raw) ? Number(key) : key]));
    }
  }
  return problems;
}

/** True when two field paths are in the same object (or one contains the other). */
function sameObject(a: string, b: string): boolean {
  const parent = (field: string) => field.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
  const [pa, pb] = [parent(a), parent(b)];
  return pa === pb || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);
}

/** Required fields without a default get a neutral stand-in, so that the rest can still be checked. */
function placeholderFor(input: any): any {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return undefined;
  const application = input.application;
  if (application !== undefined && (application === null || typeof application !== "object" || Array.isArray(application))) {
    return { ...input, application: { loadBalancerSourceCidrs: ["192.0.2.0/24"] } };
  }
  if (application?.loadBalancerSourceCidrs !== undefined) return undefined;
  return { ...input, application: { ...(application ?? {}), loadBalancerSourceCidrs: ["192.0.2.0/24"] } };
}

function removeAt(input: unknown, at: readonly PropertyKey[]): boolean {
  if (at.length === 0) return false;
  const parent = at
    .slice(0, -1)
    .reduce<any>((current, key) => (current !== null && typeof current === "object" ? current[key] : undefined), input);
  const key = at[at.length - 1];
  if (parent === null || typeof parent !== "object" || !(key in parent)) return removeAt(input, at.slice(0, -1));
  if (Array.isArray(parent)) {
    // An element of a list: the whole list falls back to its default.
    return removeAt(input, at.slice(0, -1));
  }
  delete parent[key];
  return true;
}

function locate(problem: ConfigProblem, document?: JsonDocument): ConfigProblem {
  if (!document || problem.field === undefined || problem.position) return problem;
  const at = parseField(problem.field);
  // A missing field has no position; point at the object it belongs in.
  for (let depth = at.length; depth >= 0; depth--) {
    const position = document.positionOf(at.slice(0, depth));
    if (position) return { ...problem, position };
  }
  return problem;
}

/** "network.privateRdsSubnetCidrs[0]" -> ["network", "privateRdsSubnetCidrs", 0] */
function parseField(field: string): PropertyKey[] {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

function toProblems(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem[] {
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(issue.path);
    return issue.keys.map((key) => ({
      field: fieldPath([...issue.path, key]),
      value: valueAt(raw, [...issue.path, key]),
      message: `is not a known setting. Fix: remove it or correct the spelling${allowed.length ? ` (allowed here: ${allowed.join(", ")})` : ""}`,
    }));
  }
  if (issue.code === "invalid_key") {
    // A record key the key schema refused (a tag key): the field is the record, the value the key.
    const key = issue.path[issue.path.length - 1];
    const inner = issue.issues[0];
    return [
      {
        field: fieldPath(issue.path.slice(0, -1)),
        value: key,
        message: inner?.message.includes("Fix:") ? inner.message : withFix(issue, key),
      },
    ];
  }
  const value = valueAt(raw, issue.path);
  return [{ field: fieldPath(issue.path) || "(top level)", value, message: typeMismatch(issue, value) ?? withFix(issue, value) }];
}

/** What a type is called in a message: "an integer", not "a int". */
const TYPE_NAMES: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  array: "a list ([...])",
  object: "an object ({...})",
  record: "an object ({...})",
};

/**
 * A choice of strings given another type ("kubernetesVersion": 1.35): the answer is the type, not "not a known
 * version" (1.35 is one, written as a number). JSON reads 1.30 as 1.3, so the quoted text is the fix.
 */
function typeMismatch(issue: z.core.$ZodIssue, value: unknown): string | undefined {
  if (issue.code !== "invalid_value" || value === undefined || typeof value === "string") return undefined;
  const options = issue.values.filter((v): v is string => typeof v === "string");
  if (options.length !== issue.values.length) return undefined;
  const type =
    value === null
      ? "null"
      : Array.isArray(value)
        ? "a list"
        : typeof value === "object"
          ? "an object"
          : typeof value === "boolean"
            ? "true or false"
            : `a ${typeof value}`;
  const quoted = typeof value === "number" && options.includes(String(value)) ? JSON.stringify(String(value)) : undefined;
  return `is ${type}, but this setting is a string (in quotes). Fix: ${quoted ? `write ${quoted}` : `write one of ${options.map((o) => JSON.stringify(o)).join(", ")}`}`;
}

/** Zod's built-in messages say what is wrong; add the fix where a custom message did not. */
function withFix(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.message.includes("Fix:")) return issue.message;
  if (issue.code === "invalid_type") {
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return value === undefined ? `is missing. Fix: add it (${expected})` : `is not ${expected}. Fix: write ${expected}`;
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    return `${issue.message.replace(/^Too (small|big): expected \w+ to (be|have) /, "must be ").replace(/^Too (small|big): /, "is too $1: ")}. Fix: use a value within that bound`;
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
