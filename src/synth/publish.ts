/**
 * Moves a staged synth into the output directory without touching what synth did not write. A stack folder of
 * cdktf.out is also Terraform's working directory: `.terraform/` (providers, modules), `.terraform.lock.hcl`
 * (the lock file a team commits) and, with `new LocalBackend(stack, { path: "terraform.tfstate" })`, the state
 * itself live there. Plain cdktf keeps them: its synthesizer writes its files into the existing folder
 * (cdktf lib/synthesize/synthesizer.js), and the CLI only removes the folders of stacks that no longer exist
 * (@cdktf/cli-core lib/synth-stack.js, orphanedDirectories).
 */
import * as fs from "fs";
import * as path from "path";
import { Manifest } from "cdktf";

/**
 * The files cdktf's synthesizer writes into a stack folder, in either output format: `cdk.tf.json` (JSON), or
 * `cdk.tf` and `metadata.json` (--hcl). Publishing one format removes the other's files, which an earlier synth
 * wrote: Terraform reads every *.tf and *.tf.json of the folder, and both together declare everything twice.
 */
export const SYNTH_OUTPUT_FILES: readonly string[] = ["cdk.tf.json", "cdk.tf", Manifest.stackMetadataPath];

/** Publishes every staged stack folder and manifest.json; everything else in the output directory stays. */
export function publishStaged(staging: string, outdir: string): void {
  const stagedStacks = path.join(staging, Manifest.stacksFolder);
  for (const stack of fs.existsSync(stagedStacks) ? fs.readdirSync(stagedStacks) : []) {
    publishStackFolder(path.join(stagedStacks, stack), path.join(outdir, Manifest.stacksFolder, stack));
  }
  fs.mkdirSync(outdir, { recursive: true });
  fs.renameSync(path.join(staging, Manifest.fileName), path.join(outdir, Manifest.fileName));
}

function publishStackFolder(staged: string, target: string): void {
  fs.mkdirSync(target, { recursive: true });
  const produced = fs.readdirSync(staged);
  for (const stale of SYNTH_OUTPUT_FILES.filter((name) => !produced.includes(name))) {
    fs.rmSync(path.join(target, stale), { force: true });
  }
  for (const name of produced) {
    const destination = path.join(target, name);
    // A folder synth produces (cdktf's assets/) is replaced whole, as cdktf replaces an asset's versions.
    if (fs.statSync(path.join(staged, name)).isDirectory()) fs.rmSync(destination, { recursive: true, force: true });
    fs.renameSync(path.join(staged, name), destination);
  }
}
