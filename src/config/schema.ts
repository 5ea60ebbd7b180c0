/**
 * The shape of `environments/<name>.json`: the project's equivalent of the article's terraform.tfvars.
 *
 * Defaults follow the article series, so an empty object is a valid (article-shaped) environment; the
 * shipped `dev.json` still spells every value out so a reader sees the whole design in one file.
 * Objects are strict: an unknown key is a typo until proven otherwise, and a typo must not pass silently.
 * Cross-field rules (subnets inside the VPC, AZs in the region, trunk ENIs...) live in semantic-checks.ts.
 */
import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../aws-facts/log-groups";
import { LOG_DEFAULTS } from "../logs/defaults";
import { CLUSTER_DEFAULTS, NODE_GROUP_DEFAULTS } from "../eks/defaults";
import { METABASE_DEFAULTS } from "../k8s/defaults";
import { NETWORK_DEFAULTS } from "../network/defaults";
import { PROJECT_TAG_KEYS } from "../stacks/project-tags";
import { DATABASE_DEFAULTS } from "../rds/defaults";
import { cidrProblem, overlaps, parseCidr } from "../net/cidr";
import { parseImageReference } from "../kubernetes-facts/image-reference";
import { DNS_1035_LABEL, DNS_1123_LABEL, MAX_JOB_NAME_LENGTH } from "../kubernetes-facts/dns-label";
import { BOOTSTRAP_SERVICE_ACCOUNT_SUFFIX, bootstrapJobName } from "../k8s/defaults";
import { INSTANCE_TYPE_PATTERN, instanceTypeExistenceProblem, nodeAmiProblem, supportsTrunkEni, trunkEniProblem } from "../aws-facts/instance-types";
import { bucketNameProblem } from "../aws-facts/s3";
import { minimumAutoscalingCeiling } from "../aws-facts/rds-storage";
import { MASTER_USERNAME_PATTERN, masterUsernameProblem } from "../aws-facts/rds-names";
import { applicationDatabaseProblem, applicationRoleProblem } from "../aws-facts/postgres-names";
import { MAX_TAGS_PER_RESOURCE, tagKeyProblem, tagValueProblem } from "../aws-facts/tags";
import { VPC_UNUSABLE_RANGES } from "../aws-facts/vpc";
import { isKnownRegion, KNOWN_REGIONS } from "../aws-facts/regions";
import {
  EKS_KUBERNETES_VERSIONS,
  MIN_VPC_CNI_VERSION,
  RDS_POSTGRES_MAJOR_VERSIONS,
} from "../aws-facts/supported-versions";
import { compareVersions, parseCniVersion } from "../aws-facts/addon-versions";

/** Message convention: "<what is wrong>. Fix: <what to write instead>". The loader prefixes file/field/value. */

/** Namespaces Kubernetes creates for itself (kube-system, kube-public, kube-node-lease) and the default one. */
const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** The most tags a resource of ours carries itself: a subnet's Name, kubernetes.io/cluster/<name> and role tag. */
const MAX_OWN_TAGS = 3;
const MAX_USER_TAGS = MAX_TAGS_PER_RESOURCE - PROJECT_TAG_KEYS.length - MAX_OWN_TAGS;
const fix = (what: string, how: string) => `${what}. Fix: ${how}`;

/** A Kubernetes DNS-1123 label: namespaces, service accounts, node group and cluster names. */
const dnsLabel = (example: string) =>
  z
    .string()
    .max(63, { error: fix("is longer than 63 characters", `shorten it, e.g. "${example}"`) })
    .regex(DNS_1123_LABEL, {
      error: fix(
        "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)",
        `use a name like "${example}"`,
      ),
    });

const isLabel = (name: string) => name.length <= 63 && DNS_1123_LABEL.test(name);

/**
 * A PostgreSQL role or database name that needs no quoting, and that the bootstrap Job can create (a role) or
 * create and own (a database) as the RDS master user: src/aws-facts/postgres-names.ts, measured on a server.
 */
const postgresName = (example: string, kind: "role" | "database") =>
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

const cidr = (example: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: fix(problem, `write a block like "${example}"`) });
  });

