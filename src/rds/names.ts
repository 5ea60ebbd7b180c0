import { frozen } from "../frozen";

/** Names of the account-scoped resources a database creates, from its identifier. */
export const DATABASE_SCOPED_NAMES = frozen({
  /** IAM role names are unique per account, in every region. */
  monitoringRole: (identifier: string) => `${identifier}-rds-monitoring`,
  /** KMS aliases are unique per account and region. */
  keyAlias: (identifier: string) => `alias/${identifier}-rds`,
  /** The database's own log archive, when it is given none: distinct from a cluster's of the same name. */
  logsKeyAlias: (identifier: string) => `alias/${identifier}-rds-logs`,
  parameterGroup: (identifier: string, engineVersion: string) => `${identifier}-postgres${engineVersion}`,
  /** Secrets Manager names are unique per account and region. */
  applicationKeySecret: (identifier: string, application: string) => `rds/${identifier}/${application}-encryption-key`,
} as const);
