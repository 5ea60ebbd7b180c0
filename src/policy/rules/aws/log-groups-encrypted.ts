import type { PolicyRule } from "../../types";
import { checkov, trivy } from "../../counterparts";

export const logGroupsEncrypted: PolicyRule = {
  id: "AWS-14",
  name: "LogGroupsEncrypted",
  family: "aws",
  level: "error",
  title: "Every CloudWatch log group is encrypted with a customer managed key of the environment (kms_key_id = aws_kms_key.arn)",
  why: "Control-plane audit logs, flow logs and PostgreSQL connection logs name users, addresses and queries. Without a key of our own, anyone the account's IAM lets call logs:GetLogEvents reads them, and revoking access means rewriting IAM; with one, reading needs kms:Decrypt under the key's policy, and every read is in CloudTrail.",
  fix: "Create log groups with LogArchive.logGroup (kms_key_id is the archive key's ARN, and the key policy lets CloudWatch Logs use it for that group)",
  counterparts: [
    checkov("CKV_AWS_158", "stricter", "wants a key of this environment (aws_kms_key.arn); CKV_AWS_158 accepts any kms_key_id value"),
    trivy("AVD-AWS-0017", "stricter", "wants a key of this environment; AVD-AWS-0017 any non-empty kms_key_id"),
  ],
  check({ model, report }) {
    for (const group of model.resources("aws_cloudwatch_log_group")) {
      const value = group.config.kms_key_id;
      if (value === undefined || value === null || value === "") {
        report({
          path: group.path,
          message: `${model.label(group)} has no kms_key_id: it is encrypted only with CloudWatch Logs' own key`,
        });
        continue;
      }
      const reference = model.reference(group, value);
      if (reference?.block.type === "aws_kms_key") {
        // CloudWatch Logs API reference, CreateLogGroup/AssociateKmsKey: kmsKeyId is "the Amazon Resource Name (ARN) of the KMS key".
        if (reference.attribute !== "arn") {
          report({
            path: group.path,
            message: `${model.label(group)}'s kms_key_id is ${model.label(reference.block)}'s ${reference.attribute}, not its arn: CloudWatch Logs takes only a key ARN`,
          });
        }
        continue;
      }
      report({
        path: group.path,
        level: "warning",
        message: `${model.label(group)}'s kms_key_id (${JSON.stringify(value)}) is not a reference to an aws_kms_key of the environment, so neither the key nor its policy can be checked`,
      });
    }
  },
};
