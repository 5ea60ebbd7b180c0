import * as fs from "fs";
import { rdsInstanceClassProblems } from "../../src/aws-facts/rds-instance-classes";
import {
  MASTER_USERNAME_PATTERN,
  masterUsernameProblem,
  RDS_RESERVED_USER_NAMES,
  RDS_RESERVED_USER_PREFIXES,
} from "../../src/aws-facts/rds-names";
import { withOracle } from "../helpers/oracles";

const { file, it } = withOracle("rds-postgres-instance-classes.json");
const oracle = () => JSON.parse(fs.readFileSync(file!, "utf8"));
const errors = (instanceClass: string, version: string) =>
  rdsInstanceClassProblems(instanceClass, version).filter((p) => p.level === "error");

describe("RDS for PostgreSQL instance classes, against the RDS user guide's table", () => {
  it("accepts every class the page marks for PostgreSQL, for every major it names (13-17), and no other major up to 17", () => {
    const classes: Record<string, { postgresMajorVersions: string[] | "all"; deployment?: string }> = oracle().classes;
    const wrong: string[] = [];
    for (const [instanceClass, { postgresMajorVersions, deployment }] of Object.entries(classes)) {
      for (const version of ["14", "15", "16", "17"]) {
        const documented = postgresMajorVersions === "all" || postgresMajorVersions.includes(version);
        const refused = errors(instanceClass, version).length > 0;
        const expected = deployment === "multi-az-db-cluster-only" || !documented;
        if (refused !== expected) wrong.push(`${instanceClass} on ${version}: ${refused ? "refused" : "accepted"}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(Object.keys(classes).length).toBeGreaterThan(250);
  });

  it("refuses every class the page marks No or Deprecated for PostgreSQL", () => {
    const notSupported: Record<string, string> = oracle().documentedNotSupported;
    expect(Object.keys(notSupported).filter((instanceClass) => errors(instanceClass, "17").length === 0)).toEqual([]);
  });

  test.each(["db.t3.micor", "db.zz9.mega", "db.t3", "t3.micro"])("refuses %s, which does not exist", (instanceClass) => {
    expect(errors(instanceClass, "17")).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/is not an RDS DB instance class/) }),
    ]);
  });

  test("PostgreSQL 18 on a class whose cell stops at 17 is a warning (documentation lag), on one that lists 18 nothing", () => {
    expect(rdsInstanceClassProblems("db.t3.micro", "18")).toEqual([expect.objectContaining({ level: "warning" })]);
    expect(rdsInstanceClassProblems("db.m9g.large", "18")).toEqual([]);
  });
});

describe("the RDS master user name", () => {
  it("refuses the names and prefixes RDS's own error messages reserve", () => {
    const { reserved, reservedPrefixes } = oracle().masterUsername;
    expect([...RDS_RESERVED_USER_NAMES].sort()).toEqual([...reserved].sort());
    expect(RDS_RESERVED_USER_PREFIXES).toEqual(reservedPrefixes);
    for (const name of reserved) expect(masterUsernameProblem(name)).toBeDefined();
    for (const prefix of reservedPrefixes) expect(masterUsernameProblem(`${prefix}owner`)).toBeDefined();
  });

  test.each(["dbadmin", "Master_1", "a", "postgres", "a".repeat(16)])("accepts %s", (name) => {
    expect(MASTER_USERNAME_PATTERN.test(name) && masterUsernameProblem(name) === undefined).toBe(true);
  });

  test.each(["a".repeat(17), "1admin", "db-admin", "", "select", "SELECT", "system_user", "Admin"])("refuses %j", (name) => {
    expect(masterUsernameProblem(name)).toBeDefined();
  });
});
