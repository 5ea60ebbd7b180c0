/** The ways a project tests its own app built from the constructs: one stack with cdktf's Testing, the chain with policyFindings. */
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Annotations, Aspects, type IAspect, Testing } from "cdktf";
import type { IConstruct } from "constructs";
import { PodSecurityGroup } from "../../src/pod-security/pod-security-group";
import { AWS_RULES } from "../../src/policy/rules";
import { policyFindings } from "../../src/policy/testing";
import { chainApp } from "./helpers/chain-app";

test("Testing.fullSynth of one stack of a sound app passes: the verifier follows the chain into the stacks not synthesized", () => {
  const { platform } = chainApp("eu-west-1");
  expect(() => Testing.fullSynth(platform)).not.toThrow();
});

test("Testing.fullSynth of one stack fails on an error of its environment, named on its construct", () => {
  const { platform } = chainApp("eu-west-1");
  new SecurityGroup(platform, "open", { ingress: [{ fromPort: 5432, toPort: 5432, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] });
  expect(() => Testing.fullSynth(platform)).toThrow(/\[demo-platform\/open\] \[AWS-11\] /);
});

test("policyFindings returns every finding of the app, for chain assertions: a database admitting a pod group no pod carries", () => {
  expect(policyFindings(chainApp("eu-west-1").app).filter((f) => f.level === "error")).toEqual([]);

  const { app, platform, database } = chainApp("eu-west-1");
  database.allowFrom(new PodSecurityGroup(platform, "orphan-sg", { vpcId: "vpc-0", clusterSecurityGroupId: "sg-0" }));
  expect(
    policyFindings(app)
      .filter((f) => f.level === "error")
      .map((f) => [f.ruleId, f.path]),
  ).toEqual([["CHAIN-09", "demo-platform/database/allow-orphan-sg"]]);
});

test("a platform stack without its workload: the chain pack would refuse it (no pod carries the groups the database admits), the AWS pack alone checks what applies", () => {
  const withChain = chainApp("eu-west-1", { register: false });
  withChain.app.policy.addEnvironment({ name: "platform", production: false, stacks: [withChain.platform] });
  expect(
    policyFindings(withChain.app)
      .filter((f) => f.level === "error" && f.environment === "platform")
      .map((f) => f.ruleId),
  ).toContain("CHAIN-09");

  const awsOnly = chainApp("eu-west-1", { register: false, rulePacks: [AWS_RULES] });
  awsOnly.app.policy.addEnvironment({ name: "platform", production: false, stacks: [awsOnly.platform] });
  awsOnly.app.policy.addEnvironment({ name: "workload", production: false, stacks: [awsOnly.workload] });
  expect(policyFindings(awsOnly.app).filter((f) => f.level === "error")).toEqual([]);
});

/** A project's own aspect, of the kind that changes what synth writes. */
const makeDatabasesPublic: IAspect = {
  visit: (node: IConstruct) => {
    if (node instanceof DbInstance) node.addOverride("publicly_accessible", true);
  },
};

describe("a project's own aspects are checked as synth writes their result", () => {
  const AWS_02 = /\[demo-platform\/database\/instance\] \[AWS-02\] /;

  test("synth refuses the database an aspect made public (the reference)", () => {
    const { app, platform } = chainApp("eu-west-1");
    Aspects.of(platform).add(makeDatabasesPublic);
    expect(() => app.synth()).toThrow(/ERROR \[AWS-02\] demo-platform\/database\/instance/);
  });

  test("so does Testing.fullSynth of that stack: the policy evaluates after the stack's other aspects", () => {
    const { platform } = chainApp("eu-west-1");
    Aspects.of(platform).add(makeDatabasesPublic);
    expect(() => Testing.fullSynth(platform)).toThrow(AWS_02);
  });

  test("and of the other stack first: the policy runs the environment's other stacks' aspects too", () => {
    const { platform, workload } = chainApp("eu-west-1");
    Aspects.of(platform).add(makeDatabasesPublic);
    expect(() => Testing.fullSynth(workload)).not.toThrow(); // the finding is the platform's
    expect(() => Testing.fullSynth(platform)).toThrow(AWS_02);
  });

  test("and policyFindings", () => {
    const { app, platform } = chainApp("eu-west-1");
    Aspects.of(platform).add(makeDatabasesPublic);
    expect(
      policyFindings(app)
        .filter((f) => f.level === "error")
        .map((f) => [f.ruleId, f.path]),
    ).toEqual([["AWS-02", "demo-platform/database/instance"]]);
  });

  test("an aspect that closes a hole counts the same way: no finding is left", () => {
    const { platform } = chainApp("eu-west-1");
    new SecurityGroup(platform, "open", { ingress: [{ fromPort: 5432, toPort: 5432, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] });
    Aspects.of(platform).add({
      visit: (node: IConstruct) => {
        if (node instanceof SecurityGroup && node.node.id === "open") node.putIngress([]);
      },
    });
    expect(() => Testing.fullSynth(platform)).not.toThrow();
  });

  test("the synthesized stack's own aspects run once per synth, as without the policy", () => {
    const { platform } = chainApp("eu-west-1");
    Aspects.of(platform).add({
      visit: (node: IConstruct) => {
        if (node instanceof DbInstance) Annotations.of(node).addWarning("reviewed by the platform team");
      },
    });
    Testing.synth(platform);
    const database = platform.node.findAll().find((node) => node instanceof DbInstance)!;
    expect(database.node.metadata.filter((m) => m.data === "reviewed by the platform team")).toHaveLength(1);
  });
});
