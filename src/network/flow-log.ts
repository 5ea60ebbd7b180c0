import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { keyAccountOf } from "../kms/key-account";
import type { LogArchive } from "../logs/log-archive";
import { SERVICE_PRINCIPALS } from "../aws-facts/service-principals";

export interface VpcFlowLogProps {
  readonly vpcId: string;
  /** Name of the log group the flow log writes to. */
  readonly logGroupName: string;
  /** Name of the role the flow log service assumes to write (unique per account). */
  readonly roleName: string;
  /** Creates the log group, with its retention and key. */
  readonly logArchive: LogArchive;
  /** @default read at plan time (data "aws_partition") */
  readonly partition?: string;
  /** @default read at plan time (data "aws_region") */
  readonly region?: string;
}

/** Records every flow (the default format's fields) each minute, accepted and rejected. */
const AGGREGATION_SECONDS = 60;

/**
 * The VPC's network audit trail: every accepted and rejected flow to a CloudWatch log group (VPC user guide,
 * "Publish flow logs to CloudWatch Logs"). The role it writes with can be assumed only by the flow logs
 * service for flow logs of this account and region (aws:SourceAccount, aws:SourceArn: the guide's
 * confused-deputy protection), and may write only to that one group.
 */
export class VpcFlowLog extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const account = keyAccountOf(this, props);
    this.logGroup = props.logArchive.logGroup(props.logGroupName);

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [SERVICE_PRINCIPALS.vpcFlowLogs] }],
          actions: ["sts:AssumeRole"],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] },
            // The flow log's id is known only after it exists, and it needs the role first: any flow log here.
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [`arn:${account.partition}:ec2:${account.region}:${account.accountId}:vpc-flow-log/*`],
            },
          ],
        },
      ],
    });
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: `Writes the flow logs of the VPC to ${props.logGroupName}`,
      assumeRolePolicy: trust.json,
    });
    // The guide's example uses "*"; the group and its streams are all the service writes to (as the
    // terraform-aws-modules/vpc module scopes it), and the group exists already, so no logs:CreateLogGroup.
    const write = new DataAwsIamPolicyDocument(this, "write-policy", {
      statement: [
        {
          sid: "WriteFlowLogsToTheirGroup",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:log-stream:*`],
        },
      ],
    });
    new IamRolePolicy(this, "write", { name: "write-flow-logs", role: this.role.name, policy: write.json });

    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: AGGREGATION_SECONDS,
      tags: { Name: props.logGroupName },
    });
  }
}
