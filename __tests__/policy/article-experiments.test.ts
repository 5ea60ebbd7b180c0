/**
 * The article proved its design by breaking it on a live cluster: delete the SecurityGroupPolicy and the
 * connection times out; remove the ServiceAccount annotation and PostgreSQL answers "PAM authentication
 * failed". Here the same experiments fail `cdktf synth`, before anything exists, with the rule that names the
 * broken link on the construct to fix. The app is built exactly as main.ts builds it, then changed the way a
 * user could (escape hatches, removed or added constructs).
 */
import * as fs from "fs";
import * as path from "path";
import type { TerraformStack } from "cdktf";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { IConstruct } from "constructs";
import { buildApp } from "../../src/app";
import { serviceAccountSubject } from "../../src/iam/service-account-role";
import type { PlatformStack } from "../../src/stacks/platform-stack";
import type { RetainedStack } from "../../src/stacks/retained-stack";
import type { WorkloadStack } from "../../src/stacks/workload-stack";
import { devEnvironment } from "../helpers/environments";
import { synthStacks, tempOutdir } from "../helpers/synth";
import { chainOf } from "../../src/policy/chain";

interface Annotation {
  path: string;
  level: "error" | "warning" | "info";
  message: string;
}

const LEVELS: Record<string, Annotation["level"]> = { "@cdktf/error": "error", "@cdktf/warn": "warning", "@cdktf/info": "info" };

function annotations(root: IConstruct): Annotation[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata.filter((m) => m.type in LEVELS).map((m) => ({ path: c.node.path, level: LEVELS[m.type], message: String(m.data) })),
    );
}

const errors = (root: IConstruct) => annotations(root).filter((a) => a.level === "error");

function devApp() {
  const outdir = tempOutdir();
  const app = buildApp({ environments: [devEnvironment()], outdir, log: () => {} });
  const [retained, platform, workload] = app.node.children as [RetainedStack, PlatformStack, WorkloadStack];
  return { app, outdir, retained, platform, workload };
}

/** What `cdktf synth` does in-process: prepare every stack of the app, then synthesize each (aspects run per stack). */
function synthesizeApp(app: IConstruct) {
  const stacks = app.node.children as TerraformStack[];
  for (const stack of stacks) stack.prepareStack();
  synthStacks(stacks);
  return errors(app);
}

test("experiment 0: the default app passes, with no error annotation and a clean report", () => {
  const lines: string[] = [];
  const outdir = tempOutdir();
  const app = buildApp({ environments: [devEnvironment()], outdir, log: (line) => lines.push(line) });
  expect(() => app.synth()).not.toThrow();
  expect(errors(app)).toEqual([]);
  // dev's load balancer is internal and admits its documentation range only; what it says is that its images are
  // pinned by tag, not digest (no digest can be verified offline, so the shipped defaults stay tags): a warning
  // outside production, one per pod.
  expect(lines).toEqual([
    expect.stringMatching(
      /^environments\/dev\.json: WARNING \[K8S-01\[tag-only\]\] dev-workload\/metabase\/bootstrap-job: .*pinned by tag only.*\(and 1 more \[K8S-01\] in this environment\)$/,
    ),
    expect.stringMatching(
      /^security checks: \d+ rules on 3 stacks of 1 environment, 0 errors, 2 warnings, 0 suppressed -> .*security-report\.sarif$/,
    ),
  ]);
  expect(fs.existsSync(path.join(outdir, "security-chain-dev.md"))).toBe(true);
});

/** With the application's SecurityGroupPolicy gone, the network links break: no policy gives the pod its
 * group (CHAIN-07, on the Deployment), the database now admits a group no pod carries (CHAIN-09), and the
 * evaluated flow from the pod to the database stops at the database's security group (CHAIN-16). */
const WITHOUT_SGP = [
  {
    path: "dev-platform/database/security-group",
    level: "error",
    message: expect.stringMatching(
      /^\[CHAIN-16\[[^\]]+\]\] Deployment metabase\/metabase -> .*:5432 \(5432\/tcp\) must be reachable but is blocked at aws_security_group\.database_security-group_\w+: .*\(node interface\).*connect timed out/,
    ),
  },
  {
    path: "dev-platform/database/allow-application-pod-sg",
    level: "error",
    message: expect.stringMatching(/^\[CHAIN-09\] .*which no SecurityGroupPolicy lists/),
  },
  { path: "dev-workload/metabase/deployment", level: "error", message: expect.stringMatching(/^\[CHAIN-07\] .*connect timed out.*Fix: /) },
];

