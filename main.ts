/**
 * Entry point of `cdktf synth`: one platform and one workload stack per file in environments/.
 * Composition only; everything else lives in src/.
 */
import * as path from "path";
import { buildApp } from "./src/app";
import { environmentsDirFrom } from "./src/config/environment-directory";
import { EnvironmentFileError } from "./src/config/problems";
import { synthOrExit } from "./src/synth/run";

// tsx turns on source-mapped stack traces; cdktf captures a full stack trace for every token it creates, and
// mapping those costs about a third of synth time. Crashes then point into transpiled code: set
// SYNTH_SOURCE_MAPS=1 when you need TypeScript line numbers.
process.setSourceMapsEnabled(process.env.SYNTH_SOURCE_MAPS === "1");

synthOrExit(() => {
  // ENVIRONMENTS_DIR lets one checkout synthesize another set of environment files.
  const where = environmentsDirFrom(process.env.ENVIRONMENTS_DIR, path.join(__dirname, "environments"));
  if ("problem" in where) throw new EnvironmentFileError([where.problem]);
  buildApp({ environmentsDir: where.directory }).synth();
});
