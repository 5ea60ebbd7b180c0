/**
 * Entry point of `cdktf synth`: a retained, a platform and a workload stack per file in environments/.
 * Composition only; everything else lives in src/. cdktf runs it bundled, by plain node (scripts/synth-app.cjs).
 */
import * as path from "path";
import { skipTokenStackTraces } from "./src/cdktf-workarounds";
import { buildApp, outdirOf } from "./src/app";
import { environmentsDirFrom } from "./src/config/environment-directory";
import { EnvironmentFileError } from "./src/config/problems";
import { removePolicyReports } from "./src/policy/report/write";
import { synthOrExit } from "./src/synth/run";

skipTokenStackTraces();
synthOrExit(() => {
  // ENVIRONMENTS_DIR lets one checkout synthesize another set of environment files.
  const where = environmentsDirFrom(process.env.ENVIRONMENTS_DIR, path.join(__dirname, "environments"));
  if ("problem" in where) {
    removePolicyReports(outdirOf({}));
    throw new EnvironmentFileError([where.problem]);
  }
  buildApp({ environmentsDir: where.directory }).synth();
});
