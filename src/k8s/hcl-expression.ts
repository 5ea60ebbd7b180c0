import { splitTemplate, type TemplatePiece } from "../terraform/template";

/**
 * Renders a resolved JSON value (a Kubernetes manifest whose references are "${...}" strings) as an HCL
 * expression, for `cdktf synth --hcl`.
 *
 * Why: cdktf 0.21's HCL renderer writes map values of `kubernetes_manifest` by guessing: it leaves newlines and
 * backslashes unescaped (a shell script or SQL becomes invalid HCL), and emits strings that look like numbers
 * unquoted (an env var "5432" would turn into a number). Terraform JSON and HCL must mean the same thing, so
 * this renderer keeps the JSON semantics exactly:
 * - a string that is one whole interpolation, "${expr}", becomes the bare expression `expr`;
 * - interpolation inside text becomes join("", [...]) of literal parts and bare expressions;
 * - everything else is a quoted HCL string with \\ \" \n \r \t escaped.
 * The output never contains "${", which cdktf's renderer would otherwise take for a template to re-quote.
 */
export function toHclExpression(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return stringExpression(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${toHclExpression(item, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([key, item]) => `${inner}${objectKey(key)} = ${toHclExpression(item, inner)}`);
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** A key as HCL writes it: bare when it is an identifier, quoted otherwise ("app.kubernetes.io/name"). */
function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : quote(key);
}

function stringExpression(text: string): string {
  const parts = splitTemplate(text).flatMap(splitLiteralDollarBrace);
  if (parts.length === 1) return "expression" in parts[0] ? parts[0].expression.trim() : quote(parts[0].literal);
  return `join("", [${parts.map((part) => ("literal" in part ? quote(part.literal) : part.expression.trim())).join(", ")}])`;
}

/** A literal "${" cannot be written in an HCL string without "${" ("$${"), so it is split across two parts. */
function splitLiteralDollarBrace(part: TemplatePiece): TemplatePiece[] {
  if (!("literal" in part) || !part.literal.includes("${")) return [part];
  const pieces = part.literal.split("${");
  return pieces.map((piece, index) => ({
    literal: `${index > 0 ? "{" : ""}${piece}${index < pieces.length - 1 ? "$" : ""}`,
  }));
}

/** A quoted HCL string holding exactly `text` ("%{" is a template directive in JSON and HCL alike: kept). */
function quote(text: string): string {
  const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what HCL needs escaped
  const escaped = text.replace(/[\\"\u0000-\u001f]/g, (char) => named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${escaped}"`;
}
