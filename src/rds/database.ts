import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { RoleGrants, type Grant } from "../iam/grants";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { ServiceAccountRole } from "../iam/service-account-role";
import type { PodSecurityGroup } from "../pod-security/pod-security-group";
import { POSTGRES_LOG_EXPORTS, rdsLogGroupName } from "../aws-facts/rds-names";
import { RDS_CA_IDENTIFIER } from "../aws-facts/rds-tls";
import { managedPolicyArn, serviceTrustPolicy } from "../iam/managed-policies";
import { keyAccountOf } from "../kms/key-account";
import { LOG_DEFAULTS } from "../logs/defaults";
import { LogArchive } from "../logs/log-archive";
import { dependsOnWithin } from "../terraform/depends-on";
import { databaseEncryptionKey } from "./database-key";
import { autoscalingCeiling } from "../aws-facts/rds-storage";
import { DATABASE_DEFAULTS, MONITORING_INTERVAL_SECONDS, PERFORMANCE_INSIGHTS_RETENTION_DAYS } from "./defaults";
import { DATABASE_SCOPED_NAMES } from "./names";
import { SERVICE_PRINCIPALS } from "../aws-facts/service-principals";
import { instanceClassProblems, postgresLifecycleProblems } from "../checks/cross-field";
import {
  allocatedStorageGiB,
  backupRetentionDays,
  dbIdentifier,
  dbPort,
  masterUsername,
  maxAllocatedStorageGiB,
  postgresMajorVersion,
  rdsInstanceClassName,
  storageCeilingIssue,
} from "../checks/fields";
import { known, propNames, validateProps } from "../checks/validate-props";

export interface PostgresDatabaseProps {
  readonly vpcId: string;
  /** The isolated database subnets, one per AZ (Network.databaseSubnets.ids). */
  readonly subnetIds: readonly string[];
  /**
   * DB instance identifier (unique per region and account); also names its security group, subnet group,
   * parameter group, key alias and final snapshot.
   * @default DATABASE_DEFAULTS.identifier ("postgresql")
   */
  readonly identifier?: string;
  /**
   * PostgreSQL major version, e.g. "17"; RDS applies minor versions automatically.
   * @default DATABASE_DEFAULTS.engineVersion
   */
  readonly engineVersion?: string;
  /** @default DATABASE_DEFAULTS.instanceClass ("db.t3.micro") */
  readonly instanceClass?: string;
  /** @default 100 */
  readonly allocatedStorageGiB?: number;
  /**
   * Storage autoscaling ceiling; equal to allocatedStorageGiB disables autoscaling.
   * @default 200
   */
  readonly maxAllocatedStorageGiB?: number;
  /** @default 5432 */
  readonly port?: number;
  /** @default true */
  readonly multiAz?: boolean;
  /** @default 14 */
  readonly backupRetentionDays?: number;
  /** @default true */
  readonly deletionProtection?: boolean;
  /**
   * Master user; RDS generates its password and keeps it in Secrets Manager.
   * @default "dbadmin"
   */
  readonly masterUsername?: string;
  /**
   * Region of the `rds-db` and `secretsmanager` names in the grants.
   * @default read at plan time (data "aws_region")
   */
  readonly region?: string;
  /**
   * Partition of the `rds-db` ARNs.
   * @default read at plan time (data "aws_partition")
   */
  readonly partition?: string;
  /**
   * Where the exported PostgreSQL logs go: their groups, key and retention.
   * @default an archive of the database's own, keeping LOG_DEFAULTS.retentionDays
   */
  readonly logArchive?: LogArchive;
  /**
   * The key of the instance's data, its snapshots (the final one included) and its master secret: a key that
   * must outlive the instance for its final snapshot to stay readable (databaseEncryptionKey() makes one).
   * @default a key of the database's own, destroyed with it (its final snapshot then becomes unreadable once
   * the key's 30-day deletion window ends)
   */
  readonly encryptionKey?: KmsKey;
}

