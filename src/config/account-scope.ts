/**
 * Names that must be unique in a scope wider than one environment's stacks, checked across every environment
 * file and within each, before any construct exists. A clash would otherwise be found by AWS half-way through
 * the second deploy, or worse, make one environment adopt or overwrite another's resources.
 *
 * Scopes, from the documentation:
 * - IAM role names are unique per account, in every region, and case-insensitively ("you cannot create roles
 *   named both ROLE and role"): IAM user guide, "IAM identifiers"; at most 64 characters ("IAM and AWS STS quotas").
 *   Environments may share an account, so every environment's roles are compared with every other's.
 * - EKS cluster names, RDS instance identifiers, DB subnet and parameter groups, KMS aliases and CloudWatch log
 *   groups are unique per account and region (CreateCluster, CreateDBInstance, CreateAlias, CreateLogGroup).
 * - HCP Terraform workspace names are unique per organization; an S3 state object is one key of one bucket; a
 *   local state file is one path.
 * - Security group names are unique per VPC, case-insensitively (CreateSecurityGroup).
 */
import * as path from "path";
import { eksControlPlaneLogGroupName } from "../aws-facts/log-groups";
import { POSTGRES_LOG_EXPORTS, rdsLogGroupName } from "../aws-facts/rds-names";
import { CLUSTER_SCOPED_NAMES } from "../eks/defaults";
import { MAX_ROLE_NAME_LENGTH } from "../iam/service-account-role";
import { DATABASE_SCOPED_NAMES } from "../rds/defaults";
import { environmentNames, stackNames } from "../stacks/names";
import type { FileProblem } from "./problems";
import type { EnvironmentConfig } from "./schema";
import { isRefused } from "./semantic-checks";

interface ScopedName {
  /** Where the name must be unique, for messages: "per account, in every region, ignoring case"... */
  readonly scope: string;
  /** What tells scopes apart when the text does not (each environment has its own VPC). */
  readonly scopeKey?: string;
  /** "IAM role", "EKS cluster"... */
  readonly kind: string;
  readonly name: string;
  readonly caseInsensitive: boolean;
  /** The setting to change to get another name than another environment's. */
  readonly field: string;
  /** The setting to change to get another name than another resource of the same environment. */
  readonly withinField?: string;
  /** The settings the name is made of: it is not checked when one of them was refused. */
  readonly reads: readonly string[];
  /** What the name belongs to, for clashes inside one environment: "the node role". */
  readonly owner: string;
}

interface CheckedFile {
  readonly name: string;
  readonly file: string;
  readonly result: { readonly config?: EnvironmentConfig; readonly refused: ReadonlySet<string> };
}

