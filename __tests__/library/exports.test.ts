/** What the package exports: its entry points and their constants. */
import * as constructs from "../../src";
import * as app from "../../src/app";
import * as policy from "../../src/policy";

/** Every object reachable from a value, with where it was reached. */
function objectsIn(value: unknown, at: string, out: Array<[string, object]> = []): Array<[string, object]> {
  if (value === null || typeof value !== "object") return out;
  out.push([at, value]);
  for (const key of Reflect.ownKeys(value)) objectsIn((value as Record<PropertyKey, unknown>)[key], `${at}.${String(key)}`, out);
  return out;
}

const constants = Object.entries(constructs).filter(([, value]) => typeof value === "object" && value !== null);

test("the constants the constructs export are frozen all the way down: an app cannot change another's defaults", () => {
  expect(constants.map(([name]) => name).sort()).toEqual(
    expect.arrayContaining([
      "CLUSTER_DEFAULTS",
      "DATABASE_DEFAULTS",
      "METABASE_DEFAULTS",
      "NETWORK_DEFAULTS",
      "NODE_GROUP_DEFAULTS",
      "POD_ENI_CONFIGURATION",
    ]),
  );
  const thawed = constants.flatMap(([name, value]) => objectsIn(value, name)).filter(([, object]) => !Object.isFrozen(object));
  expect(thawed.map(([at]) => at)).toEqual([]);
  expect(() => (constructs.NETWORK_DEFAULTS.privateEksSubnetCidrs as unknown as string[]).push("10.0.99.0/24")).toThrow(TypeError);
});

test("three entry points: the constructs, the verifier, the environment-file app; none leaks another's concerns", () => {
  expect(Object.keys(constructs)).toEqual(
    expect.arrayContaining(["Network", "EksCluster", "PostgresDatabase", "MetabaseWorkload", "LogArchive", "RoleGrants"]),
  );
  expect(Object.keys(constructs)).not.toEqual(expect.arrayContaining(["PolicyCheckedApp"]));
  expect(
    Object.keys(constructs).filter((name) => ["buildApp", "PlatformStack", "loadEnvironments", "EnvironmentSchema"].includes(name)),
  ).toEqual([]);
  expect(Object.keys(policy)).toEqual(
    expect.arrayContaining([
      "PolicyCheckedApp",
      "PolicySuppressions",
      "policyFindings",
      "podFlow",
      "chainOf",
      "DEFAULT_RULE_PACKS",
      "CHAIN_RULES",
      "AWS_RULES",
      "K8S_RULES",
    ]),
  );
  expect(Object.keys(app)).toEqual(
    expect.arrayContaining(["buildApp", "loadEnvironments", "PlatformStack", "RetainedStack", "WorkloadStack", "EnvironmentSchema"]),
  );
});
