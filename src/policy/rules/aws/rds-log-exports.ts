import { POSTGRES_LOG_EXPORTS, rdsLogGroupName } from "../../../aws-facts/rds-names";
import { literalOf } from "../../graph/values";
import type { PolicyRule } from "../../types";
import { checkov } from "../../counterparts";

export const rdsLogExports: PolicyRule = {
  id: "AWS-22",
  name: "RdsLogExports",
  family: "aws",
  level: "error",
  title: `RDS for PostgreSQL instances export their logs to CloudWatch (enabled_cloudwatch_logs_exports includes ${POSTGRES_LOG_EXPORTS.map((t) => `"${t}"`).join(" and ")}) into log groups the environment creates first`,
  why: "The postgresql log holds the connection records (who connected, from where: AWS-23) and errors; left on the instance it rotates away within days and disappears with the instance. The upgrade log is the record of engine upgrades. A log group RDS creates itself, at the first export, has no retention and is not encrypted with our key.",
  fix: "Use PostgresDatabase: it exports both types into LogArchive groups named /aws/rds/instance/<identifier>/<type>, created before the instance",
  counterparts: [
    checkov(
      "CKV_AWS_129",
      "stricter",
      "wants postgresql and upgrade, into log groups created first; CKV_AWS_129 passes any non-empty list",
    ),
  ],
  check({ model, report }) {
    const groups = model.resources("aws_cloudwatch_log_group");
    for (const db of model.resources("aws_db_instance")) {
      const c = db.config;
      const exported: unknown[] = Array.isArray(c.enabled_cloudwatch_logs_exports) ? c.enabled_cloudwatch_logs_exports : [];
      const postgres = typeof c.engine !== "string" || c.engine.startsWith("postgres");
      if (!postgres) {
        if (exported.length === 0)
          report({ path: db.path, message: `${model.label(db)} exports no logs to CloudWatch (enabled_cloudwatch_logs_exports is empty)` });
        continue;
      }
      if (!exported.includes("postgresql")) {
        report({
          path: db.path,
          message: `${model.label(db)} does not export its "postgresql" log (connections, errors) to CloudWatch: enabled_cloudwatch_logs_exports is ${JSON.stringify(exported)}`,
        });
      } else if (!exported.includes("upgrade")) {
        report({
          path: db.path,
          level: "warning",
          message: `${model.label(db)} does not export its "upgrade" log to CloudWatch, so engine upgrades leave no record there`,
        });
      }
      const identifier = literalOf(model, db, c.identifier);
      const types = exported.filter((t): t is string => typeof t === "string");
      if (types.length === 0) continue;
      if (identifier === undefined) {
        report({
          path: db.path,
          level: "warning",
          message: `${model.label(db)} has no literal identifier, so the log groups RDS exports to (/aws/rds/instance/<identifier>/<type>) cannot be checked`,
        });
        continue;
      }
      for (const type of types) {
        // RDS user guide, "Publishing database logs to Amazon CloudWatch Logs": the group is /aws/rds/instance/<identifier>/<type>.
        const name = rdsLogGroupName(identifier, type);
        const group = groups.find((g) => literalOf(model, g, g.config.name) === name);
        if (!group) {
          report({
            path: db.path,
            level: "warning",
            message: `${model.label(db)} exports "${type}" but no aws_cloudwatch_log_group named ${name} exists: RDS creates it at the first export, without retention (events never expire) and without our key`,
          });
        } else if (!model.appliedAfter(db, group)) {
          report({
            path: db.path,
            level: "warning",
            message: `${model.label(db)} does not depend on ${model.label(group)}: RDS may export before Terraform creates the group and create it itself, without retention or key (Terraform's CreateLogGroup then fails: the group already exists)`,
          });
        }
      }
    }
  },
};
