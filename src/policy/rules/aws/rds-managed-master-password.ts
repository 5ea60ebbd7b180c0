import type { PolicyRule } from "../../types";
import { cdkNag } from "../../counterparts";

/** Instances created from another source inherit its master user; there is no password to manage. */
const INHERITS_CREDENTIALS = ["replicate_source_db", "snapshot_identifier", "restore_to_point_in_time"];

export const rdsManagedMasterPassword: PolicyRule = {
  id: "AWS-06",
  name: "RdsMasterPasswordNotInConfig",
  family: "aws",
  level: "error",
  title: "The RDS master password is generated and kept by RDS in Secrets Manager (manage_master_user_password), never written in config",
  why: "A `password` in the configuration ends up in the synthesized JSON, in Terraform state and in every plan; RDS-managed passwords never leave Secrets Manager and can be rotated.",
  fix: "Remove `password` and set manage_master_user_password = true (PostgresDatabase does)",
  counterparts: [cdkNag("AwsSolutions-DOC3", "different", "asks the same of DocumentDB clusters' credentials, not of RDS instances")],
  counterpartNote: "No Checkov or Trivy check reads manage_master_user_password",
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      if (db.config.password !== undefined || db.config.password_wo !== undefined) {
        report({ path: db.path, message: `${model.label(db)} sets its master password in config` });
      } else if (db.config.manage_master_user_password !== true && !INHERITS_CREDENTIALS.some((key) => db.config[key] !== undefined)) {
        report({
          path: db.path,
          message: `${model.label(db)} does not let RDS manage its master password (manage_master_user_password is not true)`,
        });
      }
    }
  },
};
