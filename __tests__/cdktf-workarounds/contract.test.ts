/**
 * The contract of every workaround in src/cdktf-workarounds/: each test shows that cdktf (0.21) still does what the
 * workaround works around. A test that fails here means upstream changed: check whether the workaround is still
 * needed (for a move to CDK Terrain, run these first).
 */
import * as fs from "fs";
import * as path from "path";
import { Annotations, App, DataResource, Lazy, Manifest, TerraformStack, Testing, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
// The folder's index is the checklist of workarounds: the contracts are held against what it lists.
import { isErrorAnnotationsFailure, rawHclExpression, TerraformData, withRequiredVersionHcl } from "../../src/cdktf-workarounds";
import { tempOutdir } from "../helpers/synth";

const stackIn = (app = Testing.app()) => {
  const stack = new TerraformStack(app, "contract");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return stack;
};

test("token stack traces: cdktf takes every token's creation stack from tokens/private/stack-trace's export", () => {
  const module = require("cdktf/lib/tokens/private/stack-trace");
  const previous = module.captureStackTrace;
  let calls = 0;
  module.captureStackTrace = () => {
    calls++;
    return [];
  };
  try {
    Token.asString(Lazy.stringValue({ produce: () => "x" }));
  } finally {
    module.captureStackTrace = previous;
  }
  expect(calls).toBeGreaterThan(0);
});

test("annotation errors: cdktf's synthesizer refuses a stack with an error annotation with this message", () => {
  const stack = stackIn();
  Annotations.of(stack).addError("broken on purpose");
  let thrown: unknown;
  try {
    const outdir = tempOutdir();
    stack.synthesizer.synthesize({ outdir, skipValidation: false, manifest: new Manifest("0.21.0", outdir, false) });
  } catch (error) {
    thrown = error;
  }
  expect(isErrorAnnotationsFailure(thrown)).toBe(true);
});

test("HCL output: App's hclOutput option does not make a stack write HCL (SYNTH_HCL_OUTPUT does)", () => {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  delete process.env.SYNTH_HCL_OUTPUT;
  try {
    const stack = new TerraformStack(new App({ outdir: tempOutdir(), hclOutput: true }), "hcl");
    expect((stack.synthesizer as any).hclOutput).toBe(false);
  } finally {
    if (previous !== undefined) process.env.SYNTH_HCL_OUTPUT = previous;
  }
});

test('required_version: an override of the terraform block renders as `0 = "required_version"` in HCL; ours is the block\'s first line', () => {
  const overridden = stackIn();
  overridden.addOverride("terraform.required_version", ">= 1.10");
  expect(overridden.toHclTerraform().hcl).not.toMatch(/^\s*required_version = ">= 1\.10"$/m);
  const ours = withRequiredVersionHcl(stackIn().toHclTerraform(), ">= 1.10", "contract");
  expect(ours.hcl.split("\n").slice(0, 2)).toEqual(["terraform {", '  required_version = ">= 1.10"']);
});

test('replace_triggered_by: cdktf writes a resource there as "${type.name}" in JSON (Terraform\'s JSON syntax wants it bare)', () => {
  const stack = stackIn();
  const inputs = new TerraformData(stack, "inputs", { input: { values: ["a"] } });
  new CloudwatchLogGroup(stack, "group", { name: "g", lifecycle: { replaceTriggeredBy: [inputs] } });
  const lifecycle = JSON.parse(Testing.synth(stack)).resource.aws_cloudwatch_log_group.group.lifecycle;
  expect(lifecycle.replace_triggered_by).toEqual(["${terraform_data.inputs}"]);
});

test('raw HCL: cdktf\'s renderer quotes a plain string value, and writes a `type: "reference"` value as it is', () => {
  class Raw extends CloudwatchLogGroup {
    protected synthesizeHclAttributes(): { [name: string]: any } {
      return { ...super.synthesizeHclAttributes(), name_prefix: rawHclExpression("local.prefix") };
    }
  }
  const stack = stackIn();
  new Raw(stack, "group", { name: "plain.value" });
  const { hcl } = stack.toHclTerraform();
  expect(hcl).toMatch(/^\s*name\s*=\s*"plain\.value"$/m);
  expect(hcl).toMatch(/^\s*name_prefix\s*=\s*local\.prefix$/m);
});

test("import blocks: cdktf writes only a fixed id (no for_each), from a resource's importFrom(id, provider)", () => {
  const stack = stackIn();
  const group = new CloudwatchLogGroup(stack, "group", { name: "g" });
  expect(group.importFrom.length).toBe(2);
  group.importFrom("g");
  expect(JSON.parse(Testing.synth(stack)).import).toEqual([{ id: "g", to: "aws_cloudwatch_log_group.group" }]);
});

test("terraform_data: cdktf's DataResource adds a validation that runs `terraform version` (ours adds none)", () => {
  const stack = stackIn();
  const theirs = new DataResource(stack, "theirs", { input: { a: "b" } });
  const ours = new TerraformData(stack, "ours", { input: { a: "b" } });
  const validations = (construct: any) => construct.node._validations ?? construct.node.validations ?? [];
  expect(validations(theirs).map((v: any) => v.constructor.name)).toContain("ValidateTerraformVersion");
  expect(validations(ours)).toEqual([]);
  // Same JSON otherwise.
  const resources = JSON.parse(Testing.synth(stack)).resource.terraform_data;
  expect(resources.ours.input).toEqual(resources.theirs.input);
});

test("the esbuild launcher is what cdktf.json runs", () => {
  const root = path.resolve(__dirname, "..", "..");
  expect(JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")).app).toBe("node scripts/synth-app.cjs");
});
