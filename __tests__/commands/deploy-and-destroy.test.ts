/**
 * `npm run deploy` stops before Terraform when an environment still holds a placeholder: synth of the shipped
 * dev.json works offline, deploying it must not. `npm run destroy` leaves out what an environment retains. The
 * commands themselves run in __tests__/smoke/processes.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { documentationRangeOf, placeholderProblems } from "../../src/config/placeholders";
import { blockers, destroyPlan, keptLines, selectedEnvironments, stackPatternsOf } from "../../scripts/cdktf-command";
import { devEnvironment, environmentWith } from "../helpers/environments";

const ROOT = path.resolve(__dirname, "..", "..");
/** The line of dev.json that holds a key: the report must point there. */
const lineOf = (key: string) =>
  fs
    .readFileSync(path.join(ROOT, "environments", "dev.json"), "utf8")
    .split("\n")
    .findIndex((line) => line.includes(`"${key}"`)) + 1;
const REAL_CERT = "arn:aws:acm:eu-west-1:210987654321:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

describe("documentation ranges", () => {
  test.each([
    ["192.0.2.0/24", "192.0.2.0/24"],
    ["198.51.100.0/24", "198.51.100.0/24"],
    ["203.0.113.0/24", "203.0.113.0/24"],
    ["203.0.113.128/25", "203.0.113.0/24"],
    ["203.0.113.7/32", "203.0.113.0/24"],
    ["2001:db8::/32", "2001:db8::/32"],
    ["2001:db8:1234::/48", "2001:db8::/32"],
  ])("%s is inside %s", (cidr, range) => {
    expect(documentationRangeOf(cidr)?.cidr).toBe(range);
  });

  test.each(["0.0.0.0/0", "203.0.0.0/16", "10.0.0.0/8", "198.51.101.0/24", "192.0.3.0/24", "::/0", "2001:db9::/32", "not a block"])(
    "%s is not one (a block that only contains a documentation range is a real value)",
    (cidr) => {
      expect(documentationRangeOf(cidr)).toBeUndefined();
    },
  );
});

describe("placeholders of an environment", () => {
  test("the shipped dev.json: both allow-lists, each with its field and fix", () => {
    expect(placeholderProblems(devEnvironment().config)).toEqual([
      {
        field: "cluster.publicEndpointCidrs[0]",
        value: "203.0.113.0/24",
        message: expect.stringMatching(/documentation range \(RFC 5737, TEST-NET-3\).*Fix: list the network you deploy from/),
      },
      {
        field: "application.loadBalancerSourceCidrs[0]",
        value: "203.0.113.0/24",
        message: expect.stringMatching(/documentation range.*Fix: list the networks Metabase's users come from/),
      },
    ]);
  });

  test("real networks, a private endpoint only and a real certificate pass", () => {
    const ready = environmentWith((e) => {
      e.cluster.publicEndpointCidrs = [];
      e.application.loadBalancerSourceCidrs = ["10.20.0.0/16", "0.0.0.0/0"];
      e.application.tls = { certificateArn: REAL_CERT, hostname: "metabase.acme.io" };
    });
    expect(placeholderProblems(ready.config)).toEqual([]);
  });

  test.each([
    ["metabase.example.com", "example.com"],
    ["example.org", "example.org"],
    ["bi.corp.test", "test"],
    ["metabase.example", "example"],
  ])("the example host name %s (under %s)", (hostname, domain) => {
    const env = environmentWith((e) => {
      e.cluster.publicEndpointCidrs = [];
      e.application.loadBalancerSourceCidrs = ["10.0.0.0/16"];
      e.application.tls = { certificateArn: REAL_CERT, hostname };
    });
    expect(placeholderProblems(env.config)).toEqual([
      {
        field: "application.tls.hostname",
        value: hostname,
        message: expect.stringContaining(`is under ${domain}, a name reserved for examples`),
      },
    ]);
  });

  test("a certificate of the documentation's example account", () => {
    const arn = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    const env = environmentWith((e) => {
      e.cluster.publicEndpointCidrs = [];
      e.application.loadBalancerSourceCidrs = ["10.0.0.0/16"];
      e.application.tls = { certificateArn: arn, hostname: "metabase.acme.io" };
    });
    expect(placeholderProblems(env.config)).toEqual([
      {
        field: "application.tls.certificateArn",
        value: arn,
        message: expect.stringContaining("names account 111122223333, an example account"),
      },
    ]);
  });
});

describe("which environments a command selects", () => {
  test.each([
    [["dev-*"], ["dev-*"]],
    [["dev-platform", "--auto-approve"], ["dev-platform"]],
    [["--var", "a=1", "b=2", "--auto-approve", "dev-*"], ["dev-*"]],
    [["-o", "out", "staging-workload"], ["staging-workload"]],
    [["--outputs-file=out.json", "dev-*"], ["dev-*"]],
  ])("%j -> stack patterns %j", (args, patterns) => {
    expect(stackPatternsOf(args)).toEqual(patterns);
  });

  test("an environment is selected when one of its stacks matches", () => {
    const dev = { ...devEnvironment(), name: "dev" };
    const staging = { ...devEnvironment(), name: "staging" };
    expect(selectedEnvironments([dev, staging], ["dev-*"]).map((e) => e.name)).toEqual(["dev"]);
    expect(selectedEnvironments([dev, staging], ["staging-workload"]).map((e) => e.name)).toEqual(["staging"]);
    expect(selectedEnvironments([dev, staging], ["*"]).map((e) => e.name)).toEqual(["dev", "staging"]);
    expect(selectedEnvironments([dev, staging], ["prod-*"])).toEqual([]);
  });

  test("destroy is never blocked by a placeholder (what was deployed must be removable)", () => {
    expect(blockers("destroy", [devEnvironment()])).toEqual([]);
    expect(blockers("deploy", [devEnvironment()]).map((p) => `${p.file}:${p.position?.line}: ${p.field}`)).toEqual([
      `environments/dev.json:${lineOf("publicEndpointCidrs")}: cluster.publicEndpointCidrs[0]`,
      `environments/dev.json:${lineOf("loadBalancerSourceCidrs")}: application.loadBalancerSourceCidrs[0]`,
    ]);
  });
});

describe("destroy keeps what an environment retains", () => {
  const dev = { ...devEnvironment(), name: "dev" };
  const released = environmentWith((e) => (e.retainOnDestroy = false), "scratch");

  test("'dev-*' destroys the workload and the platform, and keeps dev-retained, saying why and how to let it go", () => {
    const { stacks, kept } = destroyPlan([dev], ["dev-*"]);
    expect(stacks).toEqual(["dev-workload", "dev-platform"]);
    expect(kept).toEqual([{ stack: "dev-retained", file: dev.file }]);
    expect(keptLines(kept)).toEqual([
      expect.stringMatching(
        /^Keeping dev-retained: the database's key .* \(retainOnDestroy in environments\/dev\.json\)\. To remove them too: set "retainOnDestroy": false there, then npm run destroy -- 'dev-retained'$/,
      ),
    ]);
  });

  test("with retainOnDestroy false the retained stack goes too, last", () => {
    expect(destroyPlan([released], ["scratch-*"])).toEqual({
      stacks: ["scratch-workload", "scratch-platform", "scratch-retained"],
      kept: [],
    });
  });

  test("asking for the retained stack alone destroys nothing while the file retains it", () => {
    expect(destroyPlan([dev, released], ["dev-retained"])).toEqual({ stacks: [], kept: [{ stack: "dev-retained", file: dev.file }] });
  });
});
