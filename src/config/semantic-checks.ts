/**
 * Rules that need more than one field: where the subnets sit, which AZs exist, which instance types can
 * carry pod security groups. They run after the schema, on the environment with refused fields replaced by
 * defaults; each declares the fields it reads, and is skipped when one of them was refused (its problem is
 * already reported, and a default standing in for it would only produce a misleading second one).
 */
import * as path from "path";
import { contains, overlaps, parseCidr } from "../net/cidr";
import { architectureOf } from "../aws-facts/instance-types";
import type { ConfigProblem } from "./problems";
import { availabilityZonesOf, OPT_IN_REGIONS, partitionOf } from "../aws-facts/regions";
import { rdsInstanceClassProblems } from "../aws-facts/rds-instance-classes";
import type { EnvironmentConfig } from "./schema";
import {
  daysUntil,
  EKS_KUBERNETES_RELEASE_CALENDAR,
  RDS_POSTGRES_RELEASE_CALENDAR,
  SUPPORT_END_WARNING_DAYS,
  supportWindowOf,
} from "../aws-facts/supported-versions";

type SubnetTier = "privateEksSubnetCidrs" | "publicEksSubnetCidrs" | "privateRdsSubnetCidrs";
const SUBNET_TIERS: readonly SubnetTier[] = ["privateEksSubnetCidrs", "publicEksSubnetCidrs", "privateRdsSubnetCidrs"];

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
  { reads: ["database.instanceClass", "database.engineVersion"], check: instanceClassProblems },
  { reads: ["region"], check: regionProblems },
  { reads: ["backend"], check: stateDirectoryProblems },
  { reads: ["region", "application.tls"], check: certificateProblems },
  { reads: ["cluster.kubernetesVersion", "cluster.supportType"], check: kubernetesLifecycleProblems },
  { reads: ["database.engineVersion"], check: postgresLifecycleProblems },
];

export function semanticProblems(env: EnvironmentConfig, refused: ReadonlySet<string> = new Set(), context: CheckContext = { today: new Date() }): ConfigProblem[] {
  return CHECKS.filter(({ reads }) => !reads.some((field) => isRefused(field, refused))).flatMap(({ check }) => check(env, context));
}

/**
 * The Kubernetes version against EKS's calendar and the cluster's upgrade policy. On the day support ends EKS
 * upgrades the control plane itself; `version` in the config would then plan a downgrade, which fails. Warn
 * SUPPORT_END_WARNING_DAYS before, refuse once the day has come.
 */
function kubernetesLifecycleProblems(env: EnvironmentConfig, { today }: CheckContext): ConfigProblem[] {
  const { kubernetesVersion: version, supportType } = env.cluster;
  const window = supportWindowOf(EKS_KUBERNETES_RELEASE_CALENDAR, version);
  const end = supportType === "EXTENDED" ? window?.endOfExtendedSupport : window?.endOfStandardSupport;
  if (end === undefined) return [];
  const support = supportType === "EXTENDED" ? "extended support" : "standard support";
  const days = daysUntil(end, today);
  const newer = EKS_KUBERNETES_RELEASE_CALENDAR.filter((w) => {
    const theirs = supportType === "EXTENDED" ? w.endOfExtendedSupport : w.endOfStandardSupport;
    return theirs === undefined || daysUntil(theirs, today) > SUPPORT_END_WARNING_DAYS;
  }).map((w) => w.version);
  const raise = `raise cluster.kubernetesVersion${newer.length ? ` (to ${newer.join(" or ")})` : ""}`;
  const problem = (level: "error" | "warning", message: string): ConfigProblem[] => [{ field: "cluster.kubernetesVersion", value: version, level, message }];
  const extendedHint = supportType === "STANDARD" && window?.endOfExtendedSupport && daysUntil(window.endOfExtendedSupport, today) > 0
    ? `, or set cluster.supportType to "EXTENDED" (paid) to keep it until ${window.endOfExtendedSupport}`
    : "";
  if (days <= 0) {
    return problem(
      "error",
      `left EKS ${support} on ${end} (cluster.supportType ${supportType}): EKS upgrades the control plane itself from that day, and the config would then plan a downgrade, which fails. Fix: ${raise}${extendedHint}`,
    );
  }
  if (days <= SUPPORT_END_WARNING_DAYS) {
    return problem(
      "warning",
      `leaves EKS ${support} on ${end}, in ${days} day${days === 1 ? "" : "s"} (cluster.supportType ${supportType}): EKS upgrades the control plane itself on ${end}; the config would then plan a downgrade, which fails. Fix: ${raise} before ${end}`,
    );
  }
  return [];
}

