import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { TerraformStack } from "cdktf";
import { buildApp } from "../../app";
import type { Environment } from "../../config/load";
import { chainMarkdown } from "../report/chain-diagram";
import { ALL_RULES } from "../rules";
import { rulesMarkdown } from "./rules-table";

/** The committed documentation the policy layer generates, keyed by path relative to the repository root. */
export function generatedDocs(environment: Environment): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-docs-"));
  try {
    const app = buildApp({ environments: [environment], outdir, log: () => {} });
    for (const stack of app.node.children) (stack as TerraformStack).prepareStack();
    const result = app.policy.evaluateEnvironment(environment.name);
    return {
      "docs/policy-rules.md": rulesMarkdown(ALL_RULES),
      [`docs/security-chain-${environment.name}.md`]: chainMarkdown(result.model, result.findings),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
