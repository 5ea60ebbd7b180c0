import * as fs from "fs";
import * as path from "path";
import type { TerraformStack } from "cdktf";
import { buildApp, type BuildAppOptions } from "../../src/app";
import { WorkloadStack } from "../../src/stacks/workload-stack";
import { manifestsYaml, stackManifests } from "./manifests";

/** What was written: one file per environment. */
export interface ExportedManifests {
  readonly environment: string;
  readonly file: string;
  readonly objects: number;
}

/**
 * Builds every environment the way `cdktf synth` does (every file validated; a bad one throws the same
 * report), then writes each environment's workload manifests to `<directory>/<environment>.yaml`. The directory
 * is emptied first, so a removed environment leaves no stale file. The security policy is not evaluated here:
 * synth does that; this only gives other scanners something to read.
 */
export function exportManifests(options: BuildAppOptions & { readonly directory: string }): ExportedManifests[] {
  const app = buildApp(options);
  const stacks = app.node.children as TerraformStack[];
  // Cross-stack references become outputs and remote state lookups here, as in synth.
  for (const stack of stacks) stack.prepareStack();
  fs.rmSync(options.directory, { recursive: true, force: true });
  fs.mkdirSync(options.directory, { recursive: true });
  return stacks
    .filter((stack): stack is WorkloadStack => stack instanceof WorkloadStack)
    .map((stack) => {
      const environment = stack.environment.name;
      const manifests = stackManifests(stack);
      const file = path.join(options.directory, `${environment}.yaml`);
      const header = [
        `The Kubernetes objects of ${stack.node.id} (environment ${stack.environment.file}), written by npm run export:manifests for`,
        "scanners (kube-linter, kubescape, checkov --framework kubernetes). cdktf deploy applies them, not kubectl:",
        "values from the platform stack are Terraform references (${data.terraform_remote_state...}) until apply.",
      ];
      fs.writeFileSync(file, manifestsYaml(manifests, header));
      return { environment, file, objects: manifests.length };
    });
}
