/**
 * Entry point of `cdktf synth`: one platform and one workload stack per file in environments/.
 * Composition only; everything else lives in src/.
 */
import * as path from "path";
import { EnvironmentFileError } from "./src/config/problems";
import { buildApp } from "./src/app";

try {
  buildApp({ environmentsDir: path.join(__dirname, "environments") }).synth();
} catch (error) {
  if (!(error instanceof EnvironmentFileError)) throw error;
  console.error(error.message);
  process.exit(1);
}
