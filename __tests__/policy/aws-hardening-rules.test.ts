/**
 * AWS hardening rules (AWS-12..24): VPC flow logs and their role, log groups and the keys that encrypt them, key
 * policies, RDS observability. Each on the shipped dev environment (compliant, also in aws-rules.test.ts), then on
 * copies changed the way a user could; the behavioural rules also on changes a structural check would miss.
 */
import { ALL_RULES } from "../../src/policy/rules";
import { addressOf, block, blockIn, findings, remove, where, type StackJson } from "./helpers";

const VPC = "dev-platform/network/vpc";
const FLOW_LOG = "dev-platform/network/flow-log/flow-log";
const FLOW_LOG_ROLE = "dev-platform/network/flow-log/role";
// The log groups and the keys of data that outlives a destroy live in the retained stack.
const FLOW_GROUP = "dev-retained/logs/aws-vpc-eks-cluster-dev-flow-logs";
const EKS_GROUP = "dev-retained/logs/aws-eks-eks-cluster-dev-cluster";
const POSTGRESQL_GROUP = "dev-retained/logs/aws-rds-instance-postgresql-dev-postgresql";
const UPGRADE_GROUP = "dev-retained/logs/aws-rds-instance-postgresql-dev-upgrade";
const ALL_GROUPS = [POSTGRESQL_GROUP, UPGRADE_GROUP, EKS_GROUP, FLOW_GROUP];
const LOGS_KEY = "dev-retained/logs/key";
const DB_KEY = "dev-retained/database-key";
const EKS_KEY = "dev-platform/eks/secrets-key";
const DB = "dev-platform/database/instance";
const PARAMETERS = "dev-platform/database/parameters";
const MONITORING_ROLE = "dev-platform/database/monitoring-role";

const documentAt = (s: StackJson, suffix: string) => blockIn(s, "aws_iam_policy_document", suffix, "data");
const statementOf = (s: StackJson, suffix: string, sid: string) => documentAt(s, suffix).statement.find((st: any) => st.sid === sid);
const logsStatement = (s: StackJson) => statementOf(s, "logs/key-policy", "CloudWatchLogsEncryptsTheseGroups");
const adminStatement = (s: StackJson, document: string) => statementOf(s, document, "AccountAdministersTheKey");
const flowLog = (s: StackJson) => block(s.platform, "aws_flow_log", "flow-log/flow-log");
const flowTrust = (s: StackJson) => documentAt(s, "flow-log/trust").statement[0];
const flowWrite = (s: StackJson) => documentAt(s, "flow-log/write-policy").statement[0];
const group = (s: StackJson, suffix: string) => block(s.retained, "aws_cloudwatch_log_group", suffix);
const key = (s: StackJson, suffix: string) => blockIn(s, "aws_kms_key", suffix);
const db = (s: StackJson) => block(s.platform, "aws_db_instance", "database/instance");
const parameters = (s: StackJson) => block(s.platform, "aws_db_parameter_group", "database/parameters");
const levels = (list: ReturnType<typeof findings>) => list.map((f) => [f.path, f.level]);

/** The account as the dev stacks write it in ARNs. */
const ACCOUNT = "${data.aws_caller_identity.aws-account.account_id}";
const logGroupArn = (name: string, account = ACCOUNT) => `arn:aws:logs:eu-west-1:${account}:log-group:${name}`;

test("AWS-12..24 follow AWS-11 in ALL_RULES, in order, each with Trivy ids only where hardening research found one", () => {
  const ids = ALL_RULES.map((r) => r.id);
  const start = ids.indexOf("AWS-11") + 1;
  expect(ids.slice(start, start + 13)).toEqual(Array.from({ length: 13 }, (_, i) => `AWS-${12 + i}`));
  const trivy = Object.fromEntries(
    ALL_RULES.filter((r) => r.counterparts?.some((c) => c.tool === "Trivy")).map((r) => [
      r.id,
      r.counterparts!.filter((c) => c.tool === "Trivy").map((c) => c.id),
    ]),
  );
  expect(trivy).toMatchObject({
    "AWS-12": ["AVD-AWS-0178"],
    "AWS-14": ["AVD-AWS-0017"],
    "AWS-17": ["AVD-AWS-0065"],
    "AWS-20": ["AVD-AWS-0133", "AVD-AWS-0078"],
  });
});

