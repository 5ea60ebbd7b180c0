/**
 * `terraform.required_version` in a stack. Why not addOverride("terraform.required_version", ...): cdktf 0.21
 * renders any override of a terraform-block attribute as `0 = "required_version"` in `cdktf synth --hcl`
 * (renderTerraform passes key names, not attributes), which Terraform cannot parse. JSON is patched as data,
 * HCL by inserting the attribute as the first line of the terraform block, which renderTerraform always writes
 * first.
 */
export function withRequiredVersionJson(config: any, version: string): any {
  config.terraform = { required_version: version, ...config.terraform };
  return config;
}

export function withRequiredVersionHcl(rendered: any, version: string, where: string): any {
  if (!rendered.hcl.startsWith("terraform {\n")) {
    throw new Error(`${where}: unexpected HCL layout from cdktf, cannot pin required_version`);
  }
  return { ...rendered, hcl: rendered.hcl.replace("terraform {\n", `terraform {\n  required_version = "${version}"\n`) };
}