export function accountScopeProblems(environments: readonly CheckedFile[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const claimed = new Map<string, { environment: CheckedFile; entry: ScopedName }>();
  for (const environment of environments) {
    const { config, refused } = environment.result;
    if (!config) continue;
    const entries = scopedNames(environment.name, config).filter((entry) => !entry.reads.some((field) => isRefused(field, refused)));
    problems.push(...roleLengthProblems(environment, entries));
    // One problem per setting and other owner: a shared cluster.name clashes for several names at once.
    const clashes = new Map<string, { field: string; entry: ScopedName; other: CheckedFile; otherOwner: string; names: ScopedName[] }>();
    for (const entry of entries) {
      const key = `${entry.scopeKey ?? entry.scope}\u0000${entry.kind}\u0000${entry.caseInsensitive ? entry.name.toLowerCase() : entry.name}`;
      const first = claimed.get(key);
      if (!first) {
        claimed.set(key, { environment, entry });
        continue;
      }
      const within = first.environment === environment;
      const field = within ? withinBlame(entry, first.entry) : entry.field;
      const group = `${field}\u0000${first.environment.file}\u0000${within ? first.entry.owner : ""}`;
      const clash = clashes.get(group) ?? { field, entry, other: first.environment, otherOwner: first.entry.owner, names: [] };
      clash.names.push(entry);
      clashes.set(group, clash);
    }
    for (const { field, entry, other, otherOwner, names } of clashes.values()) {
      problems.push({
        file: environment.file,
        field,
        value: valueOf(config, field),
        message:
          other === environment
            ? `gives ${entry.owner} the name of ${otherOwner}: ${describeNames(names)}. Fix: choose another ${field}`
            : `clashes with ${other.file}: both would create ${describeNames(names)}. Fix: give each environment its own ${field}, e.g. suffix it with "-${environment.name}"`,
      });
    }
  }
  return problems;
}

/**
 * Which setting to name when two names of one environment clash: one that only one of them is made of, so that
 * changing it tells them apart (a service account named "vpc-flow-logs" clashes with the flow log role; the
 * cluster name is in both, and changing it cannot help).
 */
function withinBlame(entry: ScopedName, other: ScopedName): string {
  const ownOnly = (a: ScopedName, b: ScopedName) => a.reads.filter((field) => field !== "region" && !b.reads.includes(field));
  return ownOnly(entry, other)[0] ?? ownOnly(other, entry)[0] ?? entry.withinField ?? entry.field;
}

/** 'IAM roles "a", "b" (unique per account, in every region, ignoring case); EKS cluster "c" (unique ...)' */
function describeNames(names: readonly ScopedName[]): string {
  const byScope = new Map<string, ScopedName[]>();
  for (const name of names) byScope.set(name.scope, [...(byScope.get(name.scope) ?? []), name]);
  return [...byScope]
    .map(([scope, entries]) => `${entries.map((e) => `${e.kind} "${e.name}"`).join(", ")} (unique ${scope})`)
    .join("; ");
}

function roleLengthProblems(environment: CheckedFile, entries: readonly ScopedName[]): FileProblem[] {
  const tooLong = entries.filter((entry) => entry.kind === "IAM role" && entry.name.length > MAX_ROLE_NAME_LENGTH);
  if (tooLong.length === 0) return [];
  const longest = tooLong.reduce((a, b) => (b.name.length > a.name.length ? b : a));
  const config = environment.result.config as unknown as Record<string, Record<string, unknown>>;
  const valueAt = (field: string) => field.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], config);
  return [
    {
      file: environment.file,
      field: longest.reads[0],
      value: String(valueAt(longest.reads[0])),
      message: `makes the IAM role name of ${longest.owner} "${longest.name}" ${longest.name.length} characters long (IAM allows ${MAX_ROLE_NAME_LENGTH}). Fix: shorten ${longest.reads.join(" or ")}`,
    },
  ];
}

