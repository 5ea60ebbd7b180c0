import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildApp } from "../../src/app";
import { devInput } from "../helpers/environments";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Runs the app the way cdktf.json's "app" does (the esbuild launcher), on a directory of environment files.
 * One process per scenario (about 2 s each), so the scenarios are few and each covers a lot.
 */
function synth(files: Record<string, unknown>, environmentsDir?: (directory: string) => string) {
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-main-"));
  const environments = path.join(workdir, "environments");
  const outdir = path.join(workdir, "cdktf.out");
  fs.mkdirSync(environments);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(environments, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  // PATH holds node and nothing else: synth must need no other program (no terraform: see below).
  const bin = path.join(workdir, "bin");
  fs.mkdirSync(bin);
  fs.symlinkSync(process.execPath, path.join(bin, "node"));
  const run = spawnSync(process.execPath, ["scripts/synth-app.cjs"], {
    cwd: ROOT,
    env: { ...process.env, PATH: bin, ENVIRONMENTS_DIR: environmentsDir ? environmentsDir(environments) : environments, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  const stacksDir = path.join(outdir, "stacks");
  const stacks = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
  return { status: run.status, stderr: run.stderr, stacks, outdir };
}

test("a good synth needs no terraform on PATH (cdktf's DataResource would run `terraform version` and fail without it)", () => {
  const result = synth({ "dev.json": devInput() });
  expect([result.status, result.stacks]).toEqual([0, ["dev-platform", "dev-retained", "dev-workload"]]);
});

test("every environment file becomes a retained, a platform and a workload stack named after it", () => {
  // In process (the failure case below runs main.ts itself): same loader, same app, no second process.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-envs-"));
  const staging = devInput();
  staging.cluster.name = "eks-cluster-staging";
  staging.database.identifier = "postgresql-staging";
  fs.writeFileSync(path.join(dir, "dev.json"), JSON.stringify(devInput()));
  fs.writeFileSync(path.join(dir, "staging.json"), JSON.stringify(staging));
  const outdir = path.join(dir, "cdktf.out");
  const app = buildApp({ environmentsDir: dir, outdir, log: () => {} });
  expect(app.node.children.map((stack) => stack.node.id)).toEqual([
    "dev-retained",
    "dev-platform",
    "dev-workload",
    "staging-retained",
    "staging-platform",
    "staging-workload",
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("invalid or clashing files fail synth with file, field, value and fix, and nothing is written", () => {
  const broken = devInput();
  broken.network.vpcCidr = "10.0.0.0/33";
  broken.nodeGroups.private.instanceTypes = ["t3.medium"];
  broken.cluster.name = "eks-cluster-broken";
  broken.database.identifier = "postgresql-broken";
  const result = synth({
    "dev.json": devInput(),
    "broken.json": broken,
    "typo.json": '{ "region": ',
    // Valid on its own, but deploying it would collide with dev's cluster, roles and database.
    "qa.json": devInput(),
  });
  expect(result.status).toBe(1);
  const lines = result.stderr.trimEnd().split("\n");
  const file = (name: string) => path.join(path.dirname(result.outdir), "environments", name);
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^${escape(file("broken.json"))}:1:\\d+: ERROR network\\.vpcCidr = "10\\.0\\.0\\.0/33": has a prefix length above 32\\. Fix: `)),
    expect.stringMatching(new RegExp(`^${escape(file("broken.json"))}:1:\\d+: ERROR nodeGroups\\.private\\.instanceTypes\\[0\\] = "t3\\.medium": .*Fix: `)),
    expect.stringMatching(new RegExp(`^${escape(file("typo.json"))}:1:13: ERROR the file is not valid JSON: unexpected end of input\\. Fix: `)),
    '    1 | { "region": ',
    "                    ^",
    expect.stringMatching(new RegExp(`^${escape(file("qa.json"))}:1:\\d+: ERROR cluster\\.name = "eks-cluster-dev": clashes with ${escape(file("dev.json"))}: both would create IAM role "eks-cluster-dev-cluster"`)),
    expect.stringMatching(new RegExp(`^${escape(file("qa.json"))}:1:\\d+: ERROR database\\.identifier = "postgresql-dev": clashes with ${escape(file("dev.json"))}: both would create .*RDS DB instance "postgresql-dev"`)),
    `No stack was synthesized: 5 errors in 3 files (${file("broken.json")}, ${file("typo.json")}, ${file("qa.json")}).`,
  ]);
  expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  // Not even the valid environment: a partial output must never be deployed by mistake.
  expect(result.stacks).toEqual([]);
  expect(fs.existsSync(path.join(result.outdir, "manifest.json"))).toBe(false);
  fs.rmSync(path.dirname(result.outdir), { recursive: true, force: true });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test.each([
  ["set but empty", () => "", /^ENVIRONMENTS_DIR: ERROR is set but empty\. Fix: unset it to read .*environments, or set it to the directory of your <name>\.json files$/],
  ["pointing at one file", (directory: string) => path.join(directory, "dev.json"), /^.*dev\.json: ERROR is a file, not a directory\. Fix: point ENVIRONMENTS_DIR at the directory/],
])("ENVIRONMENTS_DIR %s: one clear line and the count, no stack trace", (_case, dir, line) => {
  const result = synth({ "dev.json": devInput() }, dir);
  expect(result.status).toBe(1);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toEqual([expect.stringMatching(line), expect.stringMatching(/^No stack was synthesized: 1 error in 1 file/)]);
  expect(result.stacks).toEqual([]);
  fs.rmSync(path.dirname(result.outdir), { recursive: true, force: true });
});
