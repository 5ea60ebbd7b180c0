import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EnvironmentModel } from "../../src/policy/model/environment-model";
import { tempOutdir } from "../helpers/synth";

const ROOT = path.resolve(__dirname, "..", "..");
const EXAMPLE = path.join("examples", "metabase-on-eks", "main.ts");

/**
 * The example uses the constructs alone, imported by the package name; tsconfig's `paths` points that name at
 * src/ here (scripts/package-check.ts runs the same file against the packed tarball). One process, like
 * `cdktf synth` runs it.
 */
let outdir: string;
let run: ReturnType<typeof spawnSync>;
beforeAll(() => {
  outdir = tempOutdir();
  run = spawnSync(process.execPath, ["--require", "tsx/cjs", EXAMPLE], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
});

const stackJson = (stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));

test("the example is short: the whole chain in at most 80 lines", () => {
  expect(fs.readFileSync(path.join(ROOT, EXAMPLE), "utf8").split("\n").length).toBeLessThanOrEqual(80);
});

test("it synthesizes both stacks and the verifier passes it", () => {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  // The example keeps the default images, pinned by tag: K8S-01 warns once per pod (digests are for production).
  expect(run.stdout).toMatch(/security checks: \d+ rules, 0 errors, 2 warnings/);
  expect(String(run.stdout).match(/WARNING \[(K8S-\d+)\]/g)).toEqual(["WARNING [K8S-01]"]);
  expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["demo-platform", "demo-workload"]);
  // Not vacuous: both pod identities were followed through the whole chain.
  expect(fs.readFileSync(path.join(outdir, "security-chain-demo.md"), "utf8")).toMatch(
    /2 pod identities reach the database: Deployment metabase\/metabase, Job metabase\/metabase-db-bootstrap-[0-9a-f]{8}\./,
  );
});

test("its defaults read partition and region from the provider, and the policy model sees through them", () => {
  const model = new EnvironmentModel({
    name: "demo",
    production: false,
    stacks: [
      { name: "demo-platform", json: stackJson("demo-platform") },
      { name: "demo-workload", json: stackJson("demo-workload") },
    ],
  });
  const attachment = model.resources("aws_iam_role_policy_attachment").find((a) => a.path.endsWith("eks/AmazonEKSVPCResourceController"))!;
  expect(attachment.config.policy_arn).toMatch(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:iam::aws:policy\//);
  const role = model.reference(attachment, attachment.config.role)!.block;
  expect(model.attachedPolicyArns(role)).toContain("arn:aws:iam::aws:policy/AmazonEKSVPCResourceController");
});

test("node groups of addNodeGroup wait for the VPC CNI add-on", () => {
  const platform = stackJson("demo-platform");
  const [addon] = Object.keys(platform.resource.aws_eks_addon);
  const [group] = Object.values<any>(platform.resource.aws_eks_node_group);
  expect(group.depends_on).toContain(`aws_eks_addon.${addon}`);
});
