/**
 * `npm run bench`: how fast and how big synthesis is on this machine, against the targets in the README.
 *
 * Measures the synth app command as cdktf.json configures it (the esbuild bundle run by plain node:
 * scripts/synth-app.cjs) and as the cdktf TypeScript template configures it (`npx ts-node main.ts`, which
 * type-checks on every run), for 1 and for 25 environments: median wall time, and peak RSS of the largest Node
 * process of the command. Then the whole `npx cdktf synth` with each app (what a user waits for: the CLI's own
 * start-up, about 2 s, is in both). Then what the app adds to the libraries it stands on: the configured app for 1
 * environment against `node` only loading cdktf and the provider classes the app imports, and the security
 * graph's share of a 25-environment synth (scripts/bench/graph-cost.ts). Then the wall time of `npm test`.
 * The series compared in a ratio run interleaved, so that the machine's drift falls on both sides alike.
 * Exits non-zero when a target is missed.
 *
 * Options (environment): BENCH_RUNS (default 5), BENCH_SKIP_TESTS=1 to skip timing `npm test`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const USAGE_PRELOAD = path.join(__dirname, "bench", "report-usage.js");

const TARGETS = {
  configuredVsTsNode: 0.5,
  /** `npx cdktf synth` with the configured app, against the same command with the template's ts-node app. */
  cliVsTemplateCli: 0.45,
  twentyFiveVsOne: 4,
  /** A rejected synth does all the work of a good one but writing; 5% covers run-to-run noise. */
  rejectedVsGood25: 1.05,
  peakRssMiB25: 400,
  /** The app for one environment, against node loading just cdktf and the provider classes it imports. */
  appVsLibraries: 3,
  /** Building the security graph and evaluating its flows and permissions, as a share of the 25-env synth. */
  graphShareOf25: 0.2,
  npmTestSeconds: 45,
};

interface Sample {
  seconds: number;
  rssMiB: number;
}

/**
 * A directory with `count` non-clashing environment files derived from environments/dev.json. With `reject`,
 * the last one fails a security rule (3 days of backups): every stack is built and checked, nothing is written.
 */
function environmentsDir(count: number, reject = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-envs-${count}-`));
  const dev = JSON.parse(fs.readFileSync(path.join(ROOT, "environments", "dev.json"), "utf8"));
  delete dev.$schema;
  for (let i = 1; i <= count; i++) {
    const name = count === 1 ? "dev" : `env${String(i).padStart(2, "0")}`;
    const env = structuredClone(dev);
    env.cluster.name = `eks-cluster-${name}`;
    env.database.identifier = `postgresql-${name}`;
    if (reject && i === count) env.database.backupRetentionDays = 3;
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(env));
  }
  return dir;
}

/** `{outdir}` in a command is the run's own output directory (the cdktf CLI takes it as --output). */
function measure(command: string, envDir: string, expectRejection = false): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-out-"));
  const usageDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-usage-"));
  const start = process.hrtime.bigint();
  const run = spawnSync(command.replace("{outdir}", outdir), {
    cwd: ROOT,
    shell: true,
    env: {
      ...process.env,
      ENVIRONMENTS_DIR: envDir,
      CDKTF_OUTDIR: outdir,
      CHECKPOINT_DISABLE: "1",
      BENCH_USAGE_DIR: usageDir,
      NODE_OPTIONS: `--require ${USAGE_PRELOAD}`,
    },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== (expectRejection ? 1 : 0))
    throw new Error(`synth ${expectRejection ? "was not rejected" : "failed"} (${command}):\n${run.stderr}`);
  const rssMiB = Math.max(...fs.readdirSync(usageDir).map((f) => Number(fs.readFileSync(path.join(usageDir, f), "utf8")))) / 1024;
  for (const dir of [outdir, usageDir]) fs.rmSync(dir, { recursive: true, force: true });
  return { seconds, rssMiB };
}

/**
 * A `node -e` command that requires exactly the runtime modules the app's sources import from cdktf,
 * constructs and the provider packages (type-only imports load nothing, so they are left out).
 */
function librariesOnlyCommand(): string {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
  const modules = new Set<string>();
  for (const file of [path.join(ROOT, "main.ts"), ...sources(path.join(ROOT, "src"))]) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"((?:@cdktf\/provider-[^"]+)|cdktf|constructs)";/gms))
      modules.add(match[1]);
  }
  const requires = [...modules]
    .sort()
    .map((name) => `require(${JSON.stringify(name)})`)
    .join(";");
  return `node -e '${requires}'`;
}

function graphCost(envDir: string): number {
  const run = spawnSync("npx", ["tsx", path.join(__dirname, "bench", "graph-cost.ts")], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ENVIRONMENTS_DIR: envDir },
  });
  if (run.status !== 0) throw new Error(`graph-cost failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!).seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface SeriesSpec {
  readonly label: string;
  readonly command: string;
  readonly envDir: string;
  readonly expectRejection?: boolean;
}

/**
 * Several series run in rotation (a, b, c, a, b, c...), so that the machine's drift during the bench (its speed
 * varies by up to 10% within an hour) lands on every side of a ratio alike instead of on whichever series ran
 * last. Medians of wall time, peak RSS of any run.
 */
