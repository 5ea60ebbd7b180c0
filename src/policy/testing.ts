import { TerraformStack } from "cdktf";
import type { PolicyCheckedApp } from "./checked-app";
import { runAspects } from "./run-aspects";
import type { Finding } from "./types";

/**
 * Every finding of every environment of a checked app, for assertions in a project's own tests: what
 * `app.synth()` would report, without writing anything or throwing. Each stack is prepared as synth prepares it
 * (cross-stack references become outputs and remote state), so the chain is followed across stacks, and its
 * aspects run as synth runs them; stacks no environment names are checked together, as synth checks them.
 * Suppressed findings are included, with their `suppression`.
 *
 *   const errors = policyFindings(app).filter((f) => f.level === "error" && !f.suppression);
 *   expect(errors).toEqual([]);
 */
export function policyFindings(app: PolicyCheckedApp): Finding[] {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  for (const stack of stacks) stack.prepareStack();
  app.policy.coverUnassigned(stacks);
  // Synth runs each stack's aspects before it renders it, and a project's aspect may change what is checked.
  for (const stack of stacks) runAspects(stack, app.policy);
  return app.policy.allResults().flatMap((result) => result.findings);
}
