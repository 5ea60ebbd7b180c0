/** The constructs alone, in China and GovCloud: they synthesize, and the verifier's chain holds there too. */
import { EnvironmentModel } from "../../src/policy/model/environment-model";
import { chainApp } from "./helpers/chain-app";
import { chainOf } from "../../src/policy/chain";

describe.each(["cn-north-1", "us-gov-west-1", "eu-west-1"])("the chain of the constructs in %s", (region) => {
  test("passes every rule, the chain's included", () => {
    const printed: string[] = [];
    const { app } = chainApp(region, { log: (line) => printed.push(line) });
    expect(() => app.synth()).not.toThrow();
    expect(printed.filter((line) => / ERROR /.test(line))).toEqual([]);
    const { flows, permissions } = chainOf(app.policy.evaluateEnvironment("demo").model).verdicts;
    expect([flows.length > 10, permissions.length]).toEqual([true, 6]); // not vacuous: both pods' chains were followed
    expect([...flows, ...permissions].filter((verdict) => !verdict.holds)).toEqual([]);
  });

  test("the master secret's key is used through Secrets Manager at the partition's DNS suffix: a hand-written amazonaws.com fails in China only", () => {
    const { platform, workload } = chainApp(region);
    // What synth does before writing: cross-stack references become outputs and remote state.
    for (const stack of [platform, workload]) stack.prepareStack();
    const platformJson = platform.toTerraform();
    const grants = Object.entries<any>(platformJson.data.aws_iam_policy_document).find(([id]) =>
      id.includes("db-bootstrap-role_grants"),
    )![1];
    // Both statements that let the Job use the database's key (its master secret, Metabase's key) say so.
    const viaService = grants.statement
      .flatMap((statement: any) => statement.condition ?? [])
      .filter((condition: any) => condition.variable === "kms:ViaService");
    expect(viaService.map((condition: any) => condition.values)).toEqual([
      ["secretsmanager.${data.aws_region.aws-region.name}.${data.aws_partition.aws-partition.dns_suffix}"],
      ["secretsmanager.${data.aws_region.aws-region.name}.${data.aws_partition.aws-partition.dns_suffix}"],
    ]);
    for (const condition of viaService) condition.values = [`secretsmanager.${region}.amazonaws.com`];
    const model = new EnvironmentModel({
      name: "demo",
      production: false,
      stacks: [
        { name: "demo-platform", json: platformJson },
        { name: "demo-workload", json: workload.toTerraform() },
      ],
    });
    const failing = chainOf(model)
      .verdicts.permissions.filter((permission) => !permission.holds)
      .map((permission) => [permission.principal, permission.action]);
    const bootstrap = "system:serviceaccount:metabase:metabase-db-bootstrap";
    expect(failing).toEqual(
      region.startsWith("cn-")
        ? [
            [bootstrap, "secretsmanager:GetSecretValue (and kms:Decrypt through Secrets Manager)"],
            [bootstrap, "secretsmanager:GetSecretValue of a secret its containers are given (and kms:Decrypt through Secrets Manager)"],
          ]
        : [],
    );
  });
});
