/**
 * Checks of values that only mean something together: AZs of a region, a subnet plan inside its VPC, a node
 * group's architectures, an instance class for an engine version, a version against its support calendar. Shared
 * by the environment file (semantic-checks.ts) and the constructs (validate-props.ts), each naming its own fields
 * through `name`: the file says "network.vpcCidr", a construct "vpcCidr".
 */
import { contains, overlaps, type parseCidr, tryParseCidr } from "../net/cidr";
import { architectureOf } from "../aws-facts/instance-types";
import { availabilityZonesOf, isKnownRegion } from "../aws-facts/regions";
import { rdsInstanceClassProblems } from "../aws-facts/rds-instance-classes";
import {
  daysUntil,
  EKS_KUBERNETES_RELEASE_CALENDAR,
  RDS_POSTGRES_RELEASE_CALENDAR,
  SUPPORT_END_WARNING_DAYS,
  supportWindowOf,
} from "../aws-facts/supported-versions";

/** One problem of one value: `field` as the caller names it. */
export interface ValueProblem {
  readonly field: string;
  readonly value: unknown;
  /** "<what is wrong>. Fix: <what to write instead>" */
  readonly message: string;
  readonly level?: "error" | "warning";
}

/** How a caller names its fields: in the problem's `field`, and where a message points at another field. */
export type FieldNames = (field: string) => string;

export function availabilityZoneProblems(region: string | undefined, zones: readonly string[], name: FieldNames): ValueProblem[] {
  const valid = region !== undefined && isKnownRegion(region) ? availabilityZonesOf(region) : undefined;
  const problems: ValueProblem[] = [];
  zones.forEach((zone, index) => {
    const field = name(`availabilityZones[${index}]`);
    if (valid && !valid.includes(zone)) {
      problems.push({
        field,
        value: zone,
        message: `is not an Availability Zone of region ${region}. Fix: use one of ${valid.join(", ")}`,
      });
    } else if (zones.indexOf(zone) !== index) {
      problems.push({ field, value: zone, message: "is listed twice. Fix: list distinct Availability Zones" });
    }
  });
  return problems;
}

export type SubnetTier = "privateEksSubnetCidrs" | "publicEksSubnetCidrs" | "privateRdsSubnetCidrs";
export const SUBNET_TIERS: readonly SubnetTier[] = ["privateEksSubnetCidrs", "publicEksSubnetCidrs", "privateRdsSubnetCidrs"];

/** One subnet per AZ and tier, each inside the VPC, none overlapping another. Blocks that are not CIDRs are another check's. */
export function subnetPlanProblems(
  plan: { readonly vpcCidr: string } & Readonly<Record<SubnetTier, readonly string[]>>,
  zoneCount: number,
  name: FieldNames,
): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const vpc = tryParseCidr(plan.vpcCidr);
  const seen: { field: string; block: ReturnType<typeof parseCidr> }[] = [];
  for (const tier of SUBNET_TIERS) {
    const blocks = plan[tier];
    if (blocks.length !== zoneCount) {
      problems.push({
        field: name(tier),
        value: blocks,
        message: `has ${blocks.length} subnet(s) for ${zoneCount} Availability Zones. Fix: list exactly one subnet per AZ, in the order of ${name("availabilityZones")}`,
      });
    }
    blocks.forEach((text, index) => {
      const field = name(`${tier}[${index}]`);
      const block = tryParseCidr(text);
      if (!block) return;
      if (vpc && !contains(vpc, block)) {
        problems.push({ field, value: text, message: `is outside the VPC ${plan.vpcCidr}. Fix: pick a block inside ${name("vpcCidr")}` });
      }
      const clash = seen.find((other) => overlaps(other.block, block));
      if (clash)
        problems.push({
          field,
          value: text,
          message: `overlaps ${clash.field} (${clash.block.text}). Fix: give every subnet its own address range`,
        });
      seen.push({ field, block });
    });
  }
  return problems;
}

