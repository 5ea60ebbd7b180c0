import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";

export interface PostgresDatabaseProps {
  readonly identifier: string;
  /** PostgreSQL major version, e.g. "17"; RDS applies minor versions automatically. */
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly port: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly masterUsername: string;
  readonly vpcId: string;
  /** The isolated database subnets, one per AZ. */
  readonly subnetIds: string[];
  /** Region and partition of the `rds-db` ARNs, known at synth. */
  readonly region: string;
  readonly partition: string;
}

/**
 * RDS for PostgreSQL as the series built it (private, Multi-AZ, IAM database authentication), with what a
 * production database also needs: encryption under its own rotating key, TLS required, a master password
 * generated and kept by RDS in Secrets Manager (never in Terraform config or state), backups, a final
 * snapshot, and logs exported to CloudWatch.
 *
 * Its security group starts with no rules at all: access is granted explicitly with allowFrom().
 */
export class PostgresDatabase extends Construct {
  readonly instance: DbInstance;
  readonly securityGroup: SecurityGroup;
  readonly key: KmsKey;
  readonly port: number;
  private readonly accountId: string;
  private readonly props: PostgresDatabaseProps;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    this.props = props;
    this.port = props.port;
    this.accountId = new DataAwsCallerIdentity(this, "account").accountId;

    this.key = new KmsKey(this, "key", {
      description: `Storage, snapshots and master secret of RDS instance ${props.identifier}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    new KmsAlias(this, "key-alias", { name: `alias/${props.identifier}-rds`, targetKeyId: this.key.keyId });

    const subnetGroup = new DbSubnetGroup(this, "subnet-group", {
      name: props.identifier,
      description: `Isolated database subnets of ${props.identifier}`,
      subnetIds: props.subnetIds,
    });

    // Terraform removes the default allow-all egress rule; RDS needs none (responses are stateful).
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: props.identifier,
      description: `RDS ${props.identifier}: the database port, from pod security groups only`,
      vpcId: props.vpcId,
      tags: { Name: props.identifier },
    });

    const parameters = new DbParameterGroup(this, "parameters", {
      name: `${props.identifier}-postgres${props.engineVersion}`,
      family: `postgres${props.engineVersion}`,
      description: `TLS-only connections for ${props.identifier}`,
      // IAM authentication only works over TLS; refuse plaintext for every user, not just IAM ones.
      parameter: [{ name: "rds.force_ssl", value: "1" }],
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
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
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
      caCertIdentifier: "rds-ca-rsa2048-g1",
      backupRetentionPeriod: props.backupRetentionDays,
      backupWindow: "03:00-04:00",
      maintenanceWindow: "sat:00:00-sat:02:00",
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.identifier}-final`,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    });
  }

  /** The RDS-managed master secret (Secrets Manager) holding the master user's generated password. */
  get masterUserSecretArn(): string {
    return this.instance.masterUserSecret.get(0).secretArn;
  }

  /**
   * Opens the database port to one security group, and only that port. The pod security groups are the only
   * intended callers: the "network lock" of the design.
   */
  allowFrom(id: string, sourceSecurityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    return new VpcSecurityGroupIngressRule(this, `allow-${id}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: sourceSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: this.port,
      toPort: this.port,
      description,
    });
  }

  /** arn:<partition>:rds-db:<region>:<account>:dbuser:<resource id>/<dbUser> */
  dbUserArn(dbUser: string): string {
    const { partition, region } = this.props;
    return `arn:${partition}:rds-db:${region}:${this.accountId}:dbuser:${this.instance.resourceId}/${dbUser}`;
  }

  /**
   * Lets `role` connect as `dbUser` with an IAM authentication token: `rds-db:connect` on exactly that user of
   * exactly this instance (its immutable resource id, not its name). The "identity lock" of the design; the
   * user itself must exist and hold `rds_iam`.
   */
  grantConnect(role: IamRole, dbUser: string): IamRolePolicy {
    const id = `connect-${dbUser}-${ownerId(role)}`;
    const document = new DataAwsIamPolicyDocument(this, `${id}-policy`, {
      statement: [{ sid: "RdsIamConnect", effect: "Allow", actions: ["rds-db:connect"], resources: [this.dbUserArn(dbUser)] }],
    });
    return new IamRolePolicy(this, id, {
      name: `rds-connect-${dbUser}`,
      role: role.name,
      policy: document.json,
    });
  }

  /**
   * Lets `role` read the RDS-managed master secret, decrypting it only through Secrets Manager. For the one-shot
   * job that creates the application's database user; nothing else should hold this.
   */
  grantReadMasterSecret(role: IamRole): IamRolePolicy {
    const id = `read-master-secret-${ownerId(role)}`;
    const document = new DataAwsIamPolicyDocument(this, `${id}-policy`, {
      statement: [
        {
          sid: "ReadMasterSecret",
          effect: "Allow",
          actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          resources: [this.masterUserSecretArn],
        },
        {
          sid: "DecryptMasterSecret",
          effect: "Allow",
          actions: ["kms:Decrypt"],
          resources: [this.key.arn],
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${this.props.region}.amazonaws.com`] },
          ],
        },
      ],
    });
    return new IamRolePolicy(this, id, { name: "read-rds-master-secret", role: role.name, policy: document.json });
  }
}

/** A readable, unique-per-owner id part: the id of the construct that owns the role (e.g. "metabase-role"). */
function ownerId(role: IamRole): string {
  return (role.node.scope ?? role).node.id;
}
