/**
 * Clashes of synthesized names (src/checks/physical-names.ts), told in the environment file's terms: which
 * resource of the environment owns the name, and which setting of the file to change. The one place that knows
 * which field a name is built from is the small map below, keyed by construct path.
 */
import { MAX_ROLE_NAME_LENGTH, nameClashes, overlongRoleNames, type NamedIn } from "../checks/physical-names";
import type { Environment } from "../config/load";
import type { FileProblem } from "../config/problems";
import { isRefused } from "../config/semantic-checks";

interface NameOwner {
  /** What the name belongs to, for messages: "the node role". */
  readonly owner: (name: NamedIn) => string;
  /** The setting to change to get another name than another environment's. */
  readonly field: string;
  /** The setting to change to get another name than another resource of the same environment. */
  readonly withinField?: string;
  /** The settings the name is made of. */
  readonly reads: readonly string[];
}

const owner = (text: string) => () => text;
const regional = (field: string, reads: string[] = [field]): Omit<NameOwner, "owner"> => ({ field, reads: ["region", ...reads] });
const podIdentity = {
  field: "cluster.name",
  withinField: "application.serviceAccount",
  reads: ["cluster.name", "application.serviceAccount"],
};

/** Construct paths (below the stack) of the named resources of an environment's stacks, in the order messages list them. */
const OWNERS: ReadonlyArray<{ readonly kind: string; readonly path: RegExp } & NameOwner> = [
  { kind: "IAM role", path: /^eks\/role$/, owner: owner("the cluster role"), field: "cluster.name", reads: ["cluster.name"] },
  { kind: "IAM role", path: /^eks\/node-role\/role$/, owner: owner("the node role"), field: "cluster.name", reads: ["cluster.name"] },
  {
    kind: "IAM role",
    path: /^eks\/public-node-role\/role$/,
    owner: owner("the public node group's role"),
    field: "cluster.name",
    reads: ["cluster.name"],
  },
  { kind: "IAM role", path: /^eks\/application-role\/role$/, owner: owner("the application's IRSA role"), ...podIdentity },
  { kind: "IAM role", path: /^eks\/bootstrap-role\/role$/, owner: owner("the bootstrap Job's IRSA role"), ...podIdentity },
  {
    kind: "IAM role",
    path: /^network\/flow-log\/role$/,
    owner: owner("the VPC flow log role"),
    field: "cluster.name",
    reads: ["cluster.name"],
  },
  {
    kind: "IAM role",
    path: /^database\/monitoring-role$/,
    owner: owner("the database's Enhanced Monitoring role"),
    field: "database.identifier",
    reads: ["database.identifier"],
  },
  { kind: "EKS cluster", path: /^eks\/cluster$/, owner: owner("the EKS cluster"), ...regional("cluster.name") },
  { kind: "CloudWatch log group", path: /^logs\/aws-eks-/, owner: owner("the CloudWatch log group"), ...regional("cluster.name") },
  { kind: "CloudWatch log group", path: /^logs\/aws-vpc-/, owner: owner("the CloudWatch log group"), ...regional("cluster.name") },
  { kind: "KMS alias", path: /^eks\/secrets-key-alias$/, owner: owner("the KMS alias"), ...regional("cluster.name") },
  { kind: "KMS alias", path: /^logs\/key-alias$/, owner: owner("the KMS alias"), ...regional("cluster.name") },
  { kind: "RDS DB instance", path: /^database\/instance$/, owner: owner("the RDS DB instance"), ...regional("database.identifier") },
  { kind: "DB subnet group", path: /^database\/subnet-group$/, owner: owner("the DB subnet group"), ...regional("database.identifier") },
  {
    kind: "DB parameter group",
    path: /^database\/parameters$/,
    owner: owner("the DB parameter group"),
    ...regional("database.identifier", ["database.identifier", "database.engineVersion"]),
  },
  { kind: "KMS alias", path: /^database-key-alias$/, owner: owner("the KMS alias"), ...regional("database.identifier") },
  {
    kind: "Secrets Manager secret",
    path: /^application-encryption-key\/secret$/,
    owner: owner("the Secrets Manager secret"),
    ...regional("database.identifier", ["database.identifier", "application.serviceAccount"]),
  },
  { kind: "CloudWatch log group", path: /^logs\/aws-rds-/, owner: owner("the CloudWatch log group"), ...regional("database.identifier") },
  {
    kind: "security group",
    path: /^database\/security-group$/,
    owner: owner("the database's security group"),
    field: "database.identifier",
    reads: ["database.identifier"],
  },
  {
    kind: "security group",
    path: /^application-pod-sg\/security-group$/,
    owner: owner("the application's pod security group"),
    field: "database.identifier",
    reads: ["database.identifier"],
  },
  {
    kind: "security group",
    path: /^bootstrap-pod-sg\/security-group$/,
    owner: owner("the bootstrap Job's pod security group"),
    field: "database.identifier",
    reads: ["database.identifier"],
  },
  {
    kind: "workspace",
    path: /^$/,
    owner: (name) => `the workspace of ${name.stack}`,
    field: "backend.workspacePrefix",
    reads: ["backend"],
  },
  { kind: "state object", path: /^$/, owner: (name) => `the state of ${name.stack}`, field: "backend.keyPrefix", reads: ["backend"] },
  { kind: "local state file", path: /^$/, owner: (name) => `the state of ${name.stack}`, field: "backend.directory", reads: ["backend"] },
];

