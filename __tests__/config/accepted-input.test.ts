/**
 * What the environment file accepts, and what it builds from defaults. What it refuses, and every message, is one
 * table: __tests__/synth/rejected-synth.test.ts, through the whole synth.
 */
import { parseEnvironment } from "../../src/config/load";
import type { ConfigProblem } from "../../src/config/problems";
import { devInput } from "../helpers/environments";

/** The problems reported for the dev file after `change`. */
function problemsAfter(change: (input: Record<string, any>) => void): ConfigProblem[] {
  const input = devInput();
  change(input);
  const result = parseEnvironment(input);
  return "problems" in result ? result.problems : [];
}

test("the shipped dev environment has no problem", () => {
  expect(problemsAfter(() => undefined)).toEqual([]);
});

test.each(["metabase/metabase:v0.58.0", "metabase/metabase-enterprise:v1.64.1.5", `metabase/metabase@sha256:${"a".repeat(64)}`])(
  "an image %s with IAM login (or a digest) is accepted",
  (image) => {
    expect(problemsAfter((e) => (e.application.image = image))).toEqual([]);
  },
);

test("a complete S3 backend is accepted", () => {
  expect(
    problemsAfter((e) => (e.backend = { type: "s3", bucket: "acme-state", keyPrefix: "secure-eks-rds", region: "eu-west-1" })),
  ).toEqual([]);
});

test("a file with only the load balancer allow-list is an article-shaped environment built from the defaults", () => {
  const result = parseEnvironment({ application: { loadBalancerSourceCidrs: ["198.51.100.0/24"] } });
  expect("config" in result && result.config).toMatchObject({
    region: "eu-west-1",
    network: { vpcCidr: "10.0.0.0/16", privateEksSubnetCidrs: ["10.0.0.0/23", "10.0.2.0/23"] },
    application: { namespace: "metabase", serviceAccount: "metabase", dbUser: "metabase" },
    database: { port: 5432 },
  });
});

test("an empty file is refused: who may reach Metabase has to be written down", () => {
  const result = parseEnvironment({});
  expect("problems" in result && result.problems).toEqual([
    expect.objectContaining({
      field: "application",
      value: undefined,
      message: expect.stringMatching(/is missing\. Fix: add "application"/),
    }),
  ]);
});
