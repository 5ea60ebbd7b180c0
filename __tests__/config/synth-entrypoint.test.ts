import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildApp } from "../../src/app";
import { devInput } from "../helpers/environments";

test("every environment file becomes a retained, a platform and a workload stack named after it", () => {
  // In process: same loader, same app (the synth app itself runs in __tests__/smoke/processes.test.ts).
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
