/**
 * Rules that need more than one field: where the subnets sit, which AZs exist, which instance types can
 * carry pod security groups. They run after the schema, on the environment with refused fields replaced by
 * defaults; each declares the fields it reads, and is skipped when one of them was refused (its problem is
 * already reported, and a default standing in for it would only produce a misleading second one).
 */
import * as path from "path";
import {
  availabilityZoneProblems,
  instanceArchitectureProblems,
  instanceClassProblems,
  kubernetesLifecycleProblems,
  postgresLifecycleProblems,
  subnetPlanProblems,
  type FieldNames,
} from "../checks/cross-field";
import type { ConfigProblem } from "./problems";
import { OPT_IN_REGIONS, partitionOf } from "../aws-facts/regions";
import type { EnvironmentConfig } from "./schema";

/** What the checks know besides the file: today's date (the clock; tests pass another day). */
export interface CheckContext {
  readonly today: Date;
}

interface SemanticCheck {
  /** The fields the check reads (a field covers everything below it). */
  readonly reads: readonly string[];
  readonly check: (env: EnvironmentConfig, context: CheckContext) => ConfigProblem[];
}

const CHECKS: readonly SemanticCheck[] = [
  { reads: ["region", "availabilityZones"], check: zoneProblems },
  { reads: ["network", "availabilityZones"], check: subnetProblems },
  { reads: ["nodeGroups"], check: nodeGroupProblems },
  { reads: ["database.masterUsername", "application.dbUser"], check: databaseUserProblems },
  { reads: ["database.instanceClass", "database.engineVersion"], check: databaseInstanceClass },
  { reads: ["region"], check: regionProblems },
  { reads: ["backend"], check: stateDirectoryProblems },
  { reads: ["region", "application.tls"], check: certificateProblems },
  { reads: ["cluster.kubernetesVersion", "cluster.supportType"], check: clusterLifecycle },
  { reads: ["database.engineVersion"], check: databaseLifecycle },
];

export function semanticProblems(
  env: EnvironmentConfig,
  refused: ReadonlySet<string> = new Set(),
  context: CheckContext = { today: new Date() },
): ConfigProblem[] {
  return CHECKS.filter(({ reads }) => !reads.some((field) => isRefused(field, refused))).flatMap(({ check }) => check(env, context));
}

const inSection =
  (section: string): FieldNames =>
  (field) =>
    `${section}.${field}`;

function clusterLifecycle(env: EnvironmentConfig, { today }: CheckContext): ConfigProblem[] {
  return kubernetesLifecycleProblems(env.cluster.kubernetesVersion, env.cluster.supportType, today, inSection("cluster"));
}

function databaseLifecycle(env: EnvironmentConfig, { today }: CheckContext): ConfigProblem[] {
  return postgresLifecycleProblems(env.database.engineVersion, today, inSection("database"));
}

/** True when `field`, something inside it, or something containing it was refused. */
export function isRefused(field: string, refused: ReadonlySet<string>): boolean {
  for (const other of refused) {
    if (
      other === field ||
      other.startsWith(`${field}.`) ||
      other.startsWith(`${field}[`) ||
      field.startsWith(`${other}.`) ||
      field.startsWith(`${other}[`)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * The application user must not be the master user: the bootstrap would grant rds_iam to the master, and an
 * rds_iam member can no longer log in with its password (RDS user guide, IAM database authentication).
 */
function databaseUserProblems(env: EnvironmentConfig): ConfigProblem[] {
  if (env.application.dbUser !== env.database.masterUsername) return [];
  return [
    {
      field: "application.dbUser",
      value: env.application.dbUser,
      message: 'is the master user (database.masterUsername). Fix: give the application its own user, e.g. "metabase"',
    },
  ];
}

function databaseInstanceClass(env: EnvironmentConfig): ConfigProblem[] {
  return instanceClassProblems(env.database.instanceClass, env.database.engineVersion, "database.instanceClass");
}

function regionProblems(env: EnvironmentConfig): ConfigProblem[] {
  if (!OPT_IN_REGIONS.includes(env.region)) return [];
  return [
    {
      field: "region",
      value: env.region,
      level: "warning",
      message: `is an opt-in Region: it is disabled in an AWS account until someone enables it, and every deploy there fails until then ("Enable or disable AWS Regions in your account"). Fix: enable it (aws account enable-region --region-name ${env.region}) before the first deploy`,
    },
  ];
}

/**
 * A load balancer can only use an ACM certificate of its own region ("To use a certificate with Elastic Load
 * Balancing, you must request or import the certificate in the same Region as your load balancer", ACM user
 * guide, "Services integrated with ACM"); the cloud controller would fail to create the HTTPS listener.
 */
function certificateProblems(env: EnvironmentConfig): ConfigProblem[] {
  const arn = env.application.tls?.certificateArn;
  if (arn === undefined) return [];
  const [, partition, , region] = arn.split(":");
  const problems: ConfigProblem[] = [];
  if (region !== env.region) {
    problems.push({
      field: "application.tls.certificateArn",
      value: arn,
      message: `is a certificate of ${region}, but the load balancer is in ${env.region}: a load balancer can only use a certificate of its own region. Fix: request or import the certificate in ACM in ${env.region}`,
    });
  } else if (partition !== partitionOf(env.region)) {
    problems.push({
      field: "application.tls.certificateArn",
      value: arn,
      message: `names partition ${partition}, but ${env.region} is in ${partitionOf(env.region)}. Fix: copy the ARN from ACM in ${env.region}`,
    });
  }
  return problems;
}

/**
 * Local state kept where it would be lost or mixed with the system: inside cdktf's output directory (deleted and
 * rewritten by every synth, cleaned by anyone who deletes build output), or at the root of the file system.
 */
function stateDirectoryProblems(env: EnvironmentConfig): ConfigProblem[] {
  const { backend } = env;
  if (backend.type !== "local") return [];
  const directory = path.resolve(backend.directory);
  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const problem = (message: string): ConfigProblem[] => [{ field: "backend.directory", value: backend.directory, message }];
  if (directory === path.parse(directory).root) {
    return problem('is the root of the file system. Fix: keep state in a directory of its own, e.g. "terraform-state"');
  }
  if (directory === outdir || directory.startsWith(`${outdir}${path.sep}`)) {
    return problem(
      `is inside cdktf's output directory (${outdir}), which is rebuilt by synth and deleted with build output: the state, and what Terraform knows it created, would go with it. Fix: keep state outside it, e.g. "terraform-state"`,
    );
  }
  return [];
}

function zoneProblems(env: EnvironmentConfig): ConfigProblem[] {
  return availabilityZoneProblems(env.region, env.availabilityZones, (field) => field);
}

function subnetProblems(env: EnvironmentConfig): ConfigProblem[] {
  const name: FieldNames = (field) => (field === "availabilityZones" ? field : `network.${field}`);
  return subnetPlanProblems(env.network, env.availabilityZones.length, name);
}

function nodeGroupProblems(env: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [key, group] of Object.entries(env.nodeGroups)) {
    if (!group) continue;
    problems.push(...instanceArchitectureProblems(group.instanceTypes, `nodeGroups.${key}.instanceTypes`));
  }
  if (env.nodeGroups.public && env.nodeGroups.public.name === env.nodeGroups.private.name) {
    problems.push({
      field: "nodeGroups.public.name",
      value: env.nodeGroups.public.name,
      message: "is the same as nodeGroups.private.name. Fix: give each node group its own name",
    });
  }
  return problems;
}
