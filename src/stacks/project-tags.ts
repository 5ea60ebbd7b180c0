/** The tags every AWS resource of an environment carries (the AWS provider's default_tags), besides the file's own. */
export function projectTags(environment: string): Record<string, string> {
  return { environment, "managed-by": "cdktf" };
}

export const PROJECT_TAG_KEYS: readonly string[] = Object.keys(projectTags(""));
