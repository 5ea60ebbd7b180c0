/**
 * Every test that starts real processes, in one suite: the commands a user types (the cdktf CLI, the synth app
 * cdktf.json names, the library's example, npm run deploy/destroy), each run the way a user runs it. They all
 * start at once in beforeAll and the tests read what they did: on 2 cores that is a few seconds for all of them
 * instead of the sum. Everything else is tested in-process.
 */
import { spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { buildApp } from "../../src/app";
import { EnvironmentModel } from "../../src/policy/model/environment-model";
import { devInput } from "../helpers/environments";
import { tempOutdir } from "../helpers/synth";
import { dev, type Entry, stagingFromDev, writeEntries } from "../synth/harness";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [ROOT] });
const SYNTH_APP = path.join(ROOT, "scripts", "synth-app.cjs");
const EXAMPLE = path.join("examples", "metabase-on-eks", "main.ts");
const EXPOSED_APP = path.join("__tests__", "library", "fixtures", "exposed-database-app.ts");

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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
  files["manifest.json"] = createHash("sha256")
    .update(fs.readFileSync(path.join(outdir, "manifest.json")))
    .digest("hex");
  return files;
}

/** The synth app as cdktf.json runs it, on a directory of environment files, with node and nothing else on PATH. */
function synthApp(files: Record<string, unknown>, environmentsDir?: (directory: string) => string) {
  const workdir = tempOutdir();
  const environments = path.join(workdir, "environments");
  const outdir = path.join(workdir, "cdktf.out");
  writeEntries(
    environments,
    Object.fromEntries(
      Object.entries(files).map(([name, content]) => [name, typeof content === "string" ? content : (content as Record<string, unknown>)]),
    ),
  );
  // PATH holds node only: synth must need no other program (cdktf's DataResource would run `terraform version`).
  const bin = path.join(workdir, "bin");
  fs.mkdirSync(bin);
  fs.symlinkSync(process.execPath, path.join(bin, "node"));
  const env = { PATH: bin, ENVIRONMENTS_DIR: environmentsDir ? environmentsDir(environments) : environments, CDKTF_OUTDIR: outdir };
  return {
    outdir,
    environments,
    done: run(process.execPath, [SYNTH_APP], { env }).then((result) => {
      const stacksDir = path.join(outdir, "stacks");
      return { ...result, stacks: fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [] };
    }),
  };
}

function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const match = /<!-- example-output: [^>]*-->\n```text\n([\s\S]*?)\n```/.exec(readme);
  if (!match) throw new Error("README.md has no example-output block");
  return match[1];
}

/** The line of dev.json that holds a key: the deploy check must point there. */
const lineOf = (key: string) =>
  fs
    .readFileSync(path.join(ROOT, "environments", "dev.json"), "utf8")
    .split("\n")
    .findIndex((line) => line.includes(`"${key}"`)) + 1;

const brokenFile = () => {
  const broken = devInput();
  broken.network.vpcCidr = "10.0.0.0/33";
  broken.nodeGroups.private.instanceTypes = ["t3.medium"];
  broken.cluster.name = "eks-cluster-broken";
  broken.database.identifier = "postgresql-broken";
  return broken;
};

/**
 * A second checkout of the project that shares this one's node_modules (a worktree, a copy): it synthesizes, its
 * source is edited while keeping an old modification time (as git or a copy can leave it), and it synthesizes
 * again; then this checkout synthesizes. Each run must execute its own checkout's current code.
 */
async function secondCheckout(environments: Record<string, Entry>) {
  const checkout = tempOutdir();
  for (const entry of ["main.ts", "package.json", "src", "scripts/synth-app.cjs"])
    fs.cpSync(path.join(ROOT, entry), path.join(checkout, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(checkout, "node_modules"));
  const environmentsDir = path.join(checkout, "environments");
  writeEntries(environmentsDir, environments);
  const synth = (root: string, outdir: string) =>
    run(process.execPath, [path.join(root, "scripts", "synth-app.cjs")], {
      cwd: root,
      env: { ENVIRONMENTS_DIR: environmentsDir, CDKTF_OUTDIR: outdir },
    });
  const outputDescription = (outdir: string) =>
    JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "dev-platform", "cdk.tf.json"), "utf8")).output["private-rds-endpoint"]
      .description;

  const before = await synth(checkout, path.join(checkout, "out-before"));
  const edited = path.join(checkout, "src", "stacks", "platform-stack.ts");
  fs.writeFileSync(
    edited,
    fs.readFileSync(edited, "utf8").replace('"Private DNS name of the RDS instance"', '"edited in the second checkout"'),
  );
  fs.utimesSync(edited, new Date("2001-01-01"), new Date("2001-01-01"));
  const after = await synth(checkout, path.join(checkout, "out-after"));
  const here = await synth(ROOT, path.join(checkout, "out-here"));
  return {
    statuses: [before.status, after.status, here.status],
    descriptions: [path.join(checkout, "out-before"), path.join(checkout, "out-after"), path.join(checkout, "out-here")].map(
      outputDescription,
    ),
  };
}