/**
 * RDS for PostgreSQL as the series built it (private, Multi-AZ, IAM database authentication), with what a
 * production database also needs: encryption under its own rotating key (usable only through RDS and Secrets
 * Manager), TLS required, a master password generated and kept by RDS in Secrets Manager (never in Terraform
 * config or state), backups, a final snapshot, connection logging exported to encrypted log groups, Database
 * Insights (Performance Insights, encrypted with the same key) and Enhanced Monitoring.
 *
 * Its security group starts with no rules at all: access is granted explicitly with allowFrom().
 */
export class PostgresDatabase extends Construct {
  readonly instance: DbInstance;
  readonly securityGroup: SecurityGroup;
  readonly key: KmsKey;
  /** The port clients connect to (known at synth). */
  readonly port: number;
  readonly identifier: string;
  /** The master user (its password lives in the RDS-managed secret, masterSecretArn). */
  readonly masterUsername: string;
  /** Lets RDS publish Enhanced Monitoring metrics (monitoring.rds.amazonaws.com assumes it). */
  readonly monitoringRole: IamRole;
  private readonly accountId: string;
  private readonly region: string;
  private readonly partition: string;
  /** amazonaws.com, or amazonaws.com.cn in China: service endpoints (kms:ViaService) are named with it. */
  private readonly dnsSuffix: string;