/** The PostgreSQL major against RDS's calendar: RDS upgrades it at the end of standard support (extended support is off). */
function postgresLifecycleProblems(env: EnvironmentConfig, { today }: CheckContext): ConfigProblem[] {
  const version = env.database.engineVersion;
  const end = supportWindowOf(RDS_POSTGRES_RELEASE_CALENDAR, version)?.endOfStandardSupport;
  if (end === undefined) return [];
  const days = daysUntil(end, today);
  const what = `RDS upgrades the instance itself on or shortly after ${end} (RDS Extended Support is off); the config would then plan a downgrade, which fails`;
  if (days <= 0) return [{ field: "database.engineVersion", value: version, message: `left RDS standard support on ${end}: ${what}. Fix: raise database.engineVersion` }];
  if (days <= SUPPORT_END_WARNING_DAYS) {
    return [{ field: "database.engineVersion", value: version, level: "warning", message: `leaves RDS standard support on ${end}, in ${days} days: ${what}. Fix: raise database.engineVersion before ${end}` }];
  }
  return [];
}

/** True when `field`, something inside it, or something containing it was refused. */
export function isRefused(field: string, refused: ReadonlySet<string>): boolean {
  for (const other of refused) {
    if (other === field || other.startsWith(`${field}.`) || other.startsWith(`${field}[`) || field.startsWith(`${other}.`) || field.startsWith(`${other}[`)) {
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
      message: "is the master user (database.masterUsername). Fix: give the application its own user, e.g. \"metabase\"",
    },
  ];
}

/** The class must exist and run this PostgreSQL major (RDS user guide: aws-facts/rds-instance-class-table.ts). */
function instanceClassProblems(env: EnvironmentConfig): ConfigProblem[] {
  return rdsInstanceClassProblems(env.database.instanceClass, env.database.engineVersion).map((problem) => ({
    field: "database.instanceClass",
    value: env.database.instanceClass,
    level: problem.level,
    message: problem.message,
  }));
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
    problems.push({ field: "application.tls.certificateArn", value: arn, message: `names partition ${partition}, but ${env.region} is in ${partitionOf(env.region)}. Fix: copy the ARN from ACM in ${env.region}` });
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
    return problem(`is inside cdktf's output directory (${outdir}), which is rebuilt by synth and deleted with build output: the state, and what Terraform knows it created, would go with it. Fix: keep state outside it, e.g. "terraform-state"`);
  }
  return [];
}

function zoneProblems(env: EnvironmentConfig): ConfigProblem[] {
  const valid = availabilityZonesOf(env.region);
  const problems: ConfigProblem[] = [];
  env.availabilityZones.forEach((zone, index) => {
    const field = `availabilityZones[${index}]`;
    if (!valid.includes(zone)) {
      problems.push({
        field,
        value: zone,
        message: `is not an Availability Zone of region ${env.region}. Fix: use one of ${valid.join(", ")}`,
      });
    } else if (env.availabilityZones.indexOf(zone) !== index) {
      problems.push({ field, value: zone, message: "is listed twice. Fix: list distinct Availability Zones" });
    }
  });
  return problems;
}

function subnetProblems(env: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const vpc = parseCidr(env.network.vpcCidr);
  const seen: { field: string; block: ReturnType<typeof parseCidr> }[] = [];
  for (const tier of SUBNET_TIERS) {
    const blocks = env.network[tier];
    if (blocks.length !== env.availabilityZones.length) {
      problems.push({
        field: `network.${tier}`,
        value: blocks,
        message: `has ${blocks.length} subnet(s) for ${env.availabilityZones.length} Availability Zones. Fix: list exactly one subnet per AZ, in the order of availabilityZones`,
      });
    }
    blocks.forEach((text, index) => {
      const field = `network.${tier}[${index}]`;
      const block = parseCidr(text);
      if (!contains(vpc, block)) {
        problems.push({
          field,
          value: text,
          message: `is outside the VPC ${env.network.vpcCidr}. Fix: pick a block inside network.vpcCidr`,
        });
      }
      const clash = seen.find((other) => overlaps(other.block, block));
      if (clash) {
        problems.push({
          field,
          value: text,
          message: `overlaps ${clash.field} (${clash.block.text}). Fix: give every subnet its own address range`,
        });
      }
      seen.push({ field, block });
    });
  }
  return problems;
}

function nodeGroupProblems(env: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [key, group] of Object.entries(env.nodeGroups)) {
    if (!group) continue;
    const architectures = new Set(group.instanceTypes.map(architectureOf));
    if (architectures.size > 1) {
      problems.push({
        field: `nodeGroups.${key}.instanceTypes`,
        value: group.instanceTypes,
        message: "mixes Graviton (arm64) and x86_64 types; a node group has one AMI type. Fix: use one architecture per node group",
      });
    }
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
