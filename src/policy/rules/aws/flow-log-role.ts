import { type Item, itemsOf, literalItems } from "../../graph/values";
import type { EnvironmentModel } from "../../model/environment-model";
import type { PolicyStatement } from "../../model/policy-documents";
import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import {
  arnMatches,
  coversAction,
  logGroupArnIn,
  logGroupArnItems,
  principalText,
  referenceOfType,
  sameKey,
  servicePrincipals,
  statementName,
} from "./shared";
import { checkov } from "../../counterparts";
import { SERVICE_PRINCIPALS } from "../../../aws-facts/service-principals";

const FLOW_LOGS_SERVICE = SERVICE_PRINCIPALS.vpcFlowLogs;
/** What the service does with the role on every delivery (VPC user guide, "Publish flow logs to CloudWatch Logs", IAM role). */
const WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"];

export const flowLogRoleLeastPrivilege: PolicyRule = {
  id: "AWS-13",
  name: "FlowLogRoleLeastPrivilege",
  family: "aws",
  level: "error",
  title:
    "The flow log's role is assumable only by vpc-flow-logs.amazonaws.com for this account (aws:SourceAccount), and writes only to the flow log's own log group",
  why: "Without aws:SourceAccount the flow logs service can be made to assume the role for a flow log of another account (the confused deputy the VPC user guide warns about) and write into, or read the names of, this account's log groups. The guide's example grants its logs: actions on Resource \"*\": every log group of the account, including the EKS audit log an intruder would want to flood or forge.",
  fix: "Use VpcFlowLog (its trust has aws:SourceAccount and aws:SourceArn; its policy names the log group ARN and <arn>:log-stream:*)",
  counterparts: [
    checkov(
      "CKV_AWS_355",
      "different",
      "parses inline policy JSON of aws_iam_*policy; a ${data.aws_iam_policy_document...json} reference (this project's) gives it nothing, so it passes",
    ),
    checkov("CKV_AWS_290", "different", "parses inline policy JSON like CKV_AWS_355, so it passes on a data document reference"),
    checkov(
      "CKV_AWS_356",
      "different",
      'no "*" resource for restrictable actions in any data aws_iam_policy_document; this rule ties one role to the flow log\'s trust and its one log group',
    ),
    checkov(
      "CKV_AWS_111",
      "different",
      "no unconstrained write actions in any data aws_iam_policy_document; this rule ties one role to the flow log's trust and its one log group",
    ),
  ],
  check({ model, report }) {
    for (const flowLog of model.resources("aws_flow_log")) {
      const c = flowLog.config;
      const destinationType = c.log_destination_type ?? "cloud-watch-logs";
      if (destinationType !== "cloud-watch-logs" && c.iam_role_arn === undefined) continue;
      if (c.iam_role_arn === undefined) {
        // EC2 API reference, CreateFlowLogs: DeliverLogsPermissionArn "is required if the destination type is cloud-watch-logs".
        report({
          path: flowLog.path,
          message: `${model.label(flowLog)} delivers to CloudWatch Logs without iam_role_arn: CreateFlowLogs refuses it`,
        });
        continue;
      }
      const role = referenceOfType(model, flowLog, c.iam_role_arn, "aws_iam_role")?.block;
      if (!role) {
        report({
          path: flowLog.path,
          level: "warning",
          message: `${model.label(flowLog)}'s iam_role_arn is not a reference to an aws_iam_role of the environment, so its trust and permissions cannot be checked`,
        });
        continue;
      }
      const problems = [...trustProblems(model, role), ...permissionProblems(model, flowLog, role)];
      if (problems.length === 0) continue;
      report({
        path: role.path,
        level: problems.every((p) => p.warning) ? "warning" : "error",
        message: `${model.label(role)}, the role of ${model.label(flowLog)}: ${problems.map((p) => p.text).join("; ")}`,
      });
    }
  },
};

/** What is wrong; a warning when it cannot be checked or is a documented trade-off. */
interface Problem {
  readonly text: string;
  readonly warning?: boolean;
}

const errors = (texts: string[]): Problem[] => texts.map((text) => ({ text }));