  constructor(scope: Construct, id: string, input: PostgresDatabaseProps) {
    super(scope, id);
    const props = { ...DATABASE_DEFAULTS, ...definedProps(input) };
    validateProps(this, () => {
      const storage =
        known(props.allocatedStorageGiB) && known(props.maxAllocatedStorageGiB)
          ? storageCeilingIssue(props.allocatedStorageGiB, props.maxAllocatedStorageGiB)
          : undefined;
      return {
        props: [
          { prop: "identifier", value: input.identifier, check: dbIdentifier },
          { prop: "engineVersion", value: input.engineVersion, check: postgresMajorVersion },
          { prop: "instanceClass", value: input.instanceClass, check: rdsInstanceClassName },
          { prop: "allocatedStorageGiB", value: input.allocatedStorageGiB, check: allocatedStorageGiB },
          { prop: "maxAllocatedStorageGiB", value: input.maxAllocatedStorageGiB, check: maxAllocatedStorageGiB },
          { prop: "port", value: input.port, check: dbPort },
          { prop: "backupRetentionDays", value: input.backupRetentionDays, check: backupRetentionDays },
          { prop: "masterUsername", value: input.masterUsername, check: masterUsername },
        ],
        together: [
          ...(known(props.instanceClass) && known(props.engineVersion)
            ? instanceClassProblems(props.instanceClass, props.engineVersion, "instanceClass")
            : []),
          ...(known(props.engineVersion) ? postgresLifecycleProblems(props.engineVersion, new Date(), propNames) : []),
          ...(storage ? [{ field: "maxAllocatedStorageGiB", value: props.maxAllocatedStorageGiB, message: storage }] : []),
        ],
      };
    });
    this.identifier = props.identifier;
    this.port = props.port;
    this.masterUsername = props.masterUsername;
    const account = keyAccountOf(this, { partition: input.partition, region: input.region });
    this.region = account.region;
    this.partition = account.partition;
    this.accountId = account.accountId;
    this.dnsSuffix = account.dnsSuffix;

    this.key = input.encryptionKey ?? databaseEncryptionKey(this, "key", props.identifier, account);

    const subnetGroup = new DbSubnetGroup(this, "subnet-group", {
      name: props.identifier,
      description: `Isolated database subnets of ${props.identifier}`,
      subnetIds: [...input.subnetIds],
    });

    // Terraform removes the default allow-all egress rule; RDS needs none (responses are stateful).
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: props.identifier,
      description: `RDS ${props.identifier}: the database port, from pod security groups only`,
      vpcId: input.vpcId,
      tags: { Name: props.identifier },
    });

    const parameters = new DbParameterGroup(this, "parameters", {
      name: DATABASE_SCOPED_NAMES.parameterGroup(props.identifier, props.engineVersion),
      family: `postgres${props.engineVersion}`,
      description: `TLS-only connections for ${props.identifier}, each logged`,
      parameter: [
        // IAM authentication only works over TLS; refuse plaintext for every user, not just IAM ones.
        { name: "rds.force_ssl", value: "1" },
        // Who connected from where, and for how long: the database's own audit trail, in the postgresql log.
        { name: "log_connections", value: "1" },
        { name: "log_disconnections", value: "1" },
        // And what they changed: every DDL statement (CREATE/ALTER/DROP, GRANT/REVOKE, CREATE ROLE), so the
        // bootstrap's CREATE ROLE, GRANT rds_iam and ownership changes leave a trace in the exported postgresql
        // log. A password set in SQL would be logged in clear too (RDS user guide, "Turning on query logging"):
        // this project sets none (IAM users, an RDS-managed master password).
        { name: "log_statement", value: "ddl" },
      ],
    });

    const logArchive =
      input.logArchive ??
      new LogArchive(this, "logs", {
        keyAlias: DATABASE_SCOPED_NAMES.logsKeyAlias(props.identifier),
        description: `RDS instance ${props.identifier}`,
        retentionDays: LOG_DEFAULTS.retentionDays,
        partition: input.partition,
        region: input.region,
      });
    const logGroups = POSTGRES_LOG_EXPORTS.map((type) => logArchive.logGroup(rdsLogGroupName(props.identifier, type)));

    this.monitoringRole = new IamRole(this, "monitoring-role", {
      name: DATABASE_SCOPED_NAMES.monitoringRole(props.identifier),
      description: `Enhanced Monitoring of RDS instance ${props.identifier}`,
      assumeRolePolicy: serviceTrustPolicy(SERVICE_PRINCIPALS.rdsMonitoring),
    });
    const monitoringPolicy = new IamRolePolicyAttachment(this, "monitoring-policy", {
      role: this.monitoringRole.name,
      policyArn: managedPolicyArn(this.partition, "service-role/AmazonRDSEnhancedMonitoringRole"),
    });

    this.instance = new DbInstance(this, "instance", {
      identifier: props.identifier,
      engine: "postgres",
      engineVersion: props.engineVersion,
      // Do not roll into paid RDS Extended Support when the major version ages out.
      engineLifecycleSupport: "open-source-rds-extended-support-disabled",
      autoMinorVersionUpgrade: true,
      instanceClass: props.instanceClass,
      allocatedStorage: props.allocatedStorageGiB,
      maxAllocatedStorage: autoscalingCeiling(props.allocatedStorageGiB, props.maxAllocatedStorageGiB),
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: this.key.arn,
      username: props.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.key.arn,
      iamDatabaseAuthenticationEnabled: true,
      port: props.port,
      multiAz: props.multiAz,
      publiclyAccessible: false,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: parameters.name,
      caCertIdentifier: RDS_CA_IDENTIFIER,
      backupRetentionPeriod: props.backupRetentionDays,
      backupWindow: "03:00-04:00",
      maintenanceWindow: "sat:00:00-sat:02:00",
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: finalSnapshotIdentifier(props.identifier),
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      // Database Insights (standard mode, free) runs on Performance Insights; 7 days is its free retention.
      databaseInsightsMode: "standard",
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.key.arn,
      performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_RETENTION_DAYS,
      monitoringInterval: MONITORING_INTERVAL_SECONDS,
      monitoringRoleArn: this.monitoringRole.arn,
      // RDS would create the log groups itself, without our key or retention.
      dependsOn: [...dependsOnWithin(this, logGroups), monitoringPolicy],
      // The final snapshot's name is fixed when the instance is created (see finalSnapshotIdentifier): the
      // provider's delete reads it from state, so every instance, and so every destroy, has its own.
      lifecycle: { ignoreChanges: ["final_snapshot_identifier"] },
    });
  }

  /** The instance's private DNS name: what clients connect to (the IAM token is signed for this host). */
  get address(): string {
    return this.instance.address;
  }

  /** The immutable DbiResourceId, the part of `rds-db:connect` ARNs that names this instance. */
  get resourceId(): string {
    return this.instance.resourceId;
  }

  /** The RDS-managed master secret (Secrets Manager) holding the master user's generated password. */
  get masterSecretArn(): string {
    return this.instance.masterUserSecret.get(0).secretArn;
  }

  get securityGroupId(): string {
    return this.securityGroup.id;
  }

  /**
   * Opens the database port to one pod security group, and only that port: an ingress rule on the database's
   * group and the matching egress rule on the pod group (AWS CDK's `connections.allowDefaultPortFrom`). Pod
   * security groups are the only intended callers: the "network lock" of the design.
   */
  allowFrom(podSecurityGroup: PodSecurityGroup): VpcSecurityGroupIngressRule {
    new VpcSecurityGroupEgressRule(podSecurityGroup, `to-${this.node.id}`, {
      securityGroupId: podSecurityGroup.id,
      referencedSecurityGroupId: this.securityGroup.id,
      ipProtocol: "tcp",
      fromPort: this.port,
      toPort: this.port,
      description: "PostgreSQL to the RDS instance",
    });
    return new VpcSecurityGroupIngressRule(this, `allow-${podSecurityGroup.node.id}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: podSecurityGroup.id,
      ipProtocol: "tcp",
      fromPort: this.port,
      toPort: this.port,
      description: `PostgreSQL from pod security group ${podSecurityGroup.name}`,
    });
  }

  /** arn:<partition>:rds-db:<region>:<account>:dbuser:<resource id>/<dbUser> */
  dbUserArn(dbUser: string): string {
    return `arn:${this.partition}:rds-db:${this.region}:${this.accountId}:dbuser:${this.instance.resourceId}/${dbUser}`;
  }

  /**
   * Lets `role` connect as `dbUser` with an IAM authentication token: `rds-db:connect` on exactly that user of
   * exactly this instance (its immutable resource id, not its name). The "identity lock" of the design; the
   * user itself must exist and hold `rds_iam`.
   */
  grantConnect(grantee: IamRole | ServiceAccountRole, dbUser: string): Grant {
    return RoleGrants.of(grantee).add([
      { sid: "RdsIamConnect", effect: "Allow", actions: ["rds-db:connect"], resources: [this.dbUserArn(dbUser)] },
    ]);
  }

  /**
   * Lets `role` read the RDS-managed master secret, decrypting it only through Secrets Manager. For the one-shot
   * job that creates the application's database user; nothing else should hold this.
   */
  grantReadMasterSecret(grantee: IamRole | ServiceAccountRole): Grant {
    return RoleGrants.of(grantee).add([
      {
        sid: "ReadMasterSecret",
        effect: "Allow",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        resources: [this.masterSecretArn],
      },
      {
        sid: "DecryptMasterSecret",
        effect: "Allow",
        actions: ["kms:Decrypt"],
        resources: [this.key.arn],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${this.region}.${this.dnsSuffix}`] }],
      },
    ]);
  }
}

/**
 * "<identifier>-final-<UTC time of the plan that created the instance>". A fixed name fails the destroy of every
 * instance after the first (DBSnapshotAlreadyExists: the earlier final snapshot is kept), and a name taken at
 * each plan would show as a change in every plan; ignore_changes keeps the one taken at creation. Snapshot
 * identifiers: 1-255 letters, digits and hyphens, starting with a letter, no double or trailing hyphen (RDS
 * API reference, CreateDBSnapshot, DBSnapshotIdentifier); the RDS identifier already follows those rules.
 */
function finalSnapshotIdentifier(identifier: string): string {
  return `${identifier}-final-${Fn.formatdate("YYYYMMDD-hhmmss", Fn.plantimestamp())}`;
}

/** Environment-file style props may carry undefined values; those must not hide the defaults. */
function definedProps<T extends object>(props: T): Partial<T> {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as Partial<T>;
}
