/**
 * Every place the project works around cdktf 0.21 (or its tools), in one folder: each file says what upstream
 * does, where, and why the project cannot just use it; __tests__/cdktf-workarounds/contract.test.ts holds one test
 * per workaround that fails when upstream changes the behaviour it works around. This is the checklist for a move
 * to CDK Terrain (cdktn): run the contract tests against it, and drop what no longer applies.
 *
 * - annotation-errors.ts: the staged synth tells cdktf's "Encountered Annotations with level ERROR" from real
 *   failures by its message (cdktf has no error class for it).
 * - bare-reference.ts: replace_triggered_by written bare in JSON (cdktf writes "${...}", which Terraform's JSON
 *   syntax refuses); used by k8s/kubernetes-manifest.ts.
 * - hcl-output.ts: buildApp's hclOutput option sets SYNTH_HCL_OUTPUT while stacks are built (App's own option
 *   only names the manifest's files).
 * - import-if-exists.ts: import blocks with for_each (cdktf only writes fixed-id imports), raw in HCL.
 * - raw-hcl.ts: values cdktf's HCL renderer writes as they are (kubernetes_manifest's manifest, import blocks).
 * - required-version.ts: terraform.required_version without an override (broken in cdktf's HCL renderer).
 * - terraform-data.ts: terraform_data without cdktf's DataResource (which runs `terraform version` at synth).
 * - token-stack-traces.ts: no stack trace per token at synth (a quarter of a 25-environment synth).
 * Outside src/: scripts/synth-app.cjs bundles the app with esbuild (no TypeScript loader at synth time), and
 * __tests__/setup-first.ts calls skipTokenStackTraces() for jest, before cdktf loads (it imports the file, not
 * this index, which would load cdktf).
 */
export { isErrorAnnotationsFailure } from "./annotation-errors";
export { bareReference } from "./bare-reference";
export { withHclOutput } from "./hcl-output";
export { ImportIfExists } from "./import-if-exists";
export { rawHclExpression } from "./raw-hcl";
export { withRequiredVersionHcl, withRequiredVersionJson } from "./required-version";
export { TerraformData } from "./terraform-data";
export { skipTokenStackTraces } from "./token-stack-traces";
