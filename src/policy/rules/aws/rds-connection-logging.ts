import type { PolicyRule } from "../../types";
import { checkov } from "../../counterparts";

/**
 * The parameters and the values that turn them on. PostgreSQL booleans accept on/true/yes/1 (PostgreSQL docs,
 * "Setting Parameters"); PostgreSQL 18 makes log_connections a list, where "all" logs every aspect.
 */
const REQUIRED: ReadonlyArray<{ readonly name: string; readonly values: readonly string[]; readonly what: string }> = [
  { name: "rds.force_ssl", values: ["1"], what: "TLS-only connections" },
  { name: "log_connections", values: ["1", "on", "true", "yes", "all"], what: "a log line per connection" },
  { name: "log_disconnections", values: ["1", "on", "true", "yes"], what: "a log line per disconnection, with the session's duration" },
];

/**
 * The statements the audit trail must hold: the bootstrap's CREATE ROLE, GRANT rds_iam, CREATE DATABASE and
 * ownership changes. log_statement "ddl" logs them ("all data definition statements, such as CREATE, ALTER, and
 * DROP", PostgreSQL docs, "Error Reporting and Logging"; GRANT and REVOKE count as DDL there, src/backend/tcop/
 * utility.c GetCommandLogLevel), and "mod" and "all" log more. pgaudit does too when it is loaded and its
 * pgaudit.log covers the ROLE class (GRANT, REVOKE, CREATE/ALTER/DROP ROLE) and the DDL class (the rest), which
 * is also how it keeps passwords out of the log (pgaudit README; AWS knowledge center, "rds-postgresql-cleartext-logging").
 */
const STATEMENT_LOGGING = ["ddl", "mod", "all"];

function auditProblem(parameters: ReadonlyArray<{ name?: unknown; value?: unknown }>): string | undefined {
  const value = (name: string) => {
    const set = parameters.find((p) => String(p?.name).toLowerCase() === name);
    return set === undefined ? undefined : String(set.value).toLowerCase();
  };
  const statement = value("log_statement");
  if (statement !== undefined && STATEMENT_LOGGING.includes(statement)) return undefined;
  const libraries = (value("shared_preload_libraries") ?? "").split(",").map((l) => l.trim());
  const classes = (value("pgaudit.log") ?? "").split(",").map((c) => c.trim());
  const covers = (what: string) => (classes.includes("all") || classes.includes(what)) && !classes.includes(`-${what}`);
  if (libraries.includes("pgaudit") && covers("role") && covers("ddl")) return undefined;
  const seen = statement === undefined ? "does not set log_statement" : `sets log_statement = ${JSON.stringify(statement)}`;
  return `${seen}, and pgaudit does not log the ROLE and DDL classes: CREATE ROLE, GRANT and ownership changes leave no trace (log_statement = ddl, or pgaudit with pgaudit.log covering role and ddl)`;
}

export const rdsConnectionLogging: PolicyRule = {
  id: "AWS-23",
  name: "RdsConnectionLogging",
  family: "aws",
  level: "error",
  title:
    "RDS for PostgreSQL instances use a parameter group of the environment that sets rds.force_ssl = 1, log_connections = 1, log_disconnections = 1, and logs every DDL statement (log_statement = ddl, mod or all; or pgaudit's ROLE and DDL classes)",
  why: "Without rds.force_ssl the server also accepts unencrypted connections: a client with sslmode=disable, or one whose TLS an attacker in the path strips (sslmode=prefer, pgJDBC's default, falls back to plaintext), sends the IAM token and every query in clear. Without connection logging the database keeps no record of who connected from where, which is what an investigation of a leaked credential starts from. Without statement logging, CREATE ROLE, GRANT rds_iam and ownership changes (what the bootstrap does, and what an intruder holding the master password would do) leave no trace inside the database. The default parameter group has none of these, and cannot be changed. The postgresql log reaches its encrypted log group through the log exports (AWS-22).",
  fix: "Use PostgresDatabase: its aws_db_parameter_group sets the four parameters (log_statement = ddl) and the instance references it in parameter_group_name",
  counterparts: [
    checkov(
      "CKV2_AWS_69",
      "stricter",
      "also fails an instance without a parameter group of its own (which CKV2_AWS_69 passes), and wants connection and DDL logging",
    ),
    checkov(
      "CKV2_AWS_30",
      "different",
      "wants parameters named log_statement and log_min_duration_statement whatever their values, and its top-level or passes most instances; here log_statement ddl/mod/all or pgaudit",
    ),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      const c = db.config;
      if (typeof c.engine === "string" && !c.engine.startsWith("postgres")) continue;
      const reference = model.reference(db, c.parameter_group_name);
      if (reference?.block.type !== "aws_db_parameter_group") {
        const what =
          c.parameter_group_name === undefined
            ? "no parameter_group_name, so RDS uses the engine's default parameter group"
            : `parameter_group_name ${JSON.stringify(c.parameter_group_name)}, not a reference to an aws_db_parameter_group of the environment`;
        report({
          path: db.path,
          message: `${model.label(db)} has ${what}: ${REQUIRED.map((p) => p.name).join(", ")} cannot be shown to be set`,
        });
        continue;
      }
      const group = reference.block;
      const parameters = [group.config.parameter ?? []].flat() as Array<{ name?: unknown; value?: unknown }>;
      const problems = REQUIRED.flatMap((required) => {
        const set = parameters.find((p) => String(p?.name).toLowerCase() === required.name);
        if (!set) return [`does not set ${required.name} (${required.what})`];
        const value = String(set.value).toLowerCase();
        return required.values.includes(value)
          ? []
          : [`sets ${required.name} = ${JSON.stringify(set.value)}, not ${required.values[0]} (${required.what})`];
      });
      const audit = auditProblem(parameters);
      if (audit) problems.push(audit);
      if (problems.length > 0)
        report({ path: group.path, message: `${model.label(group)}, the parameter group of ${model.label(db)}, ${problems.join(", ")}` });
    }
  },
};