/** A VPC or subnet block: AWS only accepts prefixes /16 to /28 for both. */
const awsCidr = (example: string) =>
  cidr(example).refine((value) => cidrProblem(value) !== undefined || prefixOf(value) >= 16 && prefixOf(value) <= 28, {
    error: fix("has a prefix length AWS does not accept for VPCs or subnets (/16 to /28)", `use a block like "${example}"`),
  });

const prefixOf = (value: string) => Number(value.split("/")[1]);

/**
 * Every node group must be able to give pods their own security group: on a type without trunk ENIs the
 * SecurityGroupPolicy is accepted and silently ignored.
 */
const instanceType = z
  .string()
  .regex(INSTANCE_TYPE_PATTERN, { error: fix("is not an EC2 instance type name", 'write it like "m5.large"') })
  .superRefine((type, ctx) => {
    if (!INSTANCE_TYPE_PATTERN.test(type)) return;
    const missing = instanceTypeExistenceProblem(type);
    if (missing) {
      ctx.addIssue({ code: "custom", message: fix(missing, 'write an existing type like "m5.large" (Amazon EC2 instance types, specifications)') });
    } else if (nodeAmiProblem(type)) {
      ctx.addIssue({ code: "custom", message: fix(nodeAmiProblem(type)!, 'use a Nitro type with trunk ENIs, e.g. "m5.large", or "m6g.large" for Graviton') });
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
const helperImage = z
  .string()
  .regex(/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$/, {
    error: fix("is not an image reference", 'write it like "curlimages/curl:8.11.1@sha256:<digest>"'),
  })
  .refine((ref) => /@sha256:/.test(ref) || (/:[^/]+$/.test(ref) && !/:latest$/i.test(ref)), {
    error: fix("is not pinned (no tag, or :latest)", "pin a version tag and its digest"),
  })
  .optional();

const nodeGroup = (label: "private" | "public") =>
  z
    .strictObject({
      name: dnsLabel(`${label}-node-group`).default(`${label}-node-group`),
      instanceTypes: z
        .array(instanceType)
        .min(1, { error: fix("is empty", 'list at least one instance type, e.g. ["m5.large"]') })
        .default([...NODE_GROUP_DEFAULTS.instanceTypes]),
      minSize: z.int().min(0).max(450).default(NODE_GROUP_DEFAULTS.minSize),
      desiredSize: z.int().min(0).max(450).default(NODE_GROUP_DEFAULTS.desiredSize),
      maxSize: z.int().min(1).max(450).default(NODE_GROUP_DEFAULTS.maxSize),
      diskSizeGiB: z.int().min(20).max(16384).default(NODE_GROUP_DEFAULTS.diskSizeGiB),
    })
    .superRefine((group, ctx) => {
      if (label === "private" && group.desiredSize === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["desiredSize"],
          input: group.desiredSize,
          message: fix(
            "starts the group that runs the application with no node: the deploy waits for Metabase's rollout, which never comes, until it times out after 20 minutes",
            "start at least one node (desiredSize 1); minSize may still be 0",
          ),
        });
      }
      if (!(group.minSize <= group.desiredSize && group.desiredSize <= group.maxSize)) {
        ctx.addIssue({
          code: "custom",
          path: ["desiredSize"],
          input: group.desiredSize,
          message: fix(
            `must lie between minSize (${group.minSize}) and maxSize (${group.maxSize})`,
            "make minSize <= desiredSize <= maxSize",
          ),
        });
      }
    });

const localBackend = z.strictObject({
  type: z.literal("local"),
  /** Directory for the state files, relative to the project root. */
  directory: z.string().min(1).default("terraform-state"),
});

const s3Backend = z.strictObject({
  type: z.literal("s3"),
  bucket: z.string().superRefine((name, ctx) => {
    const problem = bucketNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: fix(`is not a valid S3 bucket name: it ${problem} (S3 user guide, bucket naming rules)`, 'use an existing bucket such as "acme-terraform-state"') });
  }),
  /**
   * Each stack's state goes to `<keyPrefix>/<stack name>.tfstate`. Terraform's s3 backend refuses a key that
   * starts or ends with "/" or contains "//" (`terraform init`: "The value must not start or end with "/"",
   * "Value must not contain "//"").
   */
  keyPrefix: z
    .string()
    .min(1, { error: fix("is empty", 'set a key prefix such as "secure-eks-rds"') })
    .refine((prefix) => prefix === "" || !(prefix.startsWith("/") || prefix.endsWith("/") || prefix.includes("//")), {
      error: fix(
        'starts or ends with "/" or holds "//"; the state key <keyPrefix>/<stack>.tfstate would then start with "/" or hold "//", which terraform init refuses',
        'write the prefix without leading, trailing or doubled slashes, e.g. "secure-eks-rds" or "teams/bi"',
      ),
    }),
  region: z.string().refine(isKnownRegion, {
    error: fix("is not an AWS Region", 'use the Region of the state bucket, e.g. "eu-west-1"'),
  }),
  /** S3 native state locking (Terraform >= 1.10). */
  useLockfile: z.boolean().default(true),
  /** Server-side encryption of the state object. */
  encrypt: z.literal(true, { error: fix("must be true: state holds secrets", "set encrypt to true") }).default(true),
});