function interleavedSeries(specs: readonly SeriesSpec[], runs: number): Sample[] {
  const samples: Sample[][] = specs.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [side, spec] of specs.entries()) samples[side].push(measure(spec.command, spec.envDir, spec.expectRejection));
  }
  return specs.map((spec, side) => {
    const result = { seconds: median(samples[side].map((s) => s.seconds)), rssMiB: Math.max(...samples[side].map((s) => s.rssMiB)) };
    console.log(
      `${spec.label.padEnd(38)} ${result.seconds.toFixed(2).padStart(6)} s   ${result.rssMiB.toFixed(0).padStart(5)} MiB   (${runs} runs, interleaved)`,
    );
    return result;
  });
}

function main(): void {
  console.log(
    `secure-eks-rds benchmark on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(`${"".padEnd(38)} median wall   peak RSS`);
  const one = environmentsDir(1);
  const many = environmentsDir(25);
  const rejectedMany = environmentsDir(25, true);
  const configured: string = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app;
  // What `cdktf init --template typescript` writes into cdktf.json.
  const tsNode = "npx ts-node main.ts";
  console.log(`configured app: ${configured}\ntemplate app:   ${tsNode}`);

  const libraries = librariesOnlyCommand();
  // Every pair of a ratio below runs interleaved (interleavedSeries).
  const [configured1, configured25, rejected25, libraries1] = interleavedSeries(
    [
      { label: "configured synth (bundled), 1 env", command: configured, envDir: one },
      { label: "configured synth (bundled), 25 envs", command: configured, envDir: many },
      { label: "rejected synth (bundled), 25 envs", command: configured, envDir: rejectedMany, expectRejection: true },
      { label: "node loading cdktf + providers only", command: libraries, envDir: one },
    ],
    RUNS,
  );
  const tsNodeRuns = Math.max(1, Math.min(RUNS, 3));
  const cli = "npx cdktf synth --output {outdir}";
  const [tsNode1, tsNode25, cliConfigured, cliTemplate] = interleavedSeries(
    [
      { label: "template synth (ts-node), 1 env", command: tsNode, envDir: one },
      { label: "template synth (ts-node), 25 envs", command: tsNode, envDir: many },
      { label: "npx cdktf synth, 1 env", command: cli, envDir: one },
      { label: "npx cdktf synth (ts-node app), 1 env", command: `${cli} --app '${tsNode}'`, envDir: one },
    ],
    tsNodeRuns,
  );
  const graphSeconds = graphCost(many);
  console.log(`${"security graph, 25 envs (in-process)".padEnd(38)} ${graphSeconds.toFixed(2).padStart(6)} s`);

  const checks: [string, number, string, boolean][] = [];
  const ratio1 = configured1.seconds / tsNode1.seconds;
  checks.push(["configured / ts-node, 1 env", ratio1, `<= ${TARGETS.configuredVsTsNode}`, ratio1 <= TARGETS.configuredVsTsNode]);
  const ratio25 = configured25.seconds / tsNode25.seconds;
  checks.push(["configured / ts-node, 25 envs", ratio25, `<= ${TARGETS.configuredVsTsNode}`, ratio25 <= TARGETS.configuredVsTsNode]);
  const cliRatio = cliConfigured.seconds / cliTemplate.seconds;
  checks.push(["cdktf synth / template's, 1 env", cliRatio, `<= ${TARGETS.cliVsTemplateCli}`, cliRatio <= TARGETS.cliVsTemplateCli]);
  const scale = configured25.seconds / configured1.seconds;
  checks.push(["25 envs / 1 env (configured)", scale, `<= ${TARGETS.twentyFiveVsOne}`, scale <= TARGETS.twentyFiveVsOne]);
  const rejection = rejected25.seconds / configured25.seconds;
  checks.push(["rejected / good synth, 25 envs", rejection, `<= ${TARGETS.rejectedVsGood25}`, rejection <= TARGETS.rejectedVsGood25]);
  const overLibraries = configured1.seconds / libraries1.seconds;
  checks.push(["app / libraries alone, 1 env", overLibraries, `<= ${TARGETS.appVsLibraries}`, overLibraries <= TARGETS.appVsLibraries]);
  const graphShare = graphSeconds / configured25.seconds;
  checks.push(["graph share of 25-env synth", graphShare, `<= ${TARGETS.graphShareOf25}`, graphShare <= TARGETS.graphShareOf25]);
  checks.push([
    "peak RSS at 25 envs (MiB)",
    configured25.rssMiB,
    `<= ${TARGETS.peakRssMiB25}`,
    configured25.rssMiB <= TARGETS.peakRssMiB25,
  ]);

  if (process.env.BENCH_SKIP_TESTS !== "1") {
    const start = process.hrtime.bigint();
    const test = spawnSync("npm", ["test", "--silent"], { cwd: ROOT, encoding: "utf8", env: process.env });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`${"npm test".padEnd(38)} ${seconds.toFixed(2).padStart(6)} s   (exit ${test.status})`);
    checks.push([
      "npm test wall time (s)",
      seconds,
      `<= ${TARGETS.npmTestSeconds}`,
      seconds <= TARGETS.npmTestSeconds && test.status === 0,
    ]);
  }

  console.log("\ntarget                               value     target   ok");
  for (const [name, value, target, ok] of checks) {
    console.log(`${name.padEnd(36)} ${value.toFixed(2).padStart(7)}   ${target.padEnd(8)} ${ok ? "yes" : "NO"}`);
  }
  for (const dir of [one, many, rejectedMany]) fs.rmSync(dir, { recursive: true, force: true });
  if (checks.some(([, , , ok]) => !ok)) process.exitCode = 1;
}

main();
