/**
 * Terraform string templates ("${...}" interpolations inside strings), cut into literal text and expressions.
 *
 * The one parser of `${...}` in src/: the HCL renderer (k8s/hcl-expression.ts) turns the pieces into HCL, the
 * policy model (policy/model/references.ts) follows the references inside the expressions. Rules, from the
 * Terraform language documentation ("Strings and Templates"):
 * - `${` opens an interpolation that ends at its matching `}`; braces nest, and quoted strings inside the
 *   expression may hold braces (a `"}"` does not close it);
 * - `$${` is the escape for a literal `${`;
 * - an interpolation that is never closed is not one: the rest of the text is literal.
 * `%{` directives are left in the literal text; cdktf never writes them.
 */

/** A piece of a template: literal text, or the source of one interpolation (between `${` and `}`). */
export type TemplatePiece = { readonly literal: string } | { readonly expression: string };

/** Cuts `text` into pieces. Adjacent literal text is one piece; "" is one empty literal. */
export function splitTemplate(text: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      literal += "${";
      i += 3;
      continue;
    }
    if (text.startsWith("${", i)) {
      const end = closingBrace(text, i + 2);
      if (end >= 0) {
        if (literal) pieces.push({ literal });
        literal = "";
        pieces.push({ expression: text.slice(i + 2, end) });
        i = end + 1;
        continue;
      }
      literal += text.slice(i);
      break;
    }
    literal += text[i];
    i += 1;
  }
  if (literal || pieces.length === 0) pieces.push({ literal });
  return pieces;
}

/** Index of the `}` that closes an interpolation whose body starts at `from`, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === "\\") i += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "{") depth += 1;
    else if (char === "}" && --depth === 0) return i;
  }
  return -1;
}
