import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config/load";
import { configureBackend } from "./backend";
import { projectTags } from "./project-tags";

/** Terraform >= 1.10: S3-native state locking (use_lockfile), and `terraform test` with mock providers. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10";

/**
 * Base of the project's stacks: one environment's state backend, its AWS provider (region, and the default
 * tags every AWS resource carries), and the Terraform version pinned in both outputs.
 *
 * Why not addOverride("terraform.required_version", ...): cdktf 0.21 renders any override of a terraform-block
 * attribute as `0 = "required_version"` in `cdktf synth --hcl` (renderTerraform passes key names, not
 * attributes), which Terraform cannot parse. JSON output is patched as data, HCL by inserting the attribute as
 * the first line of the terraform block, which renderTerraform always writes first.
 */
export abstract class EnvironmentStack extends TerraformStack {
  readonly environment: Environment;

  constructor(scope: Construct, id: string, environment: Environment) {
    super(scope, id);
    this.environment = environment;
    const { config } = environment;
    configureBackend(this, config.backend);
    new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: [{ tags: { ...config.tags, ...projectTags(environment.name) } }],
    });
  }

  toTerraform(): any {
    const config = super.toTerraform();
    config.terraform = { required_version: REQUIRED_TERRAFORM_VERSION, ...config.terraform };
    return config;
  }

  toHclTerraform(): any {
    const rendered = super.toHclTerraform();
    if (!rendered.hcl.startsWith("terraform {\n")) {
      throw new Error(`${this.node.path}: unexpected HCL layout from cdktf, cannot pin required_version`);
    }
    return {
      ...rendered,
      hcl: rendered.hcl.replace("terraform {\n", `terraform {\n  required_version = "${REQUIRED_TERRAFORM_VERSION}"\n`),
    };
  }
}
