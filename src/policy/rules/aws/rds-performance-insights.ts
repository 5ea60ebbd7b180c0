import type { PolicyRule } from "../../types";
import { checkov, trivy } from "../../counterparts";

export const rdsPerformanceInsightsEncrypted: PolicyRule = {
  id: "AWS-20",
  name: "RdsPerformanceInsightsEncrypted",
  family: "aws",
  level: "error",
  title:
    "RDS instances have Performance Insights on, encrypted with a customer managed key of the environment (performance_insights_kms_key_id = aws_kms_key.arn)",
  why: "Performance Insights records the text of the statements the database runs, literals included: without a key of our own they are encrypted with the AWS managed aws/rds key, which every principal of the account that may use RDS can use. The key cannot be changed once set, so a wrong one means a new instance. Without Performance Insights, a slow or abusive query cannot be traced to its statement.",
  fix: "Use PostgresDatabase: it turns Performance Insights on (Database Insights standard) with the database's own key",
  counterparts: [
    checkov(
      "CKV_AWS_353",
      "stricter",
      "also wants the insights encrypted with a key of this environment; CKV_AWS_353 only performance_insights_enabled",
    ),
    checkov("CKV_AWS_354", "stricter", "also fails Performance Insights off, and a key id that is not this environment's key"),
    trivy("AVD-AWS-0133", "stricter", "also wants the insights encrypted with a key of this environment"),
    trivy("AVD-AWS-0078", "stricter", "also fails Performance Insights off, and a key id that is not this environment's key"),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      const c = db.config;
      // No instance class is excluded for RDS for PostgreSQL (RDS user guide, "Supported DB engines ... for Performance
      // Insights": "N/A" in the PostgreSQL row): unlike CKV_AWS_353, no class is special-cased here.
      const enabled =
        c.performance_insights_enabled === true || (typeof c.database_insights_mode === "string" && c.database_insights_mode !== "");
      if (!enabled) {
        report({
          path: db.path,
          message: `${model.label(db)} has Performance Insights off (performance_insights_enabled is not true and no database_insights_mode)`,
        });
        continue;
      }
      const value = c.performance_insights_kms_key_id;
      if (value === undefined || value === null || value === "") {
        // RDS API reference, PerformanceInsightsKMSKeyId: "If you don't specify a value ... Amazon RDS uses your default KMS key".
        report({
          path: db.path,
          message: `${model.label(db)} encrypts Performance Insights with the AWS managed aws/rds key (no performance_insights_kms_key_id)`,
        });
        continue;
      }
      if (c.performance_insights_enabled !== true) {
        // Terraform aws_db_instance: "When specifying performance_insights_kms_key_id, performance_insights_enabled needs to be set to true."
        report({
          path: db.path,
          message: `${model.label(db)} sets performance_insights_kms_key_id without performance_insights_enabled = true, which the provider requires`,
        });
        continue;
      }
      const reference = model.reference(db, value);
      if (reference?.block.type === "aws_kms_key") continue;
      report({
        path: db.path,
        level: "warning",
        message: `${model.label(db)}'s performance_insights_kms_key_id (${JSON.stringify(value)}) is not a reference to an aws_kms_key of the environment, so it cannot be checked to be a customer managed key`,
      });
    }
  },
};
