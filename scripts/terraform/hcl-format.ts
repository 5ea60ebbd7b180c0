/**
 * Is a synthesized cdk.tf valid and formatted HCL, as `terraform fmt` sees it?
 *
 * Two rewrites of `terraform fmt` are tolerated, because cdktf 0.21 produces them on every stack and no
 * project code can change that, so `terraform fmt -check` alone could never pass on cdktf HCL:
 * - it unwraps an attribute whose whole value is a single interpolation ("${aws_vpc.x.id}" -> aws_vpc.x.id,
 *   the 0.11-style "interpolation-only expression"; terraform internal/command/fmt.go, formatValueExpr):
 *   cdktf renders every reference that way;
 * - it ends the file with a newline: cdktf's HCL (raw and after @cdktf/hcl-tools) ends with "}".
 * Everything else (syntax errors, indentation, alignment, spacing, blank lines) must match `terraform fmt`.
 */
import type { Terraform } from "./terraform-cli";
import { runTerraformSync } from "./terraform-cli";

export interface FormatVerdict {
  /** terraform fmt could parse the file. */
  readonly parses: boolean;
  /** Parse errors (when !parses) or a short diff against `terraform fmt` output (when formatted is false). */
  readonly details: string;
  readonly formatted: boolean;
  /** How many interpolation-only values `terraform fmt` would unwrap (tolerated). */
  readonly interpolationOnlyValues: number;
  /** The file lacks the final newline `terraform fmt` adds (tolerated). */
  readonly missingFinalNewline: boolean;
  readonly seconds: number;
}

export function checkHclFormat(terraform: Terraform, hcl: string, cwd: string): FormatVerdict {
  const result = runTerraformSync(terraform, ["fmt", "-no-color", "-"], cwd, hcl);
  if (result.code !== 0) {
    const details = result.stderr.trim();
    return { parses: false, formatted: false, details, interpolationOnlyValues: 0, missingFinalNewline: false, seconds: result.seconds };
  }
  const expected = unwrapInterpolationOnlyValues(hcl);
  const missingFinalNewline = !hcl.endsWith("\n");
  const diff = lineDiff(missingFinalNewline ? `${expected.text}\n` : expected.text, result.stdout);
  return {
    parses: true,
    formatted: diff === "",
    details: diff,
    interpolationOnlyValues: expected.count,
    missingFinalNewline,
    seconds: result.seconds,
  };
}

/**
 * Applies the one rewrite we tolerate to `hcl`: `name = "${expr}"` on one line, where the quoted template is
 * exactly one interpolation (no literal text, no second interpolation outside nested strings), becomes
 * `name = expr`. Like terraform fmt, only whole attribute values, never list elements or object fields.
 * Heredoc bodies are left alone.
 */
export function unwrapInterpolationOnlyValues(hcl: string): { text: string; count: number } {
  let count = 0;
  let heredocEnd: string | undefined;
  // What each open bracket started: a block body (attributes inside) or an expression (list, object, call).
  const open: Array<"block" | "expression"> = [];
  const lines = hcl.split("\n").map((line) => {
    if (heredocEnd !== undefined) {
      if (line.trim() === heredocEnd) heredocEnd = undefined;
      return line;
    }
    const inBlockBody = open.length === 0 || open[open.length - 1] === "block";
    trackBrackets(line, open);
    const heredoc = /<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(line);
    if (heredoc) {
      heredocEnd = heredoc[1];
      return line;
    }
    const attribute = /^(\s*[A-Za-z_][A-Za-z0-9_-]*\s*=\s*)(".*")\s*$/.exec(line);
    if (!inBlockBody || !attribute) return line;
    const inner = singleInterpolation(attribute[2]);
    if (inner === undefined) return line;
    count++;
    return attribute[1] + inner.trim();
  });
  return { text: lines.join("\n"), count };
}

const BLOCK_HEADER = /^\s*[A-Za-z_][A-Za-z0-9_-]*(\s+("[^"]*"|[A-Za-z_][A-Za-z0-9_-]*))*\s*\{\s*$/;

/** Updates the stack of open brackets with those of one line (strings skipped). */
function trackBrackets(line: string, open: Array<"block" | "expression">): void {
  const insideExpression = open.length > 0 && open[open.length - 1] === "expression";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      const end = endOfString(line, i);
      if (end < 0) return; // an unterminated string: terraform fmt reports it
      i = end;
    } else if (c === "#" || (c === "/" && line[i + 1] === "/")) {
      return;
    } else if (c === "{") {
      open.push(!insideExpression && BLOCK_HEADER.test(line) ? "block" : "expression");
    } else if (c === "[" || c === "(") {
      open.push("expression");
    } else if (c === "}" || c === "]" || c === ")") {
      open.pop();
    }
  }
}

/** If `quoted` ("...") is exactly "${expr}", returns expr. */
function singleInterpolation(quoted: string): string | undefined {
  if (!quoted.startsWith('"${')) return undefined;
  const close = endOfInterpolation(quoted, 1);
  if (close !== quoted.length - 2) return undefined;
  return quoted.slice(3, close);
}

/** `text[start]` is the "$" of "${"; returns the index of the matching "}", or -1. */
function endOfInterpolation(text: string, start: number): number {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = endOfString(text, i);
      if (i < 0) return -1;
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** `text[start]` is an opening quote; returns the index of its closing quote, or -1. */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') return i;
    else if (c === "$" && text[i + 1] === "{") {
      i = endOfInterpolation(text, i);
      if (i < 0) return -1;
    }
  }
  return -1;
}

/** At most `count` lines of `text`, saying how many were left out. */
export function firstLines(text: string, count = 30): string {
  const lines = text.split("\n");
  if (lines.length <= count) return text;
  return `${lines.slice(0, count).join("\n")}\n... (${lines.length - count} more lines)`;
}

/** The first differing lines of two texts, with line numbers; "" when equal. */
function lineDiff(expected: string, actual: string, limit = 12): string {
  if (expected === actual) return "";
  const a = expected.split("\n");
  const b = actual.split("\n");
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < limit * 2; i++) {
    if (a[i] === b[i]) continue;
    out.push(`line ${i + 1}: cdktf:          ${JSON.stringify(a[i] ?? "<end of file>")}`);
    out.push(`line ${i + 1}: terraform fmt:  ${JSON.stringify(b[i] ?? "<end of file>")}`);
  }
  return out.join("\n");
}
