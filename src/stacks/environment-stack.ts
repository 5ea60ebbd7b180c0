import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { withRequiredVersionHcl, withRequiredVersionJson } from "../cdktf-workarounds";
import type { Environment } from "../config/load";
import { configureBackend } from "./backend";
import { projectTags } from "./project-tags";

/** Terraform >= 1.10: S3-native state locking (use_lockfile), and `terraform test` with mock providers. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10";

/**
 * Base of the project's stacks: one environment's state backend, its AWS provider (region, and the default
 * tags every AWS resource carries), and the Terraform version pinned in both outputs.
 * (required_version: src/cdktf-workarounds/required-version.ts says why it is not an override.)
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
    return withRequiredVersionJson(super.toTerraform(), REQUIRED_TERRAFORM_VERSION);
  }

  toHclTerraform(): any {
    return withRequiredVersionHcl(super.toHclTerraform(), REQUIRED_TERRAFORM_VERSION, this.node.path);
  }
}
