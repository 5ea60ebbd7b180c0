import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { Construct } from "constructs";
import { administeredByAccount, type KeyAccount } from "./key-policy";

export interface EncryptionKeyProps {
  readonly description: string;
  /** "alias/<name>": how people find the key in the console and in CloudTrail. */
  readonly alias: string;
  readonly account: KeyAccount;
  /** Who may use the key, and how (src/kms/key-policy.ts); the account's administration is always added. */
  readonly uses: readonly DataAwsIamPolicyDocumentStatement[];
}

export interface EncryptionKey {
  readonly key: KmsKey;
  readonly policy: DataAwsIamPolicyDocument;
}

/**
 * A symmetric customer managed key with an explicit policy (administration by the account, each use named),
 * yearly automatic rotation, a 30-day deletion window and an alias. Created in `scope` as `<id>`,
 * `<id>-policy` and `<id>-alias`, so a key keeps its Terraform address when it gains a policy (replacing the
 * key of an EKS cluster's secrets would replace the cluster).
 */
export function encryptionKey(scope: Construct, id: string, props: EncryptionKeyProps): EncryptionKey {
  const policy = new DataAwsIamPolicyDocument(scope, `${id}-policy`, {
    statement: [administeredByAccount(props.account), ...props.uses],
  });
  const key = new KmsKey(scope, id, {
    description: props.description,
    policy: policy.json,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
  });
  new KmsAlias(scope, `${id}-alias`, { name: props.alias, targetKeyId: key.keyId });
  return { key, policy };
}
