/**
 * The checks of single values and of values that belong together, shared by the environment file's schema
 * (src/config/schema.ts, which adds shape and defaults) and by the constructs (node.addValidation, through
 * validate-props.ts): a value one refuses, the other refuses with the same words. Each message follows the
 * convention "<what is wrong>. Fix: <what to write instead>"; the caller prefixes where it was found.
 */
import { z } from "zod";
import { cidrProblem, overlaps, parseCidr } from "../net/cidr";
import { parseImageReference } from "../kubernetes-facts/image-reference";
import { DNS_1035_LABEL, DNS_1123_LABEL, MAX_JOB_NAME_LENGTH } from "../kubernetes-facts/dns-label";
import { BOOTSTRAP_SERVICE_ACCOUNT_SUFFIX, bootstrapJobName } from "../k8s/defaults";
import {
  INSTANCE_TYPE_PATTERN,
  instanceTypeExistenceProblem,
  nodeAmiProblem,
  supportsTrunkEni,
  trunkEniProblem,
} from "../aws-facts/instance-types";
import { minimumAutoscalingCeiling } from "../aws-facts/rds-storage";
import { MASTER_USERNAME_PATTERN, masterUsernameProblem } from "../aws-facts/rds-names";
import { applicationDatabaseProblem, applicationRoleProblem } from "../aws-facts/postgres-names";
import { VPC_UNUSABLE_RANGES } from "../aws-facts/vpc";
import { EKS_KUBERNETES_VERSIONS, MIN_VPC_CNI_VERSION, RDS_POSTGRES_MAJOR_VERSIONS } from "../aws-facts/supported-versions";
import { compareVersions, parseCniVersion } from "../aws-facts/addon-versions";

/** Namespaces Kubernetes creates for itself (kube-system, kube-public, kube-node-lease) and the default one. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

export const fix = (what: string, how: string) => `${what}. Fix: ${how}`;

/** A Kubernetes DNS-1123 label: namespaces, service accounts, node group and cluster names. */
export const dnsLabel = (example: string) =>
  z
    .string()
    .max(63, { error: fix("is longer than 63 characters", `shorten it, e.g. "${example}"`) })
    .regex(DNS_1123_LABEL, {
      error: fix(
        "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)",
        `use a name like "${example}"`,
      ),
    });

export const isLabel = (name: string) => name.length <= 63 && DNS_1123_LABEL.test(name);

/**
 * A PostgreSQL role or database name that needs no quoting, and that the bootstrap Job can create (a role) or
 * create and own (a database) as the RDS master user: src/aws-facts/postgres-names.ts, measured on a server.
 */
export const postgresName = (example: string, kind: "role" | "database") =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      error: fix(
        "is not a plain PostgreSQL identifier (lower-case letters, digits and '_', at most 63, not starting with a digit)",
        `use a name like "${example}"`,
      ),
    })
    .superRefine((name, ctx) => {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) return;
      const problem = kind === "role" ? applicationRoleProblem(name) : applicationDatabaseProblem(name);
      if (problem) ctx.addIssue({ code: "custom", message: fix(problem, `use an application-specific name like "${example}"`) });
    });

export const cidr = (example: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: fix(problem, `write a block like "${example}"`) });
  });

/** A VPC or subnet block: AWS only accepts prefixes /16 to /28 for both. */
export const awsCidr = (example: string) =>
  cidr(example).refine((value) => cidrProblem(value) !== undefined || (prefixOf(value) >= 16 && prefixOf(value) <= 28), {
    error: fix("has a prefix length AWS does not accept for VPCs or subnets (/16 to /28)", `use a block like "${example}"`),
  });

const prefixOf = (value: string) => Number(value.split("/")[1]);

/**
 * Every node group must be able to give pods their own security group: on a type without trunk ENIs the
 * SecurityGroupPolicy is accepted and silently ignored.
 */
