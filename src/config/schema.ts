/**
 * The shape of `environments/<name>.json`: the project's equivalent of the article's terraform.tfvars.
 *
 * Defaults follow the article series, so an empty object is a valid (article-shaped) environment; the
 * shipped `dev.json` still spells every value out so a reader sees the whole design in one file.
 * Objects are strict: an unknown key is a typo until proven otherwise, and a typo must not pass silently.
 * The shape and the defaults are here; the checks of each value are in src/checks/fields.ts, shared with the
 * constructs, and the cross-field rules (subnets inside the VPC, AZs in the region...) in semantic-checks.ts.
 */
import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../aws-facts/log-groups";
import { LOG_DEFAULTS } from "../logs/defaults";
import { CLUSTER_DEFAULTS, NODE_GROUP_DEFAULTS } from "../eks/defaults";
import { METABASE_DEFAULTS } from "../k8s/defaults";
import { NETWORK_DEFAULTS } from "../network/defaults";
import { PROJECT_TAG_KEYS } from "../stacks/project-tags";
import { DATABASE_DEFAULTS } from "../rds/defaults";
import { bucketNameProblem } from "../aws-facts/s3";
import { MAX_TAGS_PER_RESOURCE, tagKeyProblem, tagValueProblem } from "../aws-facts/tags";
import { isKnownRegion, KNOWN_REGIONS } from "../aws-facts/regions";
import {
  allocatedStorageGiB,
  availabilityZoneList,
  awsCidr,
  backupRetentionDays,
  cidr,
  clientCidrs,
  dbIdentifier,
  dbPort,
  dnsLabel,
  fix,
  helperImage,
  instanceTypeList,
  kubernetesVersion,
  masterUsername,
  maxAllocatedStorageGiB,
  maxNodeCount,
  metabaseImage,
  namespaceName,
  nodeCount,
  nodeDiskSizeGiB,
  nodeGroupSizeIssues,
  oidcThumbprints,
  postgresMajorVersion,
  postgresName,
  rdsInstanceClassName,
  replicas,
  serviceAccountName,
  servicePort,
  storageCeilingIssue,
  supportType,
  vpcCidr,
  vpcCniVersion,
} from "../checks/fields";

/** Message convention: "<what is wrong>. Fix: <what to write instead>". The loader prefixes file/field/value. */

/** The most tags a resource of ours carries itself: a subnet's Name, kubernetes.io/cluster/<name> and role tag. */
const MAX_OWN_TAGS = 3;
const MAX_USER_TAGS = MAX_TAGS_PER_RESOURCE - PROJECT_TAG_KEYS.length - MAX_OWN_TAGS;