describe("AWS-12 VPC flow logs", () => {
  test("a VPC without flow log", () => {
    expect(where(findings("AWS-12", (s) => remove(s.platform, "aws_flow_log", "flow-log/flow-log")))).toEqual([
      [VPC, expect.stringContaining("has no aws_flow_log")],
    ]);
  });

  test("a flow log of another VPC does not count", () => {
    expect(where(findings("AWS-12", (s) => (flowLog(s).vpc_id = "vpc-0123456789abcdef0")))).toEqual([
      [VPC, expect.stringContaining("has no aws_flow_log")],
    ]);
  });

  test("REJECT-only is a warning that says what goes unrecorded", () => {
    const result = findings("AWS-12", (s) => (flowLog(s).traffic_type = "REJECT"));
    expect(levels(result)).toEqual([[FLOW_LOG, "warning"]]);
    expect(result[0].message).toContain("every accepted connection");
  });

  test("ACCEPT-only is an error", () => {
    expect(levels(findings("AWS-12", (s) => (flowLog(s).traffic_type = "ACCEPT")))).toEqual([[FLOW_LOG, "error"]]);
  });

  test("a flow log with no destination", () => {
    expect(where(findings("AWS-12", (s) => delete flowLog(s).log_destination))).toEqual([
      [FLOW_LOG, expect.stringContaining("delivers nowhere")],
    ]);
  });
});

describe("AWS-13 flow log role least privilege", () => {
  test("a trust without aws:SourceAccount (confused deputy)", () => {
    const result = findings("AWS-13", (s) => {
      flowTrust(s).condition = flowTrust(s).condition.filter((c: any) => c.variable !== "aws:SourceAccount");
    });
    expect(where(result)).toEqual([[FLOW_LOG_ROLE, expect.stringContaining("no StringEquals aws:SourceAccount condition")]]);
  });

  test("a trust that lets another service assume the role", () => {
    const result = findings("AWS-13", (s) => flowTrust(s).principals[0].identifiers.push("ec2.amazonaws.com"));
    expect(where(result)).toEqual([[FLOW_LOG_ROLE, expect.stringContaining("also lets Service ec2.amazonaws.com assume it")]]);
  });

  test('logs: actions on Resource "*", as in the VPC user guide\'s example', () => {
    const result = findings("AWS-13", (s) => (flowWrite(s).resources = ["*"]));
    expect(where(result)).toEqual([[FLOW_LOG_ROLE, expect.stringContaining('on Resource "*", i.e. on every log group of the account')]]);
  });

  test("a wildcard log-group ARN is as broad as *", () => {
    const result = findings("AWS-13", (s) => flowWrite(s).resources.push(logGroupArn("*")));
    expect(where(result)).toEqual([[FLOW_LOG_ROLE, expect.stringContaining("on every log group of the account")]]);
  });

  test("only logs:DescribeLogGroups widened to every group (names only) is a warning", () => {
    const result = findings("AWS-13", (s) =>
      documentAt(s, "flow-log/write-policy").statement.push({
        sid: "ListGroups",
        effect: "Allow",
        actions: ["logs:DescribeLogGroups"],
        resources: [logGroupArn("*")],
      }),
    );
    expect(levels(result)).toEqual([[FLOW_LOG_ROLE, "warning"]]);
    expect(result[0].message).toContain("statement ListGroups grants logs:DescribeLogGroups");
  });

  test("scoped, but to another log group than the flow log's destination", () => {
    const result = findings("AWS-13", (s) => {
      flowWrite(s).resources = [
        logGroupArn("/aws/eks/eks-cluster-dev/cluster"),
        `${logGroupArn("/aws/eks/eks-cluster-dev/cluster")}:log-stream:*`,
      ];
    });
    expect(where(result)).toEqual([[FLOW_LOG_ROLE, expect.stringContaining("no statement names the flow log's destination log group")]]);
  });

  test("the destination's ARN written out from its name counts", () => {
    const result = findings("AWS-13", (s) => {
      flowWrite(s).resources = [
        logGroupArn("/aws/vpc/eks-cluster-dev/flow-logs"),
        `${logGroupArn("/aws/vpc/eks-cluster-dev/flow-logs")}:log-stream:*`,
      ];
    });
    expect(result).toEqual([]);
  });

  test("scoped to the destination but without logs:PutLogEvents: delivery fails", () => {
    const result = findings("AWS-13", (s) => (flowWrite(s).actions = ["logs:CreateLogStream", "logs:DescribeLogStreams"]));
    expect(where(result)).toEqual([
      [FLOW_LOG_ROLE, expect.stringContaining("no statement grants logs:PutLogEvents on the destination log group")],
    ]);
  });
});

