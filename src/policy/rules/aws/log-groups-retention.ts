import { LOG_RETENTION_DAYS } from "../../../aws-facts/log-groups";
import type { PolicyRule } from "../../types";
import { checkov } from "../../counterparts";

/** CKV_AWS_338's threshold: a year of logs. */
const PRODUCTION_DAYS = 365;

export const logGroupsRetention: PolicyRule = {
  id: "AWS-15",
  name: "LogGroupsRetention",
  family: "aws",
  level: "error",
  levelNote: `error when retention_in_days is unset, 0 or not a value CloudWatch accepts; warning below ${PRODUCTION_DAYS} days in environments with \`production: true\``,
  title: "Every CloudWatch log group sets retention_in_days (never 0 or unset, which keep logs forever)",
  why: "Without a retention CloudWatch keeps every event forever: the cost grows without bound, and logs holding addresses and user names outlive any data-retention promise. An explicit value is also a decision someone made about how far back an investigation can look; in production, less than a year is usually too short.",
  fix: "Create log groups with LogArchive (retention_in_days from its retentionDays)",
  counterparts: [
    checkov("CKV_AWS_66", "stricter", "also fails 0 (kept forever), which CKV_AWS_66 accepts as a value"),
    checkov(
      "CKV_AWS_338",
      "different",
      "CKV_AWS_338 fails under 365 days and passes 0; here 0 fails and under 365 days is a warning in production only",
    ),
  ],
  counterpartNote: "No Trivy check reads log group retention",
  check({ model, report }) {
    for (const group of model.resources("aws_cloudwatch_log_group")) {
      // Terraform aws_cloudwatch_log_group: for the DELIVERY class retention_in_days "is forcibly set to 2".
      if (group.config.log_group_class === "DELIVERY") continue;
      const days = group.config.retention_in_days;
      // CloudWatch Logs user guide, "Change log data retention": "By default, log data is stored in CloudWatch Logs
      // indefinitely"; the provider's 0 means the same.
      if (days === undefined || days === null || days === 0) {
        report({
          path: group.path,
          message: `${model.label(group)} has no retention_in_days${days === 0 ? " (0)" : ""}: its events never expire`,
        });
        continue;
      }
      if (typeof days !== "number") {
        report({
          path: group.path,
          level: "warning",
          message: `${model.label(group)}'s retention_in_days (${JSON.stringify(days)}) is not a literal number, so it cannot be checked`,
        });
        continue;
      }
      // PutRetentionPolicy API reference, retentionInDays: one of a fixed list of values.
      if (!LOG_RETENTION_DAYS.includes(days)) {
        report({
          path: group.path,
          message: `${model.label(group)}'s retention_in_days ${days} is not one CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(", ")})`,
        });
        continue;
      }
      if (model.production && days < PRODUCTION_DAYS) {
        report({
          path: group.path,
          level: "warning",
          message: `${model.label(group)} keeps events ${days} days in a production environment, less than the year CKV_AWS_338 asks for`,
        });
      }
    }
  },
};
