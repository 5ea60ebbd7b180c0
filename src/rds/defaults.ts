/**
 * Defaults of the PostgresDatabase construct, and of the `database` section of environment files
 * (src/config/schema.ts reads them from here: one source per default).
 */
export const DATABASE_DEFAULTS = {
  /** The article's instance identifier. */
  identifier: "postgresql",
  /** PostgreSQL major version; RDS applies minor versions automatically. */
  engineVersion: "17",
  instanceClass: "db.t3.micro",
  allocatedStorageGiB: 100,
  /** Storage autoscaling ceiling; equal to allocatedStorageGiB disables autoscaling. */
  maxAllocatedStorageGiB: 200,
  /** PostgreSQL's own port. */
  port: 5432,
  multiAz: true,
  backupRetentionDays: 14,
  deletionProtection: true,
  /** Master user; RDS generates its password and keeps it in Secrets Manager. */
  masterUsername: "dbadmin",
} as const;