export const instanceType = z
  .string()
  .regex(INSTANCE_TYPE_PATTERN, { error: fix("is not an EC2 instance type name", 'write it like "m5.large"') })
  .superRefine((type, ctx) => {
    if (!INSTANCE_TYPE_PATTERN.test(type)) return;
    const missing = instanceTypeExistenceProblem(type);
    if (missing) {
      ctx.addIssue({
        code: "custom",
        message: fix(missing, 'write an existing type like "m5.large" (Amazon EC2 instance types, specifications)'),
      });
    } else if (nodeAmiProblem(type)) {
      ctx.addIssue({
        code: "custom",
        message: fix(nodeAmiProblem(type)!, 'use a Nitro type with trunk ENIs, e.g. "m5.large", or "m6g.large" for Graviton'),
      });
    } else if (!supportsTrunkEni(type)) {
      ctx.addIssue({
        code: "custom",
        message: fix(
          `${trunkEniProblem(type)}, so security groups for pods would silently not apply`,
          'use a Nitro type that supports trunk ENIs, e.g. "m5.large", "m6i.large" or "c6g.large"',
        ),
      });
    }
  });

/** A helper container's image (src/k8s/images.ts): pinned, and in production by digest (K8S-01). */
export const helperImage = z
  .string()
  .regex(/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$/, {
    error: fix("is not an image reference", 'write it like "curlimages/curl:8.11.1@sha256:<digest>"'),
  })
  .refine((ref) => /@sha256:/.test(ref) || (/:[^/]+$/.test(ref) && !/:latest$/i.test(ref)), {
    error: fix("is not pinned (no tag, or :latest)", "pin a version tag and its digest"),
  })
  .optional();

// ---- the network ------------------------------------------------------------------------------------------

/** The VPC's block: one AWS accepts, and not in a range the VPC cannot use. */
export const vpcCidr = awsCidr("10.0.0.0/16").superRefine((value, ctx) => {
  if (cidrProblem(value)) return;
  const unusable = VPC_UNUSABLE_RANGES.find((range) => overlaps(parseCidr(range.cidr), parseCidr(value)));
  if (unusable) {
    ctx.addIssue({
      code: "custom",
      message: fix(`overlaps ${unusable.cidr}, ${unusable.why}`, 'use a private range such as "10.0.0.0/16"'),
    });
  }
});

export const availabilityZoneList = z.array(z.string()).min(2, {
  error: fix(
    "lists fewer than 2 Availability Zones; EKS and the RDS subnet group need two",
    'list two AZs of the region, e.g. ["eu-west-1a", "eu-west-1b"]',
  ),
});

// ---- EKS --------------------------------------------------------------------------------------------------

export const kubernetesVersion = z.enum(EKS_KUBERNETES_VERSIONS, {
  error: fix(
    `is not a Kubernetes version EKS offers (its release calendar lists ${EKS_KUBERNETES_VERSIONS[0]} to ${EKS_KUBERNETES_VERSIONS[EKS_KUBERNETES_VERSIONS.length - 1]})`,
    `use one of ${EKS_KUBERNETES_VERSIONS.join(", ")}; which are still supported on a given day is checked against the calendar`,
  ),
});

export const supportType = z.enum(["STANDARD", "EXTENDED"], {
  error: fix("is not an EKS support type", 'use "STANDARD" (the default) or "EXTENDED" (paid, 12 more months)'),
});

export const oidcThumbprints = z
  .array(z.string().regex(/^[0-9a-f]{40}$/, { error: fix("is not a SHA-1 thumbprint", "write 40 lower-case hex digits") }))
  // IAM keeps at most 5 (CreateOpenIDConnectProvider, ThumbprintList: "Maximum number of 5 items").
  .max(5, {
    error: fix(
      "lists more than 5 thumbprints; IAM keeps at most 5 per OIDC provider",
      "keep the thumbprints of the CAs the issuer uses now (at most 5)",
    ),
  });

export const vpcCniVersion = z.string().superRefine((value, ctx) => {
  const parsed = parseCniVersion(value);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: fix("is not a VPC CNI add-on version", 'write it like "v1.20.1-eksbuild.3"') });
  } else if (compareVersions(parsed, MIN_VPC_CNI_VERSION) < 0) {
    ctx.addIssue({
      code: "custom",
      message: fix(
        `is older than v${MIN_VPC_CNI_VERSION}, the first VPC CNI with security groups for pods`,
        "remove the setting, so the most recent version for kubernetesVersion is used",
      ),
    });
  }
});

/** Nodes in a managed node group: EKS allows up to 450 per group ("Amazon EKS service quotas"). */
export const nodeCount = z.int().min(0).max(450);
export const maxNodeCount = z.int().min(1).max(450);
/** The root volume of a node: 20 GiB at least (the EKS AMIs' size), up to gp3's 16 TiB. */
export const nodeDiskSizeGiB = z.int().min(20).max(16384);

