import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

export const rdsMultiAz: PolicyRule = {
  id: "AWS-05",
  name: "RdsMultiAz",
  family: "aws",
  level: "warning",
  title: "RDS instances are Multi-AZ",
  why: "A single-AZ instance goes down with its Availability Zone and during some maintenance; Multi-AZ fails over to a synchronous standby.",
  fix: "Set multi_az = true (PostgresDatabase multiAz), or suppress with a reason for a throwaway environment",
  counterparts: [
    checkov("CKV_AWS_157", "same", "multi_az must be true; here a warning"),
    cdkNag("AwsSolutions-RDS3", "same", "RDSMultiAZSupport: multiAz false or unset fails on a non-Aurora instance; here a warning"),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      if (db.config.multi_az === true) continue;
      report({ path: db.path, message: `${model.label(db)} is not Multi-AZ` });
    }
  },
};
