/**
 * RDS DB instance classes and whether RDS for PostgreSQL (not Aurora) runs on them, from the RDS user guide page
 * "Supported DB engines for DB instance classes"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html), read from the
 * crawled copy c2hans/aws-docs docs/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.md @ 8fbf006.
 * CreateDBInstance refuses a class that does not exist, or does not run the engine version ("InvalidParameter
 * Combination: RDS does not support creating a DB instance with the following combination").
 *
 * The page's legend: "Yes — The instance class is supported for all versions of the DB engine." "No — The instance
 * class isn't supported for the DB engine." "{specific-versions} — The instance class is supported only for the
 * specified database versions of the DB engine." (Some cells say "Deprecated"; db.m6i says "All available
 * versions".) `postgres` is "all", "no", "deprecated", or the PostgreSQL major versions the cell names; the cell
 * itself is kept in docText. `sizes` are the rows whose PostgreSQL cell is the family's; other rows of the family
 * (metal, Oracle-only *.tpcN.memNx) are in sizesNotSupportedForPostgres.
 *
 * Caveat, from the page: "Not all AWS Regions might have support for earlier engine versions", and only db.m9g,
 * db.m8gd and db.r8gd name PostgreSQL 18 so far (the other cells stop at 17, which looks like documentation lag).
 * The test compares this table with ../shared/data/rds-postgres-instance-classes.json.
 */

export type PgSupport = "all" | "no" | "deprecated" | readonly string[];

/** Family ("db.m5") -> its sizes and what the page says of PostgreSQL. */
export const RDS_POSTGRES_CLASS_SUPPORT: Readonly<
  Record<
    string,
    {
      sizes: readonly string[];
      postgres: PgSupport;
      multiAzClusterOnly?: true;
      note?: string;
      sizesNotSupportedForPostgres?: readonly string[];
      section: "general-purpose" | "memory-optimized" | "compute-optimized" | "burstable-performance" | "optimized-reads";
      /** The PostgreSQL cell, verbatim. */
      docText: string;
    }
  >
