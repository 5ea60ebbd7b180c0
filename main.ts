/**
 * Entry point of `cdktf synth`: one platform and one workload stack per file in environments/.
 * Composition only; everything else lives in src/.
 */
import "./src/synth/source-maps-off";
import * as path from "path";

/**
 * tsx checks every module it loads for ES module syntax (cdktf's and the providers' files included), with a
 * WebAssembly lexer once that has compiled, asynchronously, at start-up, and with a JavaScript fallback several
 * times slower until then (tsx dist/register: parseEsm). Loading the app after a short pause lets the fast one
 * do it: about 0.2 s of a 1.5 s synth (npm run bench). Were the lexer not ready, only the time would change.
 */
const LEXER_WARM_UP_MS = 10;

setTimeout(() => {
  // require, not import(): tsx leaves a dynamic import() to Node's ES module loader, which does not resolve .ts.
  const { buildApp } = require("./src/app") as typeof import("./src/app");
  const { environmentsDirFrom } = require("./src/config/environment-directory") as typeof import("./src/config/environment-directory");
  const { EnvironmentFileError } = require("./src/config/problems") as typeof import("./src/config/problems");
  const { synthOrExit } = require("./src/synth/run") as typeof import("./src/synth/run");
  synthOrExit(() => {
    // ENVIRONMENTS_DIR lets one checkout synthesize another set of environment files.
    const where = environmentsDirFrom(process.env.ENVIRONMENTS_DIR, path.join(__dirname, "environments"));
    if ("problem" in where) {
      const { outdirOf } = require("./src/app") as typeof import("./src/app");
      const { removePolicyReports } = require("./src/policy/report/write") as typeof import("./src/policy/report/write");
      removePolicyReports(outdirOf({}));
      throw new EnvironmentFileError([where.problem]);
    }
    buildApp({ environmentsDir: where.directory }).synth();
  });
}, LEXER_WARM_UP_MS);
