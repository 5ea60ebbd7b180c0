/**
 * S3 general purpose bucket names (Amazon S3 user guide, "General purpose bucket naming rules"): 3 to 63
 * characters; lower-case letters, digits, dots and hyphens; a letter or digit first and last; no two adjacent
 * periods; not formatted as an IP address; not starting with "xn--", "sthree-" or "amzn-s3-demo-"; not ending with
 * "-s3alias" (access point aliases), "--ol-s3" (Object Lambda), ".mrap" (Multi-Region Access Points) or
 * "--x-s3" (directory buckets).
 */
export const RESERVED_BUCKET_PREFIXES: readonly string[] = ["xn--", "sthree-", "amzn-s3-demo-"];
export const RESERVED_BUCKET_SUFFIXES: readonly string[] = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];

/** Why S3 would refuse (or never have created) a bucket of this name, or undefined. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `has ${name.length} characters; S3 bucket names have 3 to 63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return 'holds characters S3 bucket names cannot have (only lower-case letters, digits, "." and "-")';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "does not begin and end with a letter or digit, as S3 bucket names must";
  if (name.includes("..")) return "has two adjacent periods, which S3 bucket names cannot have";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "is formatted as an IP address, which S3 bucket names cannot be";
  const prefix = RESERVED_BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `starts with "${prefix}", a prefix S3 reserves`;
  const suffix = RESERVED_BUCKET_SUFFIXES.find((p) => name.endsWith(p));
  if (suffix) return `ends with "${suffix}", a suffix S3 reserves for access point and other aliases`;
  return undefined;
}
