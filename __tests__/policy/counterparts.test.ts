/**
 * The counterparts table stays true: every Checkov, Trivy or cdk-nag id a rule names is classified (same,
 * stricter, weaker, different) with a one-line why; the docs list exactly those; and for the checks whose logic is
 * small enough to transcribe, the claimed relation is recomputed from verdicts on variants of the dev stacks.
 */
import * as fs from "fs";
import * as path from "path";
import { evaluate } from "../../src/policy/engine";
import { COUNTERPART_ID_PATTERNS, COUNTERPART_RELATIONS, type Counterpart, type CounterpartRelation } from "../../src/policy/counterparts";
import { ALL_RULES, ruleById } from "../../src/policy/rules";
import { EnvironmentModel } from "../../src/policy/model/environment-model";
import { block, DEPLOYMENT, devStacks, JOB_PATH, manifest, type StackJson } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const counterpart = (ruleId: string, id: string): Counterpart | undefined => ruleById(ruleId)?.counterparts?.find((c) => c.id === id);

describe("every claimed counterpart is classified", () => {
  const baseline = ALL_RULES.filter((r) => r.family === "aws" || r.family === "k8s");

  test("each baseline rule names its counterparts, or says why there is none", () => {
    expect(baseline.filter((r) => !r.counterparts?.length && !r.counterpartNote).map((r) => r.id)).toEqual([]);
  });

  test.each(ALL_RULES.filter((r) => r.counterparts?.length).map((r) => [r.id, r] as const))(
    "%s: a known id, a relation and one line of why",
    (_, rule) => {
      const seen = new Set<string>();
      for (const c of rule.counterparts!) {
        const pattern = new RegExp(`^${COUNTERPART_ID_PATTERNS[c.tool].source.replace(/\\b/g, "")}$`);
        if (c.tool !== "cdk-nag" || c.id.startsWith("AwsSolutions-")) expect([c.id, pattern.test(c.id)]).toEqual([c.id, true]);
        else expect(c.id).toMatch(/^[A-Z][A-Za-z0-9]+$/); // a rule of another cdk-nag pack, by name
        expect(COUNTERPART_RELATIONS).toContain(c.relation);
        expect(c.why).toMatch(/^\S.{9,199}$/);
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
    },
  );

  test("every tool id a rule's own text mentions is one of its classified counterparts (no unclassified claim in prose)", () => {
    const unclassified = ALL_RULES.flatMap((rule) => {
      const prose = [rule.title, rule.why, rule.fix, rule.levelNote ?? "", rule.counterpartNote ?? ""].join(" ");
      const mentioned = Object.values(COUNTERPART_ID_PATTERNS).flatMap((pattern) => prose.match(pattern) ?? []);
      const declared = new Set((rule.counterparts ?? []).map((c) => c.id));
      return mentioned.filter((id) => !declared.has(id)).map((id) => `${rule.id}: ${id}`);
    });
    expect(unclassified).toEqual([]);
  });

  test("docs/policy-rules.md lists exactly these counterparts with their relations", () => {
    const docs = fs.readFileSync(path.join(ROOT, "docs", "policy-rules.md"), "utf8");
    const table = docs.slice(docs.indexOf("## Counterparts in other scanners"));
    const rows = [...table.matchAll(/^\| ([A-Z0-9-]+) \| (Checkov|Trivy|cdk-nag) \| (\S+) \| (same|stricter|weaker|different) \| /gm)].map(
      (m) => m.slice(1, 5).join(" "),
    );
    expect(rows).toEqual(ALL_RULES.flatMap((r) => (r.counterparts ?? []).map((c) => `${r.id} ${c.tool} ${c.id} ${c.relation}`)));
  });

  test("the mismatches found by applying the scanners by hand are stated, not hidden", () => {
    const relations = (pairs: Array<[string, string]>) => pairs.map(([rule, id]) => [rule, id, counterpart(rule, id)?.relation]);
    expect(
      relations([
        ["K8S-01", "CKV_K8S_43"],
        ["AWS-23", "CKV2_AWS_30"],
        ["AWS-03", "CKV_AWS_133"],
        ["AWS-11", "CKV_AWS_24"],
        ["AWS-13", "CKV_AWS_355"],
        ["AWS-13", "CKV_AWS_356"],
        ["AWS-13", "CKV_AWS_111"],
        ["AWS-18", "CKV_AWS_33"],
        ["AWS-18", "CKV_AWS_283"],
        ["AWS-12", "AVD-AWS-0178"],
        ["AWS-09", "CKV_AWS_39"],
        ["K8S-13", "CKV2_K8S_6"],
        ["K8S-10", "AVD-AWS-0054"],
        ["K8S-10", "AVD-AWS-0047"],
        ["AWS-10", "CKV_AWS_341"],
      ]),
    ).toEqual([
      ["K8S-01", "CKV_K8S_43", "stricter"],
      ["AWS-23", "CKV2_AWS_30", "different"],
      ["AWS-03", "CKV_AWS_133", "stricter"],
      ["AWS-11", "CKV_AWS_24", "stricter"],
      ["AWS-13", "CKV_AWS_355", "different"],
      ["AWS-13", "CKV_AWS_356", "different"],
      ["AWS-13", "CKV_AWS_111", "different"],
      ["AWS-18", "CKV_AWS_33", "different"],
      ["AWS-18", "CKV_AWS_283", "different"],
      ["AWS-12", "AVD-AWS-0178", "stricter"],
      ["AWS-09", "CKV_AWS_39", "weaker"],
      ["K8S-13", "CKV2_K8S_6", "different"],
      ["K8S-10", "AVD-AWS-0054", "different"],
      ["K8S-10", "AVD-AWS-0047", "different"],
      ["AWS-10", "CKV_AWS_341", "stricter"],
    ]);
  });
});

// ---- relations recomputed ---------------------------------------------------------------------------------------

/**
 * Upstream logic, transcribed from bridgecrewio/checkov (commit 03d5fdad) for the Terraform JSON cdktf writes
 * (a block is an object here, a one-element list in Checkov's HCL parse). true = the check fails the resource.
 */
const CHECKOV: Record<string, { readonly resource: (s: StackJson) => any; readonly fails: (conf: any) => boolean }> = {
  // checkov/terraform/checks/resource/aws/EKSPublicAccessCIDR.py
  CKV_AWS_38: {
    resource: (s) => block(s.platform, "aws_eks_cluster", "eks/cluster"),
    fails: (c) =>
      !(
        c.vpc_config?.endpoint_public_access === false ||
        (c.vpc_config?.public_access_cidrs?.length > 0 && !c.vpc_config.public_access_cidrs.includes("0.0.0.0/0"))
      ),
  },
  // EKSPublicAccess.py: vpc_config/[0]/endpoint_public_access must be false (missing fails)
  CKV_AWS_39: {
    resource: (s) => block(s.platform, "aws_eks_cluster", "eks/cluster"),
    fails: (c) => c.vpc_config?.endpoint_public_access !== false,
  },
  // DBInstanceBackupRetentionPeriod.py: absent passes ("Default value is 1 which passes"), else 0 < period <= 35
  CKV_AWS_133: {
    resource: (s) => block(s.platform, "aws_db_instance", "database/instance"),
    fails: (c) => c.backup_retention_period !== undefined && !(c.backup_retention_period > 0 && c.backup_retention_period <= 35),
  },
  // RDSPubliclyAccessible.py: forbidden value true
  CKV_AWS_17: { resource: (s) => block(s.platform, "aws_db_instance", "database/instance"), fails: (c) => c.publicly_accessible === true },
  // RDSEncryption.py: storage_encrypted must be true (missing fails)
  CKV_AWS_16: { resource: (s) => block(s.platform, "aws_db_instance", "database/instance"), fails: (c) => c.storage_encrypted !== true },
  // LaunchTemplateMetadataHop.py: hop limit 1 expected, missing_block_result PASSED
  CKV_AWS_341: {
    resource: (s) => block(s.platform, "aws_launch_template", "private-nodes/launch-template"),
    fails: (c) => c.metadata_options?.http_put_response_hop_limit !== undefined && c.metadata_options.http_put_response_hop_limit !== 1,
  },
  // DBInstanceMinorUpgrade.py: auto_minor_version_upgrade must be true (missing fails)
  CKV_AWS_226: {
    resource: (s) => block(s.platform, "aws_db_instance", "database/instance"),
    fails: (c) => c.auto_minor_version_upgrade !== true,
  },
  // checkov/kubernetes/checks/resource/k8s/ImageDigest.py: every container's image contains "@"
  CKV_K8S_43: { resource: (s) => manifest(s, DEPLOYMENT), fails: (m) => containers(m).some((c: any) => !String(c.image).includes("@")) },
  // ImageTagFixed.py: "@" passes; otherwise a tag of "" or "latest" fails
  CKV_K8S_14: {
    resource: (s) => manifest(s, DEPLOYMENT),
    fails: (m) =>
      containers(m).some((c: any) => {
        const image = String(c.image);
        if (image.includes("@")) return false;
        const tag = /(?:[^\s/]+\/)?([^\s:]+):?([^\s]*)/.exec(image.slice(image.lastIndexOf("/") + 1))?.[2] ?? "";
        return tag === "" || tag === "latest";
      }),
  },
};
const containers = (m: any) => [...(m.spec.template.spec.initContainers ?? []), ...m.spec.template.spec.containers];

/** The variants each comparison runs on: the dev stacks, each changed one way. */
const VARIANTS: Record<string, ReadonlyArray<(s: StackJson) => void>> = {
  "AWS-09": [
    () => {},
    (s) => (block(s.platform, "aws_eks_cluster", "eks/cluster").vpc_config.endpoint_public_access = false),
    (s) => (block(s.platform, "aws_eks_cluster", "eks/cluster").vpc_config.public_access_cidrs = ["0.0.0.0/0"]),
    (s) => delete block(s.platform, "aws_eks_cluster", "eks/cluster").vpc_config.public_access_cidrs,
  ],
  "AWS-03": [undefined, 0, 1, 6, 7, 14, 35].map((days) => (s: StackJson) => {
    const db = block(s.platform, "aws_db_instance", "database/instance");
    if (days === undefined) delete db.backup_retention_period;
    else db.backup_retention_period = days;
  }),
  "AWS-02": [true, false, undefined].map(
    (value) => (s: StackJson) => (block(s.platform, "aws_db_instance", "database/instance").publicly_accessible = value),
  ),
  "AWS-01": [true, false, undefined].map(
    (value) => (s: StackJson) => (block(s.platform, "aws_db_instance", "database/instance").storage_encrypted = value),
  ),
  "AWS-10": [
    () => {},
    (s) => (block(s.platform, "aws_launch_template", "private-nodes/launch-template").metadata_options.http_put_response_hop_limit = 2),
    (s) => delete block(s.platform, "aws_launch_template", "private-nodes/launch-template").metadata_options.http_put_response_hop_limit,
    (s) => (block(s.platform, "aws_launch_template", "private-nodes/launch-template").metadata_options.http_tokens = "optional"),
  ],
  "AWS-24": [
    () => {},
    (s) => delete block(s.platform, "aws_db_instance", "database/instance").auto_minor_version_upgrade,
    (s) => (block(s.platform, "aws_db_instance", "database/instance").auto_minor_version_upgrade = false),
    (s) => (block(s.platform, "aws_db_instance", "database/instance").copy_tags_to_snapshot = false),
  ],
  "K8S-01": [`@sha256:${"a".repeat(64)}`, "", ":latest", "@unverified", `:v0.63.19@sha256:${"b".repeat(64)}`].map(
    (suffix) => (s: StackJson) => {
      for (const c of containers(manifest(s, DEPLOYMENT))) c.image = `${String(c.image).replace(/[:@].*$/, "")}${suffix || ":v1.2.3"}`;
    },
  ),
};

/** The relation the verdicts show: who fails what. */
function relationOf(verdicts: ReadonlyArray<{ ours: boolean; theirs: boolean }>): CounterpartRelation {
  const onlyOurs = verdicts.some((v) => v.ours && !v.theirs);
  const onlyTheirs = verdicts.some((v) => v.theirs && !v.ours);
  return onlyOurs && onlyTheirs ? "different" : onlyOurs ? "stricter" : onlyTheirs ? "weaker" : "same";
}

const COMPARED: Array<[string, string]> = [
  ["AWS-09", "CKV_AWS_38"],
  ["AWS-09", "CKV_AWS_39"],
  ["AWS-03", "CKV_AWS_133"],
  ["AWS-02", "CKV_AWS_17"],
  ["AWS-01", "CKV_AWS_16"],
  ["AWS-10", "CKV_AWS_341"],
  ["AWS-24", "CKV_AWS_226"],
  ["K8S-01", "CKV_K8S_43"],
  ["K8S-01", "CKV_K8S_14"],
];

test.each(COMPARED)("%s vs %s: the claimed relation is the one the verdicts show", (ruleId, checkId) => {
  const rule = ruleById(ruleId)!;
  const check = CHECKOV[checkId];
  const verdicts = VARIANTS[ruleId].map((change) => {
    const stacks = devStacks();
    change(stacks);
    const model = new EnvironmentModel({
      name: "dev",
      production: false,
      stacks: [
        { name: "dev-platform", json: JSON.parse(JSON.stringify(stacks.platform)) },
        { name: "dev-workload", json: JSON.parse(JSON.stringify(stacks.workload)) },
      ],
    });
    // Our verdict on the same resource the transcribed check reads (the Job's images stay as they are).
    const ours = evaluate(model, [rule]).some((f) => f.path !== JOB_PATH);
    return { ours, theirs: check.fails(check.resource(stacks)) };
  });
  // Not vacuous: each comparison sees both a pass and a failure.
  expect(new Set(verdicts.map((v) => v.ours || v.theirs)).size).toBe(2);
  expect(relationOf(verdicts)).toBe(counterpart(ruleId, checkId)!.relation);
});