export const instanceTypeList = z
  .array(instanceType)
  .min(1, { error: fix("is empty", 'list at least one instance type, e.g. ["m5.large"]') });

/**
 * A node group's sizes: minSize <= desiredSize <= maxSize, and the group that runs the application starts with a
 * node (the deploy waits for Metabase's rollout). Issues are reported on desiredSize.
 */
export function nodeGroupSizeIssues(
  group: { minSize: number; desiredSize: number; maxSize: number },
  runsTheApplication: boolean,
): string[] {
  const issues: string[] = [];
  if (runsTheApplication && group.desiredSize === 0) {
    issues.push(
      fix(
        "starts the group that runs the application with no node: the deploy waits for Metabase's rollout, which never comes, until it times out after 20 minutes",
        "start at least one node (desiredSize 1); minSize may still be 0",
      ),
    );
  }
  if (!(group.minSize <= group.desiredSize && group.desiredSize <= group.maxSize)) {
    issues.push(
      fix(`must lie between minSize (${group.minSize}) and maxSize (${group.maxSize})`, "make minSize <= desiredSize <= maxSize"),
    );
  }
  return issues;
}

// ---- RDS --------------------------------------------------------------------------------------------------

export const dbIdentifier = z.string().regex(/^[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]$/, {
  error: fix(
    "is not a valid RDS instance identifier (1-63 lower-case letters, digits, single hyphens, starting with a letter)",
    'use a name like "metabase-dev"',
  ),
});

export const postgresMajorVersion = z.enum(RDS_POSTGRES_MAJOR_VERSIONS, {
  error: fix("is not a PostgreSQL major version in RDS standard support", `use one of ${RDS_POSTGRES_MAJOR_VERSIONS.join(", ")}`),
});

/** The class's shape; whether it exists and runs the engine version is rdsInstanceClassProblems (aws-facts). */
export const rdsInstanceClassName = z
  .string()
  .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, { error: fix("is not an RDS instance class", 'write it like "db.t4g.medium"') });

export const allocatedStorageGiB = z
  .int()
  .min(20, { error: fix("is below the 20 GiB gp3 minimum", "use 20 or more") })
  .max(65536);
export const maxAllocatedStorageGiB = z.int().min(20).max(65536);

export const dbPort = z
  .int({ error: fix("is not an integer port", "use 5432") })
  .min(1150, { error: fix("is outside the port range RDS allows (1150-65535)", "use 5432") })
  .max(65535, { error: fix("is outside the port range RDS allows (1150-65535)", "use 5432") });

export const backupRetentionDays = z
  .int()
  .min(0)
  .max(35, { error: fix("is above the RDS maximum of 35 days", "use 7 to 35") });

export const masterUsername = z
  .string()
  .regex(MASTER_USERNAME_PATTERN, {
    error: fix(
      "is not 1 to 16 letters, digits or underscores starting with a letter, as RDS requires (CreateDBInstance, MasterUsername)",
      'use a name like "dbadmin"',
    ),
  })
  .superRefine((name, ctx) => {
    const problem = MASTER_USERNAME_PATTERN.test(name) ? masterUsernameProblem(name) : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: fix(problem, 'use a name like "dbadmin"') });
  });

/** Storage autoscaling: the ceiling at least 10% above the allocation, or equal to it (off). Reported on the ceiling. */
export function storageCeilingIssue(allocatedGiB: number, maxAllocatedGiB: number): string | undefined {
  const minimum = minimumAutoscalingCeiling(allocatedGiB);
  if (maxAllocatedGiB < allocatedGiB) {
    return fix(
      `is below allocatedStorageGiB (${allocatedGiB})`,
      `set it to at least ${minimum} (10% above allocatedStorageGiB), or to allocatedStorageGiB to turn storage autoscaling off`,
    );
  }
  if (maxAllocatedGiB > allocatedGiB && maxAllocatedGiB < minimum) {
    return fix(
      `is less than 10% above allocatedStorageGiB (${allocatedGiB}); RDS refuses it ("The maximum allocated storage must be increased by at least 10 percent")`,
      `set it to at least ${minimum}, or to ${allocatedGiB} to turn storage autoscaling off`,
    );
  }
  return undefined;
}

// ---- Kubernetes -------------------------------------------------------------------------------------------