describe("AWS-14 log groups encrypted", () => {
  test("a log group without kms_key_id", () => {
    expect(where(findings("AWS-14", (s) => delete group(s, FLOW_GROUP).kms_key_id))).toEqual([
      [FLOW_GROUP, expect.stringContaining("has no kms_key_id")],
    ]);
  });

  test("a literal key ARN cannot be checked: a warning", () => {
    const result = findings(
      "AWS-14",
      (s) => (group(s, EKS_GROUP).kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    );
    expect(levels(result)).toEqual([[EKS_GROUP, "warning"]]);
  });

  test("the key's id instead of its ARN", () => {
    const result = findings(
      "AWS-14",
      (s) => (group(s, EKS_GROUP).kms_key_id = `\${${addressOf(s.retained, "aws_kms_key", "logs/key")}.key_id}`),
    );
    expect(where(result)).toEqual([[EKS_GROUP, expect.stringContaining("not its arn")]]);
  });
});

describe("AWS-15 log group retention", () => {
  test.each([
    ["unset", undefined],
    ["0", 0],
  ])("retention %s: events never expire", (_, days) => {
    const result = findings("AWS-15", (s) => {
      if (days === undefined) delete group(s, POSTGRESQL_GROUP).retention_in_days;
      else group(s, POSTGRESQL_GROUP).retention_in_days = days;
    });
    expect(where(result)).toEqual([[POSTGRESQL_GROUP, expect.stringContaining("never expire")]]);
  });

  test("a value CloudWatch Logs refuses", () => {
    expect(where(findings("AWS-15", (s) => (group(s, UPGRADE_GROUP).retention_in_days = 100)))).toEqual([
      [UPGRADE_GROUP, expect.stringContaining("not one CloudWatch Logs accepts")],
    ]);
  });

  test("90 days: nothing in dev, a warning per group in production", () => {
    expect(findings("AWS-15")).toEqual([]);
    const result = findings("AWS-15", undefined, { production: true });
    expect(levels(result).sort()).toEqual(ALL_GROUPS.map((path) => [path, "warning"]).sort());
    expect(result[0].message).toContain("CKV_AWS_338");
  });

  test("a year complies in production", () => {
    const result = findings(
      "AWS-15",
      (s) => {
        for (const g of Object.values<any>(s.retained.resource.aws_cloudwatch_log_group)) g.retention_in_days = 365;
      },
      { production: true },
    );
    expect(result).toEqual([]);
  });
});

describe("AWS-16 the log group's key lets CloudWatch Logs use it for that group", () => {
  test("no statement for CloudWatch Logs: every group fails at apply", () => {
    const result = findings("AWS-16", (s) => {
      documentAt(s, "logs/key-policy").statement = documentAt(s, "logs/key-policy").statement.filter(
        (st: any) => st.sid !== "CloudWatchLogsEncryptsTheseGroups",
      );
    });
    expect(where(result).sort()).toEqual(
      ALL_GROUPS.map((path) => [path, expect.stringContaining("no statement allowing Service logs.eu-west-1.amazonaws.com")]).sort(),
    );
    expect(result[0].message).toContain("fails at apply");
  });

  test("the statement is there, but its ArnEquals lists another group's ARN", () => {
    const result = findings("AWS-16", (s) => {
      logsStatement(s).condition[0].values = [logGroupArn("/aws/eks/eks-cluster-dev/cluster")];
    });
    expect(where(result).sort()).toEqual(
      [FLOW_GROUP, POSTGRESQL_GROUP, UPGRADE_GROUP]
        .map((path) => [path, expect.stringContaining("not this group's ARN arn:aws:logs:eu-west-1:<account>:log-group:")])
        .sort(),
    );
  });

  test("the service principal of another region", () => {
    const result = findings("AWS-16", (s) => (logsStatement(s).principals[0].identifiers = ["logs.us-east-1.amazonaws.com"]));
    expect(result.map((f) => f.path).sort()).toEqual([...ALL_GROUPS].sort());
  });

  test("without kms:GenerateDataKey*", () => {
    const result = findings("AWS-16", (s) => (logsStatement(s).actions = ["kms:Encrypt*", "kms:Decrypt*", "kms:Describe*"]));
    expect(where(result)[0]).toEqual([expect.any(String), expect.stringContaining("does not allow kms:GenerateDataKey*")]);
    expect(result).toHaveLength(4);
  });

  test("kms:* covers what CloudWatch Logs needs (AWS-18 reports the kms:*)", () => {
    expect(findings("AWS-16", (s) => (logsStatement(s).actions = ["kms:*"]))).toEqual([]);
  });

  test("ArnLike with a wildcard covers the groups it matches, and only those", () => {
    const result = findings("AWS-16", (s) => {
      logsStatement(s).condition[0] = {
        test: "ArnLike",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: [logGroupArn("/aws/rds/instance/*")],
      };
    });
    expect(result.map((f) => f.path).sort()).toEqual([EKS_GROUP, FLOW_GROUP].sort());
  });

  test("a literal account id compares like the caller identity's", () => {
    const result = findings("AWS-16", (s) => {
      logsStatement(s).condition[0].values = logsStatement(s).condition[0].values.map((v: string) => v.replace(ACCOUNT, "111122223333"));
    });
    expect(result).toEqual([]);
  });

  test("a condition this rule does not evaluate makes it a warning", () => {
    const result = findings("AWS-16", (s) =>
      logsStatement(s).condition.push({ test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] }),
    );
    expect(levels(result).sort()).toEqual(ALL_GROUPS.map((path) => [path, "warning"]).sort());
  });

  test("a key without policy: the default one does not let CloudWatch Logs in", () => {
    const result = findings("AWS-16", (s) => delete key(s, "logs/key").policy);
    expect(where(result)).toHaveLength(4);
    expect(result[0].message).toContain("has no key policy");
  });
});

