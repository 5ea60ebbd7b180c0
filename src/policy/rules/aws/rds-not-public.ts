import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

export const rdsNotPublic: PolicyRule = {
  id: "AWS-02",
  name: "RdsNotPubliclyAccessible",
  family: "aws",
  level: "error",
  title: "RDS instances are not publicly accessible (publicly_accessible is false)",
  why: "A publicly accessible instance gets a public DNS answer and IP: the security group becomes the only barrier between PostgreSQL and the internet.",
  fix: "Set publicly_accessible = false and keep the instance in the isolated database subnets",
  counterparts: [
    checkov("CKV_AWS_17", "same", "publicly_accessible true fails; unset (the provider's false) passes in both"),
    cdkNag(
      "RDSInstancePublicAccess",
      "weaker",
      "passes publicly_accessible unset (the provider's default is false); the cdk-nag rule wants it written false",
    ),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      if (db.config.publicly_accessible !== true) continue;
      report({ path: db.path, message: `${model.label(db)} is publicly accessible` });
    }
  },
};
