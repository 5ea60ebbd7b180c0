import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { PodSecurityGroup } from "../../src/pod-security/pod-security-group";
import { PostgresDatabase } from "../../src/rds/database";
import { DATABASE_DEFAULTS } from "../../src/rds/defaults";
import { addressOf, bareStack, blockAt, blocksOf, configOf } from "./helpers";

function database(props: Partial<ConstructorParameters<typeof PostgresDatabase>[2]> = {}) {
  const stack = bareStack();
  const construct = new PostgresDatabase(stack, "database", { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], ...props });
  return { stack, construct };
}

test("defaults: the article's PostgreSQL, private, IAM-authenticated, encrypted, TLS only, protected", () => {
  const config = configOf(database().stack);
  expect(blockAt(config, "aws_db_instance", "database/instance")).toMatchObject({
    identifier: DATABASE_DEFAULTS.identifier,
    engine: "postgres",
    engine_version: DATABASE_DEFAULTS.engineVersion,
    instance_class: DATABASE_DEFAULTS.instanceClass,
    port: 5432,
    username: DATABASE_DEFAULTS.masterUsername,
    iam_database_authentication_enabled: true,
    publicly_accessible: false,
    storage_encrypted: true,
    manage_master_user_password: true,
    multi_az: true,
    deletion_protection: true,
    backup_retention_period: DATABASE_DEFAULTS.backupRetentionDays,
  });
  // TLS for every connection, and each connection, disconnection and DDL statement in the postgresql log.
  expect(blockAt(config, "aws_db_parameter_group", "database/parameters").parameter).toEqual([
    { name: "rds.force_ssl", value: "1" },
    { name: "log_connections", value: "1" },
    { name: "log_disconnections", value: "1" },
    { name: "log_statement", value: "ddl" },
  ]);
});

test("its security group opens nothing until allowFrom(); then exactly the port, both ways", () => {
  const { stack, construct } = database({ port: 6543 });
  expect(blocksOf(configOf(stack), "aws_vpc_security_group_ingress_rule")).toEqual([]);

  const pods = new PodSecurityGroup(stack, "pods", { vpcId: "vpc-1", clusterSecurityGroupId: "sg-cluster" });
  construct.allowFrom(pods);
  const config = configOf(stack);
  const podGroup = `\${${addressOf(config, "aws_security_group", "pods/security-group")}.id}`;
  const databaseGroup = `\${${addressOf(config, "aws_security_group", "database/security-group")}.id}`;
  const ingress = blocksOf(config, "aws_vpc_security_group_ingress_rule");
  expect(ingress).toEqual([
    expect.objectContaining({
      security_group_id: databaseGroup,
      referenced_security_group_id: podGroup,
      ip_protocol: "tcp",
      from_port: 6543,
      to_port: 6543,
    }),
  ]);
  expect(blockAt(config, "aws_vpc_security_group_egress_rule", "pods/to-database")).toMatchObject({
    security_group_id: podGroup,
    referenced_security_group_id: databaseGroup,
    ip_protocol: "tcp",
    from_port: 6543,
    to_port: 6543,
  });
});

test("grantConnect allows rds-db:connect on exactly one user of this instance, by resource id, in the partition it is told", () => {
  const { stack, construct } = database({ region: "us-gov-west-1", partition: "aws-us-gov" });
  const role = new IamRole(stack, "role", { assumeRolePolicy: "{}" });
  construct.grantConnect(role, "reporting");
  const config = configOf(stack);
  const [statement] = blockAt(config, "aws_iam_policy_document", "role/grants/document", "data").statement;
  const account = addressOf(config, "aws_caller_identity", "aws-account", "data");
  const instance = addressOf(config, "aws_db_instance", "database/instance");
  expect(statement).toEqual({
    sid: "RdsIamConnect",
    effect: "Allow",
    actions: ["rds-db:connect"],
    resources: [`arn:aws-us-gov:rds-db:us-gov-west-1:\${${account}.account_id}:dbuser:\${${instance}.resource_id}/reporting`],
  });
});

test("grantReadMasterSecret reads only the master secret, decrypting only through Secrets Manager of the provider's region", () => {
  const { stack, construct } = database();
  const role = new IamRole(stack, "role", { assumeRolePolicy: "{}" });
  construct.grantReadMasterSecret(role);
  const config = configOf(stack);
  const instance = addressOf(config, "aws_db_instance", "database/instance");
  const region = addressOf(config, "aws_region", "aws-region", "data");
  const partition = addressOf(config, "aws_partition", "aws-partition", "data");
  const [read, decrypt] = blockAt(config, "aws_iam_policy_document", "role/grants/document", "data").statement;
  expect(read.resources).toEqual([`\${${instance}.master_user_secret[0].secret_arn}`]);
  expect(decrypt.condition).toEqual([
    // The partition's DNS suffix, read with the region: amazonaws.com.cn in China, where a hand-written one never matches.
    { test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.\${${region}.name}.\${${partition}.dns_suffix}`] },
  ]);
});

describe("grants: one inline policy per role collects them", () => {
  test("two databases granting one role the same user make one policy with unique Sids, not two policies that overwrite each other", () => {
    const { stack, construct } = database({ identifier: "orders" });
    const other = new PostgresDatabase(stack, "billing", { identifier: "billing", vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"] });
    const role = new IamRole(stack, "reader", { assumeRolePolicy: "{}" });
    const first = construct.grantConnect(role, "reporting");
    const second = other.grantConnect(role, "reporting");
    const config = configOf(stack);
    const policies = blocksOf(config, "aws_iam_role_policy");
    expect(policies).toEqual([
      expect.objectContaining({ name: "secure-eks-rds-grants", role: `\${${addressOf(config, "aws_iam_role", "reader")}.name}` }),
    ]);
    const statements = blockAt(config, "aws_iam_policy_document", "reader/grants/document", "data").statement;
    expect(statements.map((st: any) => [st.sid, st.resources[0].replace(/^.*\$\{(aws_db_instance\.[^.]+)\..*$/, "$1")])).toEqual([
      ["RdsIamConnect", addressOf(config, "aws_db_instance", "/database/instance")],
      ["RdsIamConnect2", addressOf(config, "aws_db_instance", "billing/instance")],
    ]);
    expect([first.statementIds, second.statementIds]).toEqual([["RdsIamConnect"], ["RdsIamConnect2"]]);
  });

  test("a grant is something to depend on: the policy that holds it", () => {
    const { stack, construct } = database();
    const role = new IamRole(stack, "role", { assumeRolePolicy: "{}" });
    const grant = construct.grantReadMasterSecret(role);
    const waiter = new IamRole(stack, "waits-for-the-grant", { assumeRolePolicy: "{}", dependsOn: [grant.policy] });
    const config = configOf(stack);
    expect(blockAt(config, "aws_iam_role", "waits-for-the-grant").depends_on).toEqual([
      addressOf(config, "aws_iam_role_policy", "role/grants/policy"),
    ]);
    expect(waiter.dependsOn).toHaveLength(1);
  });
});