/** The construct path below the stack ("eks/role"); "" for the stack itself (its backend). */
const below = (name: NamedIn) => (name.path === name.stack ? "" : name.path.slice(name.stack.length + 1));

function ownerOf(name: NamedIn): (NameOwner & { readonly rank: number }) | undefined {
  const rank = OWNERS.findIndex((entry) => entry.kind === name.kind && entry.path.test(below(name)));
  return rank < 0 ? undefined : { ...OWNERS[rank], rank };
}

/**
 * Which setting to name when two names of one environment clash: one that only one of them is made of, so that
 * changing it tells them apart (a service account named "vpc-flow-logs" clashes with the flow log role; the
 * cluster name is in both, and changing it cannot help).
 */
function withinBlame(entry: NameOwner, other: NameOwner): string {
  const ownOnly = (a: NameOwner, b: NameOwner) => a.reads.filter((field) => field !== "region" && !b.reads.includes(field));
  return ownOnly(entry, other)[0] ?? ownOnly(other, entry)[0] ?? entry.withinField ?? entry.field;
}

/** 'IAM roles "a", "b" (unique per account, in every region, ignoring case); EKS cluster "c" (unique ...)' */
function describeNames(names: readonly NamedIn[]): string {
  const byScope = new Map<string, NamedIn[]>();
  for (const name of names) byScope.set(name.scope, [...(byScope.get(name.scope) ?? []), name]);
  return [...byScope].map(([scope, entries]) => `${entries.map((e) => `${e.kind} "${e.name}"`).join(", ")} (unique ${scope})`).join("; ");
}

const settingOf = (environment: Environment, field: string): unknown =>
  field.split(".").reduce<any>((current, key) => current?.[key], environment.config);

/**
 * The clashes and overlong names among the environments' synthesized names, one problem per setting and other
 * owner (a shared cluster.name clashes for several names at once). Names the map does not know (constructs added
 * to a stack by hand) are reported by their construct paths.
 */
export function nameProblems(
  environments: readonly Environment[],
  namesOf: (environment: Environment) => NamedIn[],
  refusedOf: (environment: Environment) => ReadonlySet<string> = () => new Set(),
): FileProblem[] {
  const byName = new Map(environments.map((environment) => [environment.name, environment]));
  // A name made of a refused setting (built from its default) is not the file's: its problem is already reported.
  const own = (environment: Environment, name: NamedIn) =>
    !(ownerOf(name)?.reads ?? []).some((field) => isRefused(field, refusedOf(environment)));
  const all = environments.flatMap((environment) =>
    namesOf(environment)
      .filter((name) => own(environment, name))
      .map((name) => ({ name, rank: ownerOf(name)?.rank ?? OWNERS.length }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ name }) => name),
  );
  const problems = new Map<Environment, FileProblem[]>(environments.map((environment) => [environment, []]));
  for (const environment of environments) {
    const overlong = overlongRoleNames(all.filter((name) => name.environment === environment.name));
    if (overlong.length > 0) {
      const longest = overlong.reduce((a, b) => (b.name.length > a.name.length ? b : a));
      const known = ownerOf(longest);
      const field = known?.reads[0] ?? "cluster.name";
      problems.get(environment)!.push({
        file: environment.file,
        field,
        value: String(settingOf(environment, field)),
        message: `makes the IAM role name of ${known?.owner(longest) ?? longest.path} "${longest.name}" ${longest.name.length} characters long (IAM allows ${MAX_ROLE_NAME_LENGTH}). Fix: shorten ${(known?.reads ?? [field]).join(" or ")}`,
      });
    }
  }
  const groups = new Map<
    string,
    { environment: Environment; field: string; names: NamedIn[]; other: Environment; otherOwner: string; within: boolean; owner: string }
  >();
  for (const { name, claimedBy } of nameClashes(all)) {
    const environment = byName.get(name.environment)!;
    const other = byName.get(claimedBy.environment)!;
    const mine = ownerOf(name);
    const theirs = ownerOf(claimedBy);
    const within = environment === other;
    const unknownField = "the name of one of them";
    const field = within
      ? mine && theirs
        ? withinBlame(mine, theirs)
        : (mine?.withinField ?? mine?.field ?? unknownField)
      : (mine?.field ?? unknownField);
    const otherOwner = theirs?.owner(claimedBy) ?? claimedBy.path;
    const key = `${environment.name}\u0000${field}\u0000${other.name}\u0000${within ? otherOwner : ""}`;
    const group = groups.get(key) ?? { environment, field, names: [], other, otherOwner, within, owner: mine?.owner(name) ?? name.path };
    group.names.push(name);
    groups.set(key, group);
  }
  for (const { environment, field, names, other, otherOwner, within, owner: mine } of groups.values()) {
    problems.get(environment)!.push({
      file: environment.file,
      ...(field.includes(" ") ? {} : { field, value: settingOf(environment, field) }),
      message: within
        ? `gives ${mine} the name of ${otherOwner}: ${describeNames(names)}. Fix: choose another ${field}`
        : `clashes with ${other.file}: both would create ${describeNames(names)}. Fix: give each environment its own ${field}, e.g. suffix it with "-${environment.name}"`,
    });
  }
  return [...problems.values()].flat();
}