const nodeGroup = (label: "private" | "public") =>
  z
    .strictObject({
      name: dnsLabel(`${label}-node-group`).default(`${label}-node-group`),
      instanceTypes: instanceTypeList.default([...NODE_GROUP_DEFAULTS.instanceTypes]),
      minSize: nodeCount.default(NODE_GROUP_DEFAULTS.minSize),
      desiredSize: nodeCount.default(NODE_GROUP_DEFAULTS.desiredSize),
      maxSize: maxNodeCount.default(NODE_GROUP_DEFAULTS.maxSize),
      diskSizeGiB: nodeDiskSizeGiB.default(NODE_GROUP_DEFAULTS.diskSizeGiB),
    })
    .superRefine((group, ctx) => {
      for (const message of nodeGroupSizeIssues(group, label === "private")) {
        ctx.addIssue({ code: "custom", path: ["desiredSize"], input: group.desiredSize, message });
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
    if (problem)
      ctx.addIssue({
        code: "custom",
        message: fix(
          `is not a valid S3 bucket name: it ${problem} (S3 user guide, bucket naming rules)`,
          'use an existing bucket such as "acme-terraform-state"',
        ),
      });
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
    .regex(
      /^(?=.{1,253}(:|$))([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(:([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5]))?$/,
      {
        error: fix(
          "is not a host name (with an optional :port); terraform init refuses a URL here",
          'write the host alone, e.g. "app.terraform.io" or "tfe.example.com"',
        ),
      },
    )
    .default("app.terraform.io"),
});

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
    .union(
      LOG_RETENTION_DAYS.map((d) => z.literal(d)),
      {
        error: fix("is not a CloudWatch Logs retention period", "use one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365 ..."),
      },
    )
    .default(LOG_DEFAULTS.retentionDays),
  region: z
    .enum(KNOWN_REGIONS as [string, ...string[]], {
      error: fix("is not an AWS Region", 'use a Region code such as "eu-west-1"'),
    })
    .default("eu-west-1"),
  availabilityZones: availabilityZoneList.default(["eu-west-1a", "eu-west-1b"]),
  network: z
    .strictObject({
      vpcCidr: vpcCidr.default(NETWORK_DEFAULTS.vpcCidr),
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
      kubernetesVersion: kubernetesVersion.default(CLUSTER_DEFAULTS.kubernetesVersion),
      /**
       * The cluster's upgrade policy (EKS UpgradePolicy.supportType), an explicit decision: "STANDARD" (EKS
       * upgrades the control plane itself when the version leaves standard support) or "EXTENDED" (paid extended
       * support, then the same at its end). Synth warns 60 days before that day and refuses the version after it.
       */
      supportType: supportType.default(CLUSTER_DEFAULTS.supportType),
      /**
       * Who may reach the public API endpoint. Empty means private endpoint only (then deploy from inside
       * the VPC). Never 0.0.0.0/0 by default.
       */
      publicEndpointCidrs: z.array(cidr("203.0.113.0/24")).default([...CLUSTER_DEFAULTS.publicEndpointCidrs]),
      /**
       * SHA-1 thumbprints of the OIDC issuer's root CA. Empty: read with the tls provider's
       * `tls_certificate` data source at plan time (the article's way).
       */
      oidcThumbprints: oidcThumbprints.default([...CLUSTER_DEFAULTS.oidcThumbprints]),
      /**
       * Pins the VPC CNI add-on version, e.g. "v1.21.1-eksbuild.8". Unset (recommended): the most recent version
       * EKS offers for kubernetesVersion, resolved at plan time.
       */
      vpcCniVersion: vpcCniVersion.optional(),
      /** Moved: one retention for every log group of the environment. */
      logRetentionDays: z
        .never({
          error: fix(
            "moved to the top level: every log group of the environment now keeps it",
            'write "logRetentionDays": <days> next to "region"',
          ),
        })
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
      identifier: dbIdentifier.default(DATABASE_DEFAULTS.identifier),
      engineVersion: postgresMajorVersion.default(DATABASE_DEFAULTS.engineVersion),
      instanceClass: rdsInstanceClassName.default(DATABASE_DEFAULTS.instanceClass),
      allocatedStorageGiB: allocatedStorageGiB.default(DATABASE_DEFAULTS.allocatedStorageGiB),
      /** Storage autoscaling ceiling; equal to allocatedStorageGiB disables autoscaling. */
      maxAllocatedStorageGiB: maxAllocatedStorageGiB.default(DATABASE_DEFAULTS.maxAllocatedStorageGiB),
      port: dbPort.default(DATABASE_DEFAULTS.port),
      multiAz: z.boolean().default(DATABASE_DEFAULTS.multiAz),
      backupRetentionDays: backupRetentionDays.default(DATABASE_DEFAULTS.backupRetentionDays),
      deletionProtection: z.boolean().default(DATABASE_DEFAULTS.deletionProtection),
      /** Master user; its password is generated and kept in Secrets Manager by RDS, never in config. */
      masterUsername: masterUsername.default(DATABASE_DEFAULTS.masterUsername),
    })
    .prefault({})
    .superRefine((db, ctx) => {
      const message = storageCeilingIssue(db.allocatedStorageGiB, db.maxAllocatedStorageGiB);
      if (message) ctx.addIssue({ code: "custom", path: ["maxAllocatedStorageGiB"], input: db.maxAllocatedStorageGiB, message });
    }),
  application: z.strictObject(
    {
      namespace: namespaceName.default(METABASE_DEFAULTS.namespace),
      /**
       * Names the ServiceAccount, the Service and the Deployment; `<it>-db-bootstrap` names the Job's. A Service
       * name is an RFC 1035 label (a letter first), and the Job's name must stay within 63 characters.
       */
      serviceAccount: serviceAccountName.default(METABASE_DEFAULTS.serviceAccount),
      /** The IAM-authenticated PostgreSQL role Metabase connects as (GRANT rds_iam). */
      dbUser: postgresName("metabase", "role").default(METABASE_DEFAULTS.dbUser),
      /** Metabase's application database. */
      databaseName: postgresName("metabase", "database").default(METABASE_DEFAULTS.databaseName),
      /** A pinned Metabase image with application-database IAM authentication (MB_DB_AWS_IAM). */
      image: metabaseImage.default(METABASE_DEFAULTS.image),
      /** The helper containers' images (curl, the AWS CLI, psql); production pins each by digest (K8S-01). */
      helperImages: z.strictObject({ curl: helperImage, awsCli: helperImage, psql: helperImage }).optional(),
      replicas: replicas.default(METABASE_DEFAULTS.replicas),
      /** Port of the LoadBalancer Service (the container listens on 3000): 443 with tls, else the article's 8000. */
      servicePort: servicePort.optional(),
      /**
       * "internal": a load balancer in the private subnets, for the VPC and what is peered or on VPN with it;
       * "internet": one in the public subnets (then serve it with tls).
       */
      exposure: z
        .enum(["internal", "internet"], {
          error: fix("is not an exposure", 'use "internal" (private subnets) or "internet" (public subnets, with tls)'),
        })
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
      loadBalancerSourceCidrs: clientCidrs,
    },
    {
      error: fix("is missing", 'add "application": { "loadBalancerSourceCidrs": [...] } (the other fields have defaults)'),
    },
  ),
  backend: z
    .discriminatedUnion("type", [localBackend, s3Backend, hcpBackend], {
      error: fix('has no valid "type"', 'set "type" to "local", "s3" or "hcp"'),
    })
    .prefault({ type: "local" }),
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
        const clash =
          project !== undefined && project !== key
            ? `the project's own "${project}" tag`
            : userKeys.has(lower)
              ? `the tag "${userKeys.get(lower)}"`
              : undefined;
        if (clash) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            input: key,
            message: fix(
              `differs from ${clash} only in case; IAM compares tag keys ignoring case and refuses both on one role`,
              "use one spelling",
            ),
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
