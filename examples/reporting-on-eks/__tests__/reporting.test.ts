/** The reporting team's own tests of its app, as a project that installed secure-eks-rds writes them. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Testing } from "cdktf";
import { policyFindings } from "secure-eks-rds/policy";
import { DB_USER, reportingApp } from "../app";

/** Each test builds the app afresh; nothing is written (Testing synthesizes in memory), the outdir stays empty. */
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "reporting-"));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
const built = () => reportingApp({ outdir, onRejected: "throw" });

test("three AZs, one subnet of each tier in each", () => {
  const platform = Testing.synth(built().platform);
  for (const zone of ["us-east-1a", "us-east-1b", "us-east-1c"]) {
    expect(platform).toHaveResourceWithProperties(Subnet, { availability_zone: zone, map_public_ip_on_launch: false });
  }
  expect(Object.keys(JSON.parse(platform).resource.aws_subnet)).toHaveLength(9);
});

test("one node group, Graviton, in the private subnets, labelled for the reports", () => {
  const platform = Testing.synth(built().platform);
  expect(platform).toHaveResourceWithProperties(EksNodeGroup, {
    ami_type: "AL2023_ARM_64_STANDARD",
    instance_types: ["m6g.large"],
    labels: { pool: "reporting" },
  });
  expect(Object.keys(JSON.parse(platform).resource.aws_eks_node_group)).toHaveLength(1);
});

test("the database: private, encrypted, IAM authentication on", () => {
  expect(Testing.synth(built().platform)).toHaveResourceWithProperties(DbInstance, {
    identifier: "reporting",
    instance_class: "db.m7g.large",
    publicly_accessible: false,
    storage_encrypted: true,
    iam_database_authentication_enabled: true,
  });
});

test("the verifier and the team's own rule find nothing wrong, and the reports' role connects as its own user only", () => {
  const { app } = built();
  const findings = policyFindings(app);
  expect(findings.filter((f) => f.level === "error" && !f.suppression)).toEqual([]);
  const grants = JSON.parse(Testing.synth(built().platform)).data.aws_iam_policy_document;
  const connect = Object.entries<any>(grants).find(([id]) => id.includes("reporting-role_grants"))![1];
  expect(connect.statement).toEqual([
    expect.objectContaining({ actions: ["rds-db:connect"], resources: [expect.stringMatching(new RegExp(`:dbuser:.*/${DB_USER}$`))] }),
  ]);
});

test("one stack on its own, fully synthesized, as cdktf's Testing does it", () => {
  expect(() => Testing.fullSynth(built().platform)).not.toThrow();
});
