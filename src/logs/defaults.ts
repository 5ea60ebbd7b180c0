import { frozen } from "../frozen";

/** Defaults of the LogArchive construct, and of `logRetentionDays` in environment files. */
export const LOG_DEFAULTS = frozen({
  /** Days CloudWatch keeps the environment's logs: control plane, VPC flow logs, RDS. */
  retentionDays: 90,
} as const);
