/**
 * Names RDS for PostgreSQL refuses for the master user, at CreateDBInstance time.
 *
 * - The API reference (CreateDBInstance, MasterUsername) today: "Must be 1 to 16 letters, numbers, or underscores.
 *   First character must be a letter. Can't be a reserved word for the chosen database engine." (The limit was
 *   63 for PostgreSQL before 2023: crossplane-contrib/provider-aws#1701.)
 * - The reserved words of PostgreSQL are its "reserved" key words (PostgreSQL docs, Appendix C "SQL Key Words"):
 *   what `SELECT word FROM pg_get_keywords() WHERE catcode = 'R'` returns. The list below is PostgreSQL 15's
 *   (the test group with a real PostgreSQL compares it), plus system_user, reserved since PostgreSQL 16.
 * - Names RDS keeps for itself are not documented; RDS's own error messages name them: "admin"
 *   (aws/aws-cdk#10579, fixed by #10597: "MasterUsername admin cannot be used as it is a reserved word used by
 *   the engine"), "rdsadmin" (aws-cloudformation/cfn-lint#4425), "user" (the terraform-aws-rds PostgreSQL
 *   example), and the prefix "pg_" (PostgreSQL reserves role names starting with pg_: CREATE ROLE docs).
 */

export const MAX_MASTER_USERNAME_LENGTH = 16;

/** 1 to 16 letters, digits or underscores, starting with a letter. */
export const MASTER_USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;

/** PostgreSQL 15's reserved key words (pg_get_keywords() catcode 'R'). */
export const POSTGRES_15_RESERVED_WORDS: readonly string[] = [
  "all",
  "analyse",
  "analyze",
  "and",
  "any",
  "array",
  "as",
  "asc",
  "asymmetric",
  "both",
  "case",
  "cast",
  "check",
  "collate",
  "column",
  "constraint",
  "create",
  "current_catalog",
  "current_date",
  "current_role",
  "current_time",
  "current_timestamp",
  "current_user",
  "default",
  "deferrable",
  "desc",
  "distinct",
  "do",
  "else",
  "end",
  "except",
  "false",
  "fetch",
  "for",
  "foreign",
  "from",
  "grant",
  "group",
  "having",
  "in",
  "initially",
  "intersect",
  "into",
  "lateral",
  "leading",
  "limit",
  "localtime",
  "localtimestamp",
  "not",
  "null",
  "offset",
  "on",
  "only",
  "or",
  "order",
  "placing",
  "primary",
  "references",
  "returning",
  "select",
  "session_user",
  "some",
  "symmetric",
  "table",
  "then",
  "to",
  "trailing",
  "true",
  "union",
  "unique",
  "user",
  "using",
  "variadic",
  "when",
  "where",
  "window",
  "with",
];

/** Reserved in later major versions than 15 (PostgreSQL 16 added the SQL-standard SYSTEM_USER). */
export const POSTGRES_RESERVED_SINCE_16: readonly string[] = ["system_user"];

export const RDS_RESERVED_USER_NAMES: readonly string[] = ["admin", "rdsadmin", "user"];
export const RDS_RESERVED_USER_PREFIXES: readonly string[] = ["pg_"];

const RESERVED = new Set([...POSTGRES_15_RESERVED_WORDS, ...POSTGRES_RESERVED_SINCE_16]);

/** Why RDS would refuse `name` as the master user name, or undefined. */
export function masterUsernameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > MAX_MASTER_USERNAME_LENGTH) {
    return `has ${name.length} characters; RDS allows 1 to ${MAX_MASTER_USERNAME_LENGTH} (CreateDBInstance, MasterUsername)`;
  }
  if (!/^[A-Za-z]/.test(name)) return "does not start with a letter, as RDS requires (CreateDBInstance, MasterUsername)";
  if (!/^[A-Za-z0-9_]+$/.test(name))
    return "holds characters other than letters, digits and underscores, which RDS refuses (CreateDBInstance, MasterUsername)";
  const lower = name.toLowerCase();
  if (RDS_RESERVED_USER_NAMES.includes(lower)) return `is a name RDS reserves ("${lower}")`;
  const prefix = RDS_RESERVED_USER_PREFIXES.find((p) => lower.startsWith(p));
  if (prefix) return `starts with "${prefix}", which PostgreSQL and RDS reserve for their own roles`;
  if (RESERVED.has(lower)) return `is a reserved word of PostgreSQL ("${lower}"), which RDS refuses as the master user name`;
  return undefined;
}

/**
 * The log group RDS publishes a log type to: "/aws/rds/instance/<DB instance identifier>/<log type>" (RDS user
 * guide, "Publishing database logs to Amazon CloudWatch Logs"). Created before the instance, it keeps our
 * retention and key; otherwise RDS creates it without either.
 */
export function rdsLogGroupName(identifier: string, logType: string): string {
  return `/aws/rds/instance/${identifier}/${logType}`;
}

/** The log types RDS for PostgreSQL can publish (RDS user guide, "Publishing PostgreSQL logs to CloudWatch Logs"). */
export const POSTGRES_LOG_EXPORTS: readonly string[] = ["postgresql", "upgrade"];
