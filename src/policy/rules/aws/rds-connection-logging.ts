import type { PolicyRule } from "../../types";

/**
 * The parameters and the values that turn them on. PostgreSQL booleans accept on/true/yes/1 (PostgreSQL docs,
 * "Setting Parameters"); PostgreSQL 18 makes log_connections a list, where "all" logs every aspect.
 */
const REQUIRED: ReadonlyArray<{ readonly name: string; readonly values: readonly string[]; readonly what: string }> = [
  { name: "rds.force_ssl", values: ["1"], what: "TLS-only connections" },
  { name: "log_connections", values: ["1", "on", "true", "yes", "all"], what: "a log line per connection" },
  { name: "log_disconnections", values: ["1", "on", "true", "yes"], what: "a log line per disconnection, with the session's duration" },
];

export const rdsConnectionLogging: PolicyRule = {
  id: "AWS-23",
  name: "RdsConnectionLogging",
  family: "aws",
  level: "error",
  title: "RDS for PostgreSQL instances use a parameter group of the environment that sets rds.force_ssl = 1, log_connections = 1 and log_disconnections = 1",
  why: "Without rds.force_ssl the server also accepts unencrypted connections: a client with sslmode=disable, or one whose TLS an attacker in the path strips (sslmode=prefer, pgJDBC's default, falls back to plaintext), sends the IAM token and every query in clear. Without connection logging the database keeps no record of who connected from where, which is what an investigation of a leaked credential starts from. The default parameter group has neither, and cannot be changed.",
  fix: "Use PostgresDatabase: its aws_db_parameter_group sets the three parameters and the instance references it in parameter_group_name",
  counterparts: {
    checkov: ["CKV2_AWS_69"],
    note: "CKV2_AWS_69 checks rds.force_ssl only, and passes an instance without a custom parameter group; CKV2_AWS_30 (query logging) is the closest Checkov check for the logging parameters",
  },
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      const c = db.config;
      if (typeof c.engine === "string" && !c.engine.startsWith("postgres")) continue;
      const reference = model.reference(db, c.parameter_group_name);
      if (reference?.block.type !== "aws_db_parameter_group") {
        const what = c.parameter_group_name === undefined ? "no parameter_group_name, so RDS uses the engine's default parameter group" : `parameter_group_name ${JSON.stringify(c.parameter_group_name)}, not a reference to an aws_db_parameter_group of the environment`;
        report({ path: db.path, message: `${model.label(db)} has ${what}: ${REQUIRED.map((p) => p.name).join(", ")} cannot be shown to be set` });
        continue;
      }
      const group = reference.block;
      const parameters = [group.config.parameter ?? []].flat() as Array<{ name?: unknown; value?: unknown }>;
      const problems = REQUIRED.flatMap((required) => {
        const set = parameters.find((p) => String(p?.name).toLowerCase() === required.name);
        if (!set) return [`does not set ${required.name} (${required.what})`];
        const value = String(set.value).toLowerCase();
        return required.values.includes(value) ? [] : [`sets ${required.name} = ${JSON.stringify(set.value)}, not ${required.values[0]} (${required.what})`];
      });
      if (problems.length > 0) report({ path: group.path, message: `${model.label(group)}, the parameter group of ${model.label(db)}, ${problems.join(", ")}` });
    }
  },
};
