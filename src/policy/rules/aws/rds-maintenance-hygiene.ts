import type { PolicyRule } from "../../types";
import { checkov } from "../../counterparts";

export const rdsMaintenanceHygiene: PolicyRule = {
  id: "AWS-24",
  name: "RdsMaintenanceHygiene",
  family: "aws",
  level: "warning",
  title:
    "RDS instances take minor engine upgrades automatically (auto_minor_version_upgrade not false) and copy their tags to snapshots (copy_tags_to_snapshot = true)",
  why: "Minor versions carry PostgreSQL's security fixes; with automatic upgrades off they wait for someone to remember. Snapshots without the instance's tags fall outside every tag-based policy (cost, backup, access by tag) and cannot be traced back to their environment.",
  fix: "Use PostgresDatabase: it sets auto_minor_version_upgrade = true and copy_tags_to_snapshot = true",
  counterparts: [
    checkov(
      "CKV_AWS_226",
      "different",
      "passes auto_minor_version_upgrade unset (the provider's default is true), which CKV_AWS_226 fails; also fails copy_tags_to_snapshot off",
    ),
    checkov("CKV2_AWS_60", "stricter", "also fails auto_minor_version_upgrade = false"),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      const problems: string[] = [];
      if (db.config.auto_minor_version_upgrade === false)
        problems.push("does not take minor version upgrades automatically (auto_minor_version_upgrade = false)");
      if (db.config.copy_tags_to_snapshot !== true)
        problems.push("does not copy its tags to snapshots (copy_tags_to_snapshot is not true)");
      if (problems.length > 0) report({ path: db.path, message: `${model.label(db)} ${problems.join(" and ")}` });
    }
  },
};
