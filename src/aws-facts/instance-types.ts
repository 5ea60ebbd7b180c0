/**
 * Which EC2 instance types can give a pod its own security group.
 *
 * Security groups for pods put each pod on a *branch* ENI hung off the node's *trunk* ENI. The VPC resource
 * controller only creates a trunk ENI on instance types that support trunking; on any other type the
 * SecurityGroupPolicy is accepted and then silently does nothing: the pod runs with the node's security
 * group, and the "network lock" of this design is open.
 *
 * Documented facts this rule is built from:
 * - EKS user guide, "Security groups for Pods": supported by most Nitro-based instance families; the `t`
 *   family is not supported (burstable instances have no trunk ENI support).
 * - EC2 user guide, "Instances built on the AWS Nitro System": the families below are Xen-based, hence not
 *   Nitro. `i3.metal` and `p3dn.*` are the Nitro members of otherwise Xen families.
 * - amazon-vpc-resource-controller-k8s, `pkg/aws/vpc/limits.go` (`IsTrunkingCompatible`): a few Nitro sizes
 *   are nevertheless marked incompatible; they are listed explicitly.
 * Whether a type exists at all is checked against AWS's own table (ec2-instance-type-table.ts).
 */
import { EC2_END_OF_SALE_FAMILIES, EC2_FAMILIES_ONLY_IN_OLDER_DOCS, EC2_INSTANCE_FAMILIES } from "./ec2-instance-type-table";

/** Xen-based families (previous generation and older current generation). */
const XEN_FAMILIES = new Set([
  "c1",
  "c3",
  "c4",
  "d2",
  "f1",
  "g2",
  "g3",
  "g3s",
  "h1",
  "i2",
  "i3",
  "m1",
  "m2",
  "m3",
  "m4",
  "p2",
  "p3",
  "r3",
  "r4",
  "t1",
  "t2",
  "x1",
  "x1e",
]);

/** Nitro members of Xen families: whole type names. */
const NITRO_EXCEPTIONS = new Set(["i3.metal"]);

/** Nitro types the VPC resource controller's limits table marks as not trunking-compatible. */
const CONTROLLER_INCOMPATIBLE = new Set(["i4i.large", "u-6tb1.56xlarge", "u-6tb1.112xlarge"]);

export const INSTANCE_TYPE_PATTERN = /^([a-z][a-z0-9-]*)\.([a-z0-9][a-z0-9-]*)$/;

export function isInstanceTypeName(name: string): boolean {
  return INSTANCE_TYPE_PATTERN.test(name);
}

/** The family of an instance type: "m5" for "m5.large", "c7i-flex" for "c7i-flex.large". */
export function familyOf(instanceType: string): string {
  return instanceType.split(".")[0];
}

/** Whether pods on this instance type can receive security groups (a trunk ENI is possible). */
export function supportsTrunkEni(instanceType: string): boolean {
  if (!isInstanceTypeName(instanceType)) return false;
  if (CONTROLLER_INCOMPATIBLE.has(instanceType)) return false;
  if (NITRO_EXCEPTIONS.has(instanceType)) return true;
  const family = familyOf(instanceType);
  // p3dn is its own family name, so `p3` below does not catch it.
  if (XEN_FAMILIES.has(family)) return false;
  // Burstable families: t3, t3a, t4g and any future t<n>.
  if (/^t\d/.test(family)) return false;
  return true;
}

/** A one-line reason for the error message when supportsTrunkEni() is false. */
export function trunkEniProblem(instanceType: string): string {
  const family = familyOf(instanceType);
  if (CONTROLLER_INCOMPATIBLE.has(instanceType)) {
    return "is marked not trunking-compatible by the VPC resource controller";
  }
  if (/^t\d/.test(family)) {
    return "is a burstable (t family) type, which has no trunk ENI";
  }
  return "is a Xen-based (non-Nitro) type, which has no trunk ENI";
}

/**
 * CPU architecture of an instance type, for the node group's AMI type. Graviton families carry a "g" right
 * after the generation digit (m6g, c7gn, r8gd, t4g, im4gn, is4gen...); a1 is the first Graviton.
 */
