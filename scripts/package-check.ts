/**
 * `npm run test:package` (called by .ci/run): the library as other cdktf apps get it, from the packed tarball.
 *
 * 1. `npm pack` (prepack builds lib/ with tsc): the tarball holds the compiled JS and .d.ts of the three entry
 *    points (".", "./policy", "./app"), and no sources, tests or environment files.
 * 2. The peer ranges, both ends: a new app installs the tarball with the lowest and then the highest version each
 *    peer range allows, type-checks examples/metabase-on-eks/main.ts against the installed declarations (with
 *    the cdktf template's module resolution) and synthesizes it: both stacks written, the verifier at 0 errors.
 * 3. The second example, examples/reporting-on-eks, as its own project: installed with the tarball, type-checked,
 *    its own jest tests run (cdktf's Testing matchers, its rule pack), synthesized.
 * 4. CDK Terrain: an app with cdktf aliased to cdktn (npm overrides, so the providers' and this package's peer
 *    ranges accept it) installs cleanly and synthesizes the first example, run with node (cdktn-cli needs Node
 *    >= 22.19); its stacks are the same Terraform as cdktf's: equal once parsed, but for the version stamp each
 *    tool writes into them (and the app's directory in the default local state path).
 * KEEP_PACKAGE_CHECK_DIR=1 keeps the directory.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const FIRST_EXAMPLE = path.join(ROOT, "examples", "metabase-on-eks", "main.ts");
const SECOND_EXAMPLE = path.join(ROOT, "examples", "reporting-on-eks");
/** CDK Terrain's release this project is checked against, and the constructs range it requires (its peer). */
const CDKTN = { version: "0.24.0", constructs: ">=10.6.0 <10.8.0" };
const TOOLS = ["typescript", "tsx"] as const;

interface Manifest {
  name: string;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

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

const npmInstall = (cwd: string) => run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], cwd);

/** The highest published version a range allows (npm view prints every match, in order). */
function highest(name: string, range: string, cwd: string): string {
  const found = JSON.parse(run("npm", ["view", `${name}@${range}`, "version", "--json"], cwd));
  const versions: string[] = Array.isArray(found) ? found : [found];
  return versions[versions.length - 1];
}

/** The lowest version a "^x.y.z" range allows: x.y.z itself. */
function lowest(range: string): string {
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!match) throw new Error(`peer range "${range}" is not of the form ^x.y.z this check knows how to take the lowest of`);
  return match[1];
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** An app directory with the tarball, these versions of the peers, and the tools to type-check and run it. */
function app(dir: string, tarball: string, manifest: Manifest, peers: Record<string, string>, extra: Record<string, unknown> = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  const tools = Object.fromEntries(TOOLS.map((tool) => [tool, manifest.devDependencies[tool]]));
  writeJson(path.join(dir, "package.json"), {
    name: "consumer",
    private: true,
    dependencies: { [manifest.name]: `file:${tarball}`, ...peers, ...tools },
    ...extra,
  });
  npmInstall(dir);
  return dir;
}

