/**
 * Tags the project puts on every AWS resource through the AWS provider's default_tags, so they must satisfy the
 * strictest service that gets them:
 * - at most 50 tags per resource, keys of 1 to 128 characters, values of 0 to 256 (AWS General Reference,
 *   "Tagging your AWS resources": tag naming limits and requirements);
 * - "Tag keys and values can include letters, numbers, spaces, and the following characters: _ . : / = + - @"
 *   ("spaces" being Unicode's separators, \p{Z}, in the API's pattern)
 *   (the allowed set of IAM, the strictest of the services here; EC2 would allow more);
 * - the prefix aws: is reserved, in any case, for keys; IAM refuses it in values too;
 * - IAM compares tag keys ignoring case, so "Env" and "env" on one role are one key twice.
 */

export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/**
 * IAM's own pattern (TagKey and TagValue in the IAM API reference; RDS and CloudWatch Logs use the same one):
 * [\p{L}\p{Z}\p{N}_.:/=+\-@]*, letters and numbers of any script and every Unicode separator (\p{Z}: spaces
 * such as U+00A0 and U+3000, and the line and paragraph separators U+2028/U+2029), plus the listed symbols.
 */
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const length = (text: string) => [...text].length;

export function tagKeyProblem(key: string): string | undefined {
  if (length(key) < 1 || length(key) > MAX_TAG_KEY_LENGTH)
    return `is ${length(key)} characters long; AWS tag keys have 1 to ${MAX_TAG_KEY_LENGTH}`;
  if (/^aws:/i.test(key)) return "starts with aws:, which AWS reserves for its own tags";
  if (!ALLOWED.test(key)) return "holds characters AWS does not allow in tags (letters, numbers, spaces and _ . : / = + - @ only)";
  return undefined;
}

export function tagValueProblem(value: string): string | undefined {
  if (length(value) > MAX_TAG_VALUE_LENGTH)
    return `is ${length(value)} characters long; AWS tag values have at most ${MAX_TAG_VALUE_LENGTH}`;
  if (/^aws:/i.test(value)) return "starts with aws:, which IAM refuses in tag values";
  if (!ALLOWED.test(value)) return "holds characters AWS does not allow in tags (letters, numbers, spaces and _ . : / = + - @ only)";
  return undefined;
}