test("experiment 0, as verdicts: the pod's branch ENI carries both groups and reaches the database", () => {
  const { app } = devApp();
  synthesizeApp(app);
  const model = app.policy.evaluateEnvironment("dev").model;
  const pod = chainOf(model)
    .graph.databaseClients()
    .find((p) => p.manifest.kind === "Deployment")!;
  expect(pod.interfaces.length).toBeGreaterThan(0);
  for (const eni of pod.interfaces) {
    expect(eni.label).toContain("(branch ENI)");
    expect(eni.groups.map((g) => g.label)).toEqual([
      'aws_security_group "rds-access-from-pod-dev"',
      'EKS cluster security group of aws_eks_cluster "eks-cluster-dev"',
    ]);
  }
  const toDatabase = chainOf(model).verdicts.flows.find((f) => f.from === pod.label && f.to.endsWith(":5432"))!;
  expect([toDatabase.verdict, toDatabase.holds]).toEqual(["reachable", true]);
});

test("experiment 1: without the SecurityGroupPolicy, synth fails with the network-chain rules", () => {
  const { app, outdir, workload } = devApp();
  expect(workload.workload.node.tryRemoveChild("security-group-policy")).toBe(true);
  // Every error of both stacks is listed, with the environment file, and nothing is written.
  expect(() => app.synth()).toThrow(
    new RegExp(
      [
        "^environments/dev\\.json: ERROR \\[CHAIN-07\\] dev-workload/metabase/deployment: .*connect timed out",
        "environments/dev\\.json: ERROR \\[CHAIN-09\\] dev-platform/database/allow-application-pod-sg: .*which no SecurityGroupPolicy lists",
        "environments/dev\\.json: ERROR \\[CHAIN-16\\[[^\\]]+\\]\\] dev-platform/database/security-group: Deployment metabase/metabase -> .*connect timed out",
      ].join(".*\\n"),
    ),
  );
  expect(fs.existsSync(path.join(outdir, "stacks"))).toBe(false);
  expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
  // Through Testing.synth (a project's own tests) the same findings are annotations on the constructs.
  const { app: tested, workload: testedWorkload } = devApp();
  testedWorkload.workload.node.tryRemoveChild("security-group-policy");
  expect(synthesizeApp(tested)).toEqual(WITHOUT_SGP);
});

test("experiment 2: without the ServiceAccount annotation, synth fails with the identity-chain rule on the ServiceAccount", () => {
  const { app, workload } = devApp();
  workload.workload.serviceAccount.addOverride("manifest.metadata.annotations", undefined);
  // The identity chain breaks at the annotation (CHAIN-02), and evaluated, rds-db:connect is denied (CHAIN-17).
  expect(synthesizeApp(app)).toEqual([
    { path: "dev-workload/metabase/service-account", level: "error", message: expect.stringContaining("[CHAIN-02]") },
    {
      path: "dev-workload/metabase/deployment",
      level: "error",
      message: expect.stringMatching(
        /^\[CHAIN-17\[[^\]]+\]\] system:serviceaccount:metabase:metabase must be allowed rds-db:connect .*\/metabase, but is denied: metabase\/metabase has no IAM role .*no web identity.*"PAM authentication failed"/,
      ),
    },
  ]);
  expect(errors(app)[0].message).toContain("PAM authentication failed");
});

test("experiment 2b: a trust policy for the wrong :sub fails on the IRSA role", () => {
  const { app, platform } = devApp();
  const issuer = platform.cluster.openIdConnectProvider.issuerHostPath;
  platform.applicationRole.trustPolicy.putStatement([
    {
      effect: "Allow",
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: [{ type: "Federated", identifiers: [platform.cluster.openIdConnectProvider.arn] }],
      condition: [
        { test: "StringEquals", variable: `${issuer}:sub`, values: [serviceAccountSubject("metabase", "intruder")] },
        { test: "StringEquals", variable: `${issuer}:aud`, values: ["sts.amazonaws.com"] },
      ],
    },
  ]);
  // Evaluated, the application's web identity is refused by the trust policy, where CHAIN-17 reports it.
  expect(synthesizeApp(app)).toEqual([
    {
      path: "dev-platform/eks/application-role/trust",
      level: "error",
      message: expect.stringMatching(
        /^\[CHAIN-17\[[^\]]+\]\] .*but is denied: aws_iam_role "eks-cluster-dev-metabase" does not trust metabase\/metabase's token/,
      ),
    },
    { path: "dev-platform/eks/application-role/role", level: "error", message: expect.stringContaining("[CHAIN-03]") },
  ]);
  expect(errors(app)[1].message).toContain('<issuer>:sub is ["system:serviceaccount:metabase:intruder"]');
});

