/**
 * The report `cdktf synth` writes next to the stacks: SARIF 2.1.0, validated against the official 2.1.0 JSON
 * schema (as @microsoft/jest-sarif ships it, offline), anchored where GitHub code scanning can show it: the
 * environment file and the line of the field that decides a finding; and the summary line.
 */
import * as fs from "fs";
import * as path from "path";
import "@microsoft/jest-sarif";
import { buildApp } from "../../src/app";
import { ALL_RULES } from "../../src/policy/rules";
import { SynthRejected } from "../../src/synth/rejected";
import { PolicySuppressions } from "../../src/policy/suppressions";
import type { PlatformStack } from "../../src/stacks/platform-stack";
import type { RetainedStack } from "../../src/stacks/retained-stack";
import type { WorkloadStack } from "../../src/stacks/workload-stack";
import { devEnvironment, environmentWith, pinByDigest, publicDemoEnvironment } from "../helpers/environments";
import { tempOutdir } from "../helpers/synth";
import { environmentFileLocator } from "../../src/policy/report/write";
import { sarifLog } from "../../src/policy/report/sarif";

/** The public demo's file: publicDemoEnvironment() is dev.json changed in memory, and keeps its file name. */
const DEMO_FILE = path.join(__dirname, "..", "..", "environments", "dev.json");

/** Where a key starts in a JSON file: 1-based line and column, as editors and SARIF count them. */
function positionOfKey(file: string, key: string): { startLine: number; startColumn: number } {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(`"${key}"`));
  // The value's position: after the key, the colon and one space.
  return { startLine: line + 1, startColumn: lines[line].indexOf(`"${key}"`) + key.length + 5 };
}

function synthesize(change: (platform: PlatformStack, workload: WorkloadStack) => void, options: { hclOutput?: boolean } = {}) {
  const outdir = tempOutdir();
  const lines: string[] = [];
  // The public demo: one warning (K8S-07) to report, suppress and locate.
  const app = buildApp({ environments: [publicDemoEnvironment()], outdir, log: (line) => lines.push(line), hclOutput: options.hclOutput });
  const [, platform, workload] = app.node.children as [RetainedStack, PlatformStack, WorkloadStack];
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

  test("validates against the SARIF 2.1.0 schema", () => {
    expect(sarif).toBeValidSarifLog();
    // Not vacuous: the schema refuses a region that starts at line 0, and a result without a message.
    const broken = JSON.parse(JSON.stringify(sarif));
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(broken).not.toBeValidSarifLog();
    delete broken.runs[0].results[0].message;
    expect(broken).not.toBeValidSarifLog();
  });

  test("the driver says which version wrote it and where to read about it; each rule has a one-line title and its full text", () => {
    const { driver } = run.tool;
    expect(driver.version).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version);
    expect(new URL(driver.informationUri).protocol).toMatch(/^(https?|file):$/);
    for (const rule of driver.rules) {
      expect([rule.id, rule.shortDescription.text]).toEqual([rule.id, expect.stringMatching(/^[A-Z][^\n]{4,59}$/)]);
      const source = ALL_RULES.find((r) => r.id === rule.id)!;
      expect(rule.fullDescription.text).toBe(`${source.title}. ${source.why}`);
    }
    expect(driver.rules.find((r: any) => r.id === "AWS-03").shortDescription.text).toBe("RDS backups retained");
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

  test("reports the suppressed finding with its justification, at the environment file's line of the field that decides it", () => {
    expect(run.results).toHaveLength(1);
    const [result] = run.results;
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.suppressions).toEqual([
      expect.objectContaining({ kind: "inSource", justification: "Public demo, reachable from anywhere by design" }),
    ]);
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe("dev-workload/metabase/service");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "environments/dev.json", uriBaseId: "%SRCROOT%" },
      region: positionOfKey(DEMO_FILE, "loadBalancerSourceCidrs"),
    });
    expect(result.properties.field).toBe("application.loadBalancerSourceCidrs");
  });

  test("prints one summary line", () => {
    expect(lines).toEqual([
      `security checks: ${ALL_RULES.length} rules on 3 stacks of 1 environment, 0 errors, 0 warnings, 1 suppressed -> ${path.join(outdir, "security-report.sarif")}`,
    ]);
  });
});