> = {
  "db.m9g": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17", "18"],
    section: "general-purpose",
    docText: "PostgreSQL 13.18 and higher, 14.17 and higher, 15.10 and higher, 16.6 and higher, 17.2 and higher, 18.1 and higher",
  },
  "db.m8g": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    section: "general-purpose",
    docText: "PostgreSQL version 17.1 and higher, 16.1 and higher, 15.4 and higher, 14.9 and higher, and 13.11 and higher",
  },
  "db.m8i": {
    sizes: [
      "96xlarge",
      "48xlarge",
      "32xlarge",
      "24xlarge",
      "16xlarge",
      "12xlarge",
      "8xlarge",
      "4xlarge",
      "2xlarge",
      "xlarge",
      "large",
      "metal-96xl",
      "metal-48xl",
    ],
    postgres: "no",
    section: "general-purpose",
    docText: "No",
  },
  "db.m8a": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: "all",
    section: "general-purpose",
    docText: "Yes",
  },
  "db.m7i": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: ["metal-48xl", "metal-24xl"],
    section: "general-purpose",
    docText: "PostgreSQL version 17.1 and higher, 16.1 and higher, 15.4 and higher, 14.9 and higher, and 13.11 and higher",
  },
  "db.m7g": {
    sizes: ["16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    section: "general-purpose",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, and 13.4 and higher 13 versions",
  },
  "db.m6g": {
    sizes: ["16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["12", "13", "14", "15", "16", "17"],
    section: "general-purpose",
    docText: "All PostgreSQL 17, 16, 15, 14, and 13 versions; and 12.7 and higher 12 versions",
  },
  "db.m6gd": {
    sizes: ["16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    section: "general-purpose",
    docText: "All PostgreSQL 17, 16, 15, and 14 versions; 13.7 and higher 13 versions; and 13.4",
  },
  "db.m6id": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: ["metal"],
    section: "general-purpose",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, and 13.7 and higher 13 versions",
  },
  "db.m6idn": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    section: "general-purpose",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, and 13.7 and higher 13 versions",
  },
  "db.m6in": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["11", "12", "13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: ["metal"],
    section: "general-purpose",
    docText:
      "All PostgreSQL 17, 16, and 15 versions, 14.3 and higher 14 versions, 13.7 and higher 13 versions, 12.11 and higher 12 versions, and 11.16 and higher 11 versions",
  },
  "db.m6i": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: "all",
    sizesNotSupportedForPostgres: ["metal"],
    section: "general-purpose",
    docText: "All available versions",
  },
  "db.m5d": {
    sizes: ["24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    section: "general-purpose",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, 13.7 and higher 13 versions, and 13.4",
  },
  "db.m5": {
    sizes: ["24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["9.6", "10", "11", "12", "13", "14", "15", "16", "17"],
    section: "general-purpose",
    docText: "All PostgreSQL 17, 16, 15, 14, 13, 12, and 11 versions; 10.17 and higher 10 versions; and 9.6.22 and higher 9 versions",
  },
  "db.m4": {
    sizes: ["16xlarge", "10xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: "deprecated",
    note: "Types page: creating db.m4 instances no longer supported since June 1, 2024; support ended December 31, 2024.",
    section: "general-purpose",
    docText: "Deprecated",
  },
  "db.m3": {
    sizes: ["2xlarge", "xlarge", "large", "medium"],
    postgres: "deprecated",
    note: "Types page: 'You can no longer create RDS DB instances that use db.m3 DB instance classes.'",
    section: "general-purpose",
    docText: "Deprecated",
  },
  "db.z1d": {
    sizes: ["12xlarge", "6xlarge", "3xlarge", "2xlarge", "xlarge", "large"],
    postgres: "no",
    section: "memory-optimized",
    docText: "No",
  },
  "db.x2g": {
    sizes: ["16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["12", "13", "14", "15", "16", "17"],
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, 15, 14, and 13 versions; and 12.7 and higher 12 versions",
  },
  "db.x2idn": {
    sizes: ["32xlarge", "24xlarge", "16xlarge"],
    postgres: ["13", "14", "15"],
    note: "Cell names only PostgreSQL 15 versions, 14.6 and 13.9 (exact minors).",
    sizesNotSupportedForPostgres: ["metal"],
    section: "memory-optimized",
    docText: "PostgreSQL 15 versions, 14.6, and 13.9",
  },
  "db.x2iedn": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge"],
    postgres: ["13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: ["metal"],
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, 13.7 and higher 13 versions, and 13.4",
  },
  "db.x2m": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "metal"],
    postgres: "no",
    section: "memory-optimized",
    docText: "No",
  },
  "db.x2iezn": {
    sizes: ["metal", "8xlarge", "6xlarge", "4xlarge", "2xlarge"],
    postgres: "no",
    section: "memory-optimized",
    docText: "No",
  },
  "db.x1e": {
    sizes: ["32xlarge", "16xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge"],
    postgres: "no",
    section: "memory-optimized",
    docText: "No",
  },
  "db.x1": {
    sizes: ["32xlarge", "16xlarge"],
    postgres: "no",
    section: "memory-optimized",
    docText: "No",
  },
  "db.r8g": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    section: "memory-optimized",
    docText: "PostgreSQL version 17.1 and higher, 16.1 and higher, 15.4 and higher, 14.9 and higher, and 13.11 and higher",
  },
  "db.r8i": {
    sizes: [
      "96xlarge",
      "48xlarge",
      "32xlarge",
      "24xlarge",
      "16xlarge",
      "12xlarge",
      "8xlarge",
      "4xlarge",
      "2xlarge",
      "xlarge",
      "large",
      "metal-96xl",
      "metal-48xl",
    ],
    postgres: "no",
    section: "memory-optimized",
    docText: "No",
  },
  "db.r8a": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: "all",
    section: "memory-optimized",
    docText: "Yes",
  },
  "db.r7i": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: [
      "metal-48xl",
      "metal-24xl",
      "8xlarge.tpc2.mem3x",
      "8xlarge.tpc2.mem2x",
      "6xlarge.tpc2.mem4x",
      "6xlarge.tpc2.mem2x",
      "4xlarge.tpc2.mem4x",
      "4xlarge.tpc2.mem3x",
      "4xlarge.tpc2.mem2x",
      "3xlarge.tpc2.mem4x",
      "2xlarge.tpc2.mem8x",
      "2xlarge.tpc2.mem4x",
      "xlarge.tpc2.mem4x",
      "xlarge.tpc2.mem2x",
    ],
    section: "memory-optimized",
    docText: "PostgreSQL version 17.1 and higher, 16.1 and higher, 15.4 and higher, 14.9 and higher, and 13.11 and higher",
  },
  "db.r7g": {
    sizes: ["16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, and 13.4 and higher 13 versions",
  },
  "db.r6g": {
    sizes: ["16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["12", "13", "14", "15", "16", "17"],
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, 15, 14, and 13 versions; and 12.7 and higher 12 versions",
  },
  "db.r6gd": {
    sizes: ["16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    note: "Listed twice on the page (memory-optimized and Optimized Reads tables), identical rows.",
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16 and 15 versions, 14.5 and higher 14 versions, 13.7 and higher 13 versions, and 13.4",
  },
  "db.r6id": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    note: "Listed twice on the page (memory-optimized and Optimized Reads tables), identical rows.",
    sizesNotSupportedForPostgres: ["metal"],
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, and 13.7 and higher 13 versions",
  },
  "db.r6idn": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge"],
    postgres: ["13", "14", "15", "16", "17"],
    note: "Support table has no db.r6idn.large row (32xlarge..xlarge only).",
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, and 13.7 and higher 13 versions",
  },
  "db.r6in": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["11", "12", "13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: ["metal"],
    section: "memory-optimized",
    docText:
      "All PostgreSQL 17, 16, and 15 versions, 14.3 and higher 14 versions, 13.7 and higher 13 versions, 12.11 and higher 12 versions, and 11.16 and higher 11 versions",
  },
  "db.r6i": {
    sizes: ["32xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["10", "11", "12", "13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: [
      "metal",
      "8xlarge.tpc2.mem4x",
      "8xlarge.tpc2.mem3x",
      "6xlarge.tpc2.mem4x",
      "4xlarge.tpc2.mem4x",
      "4xlarge.tpc2.mem3x",
      "4xlarge.tpc2.mem2x",
      "2xlarge.tpc2.mem8x",
      "2xlarge.tpc2.mem4x",
      "2xlarge.tpc1.mem2x",
      "xlarge.tpc2.mem4x",
      "xlarge.tpc2.mem2x",
      "large.tpc1.mem2x",
    ],
    section: "memory-optimized",
    docText:
      "All PostgreSQL 17, 16, 15, and 14 versions, 13.4 and higher 13 versions, 12.8 and higher 12 versions, 11.13 and higher 11 versions, and 10.21 and higher 10 versions",
  },
  "db.r5d": {
    sizes: ["24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17"],
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, and 15 versions, 14.5 and higher 14 versions, 13.7 and higher 13 versions, and 13.4",
  },
  "db.r5b": {
    sizes: ["24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["12", "13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: [
      "8xlarge.tpc2.mem3x",
      "6xlarge.tpc2.mem4x",
      "4xlarge.tpc2.mem4x",
      "4xlarge.tpc2.mem3x",
      "4xlarge.tpc2.mem2x",
      "2xlarge.tpc2.mem8x",
      "2xlarge.tpc2.mem4x",
      "2xlarge.tpc1.mem2x",
      "xlarge.tpc2.mem4x",
      "xlarge.tpc2.mem2x",
      "large.tpc1.mem2x",
    ],
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, 15, 14, and 13 versions; and 12.7 and higher 12 versions",
  },
  "db.r5": {
    sizes: ["24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["9.6", "10", "11", "12", "13", "14", "15", "16", "17"],
    sizesNotSupportedForPostgres: [
      "12xlarge.tpc2.mem2x",
      "8xlarge.tpc2.mem3x",
      "6xlarge.tpc2.mem4x",
      "4xlarge.tpc2.mem4x",
      "4xlarge.tpc2.mem3x",
      "4xlarge.tpc2.mem2x",
      "2xlarge.tpc2.mem8x",
      "2xlarge.tpc2.mem4x",
      "2xlarge.tpc1.mem2x",
      "xlarge.tpc2.mem4x",
      "xlarge.tpc2.mem2x",
      "large.tpc1.mem2x",
    ],
    section: "memory-optimized",
    docText: "All PostgreSQL 17, 16, 15, 14, 13, 12, and 11 versions; 10.17 and higher 10 versions; and 9.6.22 and higher 9 versions",
  },
  "db.r4": {
    sizes: ["16xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: "deprecated",
    note: "Types page: creating db.r4 instances no longer supported since June 1, 2024; support ended December 31, 2024.",
    section: "memory-optimized",
    docText: "Deprecated",
  },
  "db.r3": {
    sizes: ["8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: "deprecated",
    note: "Types page: 'You can no longer create RDS DB instances that use db.r3 DB instance classes.'",
    section: "memory-optimized",
    docText: "Deprecated",
  },
  "db.c6gd": {
    sizes: ["16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large", "medium"],
    postgres: ["13", "14", "15", "16", "17"],
    multiAzClusterOnly: true,
    note: "Doc heading: 'db.c6gd \u2013 compute-optimized instance classes (for Multi-AZ DB cluster deployments only)'",
    section: "compute-optimized",
    docText: "All PostgreSQL 17, 16, and 15 versions; 14.5 and higher 14 versions; 13.4 and 13.7 and higher 13 versions",
  },
  "db.t4g": {
    sizes: ["2xlarge", "xlarge", "large", "medium", "small", "micro"],
    postgres: ["12", "13", "14", "15", "16", "17"],
    section: "burstable-performance",
    docText: "All PostgreSQL 17, 16, 15, 14, and 13 versions; and 12.7 and higher 12 versions",
  },
  "db.t3": {
    sizes: ["2xlarge", "xlarge", "large", "medium", "small", "micro"],
    postgres: ["9.6", "10", "11", "12", "13", "14", "15", "16", "17"],
    section: "burstable-performance",
    docText: "All PostgreSQL 17, 16, 15, 14, 13, 12, 11, and 10 versions; and 9.6.22 and higher 9 versions",
  },
  "db.t2": {
    sizes: ["2xlarge", "xlarge", "large", "medium", "small", "micro"],
    postgres: "deprecated",
    note: "Types page: creating db.t2 instances no longer supported since June 1, 2024; support ended December 31, 2024.",
    section: "burstable-performance",
    docText: "Deprecated",
  },
  "db.m8gd": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17", "18"],
    section: "optimized-reads",
    docText: "PostgreSQL 13.18 and higher, 14.17 and higher, 15.10 and higher, 16.6 and higher, 17.2 and higher, 18.1 and higher",
  },
  "db.r8gd": {
    sizes: ["48xlarge", "24xlarge", "16xlarge", "12xlarge", "8xlarge", "4xlarge", "2xlarge", "xlarge", "large"],
    postgres: ["13", "14", "15", "16", "17", "18"],
    section: "optimized-reads",
    docText: "PostgreSQL 13.18 and higher, 14.17 and higher, 15.10 and higher, 16.6 and higher, 17.2 and higher, 18.1 and higher",
  },
};
