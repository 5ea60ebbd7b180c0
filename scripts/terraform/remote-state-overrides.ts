/**
 * `terraform test` of one stack, alone: the cross-stack references cdktf wrote as `terraform_remote_state` data
 * sources would read another stack's state file, which a test does not have. The test gets an override_data
 * block for each of them instead, with realistic values for the outputs the stack reads (the provider validates
 * ARNs): the value of a producer's output is `${<type>.<id>.<attribute>}`, and a mock is made for that.
 */

const ACCOUNT = "123456789012";

/** A value AWS would return for `<type>.<attribute>` of the producer's resource `config`. */
function mockValue(type: string, attribute: string, config: any, region: string): string {
  const name = typeof config?.name === "string" ? config.name : "mock";
  if (attribute === "arn") {
    switch (type) {
      case "aws_kms_key":
        return `arn:aws:kms:${region}:${ACCOUNT}:key/${mockUuid(name + type)}`;
      case "aws_cloudwatch_log_group":
        return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`;
      case "aws_secretsmanager_secret":
        return `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${name}-AbCdEf`;
      case "aws_iam_role":
        return `arn:aws:iam::${ACCOUNT}:role/${name}`;
    }
  }
  if (type === "aws_kms_key" && attribute === "key_id") return mockUuid(name + type);
  return `mock-${type}-${attribute}`;
}

/** A UUID-shaped id, the same for the same seed. */
function mockUuid(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hex = hash.toString(16).padStart(8, "0");
  return `${hex}-0000-4000-8000-${hex}0000`;
}

/** override_data blocks (HCL) for every remote state of `consumer`, from the producers' synthesized JSON. */
export function remoteStateOverrides(consumer: any, producers: ReadonlyMap<string, any>, region: string): string {
  const text = JSON.stringify(consumer);
  const blocks: string[] = [];
  for (const name of Object.keys(consumer.data?.terraform_remote_state ?? {})) {
    const producer = producers.get(name.replace(/^cross-stack-reference-input-/, ""));
    if (!producer) throw new Error(`${name}: no producer stack among ${[...producers.keys()].join(", ")}`);
    const read = new Set(
      [...text.matchAll(new RegExp(`data\\.terraform_remote_state\\.${name}\\.outputs\\.([\\w-]+)`, "g"))].map((m) => m[1]),
    );
    const outputs = [...read].sort().map((output) => {
      const value = String(producer.output?.[output]?.value ?? "");
      const match = /^\$\{([a-z0-9_]+)\.([\w-]+)\.([\w[\].]+)\}$/.exec(value);
      if (!match) throw new Error(`${name}: output ${output} is not a single attribute reference (${value})`);
      const [, type, id, attribute] = match;
      return `      "${output}" = "${mockValue(type, attribute, producer.resource?.[type]?.[id], region)}"`;
    });
    blocks.push(
      `override_data {\n  target = data.terraform_remote_state.${name}\n  values = {\n    outputs = {\n${outputs.join("\n")}\n    }\n  }\n}\n`,
    );
  }
  return blocks.join("\n");
}
