/**
 * Statements of the explicit key policies every key of the project carries, instead of the default policy
 * that hands all use of a key to IAM (src/aws-facts/kms.ts). Each says who may do what and under which
 * condition; nobody is given kms:*.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { CLOUDWATCH_LOGS_ACTIONS, KEY_ADMINISTRATION_ACTIONS, LOGS_ENCRYPTION_CONTEXT_KEY, SERVICE_USE_ACTIONS } from "../aws-facts/kms";

/** Where a key lives: the account that owns it, the partition and region of its ARNs and service names. */
export interface KeyAccount {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  /** amazonaws.com, or amazonaws.com.cn in China (src/stack-context.ts dnsSuffixOf). */
  readonly dnsSuffix: string;
}

export const accountRoot = (account: KeyAccount) => `arn:${account.partition}:iam::${account.accountId}:root`;

/** The account administers the key (and so can always fix its policy), but cannot use it through this statement. */
export function administeredByAccount(account: KeyAccount): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "AccountAdministersTheKey",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [accountRoot(account)] }],
    actions: [...KEY_ADMINISTRATION_ACTIONS],
    resources: ["*"],
  };
}

/**
 * Principals of the account that IAM allows to may use the key, but only through these services (the shape of
 * the AWS managed keys' policies): kms:ViaService names the service, kms:CallerAccount the account.
 */
export function usableThroughServices(sid: string, account: KeyAccount, services: readonly string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [accountRoot(account)] }],
    actions: [...SERVICE_USE_ACTIONS],
    resources: ["*"],
    condition: [
      { test: "StringEquals", variable: "kms:CallerAccount", values: [account.accountId] },
      {
        test: "StringEquals",
        variable: "kms:ViaService",
        values: services.map((service) => `${service}.${account.region}.${account.dnsSuffix}`),
      },
    ],
  };
}

/** One role may use the key directly: for a role only an AWS service can assume (its trust policy says which). */
export function usableByRole(sid: string, roleArn: string, actions: readonly string[]): DataAwsIamPolicyDocumentStatement {
  return { sid, effect: "Allow", principals: [{ type: "AWS", identifiers: [roleArn] }], actions: [...actions], resources: ["*"] };
}

/**
 * CloudWatch Logs of this region may use the key for these log groups only: the encryption context it sends is
 * the ARN of the group it encrypts for.
 */
export function usableByCloudWatchLogs(account: KeyAccount, logGroupArns: string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "CloudWatchLogsEncryptsTheseGroups",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: [`logs.${account.region}.${account.dnsSuffix}`] }],
    actions: [...CLOUDWATCH_LOGS_ACTIONS],
    resources: ["*"],
    condition: [{ test: "ArnEquals", variable: LOGS_ENCRYPTION_CONTEXT_KEY, values: logGroupArns }],
  };
}