let runs: Record<string, Run & { stacks?: string[] }>;
let checkouts: Awaited<ReturnType<typeof secondCheckout>>;
const dirs: Record<string, string> = {};
let cliBefore: Record<string, string>;

beforeAll(async () => {
  // The CLI case: a good synth in-process, then the rejected one through the CLI.
  const cliRoot = tempOutdir();
  dirs.cliEnvironments = path.join(cliRoot, "environments");
  dirs.cliOutdir = path.join(cliRoot, "cdktf.out");
  writeEntries(dirs.cliEnvironments, { "dev.json": dev() });
  buildApp({ environmentsDir: dirs.cliEnvironments, outdir: dirs.cliOutdir, log: () => {} }).synth();
  cliBefore = fingerprint(dirs.cliOutdir);
  writeEntries(dirs.cliEnvironments, { "dev.json": dev((e) => (e.database.backupRetentionDays = 3)) });

  const good = synthApp({ "dev.json": devInput() });
  const broken = synthApp({ "dev.json": devInput(), "broken.json": brokenFile(), "typo.json": '{ "region": ', "qa.json": devInput() });
  const empty = synthApp({ "dev.json": devInput() }, () => "");
  const oneFile = synthApp({ "dev.json": devInput() }, (directory) => path.join(directory, "dev.json"));
  dirs.broken = broken.environments;
  dirs.brokenOut = broken.outdir;

  const readmeRoot = tempOutdir();
  const devText = fs.readFileSync(path.join(ROOT, "environments", "dev.json"), "utf8");
  writeEntries(path.join(readmeRoot, "environments"), { "dev.json": devText, "staging.json": stagingFromDev(devText) });
  dirs.exampleOut = tempOutdir();
  dirs.exposedOut = path.join(tempOutdir(), "cdktf.out");
  dirs.deployOut = path.join(tempOutdir(), "never-written");
  dirs.destroyOut = path.join(tempOutdir(), "never-written");

  const checkoutsDone = secondCheckout({ "dev.json": devInput() }).then((result) => (checkouts = result));
  const entries = await Promise.all(
    [
      [
        "cli",
        run(process.execPath, [CLI, "synth", "--output", dirs.cliOutdir], {
          env: { ENVIRONMENTS_DIR: dirs.cliEnvironments, CHECKPOINT_DISABLE: "1", CI: "true" },
        }),
      ],
      ["good", good.done],
      ["broken", broken.done],
      ["empty", empty.done],
      ["oneFile", oneFile.done],
      [
        "readme",
        run(process.execPath, [SYNTH_APP], {
          cwd: readmeRoot,
          env: { ENVIRONMENTS_DIR: "environments", CDKTF_OUTDIR: path.join(readmeRoot, "cdktf.out") },
        }),
      ],
      ["example", run(process.execPath, ["--require", "tsx/cjs", EXAMPLE], { env: { CDKTF_OUTDIR: dirs.exampleOut } })],
      ["exposed", run(process.execPath, ["--require", "tsx/cjs", EXPOSED_APP], { env: { CDKTF_OUTDIR: dirs.exposedOut } })],
      ["deploy", run("npm", ["run", "--silent", "deploy", "--", "dev-*", "--output", dirs.deployOut])],
      ["destroy", run("npm", ["run", "--silent", "destroy", "--", "dev-retained", "--output", dirs.destroyOut])],
    ].map(async ([name, promise]) => [name, await (promise as Promise<Run>)] as const),
  );
  runs = Object.fromEntries(entries);
  await checkoutsDone;
}, 120_000);

