/**
 * A stack folder of cdktf.out is Terraform's working directory too. Synth replaces only the files it writes:
 * `.terraform/`, the lock file a team commits and a state file kept at a relative path survive a good synth, an
 * HCL synth and a rejected one.
 */
import * as fs from "fs";
import * as path from "path";
import { buildApp } from "../../src/app";
import { SynthRejected } from "../../src/synth/rejected";
import { dev, writeEntries } from "./harness";
import { tempOutdir } from "../helpers/synth";

const STACK = "dev-platform";

/** What Terraform and a team leave in a stack folder after `terraform init` and a local-state apply. */
const TERRAFORM_FILES: Record<string, string> = {
  ".terraform/providers/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws": "binary",
  ".terraform/terraform.tfstate": '{"backend":{"type":"local"}}',
  ".terraform.lock.hcl": 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.100.0"\n}\n',
  "terraform.tfstate": '{"version":4,"serial":7,"resources":[]}',
  "terraform.tfstate.backup": '{"version":4,"serial":6,"resources":[]}',
};

function synth(root: string, options: { hcl?: boolean; file?: Record<string, any> } = {}): boolean {
  writeEntries(path.join(root, "environments"), { "dev.json": options.file ?? dev() });
  try {
    buildApp({
      environmentsDir: path.join(root, "environments"),
      outdir: path.join(root, "cdktf.out"),
      hclOutput: options.hcl,
      log: () => {},
    }).synth();
    return true;
  } catch (error) {
    if (error instanceof SynthRejected) return false;
    throw error;
  }
}

const stackFolder = (root: string) => path.join(root, "cdktf.out", "stacks", STACK);
const read = (root: string, name: string) => fs.readFileSync(path.join(stackFolder(root), name), "utf8");

function plantTerraformFiles(root: string): void {
  for (const [name, content] of Object.entries(TERRAFORM_FILES)) {
    fs.mkdirSync(path.dirname(path.join(stackFolder(root), name)), { recursive: true });
    fs.writeFileSync(path.join(stackFolder(root), name), content);
  }
}

function expectTerraformFilesKept(root: string): void {
  for (const [name, content] of Object.entries(TERRAFORM_FILES)) expect([name, read(root, name)]).toEqual([name, content]);
}

describe("synth writes only what it produces in a stack folder", () => {
  const root = tempOutdir();
  plantTerraformFiles(root);

  test("a JSON synth keeps .terraform/, the lock file and a relative state file", () => {
    expect(synth(root)).toBe(true);
    expectTerraformFilesKept(root);
    expect(JSON.parse(read(root, "cdk.tf.json")).resource.aws_db_instance).toBeDefined();
  });

  test("an HCL synth keeps them, and removes the JSON an earlier synth wrote (Terraform would read both)", () => {
    expect(synth(root, { hcl: true })).toBe(true);
    expectTerraformFilesKept(root);
    expect(read(root, "cdk.tf")).toMatch(/resource "aws_db_instance"/);
    expect(fs.existsSync(path.join(stackFolder(root), "cdk.tf.json"))).toBe(false);
  });

  test("a JSON synth after it removes the HCL files and keeps Terraform's", () => {
    expect(synth(root)).toBe(true);
    expectTerraformFilesKept(root);
    expect(
      fs
        .readdirSync(stackFolder(root))
        .filter((name) => !name.startsWith(".") && !name.startsWith("terraform.tfstate"))
        .sort(),
    ).toEqual(["cdk.tf.json"]);
  });

  test("a rejected synth changes nothing at all", () => {
    const before = read(root, "cdk.tf.json");
    expect(synth(root, { file: dev((e) => (e.nodeGroups.private.instanceTypes = ["t3.medium"])) })).toBe(false);
    expectTerraformFilesKept(root);
    expect(read(root, "cdk.tf.json")).toBe(before);
  });
});
