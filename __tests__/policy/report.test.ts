/**
 * The report `cdktf synth` writes next to the stacks: SARIF 2.1.0 (checked against a focused schema of the
 * parts we produce, the official one not being available offline) and the summary line.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { buildApp } from "../../src/app";
import { ALL_RULES } from "../../src/policy/rules";
import { SynthRejected } from "../../src/synth/rejected";
import { PolicySuppressions } from "../../src/policy/suppressions";
import type { PlatformStack } from "../../src/stacks/platform-stack";
import type { WorkloadStack } from "../../src/stacks/workload-stack";
import { environmentWith, pinByDigest, publicDemoEnvironment } from "../helpers/environments";
import { tempOutdir } from "../helpers/synth";

const text = { type: "object", required: ["text"], properties: { text: { type: "string", minLength: 1 } } };

/** The SARIF 2.1.0 requirements on what this report contains (sarif-schema-2.1.0: log, run, rule, result). */
const SARIF_SUBSET = {
  type: "object",
  required: ["$schema", "version", "runs"],
  properties: {
    $schema: { const: "https://json.schemastore.org/sarif-2.1.0.json" },
    version: { const: "2.1.0" },
    runs: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["tool", "results"],
        properties: {
          tool: {
            type: "object",
            required: ["driver"],
            properties: {
              driver: {
                type: "object",
                required: ["name", "rules"],
                properties: {
                  name: { type: "string" },
                  rules: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"],
                      properties: {
                        id: { type: "string", pattern: "^(CHAIN|AWS|K8S|META)-\\d{2}$" },
                        name: { type: "string", pattern: "^[A-Z][A-Za-z0-9]+$" },
                        shortDescription: text,
                        fullDescription: text,
                        help: text,
                        defaultConfiguration: { type: "object", required: ["level"], properties: { level: { enum: ["error", "warning"] } } },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: "array",
            items: {
              type: "object",
              required: ["ruleId", "ruleIndex", "level", "message", "locations"],
              properties: {
                ruleId: { type: "string" },
                ruleIndex: { type: "integer", minimum: 0 },
                level: { enum: ["error", "warning", "note", "none"] },
                message: text,
                locations: {
                  type: "array",
                  minItems: 1,
                  items: {
                    type: "object",
                    required: ["physicalLocation", "logicalLocations"],
                    properties: {
                      physicalLocation: {
                        type: "object",
                        required: ["artifactLocation"],
                        properties: { artifactLocation: { type: "object", required: ["uri"], properties: { uri: { type: "string", pattern: "^stacks/[^/]+/cdk\\.tf(\\.json)?$" } } } },
                      },
                      logicalLocations: { type: "array", minItems: 1, items: { type: "object", required: ["fullyQualifiedName"] } },
                    },
                  },
                },
                suppressions: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["kind", "justification"],
                    properties: { kind: { enum: ["inSource", "external"] }, justification: { type: "string", minLength: 10 } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const validateSarif = new Ajv({ allErrors: true, strict: false }).compile(SARIF_SUBSET);

function synthesize(change: (platform: PlatformStack, workload: WorkloadStack) => void, options: { hclOutput?: boolean } = {}) {
  const outdir = tempOutdir();
  const lines: string[] = [];
  // The public demo: one warning (K8S-07) to report, suppress and locate.
  const app = buildApp({ environments: [publicDemoEnvironment()], outdir, log: (line) => lines.push(line), hclOutput: options.hclOutput });
  const [platform, workload] = app.node.children as [PlatformStack, WorkloadStack];
  change(platform, workload);
  let error: unknown;
  try {
    app.synth();
  } catch (e) {
    error = e;
  }
  const sarif = JSON.parse(fs.readFileSync(path.join(outdir, "security-report.sarif"), "utf8"));
  return { outdir, lines, error, sarif, run: sarif.runs[0] };
}

describe("a synth with a suppressed finding", () => {
  const { outdir, lines, run, sarif } = synthesize((_, workload) =>
    PolicySuppressions.add(workload.workload.service, [{ id: "K8S-07", reason: "Public demo, reachable from anywhere by design" }]),
  );

  test("validates against the SARIF subset", () => {
    expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
  });

  test("lists every rule in the driver, in catalogue order, with its level and counterparts", () => {
    expect(run.tool.driver.rules.map((r: any) => [r.id, r.defaultConfiguration.level])).toEqual(ALL_RULES.map((r) => [r.id, r.level]));
    const rds2 = run.tool.driver.rules.find((r: any) => r.id === "AWS-01");
    expect(rds2.help.text).toMatch(/Fix: .*Counterparts: Checkov CKV_AWS_16 \(same\); cdk-nag AwsSolutions-RDS2 \(same\)/s);
    expect(rds2.properties.counterparts).toEqual([
      expect.objectContaining({ tool: "Checkov", id: "CKV_AWS_16", relation: "same" }),
      expect.objectContaining({ tool: "cdk-nag", id: "AwsSolutions-RDS2", relation: "same" }),
    ]);
  });

  test("reports the suppressed finding with its justification, pointing at the synthesized stack file", () => {
    expect(run.results).toHaveLength(1);
    const [result] = run.results;
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.suppressions).toEqual([expect.objectContaining({ kind: "inSource", justification: "Public demo, reachable from anywhere by design" })]);
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe("dev-workload/metabase/service");
    expect(fs.existsSync(path.join(outdir, result.locations[0].physicalLocation.artifactLocation.uri))).toBe(true);
  });

  test("prints one summary line", () => {
    expect(lines).toEqual([`security checks: ${ALL_RULES.length} rules, 0 errors, 0 warnings, 1 suppressed -> ${path.join(outdir, "security-report.sarif")}`]);
  });
});

test("the report is written even when synth stops on an error; the stacks are not", () => {
  const { error, lines, outdir, run, sarif } = synthesize((platform) => platform.privateNodes.nodeGroup.addOverride("instance_types", ["t3.medium"]));
  expect(error).toBeInstanceOf(SynthRejected);
  expect((error as SynthRejected).lines).toEqual([
    expect.stringMatching(/^environments\/dev\.json: ERROR \[CHAIN-12\] dev-platform\/eks\/private-nodes\/node-group: .*t3\.medium.*\. Fix: /),
    // The cause (no trunk ENI) and its effect (each pod's connection to the database is refused) are both reported.
    expect.stringMatching(/^environments\/dev\.json: ERROR \[CHAIN-16\] dev-platform\/database\/security-group: Job .*SecurityGroupPolicy is ignored because t3\.medium has no trunk ENI/),
    expect.stringMatching(/^environments\/dev\.json: ERROR \[CHAIN-16\] dev-platform\/database\/security-group: Deployment .*SecurityGroupPolicy is ignored because t3\.medium has no trunk ENI/),
    expect.stringMatching(/^environments\/dev\.json: WARNING \[K8S-07\] /),
    expect.stringMatching(/, 3 errors, 1 warning, 0 suppressed -> /),
    "No stack was synthesized: 3 errors in 1 file (environments/dev.json).",
  ]);
  expect(lines).toEqual([]);
  expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
  expect(run.results.filter((r: any) => r.level === "error").map((r: any) => r.ruleId)).toEqual(["CHAIN-12", "CHAIN-16", "CHAIN-16"]);
  expect(fs.existsSync(path.join(outdir, "stacks"))).toBe(false);
});

test("with --hcl, locations point at the HCL files", () => {
  const { outdir, run } = synthesize(() => {}, { hclOutput: true });
  const uris = run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
  expect(uris).toEqual(["stacks/dev-workload/cdk.tf"]);
  expect(fs.existsSync(path.join(outdir, uris[0]))).toBe(true);
});

test("every environment is checked and reported, each with its own chain diagram", () => {
  const staging = environmentWith((input) => {
    pinByDigest(input);
    input.cluster.name = "eks-cluster-staging";
    input.database.identifier = "postgresql-staging";
    input.application.loadBalancerSourceCidrs = ["203.0.113.0/24"];
  }, "staging");
  const outdir = tempOutdir();
  const app = buildApp({ environments: [publicDemoEnvironment(), staging], outdir, log: () => {} });
  app.synth();
  const run = JSON.parse(fs.readFileSync(path.join(outdir, "security-report.sarif"), "utf8")).runs[0];
  // Only dev is the public demo, open to everyone.
  expect(run.results.map((r: any) => [r.ruleId, r.properties.environment])).toEqual([["K8S-07", "dev"]]);
  expect(app.policy.environmentNames).toEqual(["dev", "staging"]);
  expect(fs.readFileSync(path.join(outdir, "security-chain-staging.md"), "utf8")).toContain("postgresql-staging:5432");
});
