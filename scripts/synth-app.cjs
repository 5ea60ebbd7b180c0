/**
 * The app `cdktf synth` runs (cdktf.json "app": "node scripts/synth-app.cjs"): main.ts and src/, bundled by
 * esbuild into node_modules/.cache and run by plain node. No TypeScript loader at run time: no tsx scanning every
 * module it loads for ES syntax, no source-mapped stack traces (cdktf captures one per token), nothing to warm up.
 * The bundle is rebuilt only when the content of one of its inputs changed (esbuild's metafile lists them), about
 * 0.1 s; npm packages stay outside it and load from node_modules as they are.
 *
 * SYNTH_SOURCE_MAPS=1 builds and runs with inline source maps: TypeScript line numbers in stack traces, slower.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const ROOT = path.resolve(__dirname, "..");
const SOURCE_MAPS = process.env.SYNTH_SOURCE_MAPS === "1";
const CACHE = path.join(ROOT, "node_modules", ".cache", "secure-eks-rds");
// The bundle holds this checkout's absolute paths (keep-dirname below), so each checkout has its own: worktrees
// or clones that share one node_modules never run each other's code.
const CHECKOUT = crypto.createHash("sha256").update(ROOT).digest("hex").slice(0, 12);
const OUT = path.join(CACHE, `synth-app.${CHECKOUT}${SOURCE_MAPS ? ".maps" : ""}.cjs`);
const INPUTS = `${OUT}.inputs.json`;

const digest = (file) =>
  crypto
    .createHash("sha256")
    .update(fs.readFileSync(path.join(ROOT, file)))
    .digest("hex");

/**
 * True when the bundle exists and every input (and this launcher) has the content it was built from. Content, not
 * modification times: a file written before the build by another process, or restored by git with an old time,
 * still counts. A new file needs no check of its own: only an edit of a file that is an input can import it.
 */
function fresh() {
  try {
    const { digests } = JSON.parse(fs.readFileSync(INPUTS, "utf8"));
    return fs.existsSync(OUT) && Object.entries(digests).every(([file, sha]) => digest(file) === sha);
  } catch {
    return false;
  }
}

/**
 * A module's __dirname is where its source file is, not where the bundle is (esbuild keeps __dirname as the
 * runtime value of the bundle's location): main.ts finds environments/ next to itself.
 */
const keepDirname = {
  name: "keep-dirname",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = fs.readFileSync(args.path, "utf8");
      return { contents: source.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))), loader: "ts" };
    });
  },
};

/** Bundles of checkouts that no longer exist (temporary copies, removed worktrees) are deleted at each build. */
function pruneGoneCheckouts() {
  for (const name of fs.readdirSync(CACHE)) {
    if (!name.endsWith(".inputs.json")) continue;
    const inputs = path.join(CACHE, name);
    let root;
    try {
      root = JSON.parse(fs.readFileSync(inputs, "utf8")).root;
    } catch {}
    if (root && fs.existsSync(root)) continue;
    fs.rmSync(inputs, { force: true });
    fs.rmSync(inputs.slice(0, -".inputs.json".length), { force: true });
  }
}

async function build() {
  const esbuild = require("esbuild");
  fs.mkdirSync(CACHE, { recursive: true });
  pruneGoneCheckouts();
  // A temporary file renamed into place: two synths building at once never load half a bundle.
  const temporary = `${OUT}.${process.pid}.tmp`;
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ["main.ts"],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile: temporary,
    sourcemap: SOURCE_MAPS ? "inline" : false,
    metafile: true,
    logLevel: "warning",
    plugins: [keepDirname],
  });
  fs.renameSync(temporary, OUT);
  const inputs = [...Object.keys(result.metafile.inputs), path.relative(ROOT, __filename)];
  fs.writeFileSync(INPUTS, JSON.stringify({ root: ROOT, digests: Object.fromEntries(inputs.map((file) => [file, digest(file)])) }));
}

(async () => {
  if (!fresh()) await build();
  if (SOURCE_MAPS) process.setSourceMapsEnabled(true);
  require(OUT);
})().catch((error) => {
  console.error(`synth failed: the app could not be built: ${error.message}`);
  process.exitCode = 1;
});
