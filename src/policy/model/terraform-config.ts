/**
 * A synthesized stack as Terraform JSON (what `stack.toTerraform()` returns, "//" metadata kept): the same
 * input Checkov reads, so the rules see exactly what Terraform will plan, escape hatches included.
 */

export type BlockKind = "resource" | "data";

/** One `resource` or `data` block, mapped back to the construct that wrote it. */
export interface TerraformBlock {
  readonly stack: string;
  readonly kind: BlockKind;
  readonly type: string;
  /** Logical id ("database_instance_D7FC2283"). */
  readonly name: string;
  /** Terraform address: "aws_db_instance.database_instance_D7FC2283", "data.aws_iam_policy_document.x". */
  readonly address: string;
  /** Construct path ("dev-platform/database/instance"); the stack name when cdktf wrote no metadata. */
  readonly path: string;
  readonly config: Record<string, any>;
}

export function blockAddress(kind: BlockKind, type: string, name: string): string {
  return `${kind === "data" ? "data." : ""}${type}.${name}`;
}

export class StackConfig {
  private readonly byAddress = new Map<string, TerraformBlock>();
  private readonly byType = new Map<string, TerraformBlock[]>();

  constructor(
    readonly name: string,
    readonly json: Record<string, any>,
  ) {
    for (const kind of ["resource", "data"] as const) {
      for (const [type, blocks] of Object.entries<Record<string, any>>(json[kind] ?? {})) {
        for (const [logicalId, config] of Object.entries<Record<string, any>>(blocks ?? {})) {
          const address = blockAddress(kind, type, logicalId);
          const block: TerraformBlock = {
            stack: name,
            kind,
            type,
            name: logicalId,
            address,
            path: String(config?.["//"]?.metadata?.path ?? name),
            config: config ?? {},
          };
          this.byAddress.set(address, block);
          const key = `${kind}:${type}`;
          this.byType.set(key, [...(this.byType.get(key) ?? []), block]);
        }
      }
    }
  }

  resources(type: string): TerraformBlock[] {
    return this.byType.get(`resource:${type}`) ?? [];
  }

  dataSources(type: string): TerraformBlock[] {
    return this.byType.get(`data:${type}`) ?? [];
  }

  block(address: string): TerraformBlock | undefined {
    return this.byAddress.get(address);
  }

  /**
   * The literal region of the AWS provider a block runs with: `provider` is the block's meta-argument
   * ("aws.<alias>"), undefined for the default provider. Undefined when the region is not a literal.
   */
  providerRegion(provider?: unknown): string | undefined {
    const alias = typeof provider === "string" ? /^aws\.(.+)$/.exec(provider)?.[1] : undefined;
    const configs: any[] = [this.json.provider?.aws ?? []].flat();
    const config = configs.find((c) => (alias === undefined ? c?.alias === undefined : c?.alias === alias));
    const region = config?.region;
    return typeof region === "string" && !region.includes("${") ? region : undefined;
  }

  /** The value expression of an output ("${aws_iam_role.x.arn}"). */
  output(name: string): unknown {
    return this.json.output?.[name]?.value;
  }
}
