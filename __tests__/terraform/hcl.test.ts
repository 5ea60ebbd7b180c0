/**
 * `cdktf synth --hcl` works for every stack and the HCL is formatted: Terraform parses it and `terraform fmt`
 * would change nothing but the two cdktf habits scripts/terraform/hcl-format.ts explains and tolerates.
 * Synthesis is the CLI's (scripts/terraform/synthesize.ts): SYNTH_HCL_OUTPUT while the stacks are built,
 * then the CLI's own @cdktf/hcl-tools formatting.
 *
 * Needs terraform on PATH; without it the suite is skipped with a message, unless REQUIRE_TERRAFORM=1 (CI),
 * which turns its absence into a failure.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadEnvironments } from "../../src/config/load";
import { stackNames } from "../../src/stacks/names";
import { checkHclFormat, firstLines } from "../../scripts/terraform/hcl-format";
import { ENVIRONMENTS_DIR } from "../../scripts/terraform/paths";
import { synthesize, type SynthesizedStack } from "../../scripts/terraform/synthesize";
import { findTerraformOnPath, terraformAt } from "../../scripts/terraform/terraform-cli";

const terraformBin = findTerraformOnPath();
const required = process.env.REQUIRE_TERRAFORM === "1";
const stackNamesOfApp = loadEnvironments(ENVIRONMENTS_DIR)
  .environments.flatMap((environment) => Object.values(stackNames(environment.name)))
  .sort();

if (!terraformBin && !required) {
  console.warn("SKIPPED __tests__/terraform/hcl.test.ts: terraform is not on PATH (set REQUIRE_TERRAFORM=1 to fail instead).");
}
const describeWithTerraform = terraformBin || required ? describe : describe.skip;

describeWithTerraform("cdktf synth --hcl", () => {
  let outdir: string;
  let stacks: SynthesizedStack[];

  beforeAll(async () => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-hcl-"));
    stacks = await synthesize(outdir, "hcl");
  }, 60_000);

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test("terraform is on PATH", () => {
    expect(terraformBin).toBeDefined();
  });

  test("writes one cdk.tf per stack of the app, and no JSON", () => {
    expect(stacks.map((stack) => stack.name).sort()).toEqual(stackNamesOfApp);
    for (const stack of stacks) {
      expect(path.basename(stack.file)).toBe("cdk.tf");
      expect(fs.readdirSync(stack.workingDirectory).filter((name) => name.endsWith(".tf.json"))).toEqual([]);
    }
  });

  test.each(stackNamesOfApp)("%s: HCL that terraform parses and formats identically", (name) => {
    const stack = stacks.find((candidate) => candidate.name === name)!;
    const verdict = checkHclFormat(terraformAt(terraformBin!), fs.readFileSync(stack.file, "utf8"), stack.workingDirectory);
    if (!verdict.formatted) {
      // Terraform's own words (parse errors, or the first lines terraform fmt would change) are the message.
      throw new Error(`${name}: ${verdict.parses ? "not formatted like terraform fmt" : "not valid HCL"}\n${firstLines(verdict.details)}`);
    }
    expect(verdict).toMatchObject({ parses: true, formatted: true, details: "" });
  });
});
