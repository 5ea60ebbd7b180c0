/**
 * Suppressions (cdk-nag's NagSuppressions model) and META-01: per construct, per rule id, with a reason;
 * suppressed findings stay in the report; a suppression that suppresses nothing is reported.
 */
import { PolicySuppressions } from "../../src/policy/suppressions";
import { publicDemoEnvironment } from "../helpers/environments";
import { synthStacks } from "../helpers/synth";
import { buildPrepared as buildDev } from "./helpers";

/** The public demo: its one finding, K8S-07, is what these tests suppress. */
const buildPrepared = () => buildDev(publicDemoEnvironment());

const REASON = "Public demo: Metabase is meant to be reachable from anywhere";

/** Like a project's own test: Testing.synth of both stacks (synthStacks) runs the policy aspect, which annotates. */
function evaluated(configure: (app: ReturnType<typeof buildPrepared>) => void) {
  const built = buildPrepared();
  configure(built);
  synthStacks([built.platform, built.workload]);
  const result = built.app.policy.evaluateEnvironment("dev");
  return { ...built, result };
}

describe("PolicySuppressions.add refuses", () => {
  const { workload } = buildPrepared();
  const service = workload.workload.service;

  test.each(["", "   ", "ok", "dev only"])("the reason %p", (reason) => {
    expect(() => PolicySuppressions.add(service, [{ id: "K8S-07", reason }])).toThrow(
      /PolicySuppressions.add\(dev-workload\/metabase\/service\): the suppression of K8S-07 has reason .* shorter than 10 characters\. Fix: say why/,
    );
  });

  test("what is not a rule id (a finding id belongs in appliesTo), and an empty appliesTo", () => {
    expect(() => PolicySuppressions.add(service, [{ id: "K8S-01[container:metabase]", reason: REASON }])).toThrow(
      /"K8S-01\[container:metabase\]" is not a rule id\. Fix: .*list those in appliesTo/,
    );
    expect(() => PolicySuppressions.add(service, [{ id: "K8S-01", reason: REASON, appliesTo: [] }])).toThrow(
      /empty appliesTo, which would suppress nothing/,
    );
  });
});

