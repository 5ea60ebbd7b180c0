import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

export const rdsStorageEncrypted: PolicyRule = {
  id: "AWS-01",
  name: "RdsStorageEncrypted",
  family: "aws",
  level: "error",
  title: "RDS instances encrypt their storage (storage_encrypted = true)",
  why: "Unencrypted storage leaves data, automated backups, read replicas and snapshots readable by anyone who obtains a copy of the volume or a shared snapshot.",
  fix: "Set storage_encrypted = true (PostgresDatabase does, with its own rotating KMS key)",
  counterparts: [
    checkov("CKV_AWS_16", "same", "storage_encrypted must be true; unset fails in both"),
    cdkNag("AwsSolutions-RDS2", "same", "RDSStorageEncrypted: storageEncrypted false or unset fails on a non-Aurora instance"),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      if (db.config.storage_encrypted === true) continue;
      report({ path: db.path, message: `${model.label(db)} does not encrypt its storage` });
    }
  },
};
