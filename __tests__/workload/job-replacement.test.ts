/**
 * The bootstrap Job is replaced whenever a value it reads from another stack changes (a re-created database: a
 * new address, a new master secret), and deleting it deletes its pods.
 *
 * kubernetes_manifest replaces an object only when apiVersion, kind, name or namespace change
 * (terraform-provider-kubernetes manifest/provider/plan.go), and the Job's name hashes the references, not their
 * values; so the values are kept in a terraform_data that the Job names in replace_triggered_by. The kubernetes
 * provider cannot run offline; what Terraform does with that wiring is proven here with Terraform itself, on a
 * stand-in: the synthesized terraform_data, and a terraform_data carrying the Job's very lifecycle block.
 */
import * as fs from "fs";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { DataResource } from "cdktf";
import { findTerraformOnPath, runTerraformSync, terraformAt } from "../../scripts/terraform/terraform-cli";
import { devEnvironment } from "../helpers/environments";
import { synthEnvironment, tempOutdir } from "../helpers/synth";
import { manifestNamed, stringsIn } from "./helpers/workload-config";

const env = synthEnvironment(devEnvironment());
const jobResource = () => manifestNamed(env.workloadConfig, "Job", "metabase-db-bootstrap");
const inputsOf = () =>
  Object.entries<any>(env.workloadConfig.resource.terraform_data).find(([, block]) =>
    block["//"].metadata.path.endsWith("/bootstrap-job-inputs"),
  )!;

describe("the Job's lifecycle in the synthesized workload", () => {
  test("replace_triggered_by names the terraform_data holding every value the Job reads from another stack", () => {
    const [inputsId, inputs] = inputsOf();
    const job = Object.values<any>(env.workloadConfig.resource.kubernetes_manifest).find((r) => r.manifest.kind === "Job");
    expect(job.lifecycle).toEqual({ replace_triggered_by: [`terraform_data.${inputsId}`] });
    const crossStack = [
      ...new Set(
        stringsIn(jobResource().manifest.spec)
          .map((s) => s.value)
          .filter((v) => v.includes("${data.terraform_remote_state.")),
      ),
    ].sort();
    // The database's address and master secret (platform) and Metabase's key (retained), nothing left out.
    expect(crossStack).toHaveLength(3);
    expect([...inputs.input.values].sort()).toEqual(crossStack);
  });

  test("deleting the Job deletes its pods: the foregroundDeletion finalizer, and a delete timeout that waits for them", () => {
    const job = Object.values<any>(env.workloadConfig.resource.kubernetes_manifest).find((r) => r.manifest.kind === "Job");
    expect(job.manifest.metadata.finalizers).toEqual(["foregroundDeletion"]);
    expect(job.timeouts.delete).toBe("10m");
  });

  test("the waits end a minute after what they wait for: the Job's deadline, the Deployment's progress deadline", () => {
    const manifests = Object.values<any>(env.workloadConfig.resource.kubernetes_manifest);
    const job = manifests.find((r) => r.manifest.kind === "Job");
    const deployment = manifests.find((r) => r.manifest.kind === "Deployment");
    const minutes = (timeout: string) => Number(/^(\d+)m$/.exec(timeout)![1]);
    expect(minutes(job.timeouts.create) * 60).toBe(job.manifest.spec.activeDeadlineSeconds + 60);
    expect(minutes(deployment.timeouts.create) * 60).toBe(deployment.manifest.spec.progressDeadlineSeconds + 60);
    // The progress deadline outlasts the startup probe's allowance (first start: Metabase's migrations).
    const startup = deployment.manifest.spec.template.spec.containers[0].startupProbe;
    expect(deployment.manifest.spec.progressDeadlineSeconds).toBeGreaterThan(startup.periodSeconds * startup.failureThreshold);
  });
});

const terraformBin = findTerraformOnPath();
const required = process.env.REQUIRE_TERRAFORM === "1";
if (!terraformBin && !required)
  console.warn("SKIPPED Terraform's verdict on the Job's lifecycle: terraform is not on PATH (REQUIRE_TERRAFORM=1 makes it a failure).");

