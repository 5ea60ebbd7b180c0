/** The ways a project tests its own app built from the constructs: one stack with cdktf's Testing, the chain with policyFindings. */
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Testing } from "cdktf";
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
