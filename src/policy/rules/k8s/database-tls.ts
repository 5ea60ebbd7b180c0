import { splitTemplate } from "../../../terraform/template";
import type { EnvironmentModel } from "../../model/environment-model";
import { envValue, type ContainerView, type PodController } from "../../model/kubernetes";
import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyLevel, PolicyRule } from "../../types";
import { containerName } from "./containers";

/** The text of a value with every `${...}` replaced by a placeholder (an expression may hold "?" or "&"). */
const literalText = (value: string) =>
  splitTemplate(value)
    .map((piece) => ("literal" in piece ? piece.literal : "TERRAFORM_EXPRESSION"))
    .join("");

/** Query parameters of a JDBC/libpq URI, last one winning as in pgJDBC's Driver.parseURL. */
function queryOf(uri: string): Map<string, string> {
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
function pgJdbcSslMode(params: Map<string, string>): string {
  const mode = params.get("sslmode");
  if (mode !== undefined) return mode.toLowerCase();
  const ssl = params.get("ssl");
  return ssl !== undefined && (ssl === "" || ssl.toLowerCase() === "true") ? "verify-full" : "prefer";
}

interface Problem {
  readonly level?: PolicyLevel;
  readonly message: string;
}

const METABASE_SOURCES = "metabase src/metabase/app_db/spec.clj sets no SSL mode for PostgreSQL, and pgjdbc SslMode.of then returns PREFER";

/** A Metabase container: the application database is MB_DB_CONNECTION_URI, or broken-out MB_DB_* variables. */
function metabaseProblems(container: ContainerView): Problem[] {
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
  const said = params.has("sslmode") ? `sslmode=${params.get("sslmode")}` : params.has("ssl") ? `ssl=${params.get("ssl")} and no sslmode` : "no sslmode";
  const problems: Problem[] = [];
  if (mode === "verify-ca") {
    problems.push({
      level: "warning",
      message: "MB_DB_CONNECTION_URI says sslmode=verify-ca: the certificate chain is checked but not the host name, so any RDS instance's certificate is accepted",
    });
  } else if (mode !== "verify-full") {
    problems.push({
      message: `MB_DB_CONNECTION_URI says ${said}: pgJDBC's mode is then ${mode}, which does not verify the server's certificate (pgjdbc SslMode.of), so anyone inside the VPC who answers on the address gets the connection`,
    });
  }
  if (["verify-ca", "verify-full"].includes(mode) && !params.get("sslrootcert")) {
    problems.push({
      message: "MB_DB_CONNECTION_URI has no sslrootcert: pgJDBC looks for ~/.postgresql/root.crt (pgjdbc LibPQFactory), which the image does not have; point it at the mounted RDS CA bundle",
    });
  }
  return problems;
}

/** `$NAME` / `${NAME}` in a shell command: the container's literal env value, when it has one. */
const shellValue = (container: ContainerView, word: string) => {
  const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word)?.[1];
  return variable === undefined ? word : (envValue(container, variable) ?? word);
};

/**
 * A libpq client (psql, pg_dump, an application with a postgresql:// URI): every line of its command, args and
 * database-referencing env that says sslmode must say verify-full and name sslrootcert. Without any sslmode
 * libpq uses PGSSLMODE, else "prefer" (PostgreSQL docs, libpq "Connection Parameters").
 */
function libpqProblems(model: EnvironmentModel, pod: PodController, container: ContainerView, database: TerraformBlock): Problem[] {
  const texts = [
    ...[container.spec.command ?? [], container.spec.args ?? []].flat().map(String),
    ...(container.spec.env ?? [])
      .filter((e: any) => "value" in (e ?? {}) && model.references(pod.manifest.resource, e.value).some((r) => r.block === database))
      .map((e: any) => String(e.value)),
  ].map(literalText);
  // Shell line continuations join one command.
  const lines = texts.flatMap((text) => text.replace(/\\\r?\n/g, " ").split(/\r?\n/)).filter((line) => /sslmode\s*=/i.test(line));
  const problems: Problem[] = [];
  if (lines.length === 0) {
    const mode = envValue(container, "PGSSLMODE");
    if (mode === undefined) {
      return [
        {
          message:
            "connects to the database but no connection string in its command or args says sslmode, and PGSSLMODE is unset: libpq's default is prefer, which encrypts without verifying the server, so anyone inside the VPC who answers on the address gets the password",
        },
      ];
    }
    if (mode !== "verify-full") problems.push({ message: `PGSSLMODE = "${mode}" does not verify the server's certificate and host name (verify-full does)` });
    if (!envValue(container, "PGSSLROOTCERT")) problems.push({ message: "PGSSLROOTCERT is unset: libpq looks for ~/.postgresql/root.crt; point it at the mounted RDS CA bundle" });
    return problems;
  }
  for (const line of lines) {
    const modes = [...line.matchAll(/sslmode\s*=\s*['"]?([^\s'"&]+)/gi)].map((m) => shellValue(container, m[1]));
    for (const mode of modes.filter((m) => m !== "verify-full")) {
      problems.push({
        message: `its connection string says sslmode=${mode}: only verify-full checks both the certificate chain and the host name, so anyone inside the VPC who answers on the address gets the connection (and the password)`,
      });
    }
    if (!/sslrootcert\s*=/i.test(line)) {
      problems.push({
        message: "its connection string says sslmode but no sslrootcert: libpq looks for ~/.postgresql/root.crt; point it at the mounted RDS CA bundle",
      });
    }
  }
  return problems;
}

export const databaseTls: PolicyRule = {
  id: "K8S-11",
  name: "DatabaseTlsVerified",
  family: "k8s",
  level: "error",
  title:
    "Every container that connects to the RDS database verifies its certificate and host name: sslmode=verify-full with sslrootcert (Metabase through MB_DB_CONNECTION_URI, psql in its connection string)",
  why:
    "rds.force_ssl makes the server refuse clear text, but the client decides whether it checks whom it talks to. pgJDBC and libpq default to sslmode=prefer, and Metabase's broken-out MB_DB_* variables set no SSL mode for PostgreSQL: the connection is encrypted to whoever answers on the address, so anyone able to answer inside the VPC receives the master password (bootstrap Job) or the session. verify-ca checks the chain but not the host name, so any RDS instance's certificate passes.",
  fix: "Keep MetabaseWorkload's connection settings: MB_DB_CONNECTION_URI=jdbc:postgresql://<address>:<port>/<db>?sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem for Metabase, and sslmode=verify-full sslrootcert=$DB_CA_FILE in every libpq connection string, with the RDS CA bundle mounted",
  counterpartNote: "The server side (rds.force_ssl) is AWS-23's; no scanner checks that clients verify the server's certificate",
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      for (const container of pod.containers) {
        const database = model.databaseOfContainer(pod, container);
        if (!database) continue;
        const engine = String(database.config.engine ?? "postgres");
        if (!engine.includes("postgres")) continue;
        const isMetabase = (container.spec.env ?? []).some((e: any) => typeof e?.name === "string" && e.name.startsWith("MB_DB_"));
        const problems = isMetabase ? metabaseProblems(container) : libpqProblems(model, pod, container, database);
        for (const problem of problems) {
          report({
            path: pod.manifest.resource.path,
            level: problem.level,
            message: `${containerName(pod, container)} (${model.label(database)}): ${problem.message}`,
          });
        }
      }
    }
  },
};
