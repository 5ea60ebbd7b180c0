/**
 * Entry point of `cdktf synth`: one platform and one workload stack per file in environments/.
 * Composition only; everything else lives in src/.
 */
import * as path from "path";
import { EnvironmentFileError } from "./src/config/problems";
import { buildApp } from "./src/app";

try {
  // ENVIRONMENTS_DIR lets one checkout synthesize another set of environment files.
  buildApp({ environmentsDir: process.env.ENVIRONMENTS_DIR ?? path.join(__dirname, "environments") }).synth();
} catch (error) {
  if (!(error instanceof EnvironmentFileError)) throw error;
  console.error(error.message);
  process.exit(1);
}
