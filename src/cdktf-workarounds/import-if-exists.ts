import { TerraformElement, type TerraformDataSource, type TerraformResource } from "cdktf";
import type { Construct } from "constructs";
import { rawHclExpression } from "./raw-hcl";

export interface ImportIfExistsProps {
  /** The resource of this stack that adopts the object. */
  readonly resource: TerraformResource;
  /** The import id of the object (a log group's name). */
  readonly importId: string;
  /** A data source of this stack, read at plan time, whose list attribute holds the id when the object exists. */
  readonly listedIn: { readonly dataSource: TerraformDataSource; readonly attribute: string };
}

/**
 * `import { for_each = <exists> ? [<id>] : []; to = <resource>; id = each.value }`: Terraform adopts the object
 * into state when it exists already and creates it otherwise (import blocks take a for_each known at plan time,
 * Terraform >= 1.7; an import of an object already in state is a no-op). For objects an AWS service may create
 * on its own, which `Create` would otherwise refuse ("ResourceAlreadyExistsException").
 *
 * cdktf 0.21 has import blocks only for a fixed id (TerraformResource.importFrom), so this element writes its own:
 * in JSON `to` is a bare address (Terraform's JSON syntax reads it as a reference, a template is refused), in
 * HCL a bare traversal ("A single static variable reference is required").
 */
export class ImportIfExists extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: ImportIfExistsProps,
  ) {
    super(scope, id);
  }

  /** Plain references (no cdktf tokens: the HCL renderer would quote them). */
  private get forEach(): string {
    const id = JSON.stringify(this.props.importId);
    const { dataSource, attribute } = this.props.listedIn;
    return `contains(data.${dataSource.terraformResourceType}.${dataSource.friendlyUniqueId}.${attribute}, ${id}) ? toset([${id}]) : toset([])`;
  }

  private get address(): string {
    return `${this.props.resource.terraformResourceType}.${this.props.resource.friendlyUniqueId}`;
  }

  toTerraform(): any {
    return { import: [{ for_each: `\${${this.forEach}}`, to: this.address, id: "${each.value}" }] };
  }

  /** Raw expressions (cdktf's renderer writes a `type: "reference"` value as it is): `to` takes no template. */
  toHclTerraform(): any {
    return {
      import: [{ for_each: rawHclExpression(this.forEach), to: rawHclExpression(this.address), id: rawHclExpression("each.value") }],
    };
  }
}
