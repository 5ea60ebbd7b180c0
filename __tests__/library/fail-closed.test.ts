/**
 * The verifier fails closed: every stack of a checked app is evaluated, whether or not an environment names it,
 * and the summary says what was evaluated.
 */
import * as fs from "fs";
import * as path from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { buildApp } from "../../src/app";
import { PolicyCheckedApp } from "../../src/policy/checked-app";
import { SynthRejected } from "../../src/synth/rejected";
import { devEnvironment } from "../helpers/environments";
import { tempOutdir } from "../helpers/synth";
import { exposedDatabaseStack } from "./fixtures/exposed-database";

function rejection(synth: () => void): string[] {
  try {
    synth();
  } catch (error) {
    if (error instanceof SynthRejected) return [...error.lines];
    throw error;
  }
  throw new Error("synth was not rejected");
}

test("a stack next to the environments, in none of them, is checked: its public, unencrypted database stops synth", () => {
  const outdir = tempOutdir();
  const app = buildApp({ environments: [devEnvironment()], outdir, log: () => {} });
  exposedDatabaseStack(app, "extra");
  const lines = rejection(() => app.synth());
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^extra: ERROR \[AWS-01\] extra\/db: /),
      expect.stringMatching(/^extra: ERROR \[AWS-02\] extra\/db: /),
      expect.stringMatching(
        /^extra: WARNING stack extra is in no environment, so it is checked as environment "extra" \(not production\)\. Fix: name it in app\.policy\.addEnvironment/,
      ),
      expect.stringMatching(/^security checks: \d+ rules on 4 stacks of 2 environments, \d+ errors/),
    ]),
  );
  // Not even the good environment's stacks are written.
  expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
});

test("an app that never calls addEnvironment is checked as one environment of all its stacks", () => {
  const app = new PolicyCheckedApp({ outdir: tempOutdir(), onRejected: "throw", log: () => {} });
  exposedDatabaseStack(app, "first");
  exposedDatabaseStack(app, "second");
  const lines = rejection(() => app.synth());
  expect(lines.filter((line) => line.includes("[AWS-02]"))).toEqual([
    expect.stringMatching(/^app: ERROR \[AWS-02\] first\/db: /),
    expect.stringMatching(/^app: ERROR \[AWS-02\] second\/db: /),
  ]);
  expect(lines).toContainEqual(expect.stringMatching(/^security checks: \d+ rules on 2 stacks of 1 environment, /));
});

test("an app with nothing to object to passes, and its summary still says what was checked", () => {
  const printed: string[] = [];
  const app = new PolicyCheckedApp({ outdir: tempOutdir(), onRejected: "throw", log: (line) => printed.push(line) });
  new AwsProvider(new TerraformStack(app, "quiet"), "aws", { region: "eu-west-1" });
  app.synth();
  expect(printed).toEqual([
    expect.stringMatching(/^quiet: WARNING stack quiet is in no environment/),
    expect.stringMatching(/^security checks: \d+ rules on 1 stack of 1 environment, 0 errors, 0 warnings, 0 suppressed -> /),
  ]);
});
