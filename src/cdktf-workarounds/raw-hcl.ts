/**
 * A value cdktf's HCL renderer writes as it is, not quoted: an attribute of `type: "reference"` (lib/hcl/render.js,
 * renderAttributes: `${name} = ${value}`). For expressions that take no template (an import block's `to`) or that
 * cdktf's guessing renderer would break (multi-line manifests). The value must not hold a cdktf token that
 * resolves to "${...}": that path quotes it again.
 */
export function rawHclExpression(value: string): { value: string; isBlock: false; type: "reference"; storageClassType: string } {
  return { value, isBlock: false, type: "reference", storageClassType: "anyMap" };
}
