/** Version strings of EKS add-ons ("v1.19.2-eksbuild.1") reduced to what can be compared. */

/** "v1.19.2-eksbuild.1" -> "1.19.2"; undefined when the string is not an add-on version. */
export function parseCniVersion(value: string): string | undefined {
  const match = /^v(\d+\.\d+\.\d+)(-eksbuild\.\d+)?$/.exec(value);
  return match?.[1];
}

/** Numeric comparison of dotted versions: negative, zero or positive like a sort comparator. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
