/**
 * Finds the environment files of a directory: `<name>.json`, one per environment. Every other entry is named,
 * so nothing is ignored silently: an entry that surely meant to be an environment (".JSON", ".yaml", a broken
 * link, a directory called x.json) is an error, anything else a warning.
 */
import * as fs from "fs";
import * as path from "path";
import { isDnsLabel } from "../kubernetes-facts/dns-label";
import type { FileProblem } from "./problems";

/** Environment names prefix stack names, which prefix resource names: keep them short. */
export const MAX_ENVIRONMENT_NAME_LENGTH = 40;

export interface EnvironmentDirectory {
  /** Paths of the `<name>.json` files, sorted by name. */
  readonly files: string[];
  /** Problems with the directory or its other entries (errors and warnings). */
  readonly problems: FileProblem[];
}

/** A path as users recognise it: relative to the working directory when inside it, absolute otherwise. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

/**
 * The directory to read: ENVIRONMENTS_DIR when set, else the default. An empty ENVIRONMENTS_DIR is a mistake
 * (an unset variable in a script), not a request for the working directory.
 */
export function environmentsDirFrom(variable: string | undefined, fallback: string): { directory: string } | { problem: FileProblem } {
  if (variable === undefined) return { directory: fallback };
  if (variable.trim() === "") {
    return {
      problem: {
        file: "ENVIRONMENTS_DIR",
        message: `is set but empty. Fix: unset it to read ${displayPath(fallback)}, or set it to the directory of your <name>.json files`,
      },
    };
  }
  return { directory: variable };
}

/** `readdir` is fs.readdirSync; tests pass another one for errors root cannot provoke (EACCES). */
export function readEnvironmentDirectory(
  directory: string,
  readdir: (directory: string) => string[] = fs.readdirSync,
): EnvironmentDirectory {
  const shown = displayPath(directory);
  const problem = (message: string): EnvironmentDirectory => ({ files: [], problems: [{ file: shown, message }] });
  let names: string[];
  try {
    names = readdir(directory).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      return problem(
        "the directory does not exist. Fix: create it with one <name>.json per environment (copy environments/dev.json from the repository), or point ENVIRONMENTS_DIR at yours",
      );
    }
    if (code === "ENOTDIR") {
      return problem(
        "is a file, not a directory. Fix: point ENVIRONMENTS_DIR at the directory that holds the <name>.json files, not at one of them",
      );
    }
    if (code === "EACCES" || code === "EPERM") {
      return problem(
        `the directory cannot be read (${code === "EACCES" ? "permission denied" : "operation not permitted"}). Fix: give yourself read and search permission on it (chmod u+rx ${shown})`,
      );
    }
    return problem(`the directory cannot be read (${(error as Error).message}). Fix: check that it is a readable directory`);
  }
  const files: string[] = [];
  const problems: FileProblem[] = [];
  for (const name of names) {
    const file = path.join(directory, name);
    const entry = classify(file, name);
    if (entry === "environment") files.push(file);
    else problems.push({ file: displayPath(file), ...entry });
  }
  if (files.length === 0 && !problems.some((p) => p.level !== "warning")) {
    problems.push({
      file: shown,
      message: "the directory holds no <name>.json file. Fix: add one, e.g. copy environments/dev.json from the repository",
    });
  }
  return { files, problems };
}

const BACKUP = /(\.(bak|backup|orig|old|tmp|swp|swo|save|rej)|~)$/i;

/** What a directory entry that is not a regular file or a directory is, for messages (fs.Stats, lstat(2)). */
export function specialFileKind(stats: fs.Stats): string | undefined {
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  return undefined;
}

function classify(file: string, name: string): "environment" | Omit<FileProblem, "file"> {
  const link = lstat(file);
  const target = stat(file);
  const extension = path.extname(name);
  const base = path.basename(name, extension);
  if (extension === ".json") {
    if (link?.isSymbolicLink() && "error" in target) {
      // stat(2) follows the link: ELOOP when links point at each other (or the chain is longer than the system
      // follows), ENOENT when the end of the chain is missing.
      const to = fs.readlinkSync(file);
      if (target.error === "ELOOP") {
        return {
          message: `is a symbolic link to ${to} that loops (the links point back at each other), so it leads to no file. Fix: point the link at an environment file, or remove it`,
        };
      }
      if (target.error === "ENOENT") {
        return { message: `is a symbolic link to ${to}, which does not exist. Fix: point the link at an environment file, or remove it` };
      }
      return {
        message: `is a symbolic link to ${to}, which cannot be followed (${target.error}). Fix: point the link at a readable environment file, or remove it`,
      };
    }
    if ("error" in target) return { message: `cannot be examined (${target.error}). Fix: check the file` };
    if (target.isDirectory())
      return { message: "is a directory, not an environment file. Fix: rename it so it does not end in .json, or move it out" };
    const special = specialFileKind(target);
    // Reading a FIFO waits for a writer forever: synth would hang instead of answering.
    if (special)
      return { message: `is ${special}, not a regular file, so it is not read. Fix: replace it with a regular file, or remove it` };
    if (!isDnsLabel(base) || base.length > MAX_ENVIRONMENT_NAME_LENGTH) {
      return {
        message: `the file name "${base}" is not a DNS-1123 label of at most ${MAX_ENVIRONMENT_NAME_LENGTH} characters (lower-case letters, digits, "-"); it prefixes every stack name. Fix: rename the file, e.g. "staging.json"`,
      };
    }
    return "environment";
  }
  if (extension.toLowerCase() === ".json") {
    return {
      message: `ends in "${extension}", so it is not read as an environment (only lower-case ".json" is). Fix: rename it to ${base}.json`,
    };
  }
  if ([".yaml", ".yml"].includes(extension.toLowerCase())) {
    return {
      message: `is YAML; environment files are JSON, so it is not read. Fix: write it as ${base}.json (schema/environment.schema.json), or move it out of the directory`,
    };
  }
  if (!("error" in target) && target.isDirectory()) {
    return {
      level: "warning",
      message:
        "is a subdirectory; environments are only read from the directory itself, so it is ignored. Fix: move its files up, or move it out",
    };
  }
  if (BACKUP.test(name)) {
    return {
      level: "warning",
      message: "looks like a backup or editor file; it is ignored. Fix: delete it, or move it out of the directory",
    };
  }
  return { level: "warning", message: "is not an environment file (<name>.json); it is ignored. Fix: move it out of the directory" };
}

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

function stat(file: string): fs.Stats | { error: string } {
  try {
    return fs.statSync(file);
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}
