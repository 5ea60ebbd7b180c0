/** The README's example output is what the program prints for the example it describes. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempOutdir } from "../helpers/synth";
import { dev, writeEntries } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");

function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const match = /<!-- example-output: [^>]*-->\n```text\n([\s\S]*?)\n```/.exec(readme);
  if (!match) throw new Error("README.md has no example-output block");
  return match[1];
}

test("the README's example output is produced by main.ts, exactly", () => {
  // Run from a directory whose environments/ holds the example, so paths print as in the README.
  const root = tempOutdir();
  writeEntries(path.join(root, "environments"), {
    "dev.json": fs.readFileSync(path.join(ROOT, "environments", "dev.json"), "utf8"),
    "staging.json": dev((e) => {
      e.cluster.name = "eks-cluster-staging";
      e.database.identifier = "postgresql-staging";
      e.network.privateRdsSubnetCidrs[0] = "10.0.2.0/24";
      e.nodeGroups.private.instanceTypes = ["t3.medium"];
    }),
  });
  const run = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs", { paths: [ROOT] }), path.join(ROOT, "main.ts")], {
    cwd: root,
    env: { ...process.env, ENVIRONMENTS_DIR: "environments", CDKTF_OUTDIR: path.join(root, "cdktf.out") },
    encoding: "utf8",
  });
  expect(run.status).toBe(1);
  expect(run.stderr.trimEnd()).toBe(readmeExample());
});
