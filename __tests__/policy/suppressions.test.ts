/**
 * Suppressions (cdk-nag's NagSuppressions model) and META-01: per construct, per rule id, with a reason;
 * suppressed findings stay in the report; a suppression that suppresses nothing is reported.
 */
import { Testing } from "cdktf";
import { PolicySuppressions } from "../../src/policy/suppressions";
import { publicDemoEnvironment } from "../helpers/environments";
import { buildPrepared as buildDev } from "./helpers";

/** The public demo: its one finding, K8S-07, is what these tests suppress. */
const buildPrepared = () => buildDev(publicDemoEnvironment());

const REASON = "Public demo: Metabase is meant to be reachable from anywhere";

/** Like a project's own test: Testing.synth of both stacks runs the policy aspect, which annotates. */
function evaluated(configure: (app: ReturnType<typeof buildPrepared>) => void) {
  const built = buildPrepared();
  configure(built);
  [built.platform, built.workload].forEach((stack) => Testing.synth(stack));
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

  test("an unknown rule id, listing the known ones", () => {
    expect(() => PolicySuppressions.add(service, [{ id: "K8S-7", reason: REASON }])).toThrow(/unknown rule id "K8S-7"\. Fix: use one of CHAIN-01, .*K8S-07/);
  });
});

test("a suppressed finding is not enforced, but is reported with its reason and annotated as info", () => {
  const { workload, result } = evaluated(({ workload }) => PolicySuppressions.add(workload.workload.service, [{ id: "K8S-07", reason: REASON }]));
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
  [platform, workload].forEach((stack) => Testing.synth(stack));
  const result = app.policy.evaluateEnvironment("dev");
  expect(result.findings.filter((f) => f.level === "error").map((f) => [f.ruleId, Boolean(f.suppression)])).toEqual([
    ["CHAIN-12", true],
    ["CHAIN-16", true],
    ["CHAIN-16", true],
  ]);
  const errors = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error"));
  expect(errors).toEqual([]);
});