test("a suppressed finding is not enforced, but is reported with its reason and annotated as info", () => {
  const { workload, result } = evaluated(({ workload }) =>
    PolicySuppressions.add(workload.workload.service, [{ id: "K8S-07", reason: REASON }]),
  );
  expect(result.findings.map((f) => [f.ruleId, f.level, f.suppression])).toEqual([
    ["K8S-07", "warning", { reason: REASON, suppressedAt: "dev-workload/metabase/service" }],
  ]);
  const annotations = workload.workload.service.node.metadata.filter((m) => m.type.startsWith("@cdktf/"));
  expect(annotations.map((m) => [m.type, String(m.data)])).toEqual([
    ["@cdktf/info", expect.stringMatching(/^\[K8S-07\] .*\(suppressed: Public demo/)],
  ]);
});

test("applyToChildren covers the findings of constructs below", () => {
  const { result } = evaluated(({ workload }) =>
    PolicySuppressions.add(workload.workload, [{ id: "K8S-07", reason: REASON }], { applyToChildren: true }),
  );
  expect(result.findings.map((f) => [f.ruleId, f.suppression?.suppressedAt])).toEqual([["K8S-07", "dev-workload/metabase"]]);
});

test("without applyToChildren a parent's suppression covers nothing, and META-01 says so", () => {
  const { workload, result } = evaluated(({ workload }) => PolicySuppressions.add(workload.workload, [{ id: "K8S-07", reason: REASON }]));
  expect(result.findings.map((f) => [f.ruleId, f.level, f.path, Boolean(f.suppression)])).toEqual([
    ["K8S-07", "warning", "dev-workload/metabase/service", false],
    ["META-01", "warning", "dev-workload/metabase", false],
  ]);
  expect(result.findings[1].message).toContain(`the suppression of K8S-07 on dev-workload/metabase ("${REASON}") matches no finding`);
  expect(workload.workload.node.metadata.filter((m) => m.type.startsWith("@cdktf/")).map((m) => m.type)).toEqual(["@cdktf/warn"]);
});

test("an error suppressed with a reason no longer fails synth", () => {
  const { app, platform, workload } = buildPrepared();
  platform.privateNodes.nodeGroup.addOverride("instance_types", ["t3.medium"]);
  const reason = "Load test of the scheduler only, no database traffic";
  PolicySuppressions.add(platform.privateNodes.nodeGroup, [{ id: "CHAIN-12", reason }]);
  // Without branch ENIs the pods cannot reach the database either: the flows that break are findings of their own.
  PolicySuppressions.add(platform.database.securityGroup, [{ id: "CHAIN-16", reason }]);
  synthStacks([platform, workload]);
  const result = app.policy.evaluateEnvironment("dev");
  expect(result.findings.filter((f) => f.level === "error").map((f) => [f.ruleId, Boolean(f.suppression)])).toEqual([
    ["CHAIN-12", true],
    ["CHAIN-16", true],
    ["CHAIN-16", true],
  ]);
  const errors = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error"));
  expect(errors).toEqual([]);
});

describe("one finding at a time (appliesTo, cdk-nag's granular suppressions)", () => {
  /** Two flows break at the database's security group: a suppression can name one of them. */
  function twoBrokenFlows(appliesTo: string[]) {
    const { app, platform, workload } = buildPrepared();
    platform.privateNodes.nodeGroup.addOverride("instance_types", ["t3.medium"]);
    PolicySuppressions.add(platform.privateNodes.nodeGroup, [{ id: "CHAIN-12", reason: REASON }]);
    PolicySuppressions.add(platform.database.securityGroup, [{ id: "CHAIN-16", reason: REASON, appliesTo }]);
    synthStacks([platform, workload]);
    return app.policy.evaluateEnvironment("dev").findings;
  }

  test("each finding of a rule on one construct has its own id, and a suppression can cover exactly one", () => {
    const all = twoBrokenFlows(["no such finding"]).filter((f) => f.ruleId === "CHAIN-16");
    expect(all.map((f) => f.findingId)).toEqual([
      expect.stringMatching(/^Job metabase\/metabase-db-bootstrap-\w+ -> aws_db_instance "postgresql-dev":5432$/),
      'Deployment metabase/metabase -> aws_db_instance "postgresql-dev":5432',
    ]);
    const findings = twoBrokenFlows([all[0].findingId!]);
    expect(findings.filter((f) => f.ruleId === "CHAIN-16").map((f) => [f.findingId, Boolean(f.suppression)])).toEqual([
      [all[0].findingId, true],
      [all[1].findingId, false],
    ]);
  });

  test("an appliesTo entry that matches no finding is reported (META-01), by its finding id", () => {
    const findings = twoBrokenFlows(["no such finding"]);
    expect(findings.filter((f) => f.ruleId === "META-01").map((f) => f.message)).toEqual([
      `the suppression of CHAIN-16[no such finding] on dev-platform/database/security-group ("${REASON}") matches no finding`,
    ]);
  });
});

test("a suppression of a rule the app does not run is an error (META-02): a typo never reads as a reviewed finding", () => {
  const { result } = evaluated(({ workload }) => PolicySuppressions.add(workload.workload.service, [{ id: "K8S-7", reason: REASON }]));
  expect(result.findings.filter((f) => f.ruleId.startsWith("META-")).map((f) => [f.ruleId, f.level, f.message])).toEqual([
    [
      "META-02",
      "error",
      expect.stringMatching(
        /^the suppression of K8S-7 on dev-workload\/metabase\/service .* names a rule none of this app's rule packs has \(CHAIN-01, .*K8S-07, /,
      ),
    ],
  ]);
});
