/**
 * The promise, through the real CLI: after a good synth, a rejected `cdktf synth` (a security rule at error
 * level: the case that used to overwrite the stacks) exits 1, prints the finding with its environment file and
 * no stack trace, and leaves every file of the earlier output byte-for-byte as it was. The good synth runs the
 * same app in-process (the CLI would add seven seconds and nothing to what is proven).
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { buildApp } from "../../src/app";
import { tempOutdir } from "../helpers/synth";
import { dev, writeEntries } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [ROOT] });

function cdktfSynth(environmentsDir: string, outdir: string) {
  return spawnSync(process.execPath, [CLI, "synth", "--output", outdir], {
    cwd: ROOT,
    env: { ...process.env, ENVIRONMENTS_DIR: environmentsDir, CHECKPOINT_DISABLE: "1", CI: "true" },
    encoding: "utf8",
  });
}

/** Every file under <outdir>/stacks and manifest.json, with the SHA-256 of its bytes. */
function fingerprint(outdir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else files[path.relative(outdir, full)] = createHash("sha256").update(fs.readFileSync(full)).digest("hex");
    }
  };
  walk(path.join(outdir, "stacks"));
  files["manifest.json"] = createHash("sha256").update(fs.readFileSync(path.join(outdir, "manifest.json"))).digest("hex");
  return files;
}

test("a rejected cdktf synth leaves the earlier good output byte-for-byte unchanged", () => {
  const root = tempOutdir();
  const environments = path.join(root, "environments");
  const outdir = path.join(root, "cdktf.out");

  writeEntries(environments, { "dev.json": dev() });
  buildApp({ environmentsDir: environments, outdir, log: () => {} }).synth();
  const before = fingerprint(outdir);
  expect(Object.keys(before).sort()).toEqual(["manifest.json", "stacks/dev-platform/cdk.tf.json", "stacks/dev-retained/cdk.tf.json", "stacks/dev-workload/cdk.tf.json"]);

  writeEntries(environments, { "dev.json": dev((e) => (e.database.backupRetentionDays = 3)) });
  const rejected = cdktfSynth(environments, outdir);
  expect(rejected.status).toBe(1);
  const output = `${rejected.stdout}\n${rejected.stderr}`;
  expect(output).toMatch(new RegExp(`${path.join(environments, "dev.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ERROR \\[AWS-03\\] dev-platform/database/instance: .*keeps backups for 3 days\\. Fix: `));
  expect(output).toMatch(/No stack was synthesized: 1 error in 1 file/);
  expect(output).not.toMatch(/^\s+at .*\.(ts|js):\d+:\d+\)?$/m);
  expect(fingerprint(outdir)).toEqual(before);
});