describe("AWS-17 KMS key rotation", () => {
  test("a symmetric key without rotation", () => {
    expect(where(findings("AWS-17", (s) => (key(s, "database-key").enable_key_rotation = false)))).toEqual([
      [DB_KEY, expect.stringContaining("without automatic rotation")],
    ]);
  });

  test("rotation left to its default", () => {
    expect(where(findings("AWS-17", (s) => delete key(s, "eks/secrets-key").enable_key_rotation))).toEqual([
      [EKS_KEY, expect.stringContaining("false by default")],
    ]);
  });

  test("an asymmetric key cannot rotate and is not reported", () => {
    const result = findings("AWS-17", (s) => {
      key(s, "database-key").customer_master_key_spec = "RSA_2048";
      delete key(s, "database-key").enable_key_rotation;
    });
    expect(result).toEqual([]);
  });
});

describe("AWS-18 explicit key policies", () => {
  test("a key without policy gets KMS's default one", () => {
    expect(where(findings("AWS-18", (s) => delete key(s, "eks/secrets-key").policy))).toEqual([
      [EKS_KEY, expect.stringContaining("KMS applies the default policy")],
    ]);
  });

  test("a usage statement for the account root that lost its kms:ViaService condition", () => {
    const result = findings("AWS-18", (s) => {
      const use = statementOf(s, "database-key-policy", "UseThroughRdsAndSecretsManager");
      use.condition = use.condition.filter((c: any) => c.variable !== "kms:ViaService");
    });
    expect(where(result)).toEqual([[DB_KEY, expect.stringContaining("statement UseThroughRdsAndSecretsManager allows the account root")]]);
    expect(result[0].message).toContain("without a kms:ViaService or kms:EncryptionContext condition");
  });

  test("kms:CreateGrant for the account without a condition hands the key out: refused, except the documented EKS CreateCluster pair", () => {
    const grantStatement = { sid: "AnyoneMayGrant", effect: "Allow", actions: ["kms:CreateGrant"], resources: ["*"] };
    const onDatabaseKey = findings("AWS-18", (s) => {
      const root = adminStatement(s, "database-key-policy").principals;
      documentAt(s, "database-key-policy").statement.push({ ...grantStatement, principals: root });
    });
    expect(where(onDatabaseKey)).toEqual([[DB_KEY, expect.stringContaining("statement AnyoneMayGrant allows the account root")]]);
    // The EKS secrets key's ClusterCreatorGrantsEks is accepted as it is, and only as it is.
    expect(findings("AWS-18")).toEqual([]);
    const widened = findings("AWS-18", (s) =>
      statementOf(s, "eks/secrets-key-policy", "ClusterCreatorGrantsEks").actions.push("kms:Decrypt"),
    );
    expect(where(widened)).toEqual([[EKS_KEY, expect.stringContaining("statement ClusterCreatorGrantsEks allows the account root")]]);
  });

  test("administration widened to kms:*", () => {
    const result = findings("AWS-18", (s) => (adminStatement(s, "logs/key-policy").actions = ["kms:*"]));
    expect(where(result)).toEqual([[LOGS_KEY, expect.stringContaining('statement AccountAdministersTheKey allows "kms:*"')]]);
  });

  test("a wildcard principal without an account condition", () => {
    const result = findings("AWS-18", (s) =>
      documentAt(s, "eks/secrets-key-policy").statement.push({
        sid: "Anyone",
        effect: "Allow",
        principals: [{ type: "AWS", identifiers: ["*"] }],
        actions: ["kms:DescribeKey"],
        resources: ["*"],
      }),
    );
    expect(where(result)).toEqual([
      [EKS_KEY, expect.stringContaining('statement Anyone allows principal AWS "*" without a kms:CallerAccount')],
    ]);
  });

  test("the default policy written out as literal JSON", () => {
    const result = findings("AWS-18", (s) => {
      key(s, "database-key").policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      });
    });
    expect(where(result)).toEqual([
      [DB_KEY, expect.stringMatching(/statement Enable IAM User Permissions allows "kms:\*".*IAM alone decides/)],
    ]);
  });
});

