import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

const MINIMUM_DAYS = 7;

export const rdsBackups: PolicyRule = {
  id: "AWS-03",
  name: "RdsBackupsRetained",
  family: "aws",
  level: "error",
  title: `RDS instances keep automated backups for at least ${MINIMUM_DAYS} days`,
  why: "Automated backups are the only point-in-time recovery; with a short (or zero) retention a bad migration or a deletion noticed after the weekend cannot be undone.",
  fix: `Set backup_retention_period to ${MINIMUM_DAYS}-35 (PostgresDatabase backupRetentionDays)`,
  counterparts: [
    checkov("CKV_AWS_133", "stricter", "fails unset (RDS keeps 1 day) and 1-6 days, which CKV_AWS_133 passes; both fail 0"),
    cdkNag("AwsSolutions-RDS13", "stricter", "RDSInstanceBackupEnabled only fails a retention of 0; unset and 1-6 days pass there"),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      const days = db.config.backup_retention_period;
      if (typeof days === "number" && days >= MINIMUM_DAYS) continue;
      report({
        path: db.path,
        message: `${model.label(db)} keeps backups for ${days === undefined ? "the RDS default (1 day, not set)" : `${JSON.stringify(days)} days`}`,
      });
    }
  },
};