export function architectureOf(instanceType: string): "arm64" | "x86_64" {
  const family = familyOf(instanceType);
  return family === "a1" || /^[a-z]+\d+g/.test(family) ? "arm64" : "x86_64";
}

/** Whether AWS documents the instance type (launchable or not). */
export function instanceTypeExists(instanceType: string): boolean {
  if (!isInstanceTypeName(instanceType)) return false;
  const family = familyOf(instanceType);
  const sizes = EC2_INSTANCE_FAMILIES[family] ?? EC2_FAMILIES_ONLY_IN_OLDER_DOCS[family];
  return sizes?.includes(instanceType.slice(family.length + 1)) ?? false;
}

/**
 * Why an instance type does not exist (AWS's specifications pages: ec2-instance-type-table.ts), with the nearest
 * type that does when there is one; undefined when it exists. "m5.larg" -> has no size "larg" (did you mean
 * m5.large?); "zz9.mega" -> there is no family "zz9".
 */
export function instanceTypeExistenceProblem(instanceType: string): string | undefined {
  if (!isInstanceTypeName(instanceType)) return "is not an EC2 instance type name";
  const family = familyOf(instanceType);
  const size = instanceType.slice(family.length + 1);
  const sizes = EC2_INSTANCE_FAMILIES[family] ?? EC2_FAMILIES_ONLY_IN_OLDER_DOCS[family];
  if (!sizes) {
    const near = nearest(family, [...Object.keys(EC2_INSTANCE_FAMILIES), ...Object.keys(EC2_FAMILIES_ONLY_IN_OLDER_DOCS)]);
    return `is not an EC2 instance type: there is no family "${family}"${near ? ` (did you mean ${near}?)` : ""}`;
  }
  if (!sizes.includes(size)) {
    const near = nearest(size, sizes);
    return `is not an EC2 instance type: family ${family} has no size "${size}"${near ? ` (did you mean ${family}.${near}?)` : ` (it has ${sizes.join(", ")})`}`;
  }
  if (EC2_END_OF_SALE_FAMILIES.includes(family))
    return 'can no longer be launched (EC2 user guide: "no longer available for new instance launches")';
  return undefined;
}

/** The candidate within edit distance 2 of `text`, if exactly one is closest. */
function nearest(text: string, candidates: readonly string[]): string | undefined {
  const scored = candidates.map((candidate) => ({ candidate, distance: editDistance(text, candidate) })).filter((c) => c.distance <= 2);
  const best = Math.min(...scored.map((c) => c.distance));
  const closest = scored.filter((c) => c.distance === best);
  return closest.length === 1 ? closest[0].candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** What EKS launches when a managed node group names no instance type (CreateNodegroup, instanceTypes). */
export const EKS_DEFAULT_INSTANCE_TYPE = "t3.medium";

/**
 * Why a managed node group of AL2023 nodes (amiType AL2023_*_STANDARD, src/eks/managed-node-group.ts) cannot run
 * on this type, or undefined:
 * - Mac instances "are available only as bare metal instances on Dedicated Hosts" and boot macOS AMIs only (EC2
 *   user guide, "Amazon EC2 Mac instances"); a managed node group launches default-tenancy Linux instances.
 * - A1 (the first Graviton): the EKS AL2023 AMIs do not support it (reported by issue 18's review; the EKS
 *   user guide lists a1 under AL2 only). AL2 AMIs reached end of support on 2025-11-26 (awslabs/amazon-eks-ami#2545).
 */
export function nodeAmiProblem(instanceType: string): string | undefined {
  const family = familyOf(instanceType);
  if (family === "mac" || family.startsWith("mac")) {
    return "is a Mac instance: those run only on Dedicated Hosts, with macOS, never in an EKS managed node group";
  }
  if (family === "a1") return "is an A1 instance, which the Amazon Linux 2023 EKS AMIs the node groups use do not support";
  return undefined;
}
