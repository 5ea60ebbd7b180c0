/** The README's example output is what the program prints for the example it describes. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempOutdir } from "../helpers/synth";
import { writeEntries } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");

function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const match = /<!-- example-output: [^>]*-->\n```text\n([\s\S]*?)\n```/.exec(readme);
  if (!match) throw new Error("README.md has no example-output block");
  return match[1];
}

/** What the README says the example is: a copy of dev.json's text, with these four values changed. */
export function stagingFromDev(devText: string): string {
  const replacements: Array<[string, string]> = [
    ['"name": "eks-cluster-dev"', '"name": "eks-cluster-staging"'],
    ['"identifier": "postgresql-dev"', '"identifier": "postgresql-staging"'],
    ['"privateRdsSubnetCidrs": ["10.0.4.0/24"', '"privateRdsSubnetCidrs": ["10.0.2.0/24"'],
    ['"name": "private-node-group-dev",\n      "instanceTypes": ["m5.large"]', '"name": "private-node-group-dev",\n      "instanceTypes": ["t3.medium"]'],
  ];
  return replacements.reduce((text, [from, to]) => {
    if (text.split(from).length !== 2) throw new Error(`dev.json does not hold ${from} exactly once`);
    return text.replace(from, to);
  }, devText);
}

test("the README's example output is produced by the synth app, exactly, for a copy of dev.json's own text", () => {
  // Run from a directory whose environments/ holds the example, so paths print as in the README.
  const root = tempOutdir();
  const devText = fs.readFileSync(path.join(ROOT, "environments", "dev.json"), "utf8");
  writeEntries(path.join(root, "environments"), { "dev.json": devText, "staging.json": stagingFromDev(devText) });
  const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "synth-app.cjs")], {
    cwd: root,
    env: { ...process.env, ENVIRONMENTS_DIR: "environments", CDKTF_OUTDIR: path.join(root, "cdktf.out") },
    encoding: "utf8",
  });
  expect(run.status).toBe(1);
  expect(run.stderr.trimEnd()).toBe(readmeExample());
});
