/**
 * Table-driven edge cases of the environment files (issue 18): each case writes an environments directory,
 * loads it as synth does (src/config/load.ts) and compares the exact report: every line a user reads, with
 * file:line:column, field, value, what is wrong and the fix; or acceptance (no error).
 */
import * as fs from "fs";
import * as path from "path";
import { loadEnvironments } from "../../../src/config/load";
import { buildApp } from "../../../src/app";
import { EnvironmentFileError, renderProblem } from "../../../src/config/problems";
import { SynthRejected } from "../../../src/synth/rejected";
import { writeEntries, type Entry } from "../../synth/harness";
import { tempOutdir } from "../../helpers/synth";

/**
 * A frozen copy of dev.json (with the optional public node group), so that the tables' line:column stay what they
 * were written against when the shipped dev.json changes; its $schema points where dev.json's does.
 */
export const DEV_TEXT = fs.readFileSync(path.join(__dirname, "dev-fixture.json"), "utf8");

/** The fixture's text with one exact substring replaced (the substring must be there, once). */
export function devText(from: string, to: string): string {
  if (DEV_TEXT.split(from).length !== 2) throw new Error(`dev.json does not hold "${from}" exactly once`);
  return DEV_TEXT.replace(from, () => to);
}

export interface Outcome {
  /** The error lines, with the directory replaced by "<dir>" (excerpts left out). */
  readonly errors: string[];
  readonly warnings: string[];
}

/** Loads a directory with these entries; the report's error and warning lines. */
export function load(entries: Record<string, Entry | ((target: string) => void)>, today?: Date): Outcome {
  const directory = path.join(tempOutdir(), "environments");
  const plain = Object.fromEntries(Object.entries(entries).filter(([, e]) => typeof e !== "function")) as Record<string, Entry>;
  writeEntries(directory, plain);
  for (const [name, entry] of Object.entries(entries))
    if (typeof entry === "function") (entry as (target: string) => void)(path.join(directory, name));
  const shown = (line: string) => line.split(directory).join("<dir>");
  try {
    const loaded = loadEnvironments(directory, { today });
    return { errors: [], warnings: loaded.warnings.flatMap((p) => renderProblem(p).slice(0, 1)).map(shown) };
  } catch (error) {
    if (!(error instanceof EnvironmentFileError)) throw error;
    const lines = error.problems.map((p) => ({ level: p.level ?? "error", line: shown(renderProblem(p)[0]) }));
    return {
      errors: lines.filter((l) => l.level === "error").map((l) => l.line),
      warnings: lines.filter((l) => l.level === "warning").map((l) => l.line),
    };
  }
}

/**
 * What `cdktf synth` reports, for the checks that need the environments built: the names the stacks synthesize
 * must be unique beyond each environment (src/checks/physical-names.ts). The error lines, as load() gives them.
 */
export function synthesized(entries: Record<string, Entry>, today?: Date): Outcome {
  const root = tempOutdir();
  const directory = path.join(root, "environments");
  writeEntries(directory, entries);
  const shown = (line: string) => line.split(directory).join("<dir>");
  try {
    buildApp({ environmentsDir: directory, outdir: path.join(root, "cdktf.out"), log: () => {}, today }).synth();
    return { errors: [], warnings: [] };
  } catch (error) {
    if (!(error instanceof SynthRejected)) throw error;
    const lines = error.lines.map(shown);
    return { errors: lines.filter((line) => / ERROR /.test(line)), warnings: lines.filter((line) => / WARNING /.test(line)) };
  }
}

/** One table row: a name, the directory's entries, the exact error lines expected ([] = accepted). */
export type Case = [name: string, entries: Record<string, Entry | ((target: string) => void)>, errors: string[]];

/** "line:column" of the first occurrence of `needle` in `text` (1-based, as the report counts). */
export function where(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
