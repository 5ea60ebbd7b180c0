/**
 * The app `cdktf synth` runs (cdktf.json "app": "node scripts/synth-app.cjs"): main.ts and src/, bundled by
 * esbuild into node_modules/.cache and run by plain node. No TypeScript loader at run time: no tsx scanning every
 * module it loads for ES syntax, no source-mapped stack traces (cdktf captures one per token), nothing to warm up.
 * The bundle is rebuilt only when one of its inputs changed since it was built (esbuild's metafile lists them),
 * about 0.1 s; npm packages stay outside it and load from node_modules as they are.
 *
 * SYNTH_SOURCE_MAPS=1 builds and runs with inline source maps: TypeScript line numbers in stack traces, slower.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SOURCE_MAPS = process.env.SYNTH_SOURCE_MAPS === "1";
const CACHE = path.join(ROOT, "node_modules", ".cache", "secure-eks-rds");
const OUT = path.join(CACHE, SOURCE_MAPS ? "synth-app.maps.cjs" : "synth-app.cjs");
const INPUTS = `${OUT}.inputs.json`;

/** True when the bundle exists and no input (nor this launcher) changed after it was built. */
function fresh() {
  try {
    const { builtAt, inputs } = JSON.parse(fs.readFileSync(INPUTS, "utf8"));
    return [...inputs, path.relative(ROOT, __filename)].every((input) => fs.statSync(path.join(ROOT, input)).mtimeMs <= builtAt);
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

async function build() {
  const esbuild = require("esbuild");
  fs.mkdirSync(CACHE, { recursive: true });
  const builtAt = Date.now();
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
  fs.writeFileSync(INPUTS, JSON.stringify({ builtAt, inputs: Object.keys(result.metafile.inputs) }));
}

(async () => {
  if (!fresh()) await build();
  if (SOURCE_MAPS) process.setSourceMapsEnabled(true);
  require(OUT);
})().catch((error) => {
  console.error(`synth failed: the app could not be built: ${error.message}`);
  process.exitCode = 1;
});
