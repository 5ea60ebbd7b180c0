/**
 * "${aws_x.y}" -> "aws_x.y": where Terraform's JSON syntax wants a bare reference (replace_triggered_by) and not
 * a template. Anything else is returned as it is.
 */
export function bareReference(value: string): string {
  const match = /^\$\{([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+(?:\[\d+\])?)\}$/.exec(value);
  return match ? match[1] : value;
}