/** The cdktf template's tsconfig (CommonJS, node10 resolution): the package's typesVersions must serve it. */
function typeCheck(dir: string, include: string[]): void {
  const tsconfig = {
    compilerOptions: {
      strict: true,
      module: "CommonJS",
      target: "ES2022",
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      types: [],
    },
    include,
  };
  writeJson(path.join(dir, "tsconfig.json"), tsconfig);
  run(process.execPath, [path.join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", "."], dir);
}

/** Synthesizes a main.ts with node and tsx; checks the stacks and the verifier's summary; returns the stacks' files. */
function synth(dir: string, main: string, expectedStacks: string[]): Record<string, string> {
  const outdir = path.join(dir, "cdktf.out");
  const result = spawnSync(process.execPath, ["--require", "tsx/cjs", main], {
    cwd: dir,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`synth of ${main} failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort();
  if (stacks.join(",") !== expectedStacks.join(",")) throw new Error(`unexpected stacks in ${dir}: ${stacks.join(", ")}`);
  if (!/ 0 errors,/.test(result.stdout)) throw new Error(`the verifier did not pass in ${dir}:\n${result.stdout}`);
  console.log(result.stdout.trim().split("\n").pop());
  return Object.fromEntries(stacks.map((stack) => [stack, fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")]));
}

/**
 * A stack as Terraform reads it: parsed (cdktf prints an empty provider block as "{\n}", cdktn as "{}"), with the
 * version each tool stamps into the metadata and the app's own directory (the default local state path) left out.
 */
const comparable = (json: string, appDir: string) =>
  JSON.stringify(JSON.parse(json.split(appDir).join("<app>")), (key, value) =>
    key === "version" && typeof value === "string" && /^\d+\.\d+\.\d+$/.test(value) ? "<cdk version>" : value,
  );

function main(): void {
  const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "package-check-"));
  try {
    step("npm pack");
    const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", workdir], ROOT));
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    const unexpected = files.filter((f) => !/^(lib\/.*\.(js|d\.ts|map)|package\.json|README\.md)$/.test(f));
    if (unexpected.length > 0) throw new Error(`the tarball holds files a user does not need: ${unexpected.join(", ")}`);
    for (const needed of [
      "lib/index.js",
      "lib/index.d.ts",
      "lib/policy/index.js",
      "lib/policy/index.d.ts",
      "lib/app/index.js",
      "lib/app/index.d.ts",
    ]) {
      if (!files.includes(needed)) throw new Error(`the tarball lacks ${needed}`);
    }
    const tarball = path.join(workdir, packed.filename);
    console.log(`${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} KiB`);

    const outputs: Record<string, Record<string, string>> = {};
    for (const end of ["lowest", "highest"] as const) {
      const peers = Object.fromEntries(
        Object.entries(manifest.peerDependencies).map(([name, range]) => [
          name,
          end === "lowest" ? lowest(range) : highest(name, range, workdir),
        ]),
      );
      step(
        `the first example with the ${end} peers: ${Object.entries(peers)
          .map(([name, version]) => `${name}@${version}`)
          .join(", ")}`,
      );
      const dir = app(path.join(workdir, end), tarball, manifest, peers);
      fs.copyFileSync(FIRST_EXAMPLE, path.join(dir, "main.ts"));
      typeCheck(dir, ["main.ts"]);
      outputs[end] = synth(dir, "main.ts", ["demo-platform", "demo-workload"]);
    }

    step("the second example as its own project, from the tarball: type check, its jest tests, synth");
    const second = path.join(workdir, "reporting-on-eks");
    fs.cpSync(SECOND_EXAMPLE, second, { recursive: true, filter: (source) => !/node_modules|cdktf\.out/.test(source) });
    const secondManifest = JSON.parse(fs.readFileSync(path.join(second, "package.json"), "utf8"));
    secondManifest.dependencies[manifest.name] = `file:${tarball}`;
    writeJson(path.join(second, "package.json"), secondManifest);
    npmInstall(second);
    run(process.execPath, [path.join(second, "node_modules", "typescript", "bin", "tsc"), "-p", "."], second);
    const jest = spawnSync(process.execPath, [path.join(second, "node_modules", "jest", "bin", "jest.js"), "--ci"], {
      cwd: second,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    if (jest.status !== 0) throw new Error(`the second example's jest tests failed:\n${jest.stdout}\n${jest.stderr}`);
    console.log(
      jest.stderr
        .split("\n")
        .filter((line) => /^Tests:/.test(line))
        .join("\n"),
    );
    synth(second, "main.ts", ["reporting-platform", "reporting-workload"]);

    step(`CDK Terrain: cdktf aliased to cdktn@${CDKTN.version}, the first example run with node`);
    const cdktnPeers = {
      ...Object.fromEntries(Object.entries(manifest.peerDependencies).map(([name, range]) => [name, lowest(range)])),
      cdktf: `npm:cdktn@${CDKTN.version}`,
      constructs: highest("constructs", CDKTN.constructs, workdir),
    };
    const terrain = app(path.join(workdir, "cdktn"), tarball, manifest, cdktnPeers, {
      overrides: { cdktf: "$cdktf", constructs: "$constructs" },
    });
    const installed = JSON.parse(fs.readFileSync(path.join(terrain, "node_modules", "cdktf", "package.json"), "utf8"));
    if (installed.name !== "cdktn") throw new Error(`node_modules/cdktf is ${installed.name}@${installed.version}, not cdktn`);
    fs.copyFileSync(FIRST_EXAMPLE, path.join(terrain, "main.ts"));
    typeCheck(terrain, ["main.ts"]);
    const terrainOutput = synth(terrain, "main.ts", ["demo-platform", "demo-workload"]);
    for (const stack of Object.keys(terrainOutput)) {
      if (comparable(terrainOutput[stack], terrain) !== comparable(outputs.lowest[stack], path.join(workdir, "lowest"))) {
        throw new Error(
          `${stack} synthesized by cdktn differs from cdktf's beyond the version stamp (kept in ${workdir} with KEEP_PACKAGE_CHECK_DIR=1)`,
        );
      }
    }
    console.log(
      `cdktn ${installed.version}: ${Object.keys(terrainOutput).join(", ")} the same Terraform as cdktf's (but for the version stamp)`,
    );
    console.log(`PASSED: ${manifest.name} from ${packed.filename}`);
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
