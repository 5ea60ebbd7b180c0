import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildApp } from "../../src/app";
import { devInput } from "../helpers/environments";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Runs main.ts the way cdktf.json's "app" does, on a directory of environment files.
 * One process per scenario (about 2 s each), so the scenarios are few and each covers a lot.
 */
function synth(files: Record<string, unknown>) {
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-main-"));
  const environments = path.join(workdir, "environments");
  const outdir = path.join(workdir, "cdktf.out");
  fs.mkdirSync(environments);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(environments, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, ENVIRONMENTS_DIR: environments, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  const stacksDir = path.join(outdir, "stacks");
  const stacks = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
  return { status: run.status, stderr: run.stderr, stacks, outdir };
}

test("every environment file becomes a platform and a workload stack named after it", () => {
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
    "dev-platform",
    "dev-workload",
    "staging-platform",
    "staging-workload",
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("invalid or clashing files fail synth with file, field, value and fix, and nothing is written", () => {
  const broken = devInput();
  broken.network.vpcCidr = "10.0.0.0/33";
  broken.nodeGroups.private.instanceTypes = ["t3.medium"];
  const result = synth({
    "dev.json": devInput(),
    "broken.json": broken,
    "typo.json": '{ "region": ',
    // Valid on its own, but deploying it would collide with dev's cluster and database.
    "qa.json": devInput(),
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Invalid environment configuration; no stack was synthesized.");
  expect(result.stderr).toMatch(/broken\.json: 2 problems/);
  expect(result.stderr).toMatch(/- network\.vpcCidr = "10\.0\.0\.0\/33": has a prefix length above 32\. Fix: /);
  expect(result.stderr).toMatch(/- nodeGroups\.private\.instanceTypes\[0\] = "t3\.medium": .*Fix: /);
  expect(result.stderr).toMatch(/typo\.json: 1 problem\n  - \(file\) = \(missing\): is not valid JSON/);
  expect(result.stderr).toMatch(
    /qa\.json: 2 problems\n  - cluster\.name = "eks-cluster-dev": is already used by .*dev\.json in eu-west-1\. Fix: /,
  );
  expect(result.stderr).toMatch(/- database\.identifier = "postgresql-dev": is already used by/);
  // Not even the valid environment: a partial output must never be deployed by mistake.
  expect(result.stacks).toEqual([]);
  expect(fs.existsSync(path.join(result.outdir, "manifest.json"))).toBe(false);
  fs.rmSync(path.dirname(result.outdir), { recursive: true, force: true });
});
