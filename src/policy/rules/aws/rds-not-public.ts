import type { PolicyRule } from "../../types";

export const rdsNotPublic: PolicyRule = {
  id: "AWS-02",
  name: "RdsNotPubliclyAccessible",
  family: "aws",
  level: "error",
  title: "RDS instances are not publicly accessible (publicly_accessible is false)",
  why: "A publicly accessible instance gets a public DNS answer and IP: the security group becomes the only barrier between PostgreSQL and the internet.",
  fix: "Set publicly_accessible = false and keep the instance in the isolated database subnets",
  counterparts: { checkov: ["CKV_AWS_17"], cdkNag: ["RDSInstancePublicAccess (HIPAA/NIST/PCI packs)"] },
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      if (db.config.publicly_accessible !== true) continue;
      report({ path: db.path, message: `${model.label(db)} is publicly accessible` });
    }
  },
};