/** A node group has one AMI type (the project takes it from its first instance type). */
export function instanceArchitectureProblems(instanceTypes: readonly string[], field: string): ValueProblem[] {
  if (new Set(instanceTypes.map(architectureOf)).size <= 1) return [];
  return [
    {
      field,
      value: instanceTypes,
      message: "mixes Graviton (arm64) and x86_64 types; a node group has one AMI type. Fix: use one architecture per node group",
    },
  ];
}

/** The class must exist and run this PostgreSQL major (RDS user guide: aws-facts/rds-instance-class-table.ts). */
export function instanceClassProblems(instanceClass: string, engineVersion: string, field: string): ValueProblem[] {
  return rdsInstanceClassProblems(instanceClass, engineVersion).map((problem) => ({
    field,
    value: instanceClass,
    level: problem.level,
    message: problem.message,
  }));
}

/**
 * The Kubernetes version against EKS's calendar and the cluster's upgrade policy. On the day support ends EKS
 * upgrades the control plane itself; `version` in the config would then plan a downgrade, which fails. Warn
 * SUPPORT_END_WARNING_DAYS before, refuse once the day has come.
 */
export function kubernetesLifecycleProblems(
  version: string,
  supportType: "STANDARD" | "EXTENDED",
  today: Date,
  name: FieldNames,
): ValueProblem[] {
  const window = supportWindowOf(EKS_KUBERNETES_RELEASE_CALENDAR, version);
  const end = supportType === "EXTENDED" ? window?.endOfExtendedSupport : window?.endOfStandardSupport;
  if (end === undefined) return [];
  const support = supportType === "EXTENDED" ? "extended support" : "standard support";
  const days = daysUntil(end, today);
  const newer = EKS_KUBERNETES_RELEASE_CALENDAR.filter((w) => {
    const theirs = supportType === "EXTENDED" ? w.endOfExtendedSupport : w.endOfStandardSupport;
    return theirs === undefined || daysUntil(theirs, today) > SUPPORT_END_WARNING_DAYS;
  }).map((w) => w.version);
  const raise = `raise ${name("kubernetesVersion")}${newer.length ? ` (to ${newer.join(" or ")})` : ""}`;
  const problem = (level: "error" | "warning", message: string): ValueProblem[] => [
    { field: name("kubernetesVersion"), value: version, level, message },
  ];
  const extendedHint =
    supportType === "STANDARD" && window?.endOfExtendedSupport && daysUntil(window.endOfExtendedSupport, today) > 0
      ? `, or set ${name("supportType")} to "EXTENDED" (paid) to keep it until ${window.endOfExtendedSupport}`
      : "";
  if (days <= 0) {
    return problem(
      "error",
      `left EKS ${support} on ${end} (${name("supportType")} ${supportType}): EKS upgrades the control plane itself from that day, and the config would then plan a downgrade, which fails. Fix: ${raise}${extendedHint}`,
    );
  }
  if (days <= SUPPORT_END_WARNING_DAYS) {
    return problem(
      "warning",
      `leaves EKS ${support} on ${end}, in ${days} day${days === 1 ? "" : "s"} (${name("supportType")} ${supportType}): EKS upgrades the control plane itself on ${end}; the config would then plan a downgrade, which fails. Fix: ${raise} before ${end}`,
    );
  }
  return [];
}

/** The PostgreSQL major against RDS's calendar: RDS upgrades it at the end of standard support (extended support is off). */
export function postgresLifecycleProblems(version: string, today: Date, name: FieldNames): ValueProblem[] {
  const end = supportWindowOf(RDS_POSTGRES_RELEASE_CALENDAR, version)?.endOfStandardSupport;
  if (end === undefined) return [];
  const days = daysUntil(end, today);
  const field = name("engineVersion");
  const what = `RDS upgrades the instance itself on or shortly after ${end} (RDS Extended Support is off); the config would then plan a downgrade, which fails`;
  if (days <= 0) return [{ field, value: version, message: `left RDS standard support on ${end}: ${what}. Fix: raise ${field}` }];
  if (days <= SUPPORT_END_WARNING_DAYS) {
    return [
      {
        field,
        value: version,
        level: "warning",
        message: `leaves RDS standard support on ${end}, in ${days} days: ${what}. Fix: raise ${field} before ${end}`,
      },
    ];
  }
  return [];
}
