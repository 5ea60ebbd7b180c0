import { frozen } from "../frozen";

/**
 * Defaults of the PostgresDatabase construct, and of the `database` section of environment files
 * (src/config/schema.ts reads them from here: one source per default).
 */
export const DATABASE_DEFAULTS = frozen({
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
} as const);

/**
 * Enhanced Monitoring granularity in seconds: one of 1, 5, 10, 15, 30, 60 (0 turns it off; RDS API
 * reference, MonitoringInterval). A minute keeps the CloudWatch Logs cost of RDSOSMetrics small.
 */
export const MONITORING_INTERVAL_SECONDS = 60;
/** Performance Insights retention: 7 days is the free tier (RDS API reference, PerformanceInsightsRetentionPeriod). */
export const PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;