describe("AWS-19 key policies keep the account's administration", () => {
  test("kms:Put* removed from the administration statement: the lockout safety check refuses it", () => {
    const result = findings("AWS-19", (s) => {
      const admin = adminStatement(s, "eks/secrets-key-policy");
      admin.actions = admin.actions.filter((a: string) => a !== "kms:Put*");
    });
    expect(where(result)).toEqual([[EKS_KEY, expect.stringContaining("no action covering kms:PutKeyPolicy")]]);
    expect(result[0].message).toContain("MalformedPolicyDocumentException");
  });

  test("kms:PutKeyPolicy alone is enough", () => {
    const result = findings("AWS-19", (s) => {
      const admin = adminStatement(s, "eks/secrets-key-policy");
      admin.actions = admin.actions.map((a: string) => (a === "kms:Put*" ? "kms:PutKeyPolicy" : a));
    });
    expect(result).toEqual([]);
  });

  test("an explicit Deny of PutKeyPolicy to everybody", () => {
    const result = findings("AWS-19", (s) =>
      documentAt(s, "database-key-policy").statement.push({
        sid: "Freeze",
        effect: "Deny",
        principals: [{ type: "AWS", identifiers: ["*"] }],
        actions: ["kms:PutKeyPolicy"],
        resources: ["*"],
      }),
    );
    expect(where(result)).toEqual([[DB_KEY, expect.stringContaining("denies kms:PutKeyPolicy to the account in statement Freeze")]]);
  });

  test("bypassing the lockout safety check", () => {
    const result = findings("AWS-19", (s) => (key(s, "logs/key").bypass_policy_lockout_safety_check = true));
    expect(where(result)).toEqual([[LOGS_KEY, expect.stringContaining("bypass_policy_lockout_safety_check = true")]]);
  });

  test("the default policy keeps the root's kms:* (AWS-18 reports it, not this rule)", () => {
    expect(findings("AWS-19", (s) => delete key(s, "logs/key").policy)).toEqual([]);
  });
});

