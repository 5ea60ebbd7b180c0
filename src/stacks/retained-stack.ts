import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { Construct } from "constructs";
import { partitionOf } from "../aws-facts/regions";
import type { Environment } from "../config/load";
import { CLUSTER_SCOPED_NAMES } from "../eks/names";
import { keyAccountOf } from "../kms/key-account";
import { LogArchive } from "../logs/log-archive";
import { databaseEncryptionKey } from "../rds/database-key";
import { DATABASE_SCOPED_NAMES } from "../rds/names";
import { GeneratedSecret } from "../secrets/generated-secret";
import { EnvironmentStack } from "./environment-stack";
import { stackNames } from "./names";

/**
 * What one environment keeps when it is destroyed: the data its platform and workload stacks leave behind
 * stays readable, and a redeploy finds it again.
 * - The database's key: it encrypts the final snapshot RDS takes when the instance is destroyed, which is
 *   unreadable once the key is deleted.
 * - The log archive (its key and every log group): EKS and RDS write to their groups until the very end, and
 *   re-create a deleted group without our key or retention (terraform-aws-modules/terraform-aws-eks#2763),
 *   which the next deploy could not create again (`aws_cloudwatch_log_group` never adopts an existing group).
 * - Metabase's encryption key, in Secrets Manager: the application database, and so its final snapshot, can
 *   only be read with it.
 *
 * With `retainOnDestroy` (the default), the keys and the secret carry prevent_destroy: a plain
 * `cdktf destroy '<env>-*'` destroys the workload and the platform and then stops here, and `npm run destroy`
 * leaves this stack out (scripts/cdktf-command.ts). docs/lifecycle.md has the whole lifecycle.
 */
export class RetainedStack extends EnvironmentStack {
  readonly logArchive: LogArchive;
  readonly databaseKey: KmsKey;
  readonly applicationKeySecret: GeneratedSecret;

  constructor(scope: Construct, environment: Environment) {
    super(scope, stackNames(environment.name).retained, environment);
    const { config } = environment;
    const partition = partitionOf(config.region);
    const account = keyAccountOf(this, { partition, region: config.region });

    this.logArchive = new LogArchive(this, "logs", {
      keyAlias: CLUSTER_SCOPED_NAMES.logsKeyAlias(config.cluster.name),
      description: `environment ${environment.name}: EKS control plane, VPC flow logs, RDS`,
      retentionDays: config.logRetentionDays,
      partition,
      region: config.region,
    });
    this.databaseKey = databaseEncryptionKey(this, "database-key", config.database.identifier, account);
    this.applicationKeySecret = new GeneratedSecret(this, "application-encryption-key", {
      name: DATABASE_SCOPED_NAMES.applicationKeySecret(config.database.identifier, config.application.serviceAccount),
      description: `MB_ENCRYPTION_SECRET_KEY of ${config.application.namespace}/${config.application.serviceAccount}: encrypts what Metabase stores in database ${config.application.databaseName}`,
      kmsKey: this.databaseKey,
      partition,
      region: config.region,
    });

    if (config.retainOnDestroy) {
      for (const resource of [this.logArchive.key, this.databaseKey, this.applicationKeySecret.secret]) {
        resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
      }
    }
  }
}
