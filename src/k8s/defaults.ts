import { frozen } from "../frozen";

/**
 * Defaults of the MetabaseWorkload construct and of the pod identities the platform prepares for it, and of
 * the `application` section of environment files (src/config/schema.ts reads them from here).
 */
export const METABASE_DEFAULTS = frozen({
  namespace: "metabase",
  serviceAccount: "metabase",
  /** The IAM-authenticated PostgreSQL role Metabase connects as (GRANT rds_iam). */
  dbUser: "metabase",
  /** Metabase's application database. */
  databaseName: "metabase",
  /** Pinned; MB_DB_AWS_IAM needs Metabase v0.58.0 or later. */
  image: "metabase/metabase:v0.63.19",
  replicas: 1,
  /** Port of the LoadBalancer Service (the article's 8000; the container listens on 3000). */
  servicePort: 8000,
  /** Reachable from the VPC only, unless the environment says "internet" (and then it should say tls too). */
  exposure: "internal",
} as const);

/** The bootstrap Job's service account: the application's, with this suffix. */
export const BOOTSTRAP_SERVICE_ACCOUNT_SUFFIX = "-db-bootstrap";

/** The bootstrap Job is named `<service account>-db-bootstrap-<8 hex digits of its content>`. */
export const BOOTSTRAP_JOB_HASH_LENGTH = 8;

/** The bootstrap Job's name for an application service account, with `hash` standing for its content hash. */
export const bootstrapJobName = (serviceAccount: string, hash = "0".repeat(BOOTSTRAP_JOB_HASH_LENGTH)) =>
  `${serviceAccount}${BOOTSTRAP_SERVICE_ACCOUNT_SUFFIX}-${hash}`;
