import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { TerraformStack } from "cdktf";
import { buildApp } from "../src/app";
import type { Environment } from "../src/config/load";
import { chainMarkdown } from "../src/policy/report/chain-diagram";
import { ALL_RULES } from "../src/policy/rules";
import { rulesMarkdown } from "../src/policy/docs/rules-table";

/**
 * The committed documentation the policy layer generates (npm run docs:chain), keyed by path relative to the
 * repository root. Here in scripts/, built on the app, so that the verifier in src/policy never imports the app.
 */
export function generatedDocs(environment: Environment): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-docs-"));
  try {
    const app = buildApp({ environments: [environment], outdir, log: () => {} });
    for (const stack of app.node.children) (stack as TerraformStack).prepareStack();
    const result = app.policy.evaluateEnvironment(environment.name);
    return {
      "docs/policy-rules.md": rulesMarkdown(ALL_RULES),
      [`docs/security-chain-${environment.name}.md`]: chainMarkdown(result.model, result.findings, ALL_RULES),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