const hcpBackend = z.strictObject({
  type: z.literal("hcp"),
  organization: z.string().min(1, { error: fix("is empty", "set your HCP Terraform organization name") }),
  /** Each stack's workspace is `<workspacePrefix>-<stack name>`. */
  workspacePrefix: z.string().regex(/^[A-Za-z0-9_-]+$/, {
    error: fix("is not a valid workspace name prefix", 'use letters, digits, "-" and "_", e.g. "secure-eks-rds"'),
  }),
  /**
   * A host name with an optional port (Terraform's svchost form): a URL is refused by `terraform init` ("The
   * hostname is not in the correct format"); letters of any case are fine (host names compare case-insensitively).
   */
  hostname: z
    .string()
    .regex(/^(?=.{1,253}(:|$))([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(:([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5]))?$/, {
      error: fix("is not a host name (with an optional :port); terraform init refuses a URL here", 'write the host alone, e.g. "app.terraform.io" or "tfe.example.com"'),
    })
    .default("app.terraform.io"),
});

/**
 * Metabase authenticates to its application database with IAM since v0.58.0 (docs: environment variables,
 * MB_DB_AWS_IAM, "Since: v0.58.0"). Tags read v0.<release>.<patch> (OSS) or v1.<release>.<patch> (Enterprise).
 */
const MIN_METABASE_RELEASE = 58;

/** The release number of a Metabase image tag ("v0.63.19" -> 63); undefined for other tags or none. */
function metabaseReleaseOf(ref: string): number | undefined {
  const parsed = parseImageReference(ref);
  const match = "problem" in parsed || parsed.tag === undefined ? null : /^v[01]\.(\d+)(\.[\w.-]*)?$/.exec(parsed.tag);
  return match ? Number(match[1]) : undefined;
}

/** arn:<partition>:acm:<region>:<12-digit account>:certificate/<id> (ACM API reference, CertificateArn). */
const ACM_CERTIFICATE_ARN = /^arn:aws(-cn|-us-gov)?:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
/**
 * Labels of letters, digits and hyphens, at least two, at most 253 characters (RFC 1123). Letters of either case:
 * DNS compares names ignoring case (RFC 4343), and so do ACM's domain validation and browsers.
 */
const DNS_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export const EnvironmentSchema = z.strictObject({
  /** Lets editors find the JSON Schema; ignored by the loader. */
  $schema: z.string().optional(),
  /** Production environments get errors where others get warnings (e.g. deletion protection). */
  production: z.boolean().default(false),
  /**
   * Keep the environment's retained stack (the database's key, so its final snapshot stays readable; the log
   * groups and their key; Metabase's encryption key) when the environment is destroyed. false lets
   * `npm run destroy` remove it too (docs/lifecycle.md).
   */
  retainOnDestroy: z.boolean().default(true),
  /** Days CloudWatch keeps every log group of the environment: EKS control plane, VPC flow logs, RDS. */
  logRetentionDays: z
    .union(LOG_RETENTION_DAYS.map((d) => z.literal(d)), {
      error: fix("is not a CloudWatch Logs retention period", "use one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365 ..."),
    })
    .default(LOG_DEFAULTS.retentionDays),
  region: z
    .enum(KNOWN_REGIONS as [string, ...string[]], {
      error: fix("is not an AWS Region", 'use a Region code such as "eu-west-1"'),
    })
    .default("eu-west-1"),
  availabilityZones: z
    .array(z.string())
    .min(2, {
      error: fix(
        "lists fewer than 2 Availability Zones; EKS and the RDS subnet group need two",
        'list two AZs of the region, e.g. ["eu-west-1a", "eu-west-1b"]',
      ),
    })
    .default(["eu-west-1a", "eu-west-1b"]),
  network: z
    .strictObject({
      vpcCidr: awsCidr("10.0.0.0/16")
        .superRefine((value, ctx) => {
          if (cidrProblem(value)) return;
          const unusable = VPC_UNUSABLE_RANGES.find((range) => overlaps(parseCidr(range.cidr), parseCidr(value)));
          if (unusable) {
            ctx.addIssue({ code: "custom", message: fix(`overlaps ${unusable.cidr}, ${unusable.why}`, 'use a private range such as "10.0.0.0/16"') });
          }
        })
        .default(NETWORK_DEFAULTS.vpcCidr),
      /** Worker nodes and pods (one per AZ): pods take VPC addresses, so these are the large ones. */
      privateEksSubnetCidrs: z.array(awsCidr("10.0.0.0/23")).default([...NETWORK_DEFAULTS.privateEksSubnetCidrs]),
      /** Load balancers and NAT gateways (one per AZ). */
      publicEksSubnetCidrs: z.array(awsCidr("10.0.6.0/23")).default([...NETWORK_DEFAULTS.publicEksSubnetCidrs]),
      /** The database tier: no route to the internet at all (one per AZ). */
      privateRdsSubnetCidrs: z.array(awsCidr("10.0.4.0/24")).default([...NETWORK_DEFAULTS.privateRdsSubnetCidrs]),
      /** "per-az" survives an AZ outage; "single" saves the cost of one NAT gateway per extra AZ. */
      natGateways: z.enum(["per-az", "single"]).default(NETWORK_DEFAULTS.natGateways),
    })
    .prefault({}),
  cluster: z
    .strictObject({
      name: dnsLabel("eks-cluster-dev").default(CLUSTER_DEFAULTS.name),
      kubernetesVersion: z
        .enum(EKS_KUBERNETES_VERSIONS, {
          error: fix(
            `is not a Kubernetes version EKS offers (its release calendar lists ${EKS_KUBERNETES_VERSIONS[0]} to ${EKS_KUBERNETES_VERSIONS[EKS_KUBERNETES_VERSIONS.length - 1]})`,
            `use one of ${EKS_KUBERNETES_VERSIONS.join(", ")}; which are still supported on a given day is checked against the calendar`,
          ),
        })
        .default(CLUSTER_DEFAULTS.kubernetesVersion),
      /**
       * The cluster's upgrade policy (EKS UpgradePolicy.supportType), an explicit decision: "STANDARD" (EKS
       * upgrades the control plane itself when the version leaves standard support) or "EXTENDED" (paid extended
       * support, then the same at its end). Synth warns 60 days before that day and refuses the version after it.
       */
      supportType: z
        .enum(["STANDARD", "EXTENDED"], { error: fix("is not an EKS support type", 'use "STANDARD" (the default) or "EXTENDED" (paid, 12 more months)') })
        .default(CLUSTER_DEFAULTS.supportType),
      /**
       * Who may reach the public API endpoint. Empty means private endpoint only (then deploy from inside
       * the VPC). Never 0.0.0.0/0 by default.
       */
      publicEndpointCidrs: z.array(cidr("203.0.113.0/24")).default([...CLUSTER_DEFAULTS.publicEndpointCidrs]),
      /**
       * SHA-1 thumbprints of the OIDC issuer's root CA. Empty: read with the tls provider's
       * `tls_certificate` data source at plan time (the article's way).
       */
      oidcThumbprints: z
        .array(
          z.string().regex(/^[0-9a-f]{40}$/, {
            error: fix("is not a SHA-1 thumbprint", "write 40 lower-case hex digits"),
          }),
        )
        // IAM keeps at most 5 (CreateOpenIDConnectProvider, ThumbprintList: "Maximum number of 5 items").
        .max(5, { error: fix("lists more than 5 thumbprints; IAM keeps at most 5 per OIDC provider", "keep the thumbprints of the CAs the issuer uses now (at most 5)") })
        .default([...CLUSTER_DEFAULTS.oidcThumbprints]),
      /**
       * Pins the VPC CNI add-on version, e.g. "v1.21.1-eksbuild.8". Unset (recommended): the most recent version
       * EKS offers for kubernetesVersion, resolved at plan time.
       */
      vpcCniVersion: z
        .string()
        .superRefine((value, ctx) => {
          const parsed = parseCniVersion(value);
          if (!parsed) {
            ctx.addIssue({
              code: "custom",
              message: fix("is not a VPC CNI add-on version", 'write it like "v1.20.1-eksbuild.3"'),
            });
          } else if (compareVersions(parsed, MIN_VPC_CNI_VERSION) < 0) {
            ctx.addIssue({
              code: "custom",
              message: fix(
                `is older than v${MIN_VPC_CNI_VERSION}, the first VPC CNI with security groups for pods`,
                'remove the setting, so the most recent version for kubernetesVersion is used',
              ),
            });
          }
        })
        .optional(),
      /** Moved: one retention for every log group of the environment. */
      logRetentionDays: z
        .never({ error: fix("moved to the top level: every log group of the environment now keeps it", 'write "logRetentionDays": <days> next to "region"') })
        .optional(),
    })
    .prefault({}),
  nodeGroups: z
    .strictObject({
      /** Runs the application: pods with security groups need NAT, hence private subnets. Labelled type=private. */
      private: nodeGroup("private").prefault({}),
      /** Optional group in the public subnets, labelled type=public (the article had one). */
      public: nodeGroup("public").optional(),
    })
    .prefault({}),
  database: z
    .strictObject({
      identifier: z
        .string()
        .regex(/^[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]$/, {
          error: fix(
            "is not a valid RDS instance identifier (1-63 lower-case letters, digits, single hyphens, starting with a letter)",
            'use a name like "metabase-dev"',
          ),
        })
        .default(DATABASE_DEFAULTS.identifier),
      engineVersion: z
        .enum(RDS_POSTGRES_MAJOR_VERSIONS, {
          error: fix(
            "is not a PostgreSQL major version in RDS standard support",
            `use one of ${RDS_POSTGRES_MAJOR_VERSIONS.join(", ")}`,
          ),
        })
        .default(DATABASE_DEFAULTS.engineVersion),
      instanceClass: z
        .string()
        .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, { error: fix("is not an RDS instance class", 'write it like "db.t4g.medium"') })
        .default(DATABASE_DEFAULTS.instanceClass),
      allocatedStorageGiB: z.int().min(20, { error: fix("is below the 20 GiB gp3 minimum", "use 20 or more") }).max(65536).default(DATABASE_DEFAULTS.allocatedStorageGiB),
      /** Storage autoscaling ceiling; equal to allocatedStorageGiB disables autoscaling. */
      maxAllocatedStorageGiB: z.int().min(20).max(65536).default(DATABASE_DEFAULTS.maxAllocatedStorageGiB),
      port: z
        .int({ error: fix("is not an integer port", "use 5432") })
        .min(1150, { error: fix("is outside the port range RDS allows (1150-65535)", "use 5432") })
        .max(65535, { error: fix("is outside the port range RDS allows (1150-65535)", "use 5432") })
        .default(DATABASE_DEFAULTS.port),
      multiAz: z.boolean().default(DATABASE_DEFAULTS.multiAz),
      backupRetentionDays: z.int().min(0).max(35, { error: fix("is above the RDS maximum of 35 days", "use 7 to 35") }).default(DATABASE_DEFAULTS.backupRetentionDays),
      deletionProtection: z.boolean().default(DATABASE_DEFAULTS.deletionProtection),
      /** Master user; its password is generated and kept in Secrets Manager by RDS, never in config. */
      masterUsername: z
        .string()
        .regex(MASTER_USERNAME_PATTERN, {
          error: fix("is not 1 to 16 letters, digits or underscores starting with a letter, as RDS requires (CreateDBInstance, MasterUsername)", 'use a name like "dbadmin"'),
        })
        .superRefine((name, ctx) => {
          const problem = MASTER_USERNAME_PATTERN.test(name) ? masterUsernameProblem(name) : undefined;
          if (problem) ctx.addIssue({ code: "custom", message: fix(problem, 'use a name like "dbadmin"') });
        })
        .default(DATABASE_DEFAULTS.masterUsername),
    })
    .prefault({})
    .superRefine((db, ctx) => {
      const minimum = minimumAutoscalingCeiling(db.allocatedStorageGiB);
      if (db.maxAllocatedStorageGiB < db.allocatedStorageGiB) {
        ctx.addIssue({
          code: "custom",
          path: ["maxAllocatedStorageGiB"],
          input: db.maxAllocatedStorageGiB,
          message: fix(
            `is below allocatedStorageGiB (${db.allocatedStorageGiB})`,
            `set it to at least ${minimum} (10% above allocatedStorageGiB), or to allocatedStorageGiB to turn storage autoscaling off`,
          ),
        });
      } else if (db.maxAllocatedStorageGiB > db.allocatedStorageGiB && db.maxAllocatedStorageGiB < minimum) {
        ctx.addIssue({
          code: "custom",
          path: ["maxAllocatedStorageGiB"],
          input: db.maxAllocatedStorageGiB,
          message: fix(
            `is less than 10% above allocatedStorageGiB (${db.allocatedStorageGiB}); RDS refuses it ("The maximum allocated storage must be increased by at least 10 percent")`,
            `set it to at least ${minimum}, or to ${db.allocatedStorageGiB} to turn storage autoscaling off`,
          ),
        });
      }
    }),
  application: z
    .strictObject({
      namespace: dnsLabel("metabase")
        .refine((name) => !SYSTEM_NAMESPACES.includes(name), {
          error: fix(
            "is a namespace Kubernetes creates for itself; the workload creates its namespace and labels it Pod Security restricted, which would change (and on destroy delete) the system's",
            'use a namespace of its own, e.g. "metabase"',
          ),
        })
        .default(METABASE_DEFAULTS.namespace),
      /**
       * Names the ServiceAccount, the Service and the Deployment; `<it>-db-bootstrap` names the Job's. A Service
       * name is an RFC 1035 label (a letter first), and the Job's name must stay within 63 characters.
       */
      serviceAccount: dnsLabel("metabase")
        // One message per fact: these two speak only of names the DNS-1123 check accepted.
        .refine((name) => !isLabel(name) || DNS_1035_LABEL.test(name), {
          error: fix("starts with a digit, but it also names the Service, and a Service name must start with a letter (RFC 1035 label)", 'use a name like "metabase"'),
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
        })
        .default(METABASE_DEFAULTS.serviceAccount),
      /** The IAM-authenticated PostgreSQL role Metabase connects as (GRANT rds_iam). */
      dbUser: postgresName("metabase", "role").default(METABASE_DEFAULTS.dbUser),
      /** Metabase's application database. */
      databaseName: postgresName("metabase", "database").default(METABASE_DEFAULTS.databaseName),
      /** A pinned Metabase image with application-database IAM authentication (MB_DB_AWS_IAM). */
      image: z
        .string()
        .superRefine((ref, ctx) => {
          const parsed = parseImageReference(ref);
          if ("problem" in parsed) {
            ctx.addIssue({ code: "custom", message: fix(`${parsed.problem} (distribution/reference grammar, which the container runtime applies)`, 'write it like "metabase/metabase:v0.63.19" or "registry.example.com:5000/metabase/metabase:v0.63.19"') });
          } else if (parsed.digest === undefined && (parsed.tag === undefined || parsed.tag.toLowerCase() === "latest")) {
            ctx.addIssue({ code: "custom", message: fix("is not pinned (no tag, or :latest)", "pin a version tag or a digest") });
          }
        })
        .refine((ref) => metabaseReleaseOf(ref) === undefined || metabaseReleaseOf(ref)! >= MIN_METABASE_RELEASE, {
          error: fix(
            `is older than Metabase v0.${MIN_METABASE_RELEASE}.0, the first release with MB_DB_AWS_IAM (IAM login to the application database)`,
            'use "metabase/metabase:v0.63.19" or later',
          ),
        })
        .default(METABASE_DEFAULTS.image),
      /** The helper containers' images (curl, the AWS CLI, psql); production pins each by digest (K8S-01). */
      helperImages: z.strictObject({ curl: helperImage, awsCli: helperImage, psql: helperImage }).optional(),
      replicas: z.int().min(1).max(10).default(METABASE_DEFAULTS.replicas),
      /** Port of the LoadBalancer Service (the container listens on 3000): 443 with tls, else the article's 8000. */
      servicePort: z.int().min(1).max(65535).optional(),
      /**
       * "internal": a load balancer in the private subnets, for the VPC and what is peered or on VPN with it;
       * "internet": one in the public subnets (then serve it with tls).
       */
      exposure: z
        .enum(["internal", "internet"], { error: fix('is not an exposure', 'use "internal" (private subnets) or "internet" (public subnets, with tls)') })
        .default(METABASE_DEFAULTS.exposure),
      /** HTTPS on the load balancer: an ACM certificate of the environment's region, for the name users open. */
      tls: z
        .strictObject({
          certificateArn: z.string().regex(ACM_CERTIFICATE_ARN, {
            error: fix("is not an ACM certificate ARN", 'copy it from ACM: "arn:aws:acm:<region>:<account>:certificate/<id>"'),
          }),
          hostname: z.string().regex(DNS_NAME, {
            error: fix("is not a DNS name", 'write the name users open, e.g. "metabase.example.com" (it becomes MB_SITE_URL)'),
          }),
        })
        .optional(),
      /**
       * Who may reach Metabase's load balancer (Service loadBalancerSourceRanges). Required, without a
       * default: the article left it open to the internet; here that has to be written down as "0.0.0.0/0".
       */
      loadBalancerSourceCidrs: z
        .array(cidr("203.0.113.0/24"), {
          error: fix("is missing", 'list who may reach Metabase, e.g. ["203.0.113.0/24"] (["0.0.0.0/0"] for everyone)'),
        })
        .min(1, { error: fix("is empty", 'list who may reach Metabase, e.g. ["203.0.113.0/24"] (["0.0.0.0/0"] for everyone)') }),
    },
    {
      error: fix("is missing", 'add "application": { "loadBalancerSourceCidrs": [...] } (the other fields have defaults)'),
    }),
  backend: z.discriminatedUnion("type", [localBackend, s3Backend, hcpBackend], {
    error: fix('has no valid "type"', 'set "type" to "local", "s3" or "hcp"'),
  }).prefault({ type: "local" }),
  /** Extra tags on every AWS resource (with the provider's default_tags). */
  tags: z
    .record(
      z.string().superRefine((key, ctx) => {
        const problem = tagKeyProblem(key);
        if (problem) ctx.addIssue({ code: "custom", message: fix(`tag key ${problem}`, 'use keys like "cost-center" or "team"') });
      }),
      z.string().superRefine((value, ctx) => {
        const problem = tagValueProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: fix(problem, "shorten it, or use only the allowed characters") });
      }),
    )
    .superRefine((tags, ctx) => {
      const keys = Object.keys(tags);
      if (keys.length > MAX_USER_TAGS) {
        ctx.addIssue({
          code: "custom",
          message: fix(
            `has ${keys.length} tags; with the ${PROJECT_TAG_KEYS.length} the project adds and up to ${MAX_OWN_TAGS} of a resource's own (a subnet has Name and two Kubernetes tags), resources would exceed AWS's ${MAX_TAGS_PER_RESOURCE}`,
            `keep at most ${MAX_USER_TAGS}`,
          ),
        });
      }
      const projectKeys = new Map(PROJECT_TAG_KEYS.map((key) => [key.toLowerCase(), key]));
      const userKeys = new Map<string, string>();
      for (const key of keys) {
        const lower = key.toLowerCase();
        const project = projectKeys.get(lower);
        const clash = project !== undefined && project !== key ? `the project's own "${project}" tag` : userKeys.has(lower) ? `the tag "${userKeys.get(lower)}"` : undefined;
        if (clash) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            input: key,
            message: fix(`differs from ${clash} only in case; IAM compares tag keys ignoring case and refuses both on one role`, "use one spelling"),
          });
        }
        userKeys.set(lower, key);
      }
    })
    .default({}),
});

/** A validated environment, with defaults applied. */
export type EnvironmentConfig = z.output<typeof EnvironmentSchema>;
/** What may be written in an environment file. */
export type EnvironmentInput = z.input<typeof EnvironmentSchema>;
