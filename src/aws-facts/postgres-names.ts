/**
 * Names the bootstrap Job (src/k8s/manifests/db-bootstrap-job.ts, BOOTSTRAP_SQL) cannot create or own, run as
 * the RDS master user, which is not a superuser. Measured against PostgreSQL 15 with a non-superuser master that
 * has CREATEROLE and CREATEDB, as on RDS (__tests__/workload/postgres-names.test.ts keeps these lists equal to
 * what the server refuses):
 * - role names PostgreSQL reserves: "public" and "none" ('role name "none" is reserved', even quoted: gram.y
 *   RoleSpec), and every name starting with "pg_" (CREATE ROLE docs: "role names beginning with pg_ are reserved");
 * - role names RDS keeps for itself: "rdsadmin" and the "rds_" prefix (rds_iam, rds_superuser, rds_replication...,
 *   RDS user guide, "Understanding PostgreSQL roles and permissions");
 * - databases that exist before the Job runs: "postgres", "template0" and "template1" on every PostgreSQL (the
 *   master cannot take them over: "must be owner of database template1"), and "rdsadmin" on RDS.
 * Key words are no problem: the SQL quotes every name with format('%I').
 */
export const POSTGRES_RESERVED_ROLE_NAMES: readonly string[] = ["none", "public"];
export const RDS_RESERVED_ROLE_NAMES: readonly string[] = ["postgres", "rdsadmin"];

export const POSTGRES_PREEXISTING_DATABASES: readonly string[] = ["postgres", "template0", "template1"];
export const RDS_PREEXISTING_DATABASES: readonly string[] = ["rdsadmin"];

/** Why the Job could not create this role for the application, or undefined. */
export function applicationRoleProblem(name: string): string | undefined {
  if (POSTGRES_RESERVED_ROLE_NAMES.includes(name)) return `is a role name PostgreSQL reserves ("role name \\"${name}\\" is reserved")`;
  if (name.startsWith("pg_")) return 'starts with "pg_", which PostgreSQL reserves for its own roles';
  if (RDS_RESERVED_ROLE_NAMES.includes(name) || name.startsWith("rds")) return "is a role Amazon RDS creates or keeps for itself";
  return undefined;
}

/** Why the Job could not create and own this database, or undefined. */
export function applicationDatabaseProblem(name: string): string | undefined {
  if (POSTGRES_PREEXISTING_DATABASES.includes(name))
    return `is a database every PostgreSQL server already has, which the master user (not a superuser) cannot take over ("must be owner of database ${name}")`;
  if (RDS_PREEXISTING_DATABASES.includes(name)) return "is a database Amazon RDS keeps for itself";
  if (name.startsWith("pg_")) return 'starts with "pg_", which PostgreSQL reserves';
  return undefined;
}
