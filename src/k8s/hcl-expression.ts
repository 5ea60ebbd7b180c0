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

type Part = { literal: string } | { expression: string };

function stringExpression(text: string): string {
  const parts = splitInterpolations(text).flatMap(splitLiteralDollarBrace);
  if (parts.length === 1) return "expression" in parts[0] ? parts[0].expression : quote(parts[0].literal);
  return `join("", [${parts.map((part) => ("literal" in part ? quote(part.literal) : part.expression)).join(", ")}])`;
}

/** A literal "${" cannot be written in an HCL string without "${" ("$${"), so it is split across two parts. */
function splitLiteralDollarBrace(part: Part): Part[] {
  if (!("literal" in part) || !part.literal.includes("${")) return [part];
  const pieces = part.literal.split("${");
  return pieces.map((piece, index) => ({
    literal: `${index > 0 ? "{" : ""}${piece}${index < pieces.length - 1 ? "$" : ""}`,
  }));
}

/**
 * Splits a Terraform template string into literal text and ${...} interpolations (with balanced braces);
 * "$${" is Terraform's escape for a literal "${".
 */
function splitInterpolations(text: string): Part[] {
  const parts: Part[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      literal += "${";
      i += 3;
    } else if (text.startsWith("${", i)) {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        literal += text.slice(i);
        break;
      }
      if (literal) parts.push({ literal });
      literal = "";
      parts.push({ expression: text.slice(i + 2, end).trim() });
      i = end + 1;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  if (literal || parts.length === 0) parts.push({ literal });
  return parts;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") depth += 1;
    else if (char === "}" && --depth === 0) return i;
  }
  return -1;
}

/** A quoted HCL string holding exactly `text` ("%{" is a template directive in JSON and HCL alike: kept). */
function quote(text: string): string {
  const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  const escaped = text.replace(/[\\"\u0000-\u001f]/g, (char) => named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${escaped}"`;
}
