import { AnyMap, TerraformResource, type TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";

export interface TerraformDataProps extends TerraformMetaArguments {
  /** Stored in state and reflected in `output` after apply. */
  readonly input?: Record<string, unknown>;
  /** Any change replaces the resource. */
  readonly triggersReplace?: Record<string, unknown>;
}

/**
 * Terraform's built-in `terraform_data` resource (Terraform >= 1.4; the stacks require >= 1.10).
 *
 * Not cdktf's TerraformData: its constructor adds a validation that runs `terraform version` in a child process
 * for every instance at synth (cdktf lib/terraform-data-resource.js, ValidateTerraformVersion), which fails the
 * synth of a machine without Terraform on PATH ("Could not determine version of terraform") and costs about
 * 70 ms per resource: 1.8 s of a 25-environment synth.
 */
export class TerraformData extends TerraformResource {
  static readonly tfResourceType = "terraform_data";
  readonly output: AnyMap;
  private readonly props: TerraformDataProps;

  constructor(scope: Construct, id: string, props: TerraformDataProps = {}) {
    super(scope, id, {
      terraformResourceType: TerraformData.tfResourceType,
      terraformGeneratorMetadata: { providerName: "terraform" },
      dependsOn: props.dependsOn,
      lifecycle: props.lifecycle,
    });
    this.props = props;
    this.output = new AnyMap(this, "output");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: this.props.input, triggers_replace: this.props.triggersReplace };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const attribute = (value: unknown) =>
      value === undefined ? undefined : { value, isBlock: false, type: "map", storageClassType: "anyMap" };
    return { input: attribute(this.props.input), triggers_replace: attribute(this.props.triggersReplace) };
  }
}
