import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { Construct } from "constructs";
import { encryptionKey } from "../kms/encryption-key";
import type { KeyAccount } from "../kms/key-policy";
import { usableThroughServices } from "../kms/key-policy";
import { DATABASE_SCOPED_NAMES } from "./names";

/**
 * The key of one RDS instance's data: storage, snapshots (the final one included: RDS encrypts a snapshot with
 * its instance's key), the RDS-managed master secret and Performance Insights, usable only through RDS and
 * Secrets Manager. Whoever can no longer use this key can no longer read any of them ("If the AWS KMS key is
 * deleted or lost, then the data is unrecoverable", AWS re:Post, rds-aurora-inaccessible-state): create it where
 * it outlives the instance (PlatformStack: the environment's RetainedStack).
 */
export function databaseEncryptionKey(scope: Construct, id: string, identifier: string, account: KeyAccount): KmsKey {
  return encryptionKey(scope, id, {
    description: `Storage, snapshots, master secret and Performance Insights of RDS instance ${identifier}`,
    alias: DATABASE_SCOPED_NAMES.keyAlias(identifier),
    account,
    uses: [usableThroughServices("UseThroughRdsAndSecretsManager", account, ["rds", "secretsmanager"])],
  }).key;
}
