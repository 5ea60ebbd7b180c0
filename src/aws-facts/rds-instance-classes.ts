import { RDS_POSTGRES_CLASS_SUPPORT } from "./rds-instance-class-table";

/**
 * The newest PostgreSQL major the "Supported DB engines for DB instance classes" page covers across the board.
 * A newer major missing from a family's cell is most likely documentation lag (only three families list 18 so
 * far), so it is a warning; an older one missing is an error.
 */
export const BROADLY_DOCUMENTED_POSTGRES_MAJOR = 17;

export interface ClassProblem {
  readonly level: "error" | "warning";
  /** "<what is wrong>. Fix: <what to do>" */
  readonly message: string;
}

/** What CreateDBInstance would say about a PostgreSQL `engineVersion` (a major: "17") on `instanceClass`. */
export function rdsInstanceClassProblems(instanceClass: string, engineVersion: string): ClassProblem[] {
  const match = /^(db\.[a-z0-9-]+)\.([a-z0-9-]+)$/.exec(instanceClass);
  const family = match ? RDS_POSTGRES_CLASS_SUPPORT[match[1]] : undefined;
  const size = match?.[2];
  const fix =
    'use a class that runs RDS for PostgreSQL, e.g. "db.t4g.medium" or "db.m7g.large" (RDS user guide, "Supported DB engines for DB instance classes")';
  if (!match || !family) {
    return [{ level: "error", message: `is not an RDS DB instance class${match ? `: there is no family ${match[1]}` : ""}. Fix: ${fix}` }];
  }
  if (family.sizesNotSupportedForPostgres?.includes(size!)) {
    return [{ level: "error", message: `does not run RDS for PostgreSQL (the RDS user guide says "No" for it). Fix: ${fix}` }];
  }
  if (!family.sizes.includes(size!)) {
    return [
      {
        level: "error",
        message: `is not an RDS DB instance class: ${match[1]} has no size "${size}" (it has ${family.sizes.join(", ")}). Fix: ${fix}`,
      },
    ];
  }
  if (family.multiAzClusterOnly) {
    return [
      {
        level: "error",
        message: `runs only as a Multi-AZ DB cluster ("The c6gd instance classes are supported only for Multi-AZ DB cluster deployments"), not as the DB instance this project creates. Fix: ${fix}`,
      },
    ];
  }
  if (family.postgres === "no" || family.postgres === "deprecated") {
    return [
      {
        level: "error",
        message: `${family.postgres === "no" ? "does not run" : "is deprecated for"} RDS for PostgreSQL (the RDS user guide says "${family.docText}"). Fix: ${fix}`,
      },
    ];
  }
  if (family.postgres === "all" || family.postgres.includes(engineVersion)) return [];
  const newer = Number(engineVersion) > BROADLY_DOCUMENTED_POSTGRES_MAJOR;
  return [
    {
      level: newer ? "warning" : "error",
      message: `is documented for PostgreSQL ${family.postgres.join(", ")} only ("${family.docText}"), not ${engineVersion}${
        newer
          ? "; the documentation is behind for the newest major, so check it with `aws rds describe-orderable-db-instance-options --engine postgres --engine-version <version>`"
          : ""
      }. Fix: ${newer ? "confirm the class is orderable for this version, or " : ""}choose another class or engineVersion`,
    },
  ];
}
