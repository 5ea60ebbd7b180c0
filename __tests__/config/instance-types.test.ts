import * as fs from "fs";
import { architectureOf, instanceTypeExistenceProblem, instanceTypeExists, supportsTrunkEni } from "../../src/aws-facts/instance-types";
import { withOracle } from "../helpers/oracles";

describe("trunk ENI support (security groups for pods)", () => {
  test.each([
    ["t3.medium", false], // the article-era default: SGP silently does nothing on it
    ["t4g.large", false],
    ["t2.micro", false],
    ["m4.large", false], // Xen
    ["i3.large", false], // Xen...
    ["i3.metal", true], // ...except its Nitro bare-metal size
    ["p3.2xlarge", false],
    ["p3dn.24xlarge", true],
    ["m5.large", true],
    ["c6g.large", true],
    ["c7i-flex.large", true],
    ["m8i.metal-48xl", true],
    ["not-a-type", false],
  ])("%s -> %s", (type, expected) => {
    expect(supportsTrunkEni(type)).toBe(expected);
  });

  const { file, it } = withOracle("trunk-eni-instance-types.json");
  it("agrees with the VPC resource controller's table for every listed instance type", () => {
    const rows: { instanceType: string; trunkingCompatible: boolean }[] = JSON.parse(fs.readFileSync(file!, "utf8"));
    expect(rows.length).toBeGreaterThan(1000);
    const disagreements = rows
      .filter((row) => supportsTrunkEni(row.instanceType) !== row.trunkingCompatible)
      .map((row) => `${row.instanceType}: table says ${row.trunkingCompatible}`);
    expect(disagreements).toEqual([]);
    // Both outcomes occur, so the comparison cannot pass by answering one way.
    expect(rows.some((r) => r.trunkingCompatible) && rows.some((r) => !r.trunkingCompatible)).toBe(true);
  });
});

test.each([
  ["m6g.large", "arm64"],
  ["c7gn.xlarge", "arm64"],
  ["t4g.small", "arm64"],
  ["a1.large", "arm64"],
  ["im4gn.large", "arm64"],
  ["g4dn.xlarge", "x86_64"],
  ["m5.large", "x86_64"],
  ["c7i-flex.large", "x86_64"],
])("architecture of %s is %s", (type, arch) => {
  expect(architectureOf(type)).toBe(arch);
});

describe("which instance types exist (AWS's specifications pages)", () => {
  test.each([
    ["m5.larg", /family m5 has no size "larg" \(did you mean m5\.large\?\)/],
    ["zz9.mega", /there is no family "zz9"/],
    ["m5.superxl", /family m5 has no size "superxl" \(it has large, xlarge/],
    ["mac1x.metal", /there is no family "mac1x" \(did you mean mac1\?\)/],
    ["u-9tb1.112xlarge", /can no longer be launched/],
  ])("%s is refused: %s", (type, message) => {
    expect(instanceTypeExistenceProblem(type)).toMatch(message);
  });

  test.each(["m5.large", "c7i-flex.large", "m8i.metal-48xl", "u-6tb1.112xlarge", "mac2-m2pro.metal", "f1.2xlarge"])("%s exists", (type) => {
    expect(instanceTypeExistenceProblem(type)).toBeUndefined();
  });

  const { file, it } = withOracle("trunk-eni-instance-types.json");
  it("knows every one of the VPC resource controller's 1164 types, and refuses their misspellings", () => {
    const rows: { instanceType: string }[] = JSON.parse(fs.readFileSync(file!, "utf8"));
    expect(rows.map((r) => r.instanceType).filter((type) => !instanceTypeExists(type))).toEqual([]);
    // One letter dropped from the size of each: none of those exists.
    const misspelt = rows.map((r) => r.instanceType.slice(0, -1)).filter((type) => !rows.some((r) => r.instanceType === type));
    expect(misspelt.filter((type) => instanceTypeExists(type))).toEqual([]);
  });
});
