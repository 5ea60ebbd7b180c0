import * as fs from "fs";
import * as path from "path";
import { buildApp } from "../../src/app";
import { SynthRejected } from "../../src/synth/rejected";
import { devInput } from "../helpers/environments";
import { tempOutdir } from "../helpers/synth";

/** Content of one entry of the environments directory. */
export type Entry = string | Buffer | Record<string, unknown> | { directory: true } | { symlinkTo: string };

/** The dev environment file with a change applied to its raw JSON. */
export function dev(change: (input: Record<string, any>) => void = () => {}): Record<string, any> {
  const input = devInput();
  change(input);
  return input;
}

/** The dev file renamed so it does not clash with `dev` (its cluster, database and roles get `suffix`). */
export function another(suffix: string, change: (input: Record<string, any>) => void = () => {}): Record<string, any> {
  return dev((input) => {
    input.cluster.name = `eks-cluster-${suffix}`;
    input.database.identifier = `postgresql-${suffix}`;
    change(input);
  });
}

export function writeEntries(directory: string, entries: Record<string, Entry>): void {
  fs.mkdirSync(directory, { recursive: true });
  for (const [name, entry] of Object.entries(entries)) {
    const target = path.join(directory, name);
    if (typeof entry === "string" || Buffer.isBuffer(entry)) fs.writeFileSync(target, entry);
    else if ("directory" in entry) fs.mkdirSync(target);
    else if ("symlinkTo" in entry) fs.symlinkSync(entry.symlinkTo as string, target);
    else fs.writeFileSync(target, `${JSON.stringify(entry, null, 2)}\n`);
  }
}

export interface SynthOutcome {
  /** The report lines: of the rejection, or what a good synth logged. */
  readonly lines: string[];
  readonly rejected: boolean;
  /** Relative paths of everything under <outdir>/stacks, and manifest.json if present. */
  readonly written: string[];
  /** The environments directory, for building expected paths. */
  readonly directory: string;
}

/** The in-process pipeline main.ts runs: load, build, synth into a fresh outdir. */
export function synthesize(entries: Record<string, Entry>): SynthOutcome {
  const root = tempOutdir();
  const directory = path.join(root, "environments");
  const outdir = path.join(root, "cdktf.out");
  writeEntries(directory, entries);
  const lines: string[] = [];
  let rejected = false;
  try {
    buildApp({ environmentsDir: directory, outdir, log: (line) => lines.push(line) }).synth();
  } catch (error) {
    if (!(error instanceof SynthRejected)) throw error;
    rejected = true;
    lines.push(...error.lines);
  }
  return { lines, rejected, written: writtenFiles(outdir), directory };
}

export function writtenFiles(outdir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else found.push(path.relative(outdir, full));
    }
  };
  walk(path.join(outdir, "stacks"));
  if (fs.existsSync(path.join(outdir, "manifest.json"))) found.push("manifest.json");
  return found.sort();
}

/** What the README says the example is: a copy of dev.json's text, with these four values changed. */
export function stagingFromDev(devText: string): string {
  const replacements: Array<[string, string]> = [
    ['"name": "eks-cluster-dev"', '"name": "eks-cluster-staging"'],
    ['"identifier": "postgresql-dev"', '"identifier": "postgresql-staging"'],
    ['"privateRdsSubnetCidrs": ["10.0.4.0/24"', '"privateRdsSubnetCidrs": ["10.0.2.0/24"'],
    [
      '"name": "private-node-group-dev",\n      "instanceTypes": ["m5.large"]',
      '"name": "private-node-group-dev",\n      "instanceTypes": ["t3.medium"]',
    ],
  ];
  return replacements.reduce((text, [from, to]) => {
    if (text.split(from).length !== 2) throw new Error(`dev.json does not hold ${from} exactly once`);
    return text.replace(from, to);
  }, devText);
}
