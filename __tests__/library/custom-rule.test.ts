/**
 * A rule pack of one's own (examples/reporting-on-eks/rules/no-outbound-mail.ts, shown in docs/custom-rules.md):
 * one file, run next to the built-in packs, asking the verifier's graph about a flow no built-in rule expects.
 */
import * as fs from "fs";
import * as path from "path";
import { KubernetesManifest } from "../../src/k8s/kubernetes-manifest";
import { DEFAULT_RULE_PACKS, policyFindings, PolicySuppressions, type PolicyRule } from "../../src/policy";
import { chainMarkdown } from "../../src/policy/report/chain-diagram";
import { ACME_RULES } from "../../examples/reporting-on-eks/rules/no-outbound-mail";
import { chainApp } from "./helpers/chain-app";

const RULE_FILE = path.join(__dirname, "..", "..", "examples", "reporting-on-eks", "rules", "no-outbound-mail.ts");
const withAcme = () => chainApp("us-east-1", { rulePacks: [...DEFAULT_RULE_PACKS, ACME_RULES] });
const acme = (app: ReturnType<typeof withAcme>["app"]) => policyFindings(app).filter((f) => f.ruleId === "ACME-01");

/**
 * A NetworkPolicy that lets Metabase's pods send anything anywhere. Nothing else stops the mail: the pods carry
 * the EKS cluster security group, whose egress is all traffic (EKS user guide, security group requirements).
 */
function openMail(built: ReturnType<typeof withAcme>) {
  new KubernetesManifest(built.workload, "allow-all-egress", {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "allow-all-egress", namespace: "metabase" },
    spec: { podSelector: { matchLabels: { app: "metabase" } }, policyTypes: ["Egress"], egress: [{}] },
  });
}

test("the constructs' chain passes it: the pods' NetworkPolicies allow DNS, the database and AWS, nothing else", () => {
  expect(acme(withAcme().app)).toEqual([]);
});

test("a NetworkPolicy allowing Metabase all egress: one error per mail port, naming the hops that let it through", () => {
  const built = withAcme();
  openMail(built);
  const findings = acme(built.app);
  expect(findings.map((f) => [f.level, f.path, f.findingId])).toEqual([
    ["error", "demo-workload/metabase/deployment", "port:25"],
    ["error", "demo-workload/metabase/deployment", "port:465"],
    ["error", "demo-workload/metabase/deployment", "port:587"],
  ]);
  expect(findings[0].message).toMatch(
    /^Deployment metabase\/metabase reaches the internet on 25\/tcp \(reachable\) through kubernetes_manifest\.allow-all-egress, .*cluster_security_group_id/,
  );
});

test("a suppression can cover one of its findings (appliesTo), and its id must be a rule the app runs", () => {
  const built = withAcme();
  openMail(built);
  PolicySuppressions.add(built.metabase.deployment, [
    { id: "ACME-01", reason: "Submission port to the partner relay, reviewed", appliesTo: ["port:587"] },
  ]);
  expect(acme(built.app).map((f) => [f.findingId, Boolean(f.suppression)])).toEqual([
    ["port:25", false],
    ["port:465", false],
    ["port:587", true],
  ]);
  // Without the pack, the same suppression names a rule nobody runs.
  const plain = chainApp("us-east-1");
  PolicySuppressions.add(plain.metabase.deployment, [{ id: "ACME-01", reason: "Submission port to the partner relay, reviewed" }]);
  expect(
    policyFindings(plain.app)
      .filter((f) => f.ruleId === "META-02")
      .map((f) => f.level),
  ).toEqual(["error"]);
});

test("docs/custom-rules.md shows the rule file as it is", () => {
  const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "custom-rules.md"), "utf8");
  expect(doc).toContain(["```ts", fs.readFileSync(RULE_FILE, "utf8").trimEnd(), "```"].join("\n"));
});

test("a rule of one's own marks the links of the chain diagram it declares: the diagram reads the links from the rules", () => {
  const strict: PolicyRule = {
    id: "ACME-02",
    name: "DatabaseOnlyOnWeekdays",
    family: "acme",
    level: "error",
    title: "A rule that always fails, on the database ingress link",
    why: "To show where the diagram takes its marks from",
    fix: "None",
    chainLinks: ["database-ingress"],
    check({ graph, report }) {
      for (const pod of graph.databaseClients())
        report({
          path: graph.pathOf(pod.manifest.resource.address),
          subject: graph.pathOf(pod.manifest.resource.address),
          message: "always",
        });
    },
  };
  const built = chainApp("us-east-1", { rulePacks: [...DEFAULT_RULE_PACKS, { name: "acme", rules: [strict] }] });
  const findings = policyFindings(built.app);
  const result = built.app.policy.evaluateEnvironment("demo");
  const diagram = chainMarkdown(result.model, findings, built.app.policy.rules);
  expect(diagram).toContain("ingress 5432/tcp ✗ ACME-02");
  expect(diagram).toContain("serviceAccountName ✓");
});