test("the database's security group opened to the VPC CIDR fails on that rule", () => {
  const { app, platform } = devApp();
  new VpcSecurityGroupIngressRule(platform.database, "allow-vpc", {
    securityGroupId: platform.database.securityGroup.id,
    cidrIpv4: platform.environment.config.network.vpcCidr,
    ipProtocol: "tcp",
    fromPort: 5432,
    toPort: 5432,
  });
  // A pod without a SecurityGroupPolicy now reaches the database through that rule (CHAIN-16, for the pods
  // next to each client), and the rule itself is not a pod security group (CHAIN-09).
  const found = synthesizeApp(app);
  const intruder = expect.stringMatching(
    /^\[CHAIN-16\[[^\]]+\]\] a pod of metabase without a SecurityGroupPolicy .*must be blocked but is reachable: .*database_allow-vpc_\w+ lets it in/,
  );
  expect(found).toEqual(
    expect.arrayContaining([
      {
        path: "dev-platform/database/allow-vpc",
        level: "error",
        message: expect.stringMatching(/^\[CHAIN-09\] .*admits CIDR 10\.0\.0\.0\/16/),
      },
      { path: "dev-platform/database/allow-vpc", level: "error", message: intruder },
    ]),
  );
  expect(found).toHaveLength(3); // the intruder next to each of the two clients
});

test("a t3.medium private node group (past config validation, by escape hatch) fails on the node group", () => {
  const { app, platform } = devApp();
  // Config validation refuses t3.medium in environments/*.json; the rule must catch it on its own.
  platform.privateNodes.nodeGroup.addOverride("instance_types", ["t3.medium"]);
  // And, evaluated: the SecurityGroupPolicy is ignored there, so neither client reaches the database (CHAIN-16).
  const blocked = (who: RegExp) => ({
    path: "dev-platform/database/security-group",
    level: "error",
    message: expect.stringMatching(
      new RegExp(
        `^\\[CHAIN-16\\[[^\\]]+\\]\\] ${who.source} -> .*must be reachable but is blocked .*the SecurityGroupPolicy is ignored because t3\\.medium has no trunk ENI`,
      ),
    ),
  });
  const found = synthesizeApp(app);
  expect(found).toEqual(
    expect.arrayContaining([
      { path: "dev-platform/eks/private-nodes/node-group", level: "error", message: expect.stringMatching(/^\[CHAIN-12\] .*t3\.medium/) },
      blocked(/Deployment metabase\/metabase/),
      blocked(/Job metabase\/metabase-db-bootstrap-\w+/),
    ]),
  );
  expect(found).toHaveLength(3);
});

describe("the CLI path: CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS", () => {
  const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  beforeAll(() => {
    // Read by each TerraformStack's constructor, as the cdktf CLI sets it for the app process.
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
  });

  test("an error still writes no stack (the CLI would otherwise publish them), and the report lists it", () => {
    const { app, outdir, workload } = devApp();
    workload.workload.node.tryRemoveChild("security-group-policy");
    expect(() => app.synth()).toThrow(/3 errors in 1 file \(environments\/dev\.json\)\.$/);
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
    expect(fs.existsSync(path.join(outdir, "stacks"))).toBe(false);

    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, "security-report.sarif"), "utf8"));
    const failing = sarif.runs[0].results.filter((r: any) => r.level === "error");
    expect(failing.map((r: any) => [r.ruleId, r.locations[0].logicalLocations[0].fullyQualifiedName])).toEqual([
      ["CHAIN-07", "dev-workload/metabase/deployment"],
      ["CHAIN-09", "dev-platform/database/allow-application-pod-sg"],
      ["CHAIN-16", "dev-platform/database/security-group"],
    ]);
    const diagram = fs.readFileSync(path.join(outdir, "security-chain-dev.md"), "utf8");
    expect(diagram).toMatch(/selected by, created after ✗ CHAIN-07/);
  });

  test("a good synth publishes a manifest without policy annotations: the app has printed its own report", () => {
    const { app, outdir } = devApp();
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["dev-platform", "dev-retained", "dev-workload"]);
    expect(Object.values<any>(manifest.stacks).flatMap((stack) => stack.annotations)).toEqual([]);
  });
});
