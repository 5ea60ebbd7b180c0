/** How bad input is reported: the file, the field, the value, what is wrong and how to fix it. */
import { SynthRejected } from "../synth/rejected";
import type { SourcePosition } from "./json-file";

export type ProblemLevel = "error" | "warning";

export interface ConfigProblem {
  /** Dotted path inside the file ("network.vpcCidr", "availabilityZones[1]"); absent for the file as a whole. */
  readonly field?: string;
  /** The value found there (undefined when the field is missing). */
  readonly value?: unknown;
  /** How to show the value when JSON cannot (e.g. the file's own text). */
  readonly valueText?: string;
  /** "<what is wrong>. Fix: <what to do>" */
  readonly message: string;
  /** Errors stop synth; warnings are reported. Default: error. */
  readonly level?: ProblemLevel;
  /** Where in the file, when known. */
  readonly position?: SourcePosition;
  /** Source lines shown under the message (the offending line and a caret). */
  readonly excerpt?: readonly string[];
}

/** A problem of one file (or directory), as reported. */
export interface FileProblem extends ConfigProblem {
  /** The path as the user knows it (relative to the working directory when inside it). */
  readonly file: string;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`)).join("");
}

export function describeValue(problem: Pick<ConfigProblem, "value" | "valueText">): string {
  if (problem.valueText !== undefined) return problem.valueText;
  if (problem.value === undefined) return "(missing)";
  if (typeof problem.value === "string" && problem.value.length > 60) {
    return `${JSON.stringify(problem.value.slice(0, 40))}... (${problem.value.length} characters)`;
  }
  const text = JSON.stringify(problem.value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export const levelOf = (problem: ConfigProblem): ProblemLevel => problem.level ?? "error";

/**
 * One line per problem, the file first so editors and CI can jump to it:
 *   environments/dev.json:12:22: ERROR database.port = 22: is outside ... Fix: ...
 *   environments/dev.JSON: ERROR the file name ... Fix: ...
 * followed by the source excerpt, when there is one.
 */
export function renderProblem(problem: FileProblem): string[] {
  const where = problem.position ? `${problem.file}:${problem.position.line}:${problem.position.column}` : problem.file;
  const what = problem.field === undefined ? problem.message : `${problem.field} = ${describeValue(problem)}: ${problem.message}`;
  return [`${where}: ${levelOf(problem).toUpperCase()} ${what}`, ...(problem.excerpt ?? []).map((line) => `    ${line}`)];
}

/** One or more environment files are invalid. Thrown before any stack exists, so nothing is written. */
export class EnvironmentFileError extends SynthRejected {
  constructor(readonly problems: readonly FileProblem[]) {
    super(EnvironmentFileError.render(problems));
    this.name = "EnvironmentFileError";
  }

  /** Problems by file, in the order they were found. */
  get problemsByFile(): ReadonlyMap<string, readonly FileProblem[]> {
    const byFile = new Map<string, FileProblem[]>();
    for (const problem of this.problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
    return byFile;
  }

  private static render(problems: readonly FileProblem[]): string[] {
    const sorted = inFileOrder(problems);
    const errors = sorted.filter((p) => levelOf(p) === "error");
    const warnings = sorted.filter((p) => levelOf(p) === "warning");
    return [...errors.flatMap(renderProblem), ...warnings.flatMap(renderProblem), rejectionSummary(errors.map((p) => p.file))];
  }
}

/** The last line of a rejected command: what did not happen, how many errors, in how many files. */
export function rejectionSummary(errorFiles: readonly string[], outcome = "No stack was synthesized"): string {
  const files = [...new Set(errorFiles)];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${outcome}: ${plural(errorFiles.length, "error")} in ${plural(files.length, "file")} (${files.join(", ")}).`;
}

/** Files in the order they were reported, and inside each file by line and column (the file's own order). */
export function inFileOrder<P extends FileProblem>(problems: readonly P[]): P[] {
  const fileOrder = new Map<string, number>();
  for (const p of problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  const key = (p: P) => [fileOrder.get(p.file)!, p.position?.line ?? 0, p.position?.column ?? 0];
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => {
      const [ka, kb] = [key(a.problem), key(b.problem)];
      return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || a.index - b.index;
    })
    .map(({ problem }) => problem);
}
