import { envValue, type ContainerView } from "../model/kubernetes";
import { literalText, pgJdbcSslMode, queryOf } from "./connection-strings";
import type { ClientProblem, DatabaseClient } from "./types";

/** Password-bearing settings of Metabase's application database connection. */
const PASSWORD_SETTINGS = /^MB_DB_(PASS|PASSWORD|PASS_FILE|CONNECTION_URI)$/;

const METABASE_SOURCES = "metabase src/metabase/app_db/spec.clj sets no SSL mode for PostgreSQL, and pgjdbc SslMode.of then returns PREFER";

/** A Metabase container: the application database is MB_DB_CONNECTION_URI, or broken-out MB_DB_* variables. */
function metabaseTlsProblems(container: ContainerView): ClientProblem[] {
  const entry = (container.spec.env ?? []).find((e: any) => e?.name === "MB_DB_CONNECTION_URI");
  if (!entry) {
    return [
      {
        message:
          "connects with broken-out MB_DB_* variables and no MB_DB_CONNECTION_URI: pgJDBC then uses sslmode=prefer, which encrypts without checking the server's certificate or host name, so anyone inside the VPC who answers on the address gets the connection (" +
          METABASE_SOURCES +
          ")",
      },
    ];
  }
  if (!("value" in entry)) {
    return [{ level: "warning", message: "takes MB_DB_CONNECTION_URI from valueFrom: its sslmode cannot be checked at synth" }];
  }
  const params = queryOf(literalText(String(entry.value)));
  const mode = pgJdbcSslMode(params);
  const said = params.has("sslmode")
    ? `sslmode=${params.get("sslmode")}`
    : params.has("ssl")
      ? `ssl=${params.get("ssl")} and no sslmode`
      : "no sslmode";
  const problems: ClientProblem[] = [];
  if (mode === "verify-ca") {
    problems.push({
      level: "warning",
      message:
        "MB_DB_CONNECTION_URI says sslmode=verify-ca: the certificate chain is checked but not the host name, so any RDS instance's certificate is accepted",
    });
  } else if (mode !== "verify-full") {
    problems.push({
      message: `MB_DB_CONNECTION_URI says ${said}: pgJDBC's mode is then ${mode}, which does not verify the server's certificate (pgjdbc SslMode.of), so anyone inside the VPC who answers on the address gets the connection`,
    });
  }
  if (["verify-ca", "verify-full"].includes(mode) && !params.get("sslrootcert")) {
    problems.push({
      message:
        "MB_DB_CONNECTION_URI has no sslrootcert: pgJDBC looks for ~/.postgresql/root.crt (pgjdbc LibPQFactory), which the image does not have; point it at the mounted RDS CA bundle",
    });
  }
  return problems;
}

/**
 * Metabase (its application database): MB_DB_* environment variables (Metabase docs, "Environment variables";
 * IAM authentication since v0.58.0 with MB_DB_AWS_IAM).
 */
export const metabaseClient: DatabaseClient = {
  name: "Metabase",
  recognizes: (container) => (container.spec.env ?? []).some((e: any) => typeof e?.name === "string" && e.name.startsWith("MB_DB_")),
  iamUser: (container) => envValue(container, "MB_DB_USER"),
  iamTokenSetting: "MB_DB_AWS_IAM=true",
  usesIamToken: (container) =>
    envValue(container, "MB_DB_USER") === undefined ? undefined : envValue(container, "MB_DB_AWS_IAM") === "true",
  passwordSettings: (container) =>
    (container.spec.env ?? [])
      .map((e: any) => String(e?.name))
      .filter(
        (name: string) =>
          PASSWORD_SETTINGS.test(name) && (name !== "MB_DB_CONNECTION_URI" || /password=/i.test(String(envValue(container, name)))),
      ),
  tlsProblems: (_model, _pod, container) => metabaseTlsProblems(container),
};