describe("cdktf synth, through the real CLI", () => {
  test("a rejected synth exits 1, names the finding with its file, prints no stack trace, and leaves the earlier output byte-for-byte unchanged", () => {
    expect(Object.keys(cliBefore).sort()).toEqual([
      "manifest.json",
      "stacks/dev-platform/cdk.tf.json",
      "stacks/dev-retained/cdk.tf.json",
      "stacks/dev-workload/cdk.tf.json",
    ]);
    const { status, stdout, stderr } = runs.cli;
    expect(status).toBe(1);
    const output = `${stdout}\n${stderr}`;
    expect(output).toMatch(
      new RegExp(
        `${escapeRegExp(path.join(dirs.cliEnvironments, "dev.json"))}: ERROR \\[AWS-03\\] dev-platform/database/instance: .*keeps backups for 3 days\\. Fix: Set backup_retention_period to 7-35 \\(PostgresDatabase backupRetentionDays\\) \\(field database\\.backupRetentionDays\\)$`,
        "m",
      ),
    );
    expect(output).toMatch(/No stack was synthesized: 1 error in 1 file/);
    expect(output).not.toMatch(/^\s+at .*\.(ts|js):\d+:\d+\)?$/m);
    expect(fingerprint(dirs.cliOutdir)).toEqual(cliBefore);
  });
});