export const namespaceName = dnsLabel("metabase").refine((name) => !SYSTEM_NAMESPACES.includes(name), {
  error: fix(
    "is a namespace Kubernetes creates for itself; the workload creates its namespace and labels it Pod Security restricted, which would change (and on destroy delete) the system's",
    'use a namespace of its own, e.g. "metabase"',
  ),
});

/**
 * Names the ServiceAccount, the Service and the Deployment; `<it>-db-bootstrap` names the Job's. A Service
 * name is an RFC 1035 label (a letter first), and the Job's name must stay within 63 characters.
 */
export const serviceAccountName = dnsLabel("metabase")
  // One message per fact: these two speak only of names the DNS-1123 check accepted.
  .refine((name) => !isLabel(name) || DNS_1035_LABEL.test(name), {
    error: fix(
      "starts with a digit, but it also names the Service, and a Service name must start with a letter (RFC 1035 label)",
      'use a name like "metabase"',
    ),
  })
  .refine((name) => !isLabel(name) || bootstrapJobName(name).length <= MAX_JOB_NAME_LENGTH, {
    error: (issue) => {
      const name = String(issue.input);
      const longest = MAX_JOB_NAME_LENGTH - (bootstrapJobName(name).length - name.length);
      return fix(
        `makes the bootstrap Job's name "${bootstrapJobName(name, "<8 hex>")}" ${bootstrapJobName(name).length} characters long; the Job's name is also its pods' job-name label, which Kubernetes limits to ${MAX_JOB_NAME_LENGTH}`,
        `shorten it to at most ${longest} characters (the Job adds "${BOOTSTRAP_SERVICE_ACCOUNT_SUFFIX}-" and 8 hex digits)`,
      );
    },
  });

/**
 * Metabase authenticates to its application database with IAM since v0.58.0 (docs: environment variables,
 * MB_DB_AWS_IAM, "Since: v0.58.0"). Tags read v0.<release>.<patch> (OSS) or v1.<release>.<patch> (Enterprise).
 */
export const MIN_METABASE_RELEASE = 58;

/** The release number of a Metabase image tag ("v0.63.19" -> 63); undefined for other tags or none. */
function metabaseReleaseOf(ref: string): number | undefined {
  const parsed = parseImageReference(ref);
  const match = "problem" in parsed || parsed.tag === undefined ? null : /^v[01]\.(\d+)(\.[\w.-]*)?$/.exec(parsed.tag);
  return match ? Number(match[1]) : undefined;
}

/** A pinned Metabase image with application-database IAM authentication (MB_DB_AWS_IAM). */
export const metabaseImage = z
  .string()
  .superRefine((ref, ctx) => {
    const parsed = parseImageReference(ref);
    if ("problem" in parsed) {
      ctx.addIssue({
        code: "custom",
        message: fix(
          `${parsed.problem} (distribution/reference grammar, which the container runtime applies)`,
          'write it like "metabase/metabase:v0.63.19" or "registry.example.com:5000/metabase/metabase:v0.63.19"',
        ),
      });
    } else if (parsed.digest === undefined && (parsed.tag === undefined || parsed.tag.toLowerCase() === "latest")) {
      ctx.addIssue({ code: "custom", message: fix("is not pinned (no tag, or :latest)", "pin a version tag or a digest") });
    }
  })
  .refine((ref) => metabaseReleaseOf(ref) === undefined || metabaseReleaseOf(ref)! >= MIN_METABASE_RELEASE, {
    error: fix(
      `is older than Metabase v0.${MIN_METABASE_RELEASE}.0, the first release with MB_DB_AWS_IAM (IAM login to the application database)`,
      'use "metabase/metabase:v0.63.19" or later',
    ),
  });

/**
 * Who may reach Metabase's load balancer (Service loadBalancerSourceRanges). An empty list renders no source
 * restriction at all, so it is refused: open to everyone has to be written down as "0.0.0.0/0".
 */
export const clientCidrs = z
  .array(cidr("203.0.113.0/24"), {
    error: fix("is missing", 'list who may reach Metabase, e.g. ["203.0.113.0/24"] (["0.0.0.0/0"] for everyone)'),
  })
  .min(1, { error: fix("is empty", 'list who may reach Metabase, e.g. ["203.0.113.0/24"] (["0.0.0.0/0"] for everyone)') });

export const replicas = z.int().min(1).max(10);
export const servicePort = z.int().min(1).max(65535);
