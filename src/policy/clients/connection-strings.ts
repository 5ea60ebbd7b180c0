import { splitTemplate } from "../../terraform/template";

/** The text of a value with every `${...}` replaced by a placeholder (an expression may hold "?" or "&"). */
export const literalText = (value: string) =>
  splitTemplate(value)
    .map((piece) => ("literal" in piece ? piece.literal : "TERRAFORM_EXPRESSION"))
    .join("");

/** Query parameters of a JDBC/libpq URI, last one winning as in pgJDBC's Driver.parseURL. */
export function queryOf(uri: string): Map<string, string> {
  const params = new Map<string, string>();
  const query = uri.includes("?") ? uri.slice(uri.indexOf("?") + 1) : "";
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const [key, ...rest] = pair.split("=");
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text);
      } catch {
        return text;
      }
    };
    params.set(decode(key), decode(rest.join("=")));
  }
  return params;
}

/**
 * pgJDBC's SSL mode for these parameters (pgjdbc SslMode.of): sslmode when given (case-insensitive), else
 * verify-full when ssl is "true" or empty, else prefer (encrypt if the server offers it, verify nothing).
 */
export function pgJdbcSslMode(params: Map<string, string>): string {
  const mode = params.get("sslmode");
  if (mode !== undefined) return mode.toLowerCase();
  const ssl = params.get("ssl");
  return ssl !== undefined && (ssl === "" || ssl.toLowerCase() === "true") ? "verify-full" : "prefer";
}