function scopedNames(environment: string, config: EnvironmentConfig): ScopedName[] {
  const names = environmentNames(environment, config);
  const { cluster, database, region, backend } = config;
  const inRegion = `per account in ${region}`;
  const iam = (name: string, owner: string, withinField: string, reads: string[]): ScopedName => ({
    scope: "per account, in every region, ignoring case",
    kind: "IAM role",
    name,
    caseInsensitive: true,
    // Across environments the cluster name tells the roles apart; inside one, the service account does.
    field: "cluster.name",
    withinField,
    reads,
    owner,
  });
  const regional = (kind: string, name: string, field: string, reads: string[]): ScopedName => ({
    scope: inRegion,
    kind,
    name,
    caseInsensitive: true,
    field,
    reads: ["region", ...reads],
    owner: `the ${kind}`,
  });
  const stacks = Object.values(stackNames(environment));
  const entries: ScopedName[] = [
    iam(names.iamRoles.cluster, "the cluster role", "cluster.name", ["cluster.name"]),
    iam(names.iamRoles.nodes, "the node role", "cluster.name", ["cluster.name"]),
    ...(names.iamRoles.publicNodes ? [iam(names.iamRoles.publicNodes, "the public node group's role", "cluster.name", ["cluster.name"])] : []),
    iam(names.iamRoles.application, "the application's IRSA role", "application.serviceAccount", ["cluster.name", "application.serviceAccount"]),
    iam(names.iamRoles.bootstrap, "the bootstrap Job's IRSA role", "application.serviceAccount", ["cluster.name", "application.serviceAccount"]),
    iam(names.iamRoles.flowLogs, "the VPC flow log role", "cluster.name", ["cluster.name"]),
    { ...iam(names.iamRoles.databaseMonitoring, "the database's Enhanced Monitoring role", "database.identifier", ["database.identifier"]), field: "database.identifier" },
    regional("EKS cluster", cluster.name, "cluster.name", ["cluster.name"]),
    regional("CloudWatch log group", eksControlPlaneLogGroupName(cluster.name), "cluster.name", ["cluster.name"]),
    regional("CloudWatch log group", CLUSTER_SCOPED_NAMES.flowLogGroup(cluster.name), "cluster.name", ["cluster.name"]),
    regional("KMS alias", CLUSTER_SCOPED_NAMES.secretsKeyAlias(cluster.name), "cluster.name", ["cluster.name"]),
    regional("KMS alias", CLUSTER_SCOPED_NAMES.logsKeyAlias(cluster.name), "cluster.name", ["cluster.name"]),
    regional("RDS DB instance", database.identifier, "database.identifier", ["database.identifier"]),
    regional("DB subnet group", database.identifier, "database.identifier", ["database.identifier"]),
    regional("DB parameter group", DATABASE_SCOPED_NAMES.parameterGroup(database.identifier, database.engineVersion), "database.identifier", ["database.identifier", "database.engineVersion"]),
    regional("KMS alias", DATABASE_SCOPED_NAMES.keyAlias(database.identifier), "database.identifier", ["database.identifier"]),
    regional("Secrets Manager secret", DATABASE_SCOPED_NAMES.applicationKeySecret(database.identifier, names.application.serviceAccount), "database.identifier", ["database.identifier", "application.serviceAccount"]),
    ...POSTGRES_LOG_EXPORTS.map((type) => regional("CloudWatch log group", rdsLogGroupName(database.identifier, type), "database.identifier", ["database.identifier"])),
    ...[
      ["the database's security group", database.identifier, "database.identifier"],
      ["the application's pod security group", names.application.podSecurityGroup, "database.identifier"],
      ["the bootstrap Job's pod security group", names.bootstrap.podSecurityGroup, "database.identifier"],
    ].map(([owner, name, field]) => ({
      scope: "per VPC, ignoring case",
      scopeKey: `vpc of ${environment}`,
      kind: "security group",
      name,
      caseInsensitive: true,
      field,
      reads: [field],
      owner,
    })),
  ];
  for (const stack of stacks) {
    if (backend.type === "hcp") {
      entries.push({
        scope: `per HCP Terraform organization (${backend.organization} on ${backend.hostname})`,
        kind: "workspace",
        name: `${backend.workspacePrefix}-${stack}`,
        caseInsensitive: true,
        field: "backend.workspacePrefix",
        reads: ["backend"],
        owner: `the workspace of ${stack}`,
      });
    } else if (backend.type === "s3") {
      entries.push({
        scope: `per S3 bucket (${backend.bucket})`,
        kind: "state object",
        name: `${backend.keyPrefix}/${stack}.tfstate`,
        caseInsensitive: false,
        field: "backend.keyPrefix",
        reads: ["backend"],
        owner: `the state of ${stack}`,
      });
    } else {
      entries.push({
        scope: "per machine",
        kind: "local state file",
        name: path.resolve(backend.directory, `${stack}.tfstate`),
        caseInsensitive: false,
        field: "backend.directory",
        reads: ["backend"],
        owner: `the state of ${stack}`,
      });
    }
  }
  return entries;
}

function valueOf(config: EnvironmentConfig, field: string): unknown {
  return field.split(".").reduce<any>((current, key) => current?.[key], config);
}
