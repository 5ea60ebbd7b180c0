/**
 * `npm run test:package` (called by .ci/run): the library as another cdktf app gets it.
 *
 * 1. `npm pack` (prepack builds lib/ with tsc): the tarball must hold the compiled JS and .d.ts, and no
 *    sources, tests or environment files;
 * 2. a new directory installs the tarball with its peer dependencies at the versions this repository pins
 *    (from the npm cache when it has them);
 * 3. examples/metabase-on-eks/main.ts is copied there unchanged, type-checked against the installed
 *    declarations, and synthesized: both stacks written, the security verifier at 0 errors.
 * KEEP_PACKAGE_CHECK_DIR=1 keeps the directory.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const EXAMPLE = path.join(ROOT, "examples", "metabase-on-eks", "main.ts");

function step(title: string): void {
  console.log(`== ${title}`);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function main(): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "package-check-"));
  try {
    step("npm pack");
    const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", workdir], ROOT));
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    const unexpected = files.filter((f) => !/^(lib\/.*\.(js|d\.ts|map)|package\.json|README\.md)$/.test(f));
    if (unexpected.length > 0) throw new Error(`the tarball holds files a user does not need: ${unexpected.join(", ")}`);
    for (const needed of ["lib/index.js", "lib/index.d.ts"]) {
      if (!files.includes(needed)) throw new Error(`the tarball lacks ${needed}`);
    }
    console.log(`${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} KiB`);

    step("install the tarball and its peer dependencies in a new cdktf app");
    const app = path.join(workdir, "app");
    fs.mkdirSync(app);
    const dependencies = { [manifest.name]: `file:${path.join(workdir, packed.filename)}`, ...manifest.peerDependencies };
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, dependencies }, null, 2));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);

    step("type-check the example against the installed declarations");
    fs.copyFileSync(EXAMPLE, path.join(app, "main.ts"));
    const tsconfig = { compilerOptions: { strict: true, module: "CommonJS", moduleResolution: "node", target: "ES2022", noEmit: true, skipLibCheck: true, types: [] } };
    fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify(tsconfig));
    run(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [ROOT] }), "-p", "."], app);

    step("synthesize the example (the verifier runs too)");
    const outdir = path.join(app, "cdktf.out");
    const synth = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs", { paths: [ROOT] }), "main.ts"], {
      cwd: app,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
    if (synth.status !== 0) throw new Error(`synth of the example failed:\n${synth.stdout}\n${synth.stderr}`);
    const resolved = execFileSync(process.execPath, ["-p", `require.resolve("${manifest.name}")`], { cwd: app, encoding: "utf8" }).trim();
    if (!resolved.startsWith(path.join(app, "node_modules"))) throw new Error(`${manifest.name} resolved to ${resolved}, not to the installed tarball`);
    const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort();
    if (stacks.join(",") !== "demo-platform,demo-workload") throw new Error(`unexpected stacks: ${stacks.join(", ")}`);
    if (!/0 errors/.test(synth.stdout)) throw new Error(`the verifier did not pass:\n${synth.stdout}`);
    console.log(synth.stdout.trim());
    console.log(`PASSED: ${manifest.name} from ${packed.filename}, resolved at ${path.relative(app, resolved)}`);
  } finally {
    if (process.env.KEEP_PACKAGE_CHECK_DIR === "1") console.log(`kept ${workdir}`);
    else fs.rmSync(workdir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(`FAILED: ${(error as Error).message}`);
  process.exitCode = 1;
}