test("the report is written even when synth stops on an error; the stacks are not", () => {
  const { error, lines, outdir, run, sarif } = synthesize((platform) =>
    platform.privateNodes.nodeGroup.addOverride("instance_types", ["t3.medium"]),
  );
  expect(error).toBeInstanceOf(SynthRejected);
  expect((error as SynthRejected).lines).toEqual([
    expect.stringMatching(
      /^environments\/dev\.json: ERROR \[CHAIN-12\] dev-platform\/eks\/private-nodes\/node-group: .*t3\.medium.*\. Fix: /,
    ),
    // The cause (no trunk ENI) and its effect (each pod's connection to the database is refused) are both reported.
    expect.stringMatching(
      /^environments\/dev\.json: ERROR \[CHAIN-16\[[^\]]+\]\] dev-platform\/database\/security-group: Job .*SecurityGroupPolicy is ignored because t3\.medium has no trunk ENI/,
    ),
    expect.stringMatching(
      /^environments\/dev\.json: ERROR \[CHAIN-16\[[^\]]+\]\] dev-platform\/database\/security-group: Deployment .*SecurityGroupPolicy is ignored because t3\.medium has no trunk ENI/,
    ),
    expect.stringMatching(/^environments\/dev\.json: WARNING \[K8S-07\] /),
    expect.stringMatching(/, 3 errors, 1 warning, 0 suppressed -> /),
    "No stack was synthesized: 3 errors in 1 file (environments/dev.json).",
  ]);
  expect(lines).toEqual([]);
  expect(sarif).toBeValidSarifLog();
  // The instance types that have no trunk ENI: the line to fix, in a file that exists although synth wrote no stack.
  const trunk = run.results.find((r: any) => r.ruleId === "CHAIN-12");
  expect(trunk.locations[0].physicalLocation.region).toEqual(positionOfKey(DEMO_FILE, "instanceTypes"));
  expect(run.results.filter((r: any) => r.level === "error").map((r: any) => r.ruleId)).toEqual(["CHAIN-12", "CHAIN-16", "CHAIN-16"]);
  expect(fs.existsSync(path.join(outdir, "stacks"))).toBe(false);
});

test("with --hcl too, locations are the environment file, never a generated one", () => {
  const { run } = synthesize(() => {}, { hclOutput: true });
  expect(run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(["environments/dev.json"]);
});

test("a finding no field decides is anchored at its environment file; an environment without a file gets its construct path only", () => {
  const withFile = environmentFileLocator([{ name: "dev", file: "environments/dev.json", findings: [], model: undefined as never }]);
  const finding = {
    ruleId: "AWS-23",
    level: "error",
    environment: "dev",
    stack: "dev-platform",
    path: "dev-platform/database/parameters",
    message: "m",
    fix: "f",
  } as const;
  expect(withFile(finding)).toEqual({ uri: "environments/dev.json", relative: true, line: 1, column: 1 });
  // A field the file leaves to its default: the nearest enclosing field it writes.
  expect(withFile({ ...finding, field: "application.helperImages" })).toEqual(
    expect.objectContaining({ line: positionOfKey(DEMO_FILE, "application").startLine }),
  );
  const noFile = environmentFileLocator([{ name: "demo", file: "demo", findings: [], model: undefined as never }]);
  expect(noFile({ ...finding, environment: "demo" })).toBeUndefined();
  expect(sarifLog(ALL_RULES, [{ ...finding, environment: "demo" }], { locate: noFile }).runs[0].results![0].locations).toEqual([
    { logicalLocations: [{ fullyQualifiedName: "dev-platform/database/parameters", name: "parameters", kind: "resource" }] },
  ]);
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

test("dev's own findings point at the fields that decide them: Metabase's image, the helper images' section", () => {
  const outdir = tempOutdir();
  buildApp({ environments: [devEnvironment()], outdir, log: () => {} }).synth();
  const results = JSON.parse(fs.readFileSync(path.join(outdir, "security-report.sarif"), "utf8")).runs[0].results;
  const where = results.map((r: any) => [
    r.ruleId,
    r.locations[0].logicalLocations[0].fullyQualifiedName,
    r.properties.field,
    r.locations[0].physicalLocation.region.startLine,
  ]);
  expect(where).toEqual([
    ["K8S-01", "dev-workload/metabase/bootstrap-job", "application.helperImages", positionOfKey(DEMO_FILE, "application").startLine],
    ["K8S-01", "dev-workload/metabase/deployment", "application.image", positionOfKey(DEMO_FILE, "image").startLine],
  ]);
});
