import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { Testing, TerraformStack } from "cdktf";
import { OidcProvider } from "../../src/eks/oidc-provider";
import { ServiceAccountRole } from "../../src/iam/service-account-role";
import { environmentWith } from "../helpers/environments";
import { addressAt, referenceTo, resourceAt, synthEnvironment, type SynthesizedEnvironment } from "../helpers/synth";

let dev: SynthesizedEnvironment;
beforeAll(() => {
  dev = synthEnvironment();
});

/** The trust statement exactly: Federated on this cluster's provider, StringEquals on :sub and :aud. */
function expectedTrust(config: any, subject: string) {
  const provider = addressAt(config, "aws_iam_openid_connect_provider", "oidc/provider");
  const issuer = `\${replace(${provider}.url, "https://", "")}`;
  return [
    {
      effect: "Allow",
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: [{ type: "Federated", identifiers: [`\${${provider}.arn}`] }],
      condition: [
        { test: "StringEquals", variable: `${issuer}:sub`, values: [subject] },
        { test: "StringEquals", variable: `${issuer}:aud`, values: ["sts.amazonaws.com"] },
      ],
    },
  ];
}

test("the application role trusts exactly system:serviceaccount:metabase:metabase", () => {
  const trust = resourceAt(dev.platformConfig, "aws_iam_policy_document", "application-role/trust", "data");
  expect(trust.statement).toEqual(expectedTrust(dev.platformConfig, "system:serviceaccount:metabase:metabase"));
  const role = resourceAt(dev.platformConfig, "aws_iam_role", "application-role/role");
  expect(role.assume_role_policy).toBe(
    referenceTo(dev.platformConfig, "aws_iam_policy_document", "application-role/trust", "json", "data"),
  );
  expect(role.name).toBe("eks-cluster-dev-metabase");
});

test("the bootstrap job's role trusts only its own service account and may read only the master secret", () => {
  const trust = resourceAt(dev.platformConfig, "aws_iam_policy_document", "bootstrap-role/trust", "data");
  expect(trust.statement).toEqual(expectedTrust(dev.platformConfig, "system:serviceaccount:metabase:metabase-db-bootstrap"));
  const permissions = resourceAt(dev.platformConfig, "aws_iam_policy_document", "bootstrap-role/role/grants/document", "data");
  // Metabase's key is in the retained stack: its ARN crosses as remote state.
  const secretArn = expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-retained\.outputs\./);
  expect(permissions.statement.map((st: any) => [st.sid, st.actions, st.resources])).toEqual([
    [
      "ReadMasterSecret",
      ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      [referenceTo(dev.platformConfig, "aws_db_instance", "database/instance", "master_user_secret[0].secret_arn")],
    ],
    ["DecryptMasterSecret", ["kms:Decrypt"], [resourceAt(dev.platformConfig, "aws_db_instance", "database/instance").kms_key_id]],
    // Its only other grant: Metabase's encryption key in Secrets Manager. It cannot log in to the database with IAM.
    ["ReadAndInitializeTheSecret", ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"], [secretArn]],
    ["GenerateTheFirstValue", ["secretsmanager:GetRandomPassword"], ["*"]],
    ["UseTheKeyThroughSecretsManager", ["kms:Decrypt", "kms:GenerateDataKey"], [expect.stringContaining("kms_key")]],
  ]);
  expect(permissions.statement[1].condition).toEqual([
    { test: "StringEquals", variable: "kms:ViaService", values: ["secretsmanager.eu-west-1.amazonaws.com"] },
  ]);
  const grants = Object.values(dev.platformConfig.resource.aws_iam_role_policy) as any[];
  const bootstrapRole = referenceTo(dev.platformConfig, "aws_iam_role", "bootstrap-role/role", "name");
  expect(grants.filter((g) => g.role === bootstrapRole).map((g) => g.name)).toEqual(["secure-eks-rds-grants"]);
});

test("the trust follows the namespace and service account of the environment file", () => {
  const renamed = synthEnvironment(environmentWith((e) => Object.assign(e.application, { namespace: "analytics", serviceAccount: "bi" })));
  const trust = resourceAt(renamed.platformConfig, "aws_iam_policy_document", "application-role/trust", "data");
  expect(trust.statement).toEqual(expectedTrust(renamed.platformConfig, "system:serviceaccount:analytics:bi"));
});

describe("ServiceAccountRole", () => {
  function buildStack(namespace: string, serviceAccount: string) {
    const stack = new TerraformStack(Testing.app(), "stack");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const oidcProvider = new OidcProvider(stack, "oidc", {
      issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
      thumbprints: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
    });
    new ServiceAccountRole(stack, "role", { oidcProvider, namespace, serviceAccount, roleName: "r" });
    return stack;
  }
  const build = (namespace: string, serviceAccount: string) => Testing.synth(buildStack(namespace, serviceAccount));

  test("works standalone, with explicit thumbprints", () => {
    expect(build("payments", "api")).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
    });
  });

  test.each([
    ["*", "api"],
    ["payments", "*"],
    ["payments", "api-?"],
    ["Payments", "api"],
  ])("refuses namespace %j / service account %j: a trust policy never holds wildcards", (namespace, serviceAccount) => {
    expect(() => Testing.fullSynth(buildStack(namespace, serviceAccount))).toThrow(
      /is not a DNS-1123 label \(wildcards are never allowed in a trust policy\)/,
    );
  });
});
