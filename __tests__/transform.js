// Jest transformer: TypeScript to CommonJS with esbuild, transpile only (the same compiler tsx uses for
// `cdktf synth`). Type checking happens once, in `npm test`'s `tsc --noEmit`; per-file checking by ts-jest
// cost more than the tests themselves on a cold cache.
const { transformSync } = require("esbuild");
const { createHash } = require("crypto");
const { version } = require("esbuild/package.json");

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      sourcemap: "external",
      sourcefile: filename,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash("sha256").update(version).update(filename).update(source).digest("hex");
  },
};
