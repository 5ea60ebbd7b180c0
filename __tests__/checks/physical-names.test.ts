/**
 * A refused run checks names on namedBlocksOf(stack), not on the stack's whole toTerraform(): the two must give
 * the same names, or a clash would be told only when the run is otherwise good (and missed when it is not).
 */
import type { TerraformStack } from "cdktf";
import { buildApp } from "../../src/app";
import { namedBlocksOf, physicalNames } from "../../src/checks/physical-names";
import type { Environment } from "../../src/config/load";
import { environmentWith } from "../helpers/environments";
import { tempOutdir } from "../helpers/synth";

function namesBothWays(environment: Environment) {
  const app = buildApp({ environments: [environment], outdir: tempOutdir(), log: () => {} });
  const stacks = app.policy.registeredEnvironments()[0].stacks as TerraformStack[];
  const names = (json: (stack: TerraformStack) => Record<string, any>) =>
    stacks.flatMap((stack) => physicalNames({ name: stack.node.id, json: json(stack), workingDirectory: "/work" }));
  const partial = names(namedBlocksOf);
  for (const stack of stacks) stack.prepareStack();
  return { partial, full: names((stack) => stack.toTerraform()) };
}

test.each([
  ["the shipped dev file (local state)", (_: Record<string, any>) => {}],
  [
    "a public node group, an S3 backend",
    (input: Record<string, any>) => {
      input.nodeGroups = { public: {} };
      input.backend = { type: "s3", bucket: "acme-terraform-state", keyPrefix: "secure-eks-rds", region: "eu-west-1" };
    },
  ],
  [
    "HCP Terraform",
    (input: Record<string, any>) => {
      input.backend = { type: "hcp", organization: "acme", workspacePrefix: "secure-eks-rds" };
    },
  ],
])("%s: the named blocks alone give every name the whole stack gives", (_name, change) => {
  const { partial, full } = namesBothWays(environmentWith(change, "dev"));
  expect(partial).toEqual(full);
  // Every kind of name is there: roles, the cluster, log groups, aliases, the database's, security groups, state.
  expect(new Set(full.map((name) => name.kind)).size).toBeGreaterThanOrEqual(10);
});