(terraformBin || required ? describe : describe.skip)(
  "what Terraform does with that lifecycle (a terraform_data stand-in for the Job)",
  () => {
    const terraform = () => terraformAt(terraformBin!);

    /** The synthesized inputs, their remote-state values as variables, and a stand-in with the Job's lifecycle. */
    function standIn(dir: string, lifecycle: unknown): void {
      const [inputsId, inputs] = inputsOf();
      const values = (inputs.input.values as string[]).map((_, i) => `\${var.value_${i}}`);
      const config = {
        variable: Object.fromEntries(values.map((_, i) => [`value_${i}`, { type: "string" }])),
        resource: {
          terraform_data: {
            [inputsId]: { input: { values } },
            job: { input: "the bootstrap Job", lifecycle },
          },
        },
      };
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
    }
    const vars = (values: string[]) => values.flatMap((value, i) => ["-var", `value_${i}=${value}`]);
    const run = (dir: string, args: string[]) =>
      runTerraformSync(terraform(), [...args, ...(args[0] === "validate" ? [] : ["-input=false"]), "-no-color"], dir);
    const VALUES = [
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:key",
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!db-1",
      "db-1.abc.eu-west-1.rds.amazonaws.com",
    ];

    /** Applies with VALUES, then plans with the database's address changed: what happens to the stand-in Job. */
    function afterTheDatabaseMoves(lifecycle: unknown): { unchanged: number; plan: string } {
      const dir = tempOutdir();
      standIn(dir, lifecycle);
      expect(run(dir, ["init"]).code).toBe(0);
      expect(run(dir, ["apply", "-auto-approve", ...vars(VALUES)]).code).toBe(0);
      const unchanged = run(dir, ["plan", "-detailed-exitcode", ...vars(VALUES)]).code;
      const plan = run(dir, ["plan", ...vars([VALUES[0], VALUES[1], "db-2.abc.eu-west-1.rds.amazonaws.com"])]).stdout;
      return { unchanged, plan };
    }

    test("a re-created database (a new address) replaces the Job; an unchanged one plans nothing", () => {
      const job = Object.values<any>(env.workloadConfig.resource.kubernetes_manifest).find((r) => r.manifest.kind === "Job");
      const { unchanged, plan } = afterTheDatabaseMoves(job.lifecycle);
      expect(unchanged).toBe(0); // -detailed-exitcode: no changes
      expect(plan).toMatch(/terraform_data\.job will be replaced due to changes in replace_triggered_by/);
    });

    test("negative control: without the lifecycle block the same change leaves the Job alone (what kubernetes_manifest would patch)", () => {
      const { plan } = afterTheDatabaseMoves(undefined);
      expect(plan).toMatch(/will be updated in-place/);
      expect(plan).not.toMatch(/terraform_data\.job will be replaced/);
    });

    test("cdktf's own rendering of replace_triggered_by (\"${...}\") is refused by Terraform's JSON syntax: why KubernetesManifest makes it bare", () => {
      const stack = new TerraformStack(Testing.app(), "cdktf-rendering");
      const inputs = new DataResource(stack, "inputs", { input: { values: ["a"] } });
      new DataResource(stack, "job", { input: { name: "job" }, lifecycle: { replaceTriggeredBy: [inputs] } });
      const rendered = JSON.parse(Testing.synth(stack)).resource.terraform_data.job.lifecycle;
      expect(rendered.replace_triggered_by).toEqual(["${terraform_data.inputs}"]);
      const dir = tempOutdir();
      fs.writeFileSync(
        path.join(dir, "main.tf.json"),
        JSON.stringify({
          resource: { terraform_data: { inputs: { input: { values: ["a"] } }, job: { input: { name: "job" }, lifecycle: rendered } } },
        }),
      );
      run(dir, ["init"]);
      const validate = run(dir, ["validate"]);
      expect(validate.code).not.toBe(0);
      expect(validate.stderr).toMatch(/Invalid (character|expression)/);
    });
  },
);
