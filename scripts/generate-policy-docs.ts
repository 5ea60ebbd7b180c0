/**
 * `npm run docs:chain`: regenerates docs/policy-rules.md and docs/security-chain-dev.md from the rules and the
 * shipped dev environment. A test fails when the committed copies are stale.
 */
import * as fs from "fs";
import * as path from "path";
import { validateEnvironmentFile } from "../src/config/load";
import { generatedDocs } from "./policy-docs";

const root = path.resolve(__dirname, "..");
const environment = validateEnvironmentFile(path.join(root, "environments", "dev.json"));
if ("problems" in environment) {
  console.error(`environments/dev.json is invalid: ${JSON.stringify(environment.problems)}`);
  process.exit(1);
}
for (const [file, content] of Object.entries(generatedDocs(environment))) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
  console.log(`wrote ${file}`);
}