function trustProblems(model: EnvironmentModel, role: TerraformBlock): Problem[] {
  const statements = model.trustStatements(role);
  if (!statements)
    return [
      {
        text: "its assume_role_policy is neither an aws_iam_policy_document reference nor literal JSON, so its trust cannot be checked",
        warning: true,
      },
    ];
  const allows = statements.filter((s) => s.effect === "Allow");
  if (!allows.some((s) => servicePrincipals(model, s).includes(FLOW_LOGS_SERVICE))) {
    return errors([`its trust policy does not allow Service ${FLOW_LOGS_SERVICE}: the flow log cannot deliver`]);
  }
  return allows.flatMap((statement) => {
    const name = statementName(statement, statements);
    const problems: string[] = [];
    if (statement.negated) problems.push(`trust ${name} uses NotPrincipal/NotAction`);
    const others = statement.principals.flatMap((p) =>
      p.identifiers
        .filter((id) => p.type !== "Service" || principalText(model, statement.stack, id) !== FLOW_LOGS_SERVICE)
        .map((id) => `${p.type} ${id}`),
    );
    if (others.length > 0) problems.push(`trust ${name} also lets ${others.join(", ")} assume it`);
    const sourceAccount = statement.conditions.some(
      (condition) =>
        sameKey(condition.variable, "aws:SourceAccount") &&
        /^String(Equals|Like)$/.test(condition.test) &&
        condition.values.length > 0 &&
        !condition.values.some((v) => v.includes("*") || v.includes("?")),
    );
    // VPC user guide, "Publish flow logs to CloudWatch Logs": "We recommend that you use the aws:SourceAccount and
    // aws:SourceArn condition keys to protect yourself against the confused deputy problem".
    if (!sourceAccount)
      problems.push(
        `trust ${name} has no StringEquals aws:SourceAccount condition, so a flow log of any account can make the service assume it (confused deputy)`,
      );
    return errors(problems);
  });
}

function permissionProblems(model: EnvironmentModel, flowLog: TerraformBlock, role: TerraformBlock): Problem[] {
  const statements = model.permissionStatements(role);
  const logs = statements.filter((s) => s.effect === "Allow" && (s.negated || s.actions.some((a) => a === "*" || /^logs:/i.test(a))));
  const problems: Problem[] = [];
  // A group this role has no business writing to: if a resource matches it, the statement reaches other groups.
  const stranger = logGroupArnIn(model, flowLog, [{ symbol: "another log group" }]);
  for (const statement of logs) {
    const name = statementName(statement, statements);
    if (statement.negated) {
      problems.push({ text: `${name} uses NotAction/NotResource for logs: actions` });
      continue;
    }
    const broad = statement.resources.filter(
      (r) => r === "*" || (stranger !== undefined && arnMatches(model, statement.stack, r, stranger)),
    );
    if (broad.length > 0) {
      const what = broad.map((r) => (r === "*" ? 'Resource "*"' : JSON.stringify(r))).join(", ");
      const actions = logActions(statement);
      // Listing groups reads names only; widening just logs:DescribeLogGroups is the known workaround when delivery reports an access error.
      problems.push(
        actions.every((a) => a.toLowerCase() === "logs:describeloggroups")
          ? { text: `${name} grants logs:DescribeLogGroups on ${what}: it lists every log group's name (metadata only)`, warning: true }
          : { text: `${name} grants ${actions.join(", ")} on ${what}, i.e. on every log group of the account, not just the flow log's` },
      );
    }
  }
  const destination = destinationItems(model, flowLog);
  if (!destination) return problems;
  const targets = destination.flatMap((arn) => [arn, [...arn, ...literalItems(":log-stream:stream")]]);
  const reaches = (s: PolicyStatement) => s.resources.some((r) => targets.some((target) => arnMatches(model, s.stack, r, target)));
  const scoped = logs.filter((s) => !s.negated && reaches(s));
  if (scoped.length === 0) {
    problems.push({ text: "no statement names the flow log's destination log group (its ARN, or <arn>:log-stream:*)" });
  } else {
    const missing = WRITE_ACTIONS.filter((action) => !scoped.some((s) => coversAction(s, action)));
    if (missing.length > 0)
      problems.push({
        text: `no statement grants ${missing.join(", ")} on the destination log group, so delivery fails ("access error" in the flow log's status)`,
      });
  }
  return problems;
}

function logActions(statement: PolicyStatement): string[] {
  return statement.actions.filter((a) => a === "*" || /^logs:/i.test(a));
}

/** The flow log's destination, as the items an ARN pattern is matched against: the group's arn attribute, and its ARN from its name. */
function destinationItems(model: EnvironmentModel, flowLog: TerraformBlock): Item[][] | undefined {
  const value = flowLog.config.log_destination;
  if (value === undefined) return undefined;
  const group = referenceOfType(model, flowLog, value, "aws_cloudwatch_log_group");
  if (!group) return [itemsOf(model, flowLog.stack, value)];
  const byName = logGroupArnItems(model, group.block);
  return [itemsOf(model, flowLog.stack, value), ...(byName ? [byName] : [])];
}
