/**
 * The import blocks that adopt a log group a service re-created: what is written in JSON and in HCL. That
 * Terraform plans the import exactly when the group exists is proven by `npm run test:terraform`
 * (terraform-tests/retained.tftest.hcl, run "groups_left_behind_are_adopted", and its validate of the HCL).
 */
import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LogArchive } from "../../src/logs/log-archive";

function archiveStack() {
  const stack = new TerraformStack(Testing.app(), "logs");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const archive = new LogArchive(stack, "archive", {
    keyAlias: "alias/demo-logs",
    description: "demo",
    retentionDays: 30,
    partition: "aws",
    region: "eu-west-1",
  });
  archive.logGroup("/aws/eks/demo/cluster");
  return stack;
}

test("JSON: one import per group, for_each on the group's very name in the lookup, to as a bare address", () => {
  const config = JSON.parse(Testing.synth(archiveStack()));
  const [groupId] = Object.keys(config.resource.aws_cloudwatch_log_group);
  const [lookupId] = Object.keys(config.data.aws_cloudwatch_log_groups);
  expect(config.data.aws_cloudwatch_log_groups[lookupId].log_group_name_prefix).toBe("/aws/eks/demo/cluster");
  expect(config.import).toEqual([
    {
      for_each: `\${contains(data.aws_cloudwatch_log_groups.${lookupId}.log_group_names, "/aws/eks/demo/cluster") ? toset(["/aws/eks/demo/cluster"]) : toset([])}`,
      to: `aws_cloudwatch_log_group.${groupId}`,
      id: "${each.value}",
    },
  ]);
});

test("the same group asked for twice is one group, one import", () => {
  const stack = archiveStack();
  const archive = stack.node.findChild("archive") as LogArchive;
  expect(archive.logGroup("/aws/eks/demo/cluster")).toBe(archive.logGroup("/aws/eks/demo/cluster"));
  expect(JSON.parse(Testing.synth(stack)).import).toHaveLength(1);
});

test("HCL: bare expressions, no template (`to` takes none)", () => {
  const { hcl } = archiveStack().toHclTerraform();
  const block = /import \{\n([\s\S]*?)\n\}/.exec(hcl)![1];
  expect(block).toMatch(
    /^ *for_each = contains\(data\.aws_cloudwatch_log_groups\.[\w-]+\.log_group_names, "\/aws\/eks\/demo\/cluster"\) \? toset\(\["\/aws\/eks\/demo\/cluster"\]\) : toset\(\[\]\)$/m,
  );
  expect(block).toMatch(/^ *to = aws_cloudwatch_log_group\.[\w-]+$/m);
  expect(block).toMatch(/^ *id = each\.value$/m);
});
