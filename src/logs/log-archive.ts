import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { encryptionKey } from "../kms/encryption-key";
import { keyAccountOf } from "../kms/key-account";
import { usableByCloudWatchLogs, type KeyAccount } from "../kms/key-policy";

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
 * The log groups of one environment, created before their writers (EKS, VPC flow logs, RDS) so that each has a
 * retention and is encrypted with the archive's own key. The key's policy lets CloudWatch Logs use it for
 * exactly these groups (the encryption context is the group's ARN), and nothing else.
 */
export class LogArchive extends Construct {
  readonly retentionDays: number;
  private readonly account: KeyAccount;
  private readonly groupArns: string[] = [];
  private readonly keyArn: string;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    this.retentionDays = props.retentionDays;
    this.account = keyAccountOf(this, props);
    const { key } = encryptionKey(this, "key", {
      description: `CloudWatch Logs of ${props.description}`,
      alias: props.keyAlias,
      account: this.account,
      uses: [usableByCloudWatchLogs(this.account, Lazy.listValue({ produce: () => this.groupArns }))],
    });
    this.keyArn = key.arn;
  }

  /** The key's ARN, for a log group made elsewhere (its ARN must then be added with allowLogGroup). */
  get kmsKeyArn(): string {
    return this.keyArn;
  }

  /** The ARN CloudWatch Logs sends as encryption context for a group of this name. */
  logGroupArn(name: string): string {
    return `arn:${this.account.partition}:logs:${this.account.region}:${this.account.accountId}:log-group:${name}`;
  }

  /** Lets CloudWatch Logs use the key for one more group. */
  allowLogGroup(name: string): void {
    this.groupArns.push(this.logGroupArn(name));
  }

  /** A log group in `scope`, encrypted with the archive's key and kept retentionDays. */
  logGroup(scope: Construct, id: string, name: string): CloudwatchLogGroup {
    this.allowLogGroup(name);
    return new CloudwatchLogGroup(scope, id, { name, retentionInDays: this.retentionDays, kmsKeyId: this.keyArn });
  }
}
