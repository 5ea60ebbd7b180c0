/**
 * cdktf decides JSON or HCL per stack from process.env.SYNTH_HCL_OUTPUT, read in the TerraformStack constructor
 * (cdktf lib/terraform-stack.js); App's `hclOutput` option only names the manifest's files. So an explicit
 * option sets the variable while the stacks are constructed, and restores it right after.
 */
export function withHclOutput(hcl: boolean | undefined, build: () => void): void {
  if (hcl === undefined) {
    build();
    return;
  }
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
  try {
    build();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}
