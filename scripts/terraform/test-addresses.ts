/**
 * Resolves hash-free resource addresses in a .tftest.hcl file to the logical ids cdktf synthesized.
 *
 * cdktf names a resource "<construct path joined by _>_<8 hex digits>", e.g. aws_db_instance.database_instance_D7FC2283.
 * Test files write aws_db_instance.database_instance; this module rewrites each such reference to the one
 * synthesized id that is the name plus a hash. A reference that matches nothing (a construct was renamed or
 * removed) is an error naming the file, the line and the ids that do exist for that type.
 */

export interface SynthesizedAddresses {
  /** resource type -> logical ids; data sources under "data.<type>". */
  readonly [type: string]: readonly string[];
}

/** The addresses of a synthesized cdk.tf.json. */
export function addressesOf(config: any): SynthesizedAddresses {
  const addresses: Record<string, string[]> = {};
  for (const [type, byId] of Object.entries<any>(config.resource ?? {})) addresses[type] = Object.keys(byId);
  for (const [type, byId] of Object.entries<any>(config.data ?? {})) addresses[`data.${type}`] = Object.keys(byId);
  return addresses;
}

export class UnresolvedAddressError extends Error {}

// (data.)?<type>.<name>, where the type looks like a Terraform resource type (provider prefix + underscore).
const REFERENCE = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;
const HASH_SUFFIX = /^_[0-9A-F]{8}$/;

/** Rewrites every hash-free address of `text`; throws UnresolvedAddressError listing every unknown one. */
export function resolveAddresses(text: string, addresses: SynthesizedAddresses, file: string): string {
  const problems: string[] = [];
  const lines = text.split("\n").map((line, index) => {
    if (/^\s*(#|\/\/)/.test(line)) return line; // comments may mention addresses in prose
    return line.replace(REFERENCE, (match, type: string, name: string) => {
      const ids = addresses[type];
      if (ids === undefined) return match; // not a resource type of this stack (an attribute path, a function)
      if (ids.includes(name)) return match; // already a full logical id
      const candidates = ids.filter((id) => id.startsWith(name) && HASH_SUFFIX.test(id.slice(name.length)));
      if (candidates.length === 1) return `${type}.${candidates[0]}`;
      problems.push(
        `${file}:${index + 1}: ${type}.${name} ${candidates.length === 0 ? "matches no synthesized resource" : `is ambiguous (${candidates.join(", ")})`}; ` +
          `${type} ids in the stack, without their hash: ${ids.map(withoutHash).join(", ")}`,
      );
      return match;
    });
  });
  if (problems.length > 0) {
    throw new UnresolvedAddressError(
      `${problems.join("\n")}\nFix: use the construct path of the resource with "_" for "/" and without the trailing hash.`,
    );
  }
  return lines.join("\n");
}

function withoutHash(id: string): string {
  return HASH_SUFFIX.test(id.slice(-9)) ? id.slice(0, -9) : id;
}
