import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

export const rdsDeletionProtection: PolicyRule = {
  id: "AWS-04",
  name: "RdsDeletionProtection",
  family: "aws",
  level: "warning",
  levelNote: "error in environments with `production: true`, warning elsewhere",
  title: "RDS instances have deletion protection",
  why: "Without it a `cdktf destroy`, a renamed construct or a replaced resource deletes the database (a final snapshot helps, but the outage and the restore are real).",
  fix: "Set deletion_protection = true (PostgresDatabase deletionProtection)",
  counterparts: [
    checkov("CKV_AWS_293", "same", "deletion_protection must be true; here a warning outside production"),
    cdkNag("AwsSolutions-RDS10", "same", "deletion protection false or unset fails; here a warning outside production"),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      if (db.config.deletion_protection === true) continue;
      report({
        path: db.path,
        level: model.production ? "error" : "warning",
        message: `${model.label(db)} has no deletion protection${model.production ? " in a production environment" : ""}`,
      });
    }
  },
};
