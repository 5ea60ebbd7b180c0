import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCloudwatchLogGroups } from "@cdktf/provider-aws/lib/data-aws-cloudwatch-log-groups";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { encryptionKey } from "../kms/encryption-key";
import { keyAccountOf } from "../kms/key-account";
import { usableByCloudWatchLogs, type KeyAccount } from "../kms/key-policy";
import { ImportIfExists } from "../cdktf-workarounds";

export interface LogArchiveProps {
  /** The alias of the archive's key ("alias/<name>"), unique per account and region. */
  readonly keyAlias: string;
  /** Says whose logs these are, in the key's description. */
  readonly description: string;
  /** Days CloudWatch keeps every group of the archive. */
  readonly retentionDays: number;
  /** @default read at plan time (data "aws_partition") */
  readonly partition?: string;
  /** @default read at plan time (data "aws_region") */
  readonly region?: string;
}

/**
 * The log groups of one environment and the key that encrypts them, created before their writers (EKS, VPC flow
 * logs, RDS) so that each group has a retention and is encrypted with the archive's own key. The key's policy
 * lets CloudWatch Logs use it for exactly these groups (the encryption context is the group's ARN), and nothing
 * else.
 *
 * The groups live in the archive, not with their writers: put the archive in a stack that outlives the
 * environment (PlatformStack uses the environment's RetainedStack), and destroying the cluster or the database
 * neither deletes their logs nor lets the service re-create its group without our key and retention.
 */
export class LogArchive extends Construct {
  readonly retentionDays: number;
  readonly key: KmsKey;
  private readonly account: KeyAccount;
  private readonly groupArns: string[] = [];

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    this.retentionDays = props.retentionDays;
    this.account = keyAccountOf(this, props);
    this.key = encryptionKey(this, "key", {
      description: `CloudWatch Logs of ${props.description}`,
      alias: props.keyAlias,
      account: this.account,
      uses: [usableByCloudWatchLogs(this.account, Lazy.listValue({ produce: () => this.groupArns }))],
    }).key;
  }

  /** The key's ARN, for a log group made elsewhere (its ARN must then be added with allowLogGroup). */
  get kmsKeyArn(): string {
    return this.key.arn;
  }

  /** The ARN CloudWatch Logs sends as encryption context for a group of this name. */
  logGroupArn(name: string): string {
    return `arn:${this.account.partition}:logs:${this.account.region}:${this.account.accountId}:log-group:${name}`;
  }

  /** Lets CloudWatch Logs use the key for one more group. */
  allowLogGroup(name: string): void {
    this.groupArns.push(this.logGroupArn(name));
  }

  /**
   * The archive's log group of this name (created on first use), encrypted with the archive's key and kept
   * retentionDays. A writer in another stack orders itself after it with dependsOnWithin().
   *
   * A group that exists already is adopted, not created: EKS and RDS create their group themselves when they
   * write to a name that has none, as EKS does after Terraform deleted it at the end of a destroy
   * (terraform-aws-modules/terraform-aws-eks#2763, #2486), and the provider's create makes one CreateLogGroup
   * call, which then fails (terraform-provider-aws internal/service/logs/group.go). The import takes the group
   * as it is; the next apply gives it our key and retention.
   */
  logGroup(name: string): CloudwatchLogGroup {
    const id = name.replace(/^\/+/, "").replace(/[^A-Za-z0-9-]+/g, "-");
    const existing = this.node.tryFindChild(id) as CloudwatchLogGroup | undefined;
    if (existing) return existing;
    this.allowLogGroup(name);
    const group = new CloudwatchLogGroup(this, id, { name, retentionInDays: this.retentionDays, kmsKeyId: this.key.arn });
    const found = new DataAwsCloudwatchLogGroups(this, `${id}-existing`, { logGroupNamePrefix: name });
    // A prefix lists longer names too: only this very name counts (contains).
    new ImportIfExists(this, `${id}-adopt`, {
      resource: group,
      importId: name,
      listedIn: { dataSource: found, attribute: "log_group_names" },
    });
    return group;
  }
}