describe("the synth app cdktf.json runs (scripts/synth-app.cjs)", () => {
  test("a good synth needs nothing but node on PATH (no terraform)", () => {
    expect([runs.good.status, runs.good.stacks]).toEqual([0, ["dev-platform", "dev-retained", "dev-workload"]]);
  });

  test("each checkout runs its own current code: an edit counts by its content, whatever its modification time", () => {
    expect(checkouts.statuses).toEqual([0, 0, 0]);
    expect(checkouts.descriptions).toEqual([
      "Private DNS name of the RDS instance",
      "edited in the second checkout",
      "Private DNS name of the RDS instance",
    ]);
  });

  test("invalid or clashing files fail synth with file, field, value and fix, and nothing is written", () => {
    expect(runs.broken.status).toBe(1);
    const file = (name: string) => path.join(dirs.broken, name);
    expect(runs.broken.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${escapeRegExp(file("broken.json"))}:\\d+:\\d+: ERROR network\\.vpcCidr = "10\\.0\\.0\\.0/33": has a prefix length above 32\\. Fix: `,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${escapeRegExp(file("broken.json"))}:\\d+:\\d+: ERROR nodeGroups\\.private\\.instanceTypes\\[0\\] = "t3\\.medium": .*Fix: `,
        ),
      ),
      expect.stringMatching(
        new RegExp(`^${escapeRegExp(file("typo.json"))}:1:13: ERROR the file is not valid JSON: unexpected end of input\\. Fix: `),
      ),
      '    1 | { "region": ',
      "                    ^",
      expect.stringMatching(
        new RegExp(
          `^${escapeRegExp(file("qa.json"))}:\\d+:\\d+: ERROR cluster\\.name = "eks-cluster-dev": clashes with ${escapeRegExp(file("dev.json"))}: both would create IAM role "eks-cluster-dev-cluster"`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${escapeRegExp(file("qa.json"))}:\\d+:\\d+: ERROR database\\.identifier = "postgresql-dev": clashes with ${escapeRegExp(file("dev.json"))}: both would create .*RDS DB instance "postgresql-dev"`,
        ),
      ),
      `No stack was synthesized: 5 errors in 3 files (${file("broken.json")}, ${file("typo.json")}, ${file("qa.json")}).`,
    ]);
    expect(runs.broken.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    // Not even the valid environment: a partial output must never be deployed by mistake.
    expect(runs.broken.stacks).toEqual([]);
    expect(fs.existsSync(path.join(dirs.brokenOut, "manifest.json"))).toBe(false);
  });

  test.each([
    [
      "set but empty",
      "empty",
      /^ENVIRONMENTS_DIR: ERROR is set but empty\. Fix: unset it to read .*environments, or set it to the directory of your <name>\.json files$/,
    ],
    ["pointing at one file", "oneFile", /^.*dev\.json: ERROR is a file, not a directory\. Fix: point ENVIRONMENTS_DIR at the directory/],
  ])("ENVIRONMENTS_DIR %s: one clear line and the count, no stack trace", (_case, name, line) => {
    expect(runs[name].status).toBe(1);
    expect(runs[name].stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(line),
      expect.stringMatching(/^No stack was synthesized: 1 error in 1 file/),
    ]);
    expect(runs[name].stacks).toEqual([]);
  });

  test("the README's example output is what it prints, exactly, for a copy of dev.json's own text", () => {
    expect(runs.readme.status).toBe(1);
    expect(runs.readme.stderr.trimEnd()).toBe(readmeExample());
  });
});

describe("a consumer's app whose synth is rejected (PolicyCheckedApp, app.synth())", () => {
  test("exits 1 with every finding on stderr, the stack the app named no environment for checked all the same, and no stack trace", () => {
    expect(runs.exposed.status).toBe(1);
    const lines = runs.exposed.stderr.trimEnd().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^reporting: ERROR \[AWS-01\] reporting\/db: .*Fix: /),
        expect.stringMatching(/^reporting: ERROR \[AWS-02\] reporting\/db: .*Fix: /),
        expect.stringMatching(/^No stack was synthesized: \d+ errors in 1 file \(reporting\)\.$/),
      ]),
    );
    expect(runs.exposed.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(path.join(dirs.exposedOut, "manifest.json"))).toBe(false);
  });
});

describe("the library's example (examples/metabase-on-eks), run like `cdktf synth` runs it", () => {
  const stackJson = (stack: string) => JSON.parse(fs.readFileSync(path.join(dirs.exampleOut, "stacks", stack, "cdk.tf.json"), "utf8"));

  test("the example is short: the whole chain in under 90 lines (as Biome formats it)", () => {
    expect(fs.readFileSync(path.join(ROOT, EXAMPLE), "utf8").split("\n").length).toBeLessThan(90);
  });

  test("it synthesizes both stacks and the verifier passes it", () => {
    expect(runs.example.stderr).toBe("");
    expect(runs.example.status).toBe(0);
    // The example keeps the default images, pinned by tag: K8S-01 warns once per pod (digests are for production).
    expect(runs.example.stdout).toMatch(/security checks: \d+ rules on 2 stacks of 1 environment, 0 errors, 2 warnings/);
    expect(runs.example.stdout.match(/WARNING \[(K8S-\d+)\[[^\]]+\]\]/g)).toEqual(["WARNING [K8S-01[tag-only]]"]);
    expect(fs.readdirSync(path.join(dirs.exampleOut, "stacks")).sort()).toEqual(["demo-platform", "demo-workload"]);
    // Not vacuous: both pod identities were followed through the whole chain.
    expect(fs.readFileSync(path.join(dirs.exampleOut, "security-chain-demo.md"), "utf8")).toMatch(
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
    const attachment = model
      .resources("aws_iam_role_policy_attachment")
      .find((a) => a.path.endsWith("eks/AmazonEKSVPCResourceController"))!;
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
});

describe("npm run deploy / destroy", () => {
  test("deploy -- 'dev-*' with dev.json as shipped exits 1 before cdktf runs, naming the range and its fields", () => {
    expect(runs.deploy.status).toBe(1);
    expect(runs.deploy.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(
          `^environments/dev\\.json:${lineOf("publicEndpointCidrs")}:\\d+: ERROR cluster\\.publicEndpointCidrs\\[0\\] = "203\\.0\\.113\\.0/24": is inside 203\\.0\\.113\\.0/24, a documentation range`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^environments/dev\\.json:${lineOf("loadBalancerSourceCidrs")}:\\d+: ERROR application\\.loadBalancerSourceCidrs\\[0\\] = "203\\.0\\.113\\.0/24": is inside 203\\.0\\.113\\.0/24`,
        ),
      ),
      "Nothing was deployed: 2 errors in 1 file (environments/dev.json).",
    ]);
    // cdktf would have synthesized into the output directory before any Terraform command.
    expect(fs.existsSync(dirs.deployOut)).toBe(false);
  });

  test("destroy -- dev-retained prints what it keeps and runs nothing", () => {
    expect(runs.destroy.status).toBe(0);
    expect(runs.destroy.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^Keeping dev-retained: /), "Nothing else to destroy."]);
    expect(fs.existsSync(dirs.destroyOut)).toBe(false);
  });
});