describe("AWS-20 Performance Insights encrypted with our key", () => {
  test("Performance Insights off", () => {
    const result = findings("AWS-20", (s) => {
      db(s).performance_insights_enabled = false;
      delete db(s).database_insights_mode;
      delete db(s).performance_insights_kms_key_id;
    });
    expect(where(result)).toEqual([[DB, expect.stringContaining("has Performance Insights off")]]);
  });

  test("on, with the AWS managed key", () => {
    expect(where(findings("AWS-20", (s) => delete db(s).performance_insights_kms_key_id))).toEqual([
      [DB, expect.stringContaining("AWS managed aws/rds key")],
    ]);
  });

  test("a key without performance_insights_enabled, which the provider refuses", () => {
    expect(where(findings("AWS-20", (s) => delete db(s).performance_insights_enabled))).toEqual([
      [DB, expect.stringContaining("without performance_insights_enabled = true")],
    ]);
  });

  test("a literal key ARN cannot be checked: a warning", () => {
    const result = findings(
      "AWS-20",
      (s) => (db(s).performance_insights_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    );
    expect(levels(result)).toEqual([[DB, "warning"]]);
  });

  test("the shipped burstable class is not special-cased", () => {
    expect(where(findings("AWS-20", (s) => expect(db(s).instance_class).toBe("db.t3.micro")))).toEqual([]);
  });
});

describe("AWS-21 Enhanced Monitoring with a role RDS accepts", () => {
  const attachment = (s: StackJson) => block(s.platform, "aws_iam_role_policy_attachment", "database/monitoring-policy");
  const role = (s: StackJson) => block(s.platform, "aws_iam_role", "database/monitoring-role");

  test("Enhanced Monitoring off", () => {
    expect(where(findings("AWS-21", (s) => (db(s).monitoring_interval = 0)))).toEqual([
      [DB, expect.stringContaining("Enhanced Monitoring off")],
    ]);
  });

  test("an interval RDS refuses", () => {
    expect(where(findings("AWS-21", (s) => (db(s).monitoring_interval = 45)))).toEqual([
      [DB, expect.stringContaining("not one RDS accepts")],
    ]);
  });

  test("an interval without a role", () => {
    expect(where(findings("AWS-21", (s) => delete db(s).monitoring_role_arn))).toEqual([
      [DB, expect.stringContaining("without monitoring_role_arn")],
    ]);
  });

  test("the managed policy without its service-role/ path: an apply failure", () => {
    const result = findings("AWS-21", (s) => (attachment(s).policy_arn = "arn:aws:iam::aws:policy/AmazonRDSEnhancedMonitoringRole"));
    expect(where(result)).toEqual([[MONITORING_ROLE, expect.stringContaining("under the service-role/ path")]]);
    expect(result[0].message).toContain("CreateDBInstance fails at apply");
  });

  test("a role trusted by RDS itself instead of its monitoring service", () => {
    const result = findings(
      "AWS-21",
      (s) => (role(s).assume_role_policy = role(s).assume_role_policy.replace("monitoring.rds.amazonaws.com", "rds.amazonaws.com")),
    );
    expect(where(result)).toEqual([
      [MONITORING_ROLE, expect.stringContaining("cannot be assumed by monitoring.rds.amazonaws.com (its trust allows rds.amazonaws.com)")],
    ]);
  });
});

describe("AWS-22 RDS log exports into groups we create", () => {
  test("no postgresql log export", () => {
    expect(where(findings("AWS-22", (s) => (db(s).enabled_cloudwatch_logs_exports = ["upgrade"])))).toEqual([
      [DB, expect.stringContaining('does not export its "postgresql" log')],
    ]);
  });

  test("only the upgrade log missing: a warning", () => {
    const result = findings("AWS-22", (s) => (db(s).enabled_cloudwatch_logs_exports = ["postgresql"]));
    expect(levels(result)).toEqual([[DB, "warning"]]);
    expect(result[0].message).toContain('"upgrade"');
  });

  test("an exported type without its log group: RDS would create it without retention or key", () => {
    const result = findings("AWS-22", (s) => remove(s.retained, "aws_cloudwatch_log_group", POSTGRESQL_GROUP));
    expect(levels(result)).toEqual([[DB, "warning"]]);
    expect(result[0].message).toContain("no aws_cloudwatch_log_group named /aws/rds/instance/postgresql-dev/postgresql exists");
  });

  test("a group in the instance's own stack that the instance does not wait for", () => {
    const result = findings("AWS-22", (s) => {
      // A PostgresDatabase with a LogArchive of its own stack: the group moves next to the instance.
      const [id, upgrade] = Object.entries<any>(s.retained.resource.aws_cloudwatch_log_group).find(([, g]) => g.name.endsWith("/upgrade"))!;
      delete s.retained.resource.aws_cloudwatch_log_group[id];
      s.platform.resource.aws_cloudwatch_log_group = { [id]: upgrade };
    });
    expect(where(result)).toEqual([
      [DB, expect.stringContaining('does not depend on aws_cloudwatch_log_group "/aws/rds/instance/postgresql-dev/upgrade"')],
    ]);
  });

  test("the groups exist in another stack the instance's stack does not wait for", () => {
    const result = findings("AWS-22", (s) => {
      // What cdktf writes when a stack reads another's outputs, and what `cdktf deploy` orders stacks by.
      delete s.platform.data.terraform_remote_state["cross-stack-reference-input-dev-retained"];
    });
    expect(where(result)).toEqual([
      [DB, expect.stringContaining('does not depend on aws_cloudwatch_log_group "/aws/rds/instance/postgresql-dev/postgresql"')],
      [DB, expect.stringContaining('does not depend on aws_cloudwatch_log_group "/aws/rds/instance/postgresql-dev/upgrade"')],
    ]);
  });
});

describe("AWS-23 TLS-only, logged connections and statements", () => {
  const parameter = (s: StackJson, name: string) => parameters(s).parameter.find((p: any) => p.name === name);

  test("rds.force_ssl off", () => {
    expect(where(findings("AWS-23", (s) => (parameter(s, "rds.force_ssl").value = "0")))).toEqual([
      [PARAMETERS, expect.stringContaining('sets rds.force_ssl = "0"')],
    ]);
  });

  test("log_disconnections not set", () => {
    const result = findings(
      "AWS-23",
      (s) => (parameters(s).parameter = parameters(s).parameter.filter((p: any) => p.name !== "log_disconnections")),
    );
    expect(where(result)).toEqual([[PARAMETERS, expect.stringContaining("does not set log_disconnections")]]);
  });

  test("no statement logging: CREATE ROLE and GRANT leave no trace; ddl, mod, all or pgaudit's role and ddl classes do", () => {
    const without = (s: StackJson) => (parameters(s).parameter = parameters(s).parameter.filter((p: any) => p.name !== "log_statement"));
    expect(where(findings("AWS-23", without))).toEqual([
      [PARAMETERS, expect.stringContaining("does not set log_statement, and pgaudit does not log the ROLE and DDL classes")],
    ]);
    expect(where(findings("AWS-23", (s) => (parameter(s, "log_statement").value = "none")))).toEqual([
      [PARAMETERS, expect.stringContaining('sets log_statement = "none"')],
    ]);
    for (const value of ["mod", "ALL"]) expect(findings("AWS-23", (s) => (parameter(s, "log_statement").value = value))).toEqual([]);
    const pgaudit = (classes: string) => (s: StackJson) => {
      without(s);
      parameters(s).parameter.push(
        { name: "shared_preload_libraries", value: "pg_stat_statements,pgaudit", apply_method: "pending-reboot" },
        { name: "pgaudit.log", value: classes },
      );
    };
    expect(findings("AWS-23", pgaudit("ddl, role"))).toEqual([]);
    expect(findings("AWS-23", pgaudit("all,-misc"))).toEqual([]);
    expect(where(findings("AWS-23", pgaudit("ddl")))).toEqual([
      [PARAMETERS, expect.stringContaining("pgaudit does not log the ROLE and DDL classes")],
    ]);
    expect(where(findings("AWS-23", pgaudit("all,-role")))).toHaveLength(1);
  });

  test("the engine's default parameter group", () => {
    expect(where(findings("AWS-23", (s) => (db(s).parameter_group_name = "default.postgres17")))).toEqual([
      [DB, expect.stringContaining('parameter_group_name "default.postgres17"')],
    ]);
  });

  test("no parameter group at all", () => {
    expect(where(findings("AWS-23", (s) => delete db(s).parameter_group_name))).toEqual([
      [DB, expect.stringContaining("default parameter group")],
    ]);
  });
});

describe("AWS-24 RDS maintenance hygiene", () => {
  test("minor upgrades off", () => {
    const result = findings("AWS-24", (s) => (db(s).auto_minor_version_upgrade = false));
    expect(levels(result)).toEqual([[DB, "warning"]]);
    expect(result[0].message).toContain("auto_minor_version_upgrade = false");
  });

  test("tags not copied to snapshots", () => {
    expect(where(findings("AWS-24", (s) => delete db(s).copy_tags_to_snapshot))).toEqual([
      [DB, expect.stringContaining("does not copy its tags to snapshots")],
    ]);
  });
});
