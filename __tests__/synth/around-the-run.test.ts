/**
 * Family 11 of issue 18: what a run leaves around it. The security reports never describe an older run, jest
 * leaves nothing in TMPDIR, and ./help names every script and variable the README names.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { buildApp } from "../../src/app";
import { SynthRejected } from "../../src/synth/rejected";
import { tempOutdir } from "../helpers/synth";
import { another, dev, writeEntries } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");

/** Runs synth in-process on `directory` into `outdir`; true when it was rejected. */
function synth(directory: string, outdir: string): boolean {
  try {
    buildApp({ environmentsDir: directory, outdir, log: () => {} }).synth();
    return false;
  } catch (error) {
    if (!(error instanceof SynthRejected)) throw error;
    return true;
  }
}

const reports = (outdir: string) =>
  fs
    .readdirSync(outdir)
    .filter((f) => /^security-/.test(f))
    .sort();

describe("the security reports describe this run only", () => {
  const root = tempOutdir();
  const directory = path.join(root, "environments");
  const outdir = path.join(root, "cdktf.out");
  writeEntries(directory, { "dev.json": dev(), "qa.json": another("qa") });

  test("a good run writes the report and one chain report per environment", () => {
    expect(synth(directory, outdir)).toBe(false);
    expect(reports(outdir)).toEqual([
      "security-chain-dev.json",
      "security-chain-dev.md",
      "security-chain-qa.json",
      "security-chain-qa.md",
      "security-report.sarif",
    ]);
  });

  test("a deleted environment's chain reports go with it", () => {
    fs.rmSync(path.join(directory, "qa.json"));
    expect(synth(directory, outdir)).toBe(false);
    expect(reports(outdir)).toEqual(["security-chain-dev.json", "security-chain-dev.md", "security-report.sarif"]);
  });

  test("an invalid environment file: no report of the earlier run stays, and the stacks are untouched", () => {
    const stack = path.join(outdir, "stacks", "dev-platform", "cdk.tf.json");
    const before = fs.readFileSync(stack, "utf8");
    fs.writeFileSync(path.join(directory, "dev.json"), "{");
    expect(synth(directory, outdir)).toBe(true);
    expect(reports(outdir)).toEqual([]);
    expect(fs.readFileSync(stack, "utf8")).toBe(before);
  });

  test("files that only look alike are not touched", () => {
    fs.writeFileSync(path.join(outdir, "security-notes.txt"), "mine");
    expect(synth(directory, outdir)).toBe(true);
    expect(reports(outdir)).toEqual(["security-notes.txt"]);
  });
});

test("jest's scratch directory is TMPDIR: cdktf's outdirs (cdktf.outdir.*) land there and go with it", () => {
  expect(os.tmpdir()).toBe(process.env.SECURE_EKS_RDS_TEST_TMP);
  const app = Testing.app();
  expect(path.dirname(path.resolve(app.outdir))).toBe(process.env.SECURE_EKS_RDS_TEST_TMP);
});

describe("./help names every script and variable the README names", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const help = fs.readFileSync(path.join(ROOT, "help"), "utf8");
  const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
  // The variables the project reads (process.env in its code), sets in its npm scripts or exports in CI, plus the
  // one the deploy section sets for the AWS CLI. Others the README names (MB_DB_AWS_IAM...) are Metabase's or AWS's.
  const readByProject = new Set<string>(["AWS_PROFILE"]);
  const sources = ["main.ts", "src", "scripts", "__tests__"].map((p) => path.join(ROOT, p));
  const walk = (p: string): string[] => (fs.statSync(p).isDirectory() ? fs.readdirSync(p).flatMap((f) => walk(path.join(p, f))) : [p]);
  for (const file of sources.flatMap(walk)) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) readByProject.add(m[1]);
  }
  for (const text of [fs.readFileSync(path.join(ROOT, "package.json"), "utf8"), fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8")]) {
    for (const m of text.matchAll(/(?:^|[\s"])([A-Z][A-Z0-9_]+)=/gm)) readByProject.add(m[1]);
  }
  const named = (text: string) =>
    new Set([...text.matchAll(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]+|DEBUG)\b/g)].map((m) => m[1]).filter((v) => readByProject.has(v)));

  test.each([...new Set([...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1]))])("the script %s", (script) => {
    expect(scripts).toContain(script);
    expect(help).toMatch(new RegExp(`npm run ${script.replace(":", "\\:")}\\b`));
  });

  test("the variables", () => {
    const missing = [...named(readme)].filter((variable) => !help.includes(variable));
    expect(missing).toEqual([]);
    // AWS_PROFILE, CHECKPOINT_DISABLE, DEBUG, SYNTH_SOURCE_MAPS today: the check must have found some.
    expect(named(readme).size).toBeGreaterThanOrEqual(4);
  });
});
