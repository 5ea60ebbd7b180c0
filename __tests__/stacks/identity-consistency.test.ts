import { Testing } from "cdktf";
import { PlatformStack } from "../../src/stacks/platform-stack";
import { WorkloadStack } from "../../src/stacks/workload-stack";
import { devEnvironment, environmentWith } from "../helpers/environments";

test("a workload built from other names than its platform is a synth error, not an STS refusal at run time", () => {
  const app = Testing.app();
  const platform = new PlatformStack(app, devEnvironment());
  const renamed = environmentWith((e) => (e.application.serviceAccount = "reporting"), "dev");
  expect(() => new WorkloadStack(app, renamed, platform)).toThrow(
    /dev-platform\/application-role trusts metabase\/metabase but the workload runs as metabase\/reporting\. Fix: build both stacks from the same environment/,
  );
});

test("built from the same environment, the two stacks agree", () => {
  const app = Testing.app();
  const environment = devEnvironment();
  const platform = new PlatformStack(app, environment);
  expect(() => new WorkloadStack(app, environment, platform)).not.toThrow();
});
