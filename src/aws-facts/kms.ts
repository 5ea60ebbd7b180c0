/**
 * What AWS KMS documents about key policies, for the explicit policy every key of the project carries.
 *
 * KMS developer guide, "Default key policy": without a policy of its own a key gets one statement giving the
 * account's root `kms:*`, which delegates every use of the key to IAM policies. The guide's "Allows key
 * administrators to administer the KMS key" lists the actions below; we leave out `kms:Create*` (it includes
 * kms:CreateGrant, a way to use the key) and keep kms:CreateAlias, the one Create action on a key.
 * `kms:PutKeyPolicy` must stay allowed to the caller: KMS refuses a policy that would lock it out
 * ("key policy lockout safety check", CreateKey/PutKeyPolicy API reference).
 */
export const KEY_ADMINISTRATION_ACTIONS: readonly string[] = [
  "kms:CreateAlias",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
];

/**
 * What an AWS service needs to encrypt with a customer managed key on a caller's behalf: the actions of the
 * AWS managed keys' policies (aws/rds, aws/secretsmanager: "Allow access through <service> for all principals
 * in the account that are authorized to use <service>"), limited there by kms:CallerAccount and kms:ViaService.
 */
export const SERVICE_USE_ACTIONS: readonly string[] = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:CreateGrant",
  "kms:ListGrants",
  "kms:DescribeKey",
];

/**
 * What CloudWatch Logs needs on a key that encrypts log groups (CloudWatch Logs user guide, "Encrypt log data
 * in CloudWatch Logs using AWS KMS", step 2), granted to `logs.<region>.<dns suffix>` under the
 * `kms:EncryptionContext:aws:logs:arn` condition, whose value is the ARN of the log group.
 */
export const CLOUDWATCH_LOGS_ACTIONS: readonly string[] = [
  "kms:Encrypt*",
  "kms:Decrypt*",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:Describe*",
];
export const LOGS_ENCRYPTION_CONTEXT_KEY = "kms:EncryptionContext:aws:logs:arn";

/**
 * What an EKS cluster role needs on the key that envelope-encrypts Kubernetes secrets (the policy
 * terraform-aws-modules/eks attaches to the cluster role; EKS user guide, "Encrypt Kubernetes secrets with KMS").
 */
export const EKS_CLUSTER_ROLE_KEY_ACTIONS: readonly string[] = ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"];

/**
 * What the principal that calls eks:CreateCluster needs for envelope encryption: "make sure that the
 * kms:DescribeKey and kms:CreateGrant actions are permitted ... The condition kms:GrantIsForAWSResource is not
 * supported for the CreateCluster action" (EKS user guide). No other condition is documented for these calls
 * (whether they carry kms:ViaService is not), so the key policy grants them to the account without one.
 */
export const EKS_CREATE_CLUSTER_KEY_ACTIONS: readonly string[] = ["kms:CreateGrant", "kms:DescribeKey"];
