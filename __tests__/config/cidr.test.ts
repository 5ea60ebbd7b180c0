import { cidrProblem, contains, overlaps, parseCidr } from "../../src/config/cidr";

describe("cidrProblem", () => {
  test.each(["10.0.0.0/16", "0.0.0.0/0", "192.168.1.128/25", "10.0.4.0/24"])("accepts %s", (block) => {
    expect(cidrProblem(block)).toBeUndefined();
  });

  test.each([
    ["10.0.0.0", "not an IPv4 CIDR block"],
    ["10.0.0/16", "not an IPv4 CIDR block"],
    ["10.0.0.0/33", "prefix length above 32"],
    ["10.0.256.0/24", "octet above 255"],
    ["10.0.1.0/16", "host bits set (the network address for /16 is 10.0.0.0)"],
    [" 10.0.0.0/16", "not an IPv4 CIDR block"],
  ])("rejects %s", (block, reason) => {
    expect(cidrProblem(block)).toContain(reason);
  });
});

describe("block arithmetic", () => {
  const vpc = parseCidr("10.0.0.0/16");

  test("a /23 inside the VPC is contained, one outside is not", () => {
    expect(contains(vpc, parseCidr("10.0.2.0/23"))).toBe(true);
    expect(contains(vpc, parseCidr("10.1.0.0/23"))).toBe(false);
    expect(contains(parseCidr("10.0.0.0/24"), vpc)).toBe(false);
  });

  test("overlap is detected at the edges and not between neighbours", () => {
    expect(overlaps(parseCidr("10.0.0.0/23"), parseCidr("10.0.1.0/24"))).toBe(true);
    expect(overlaps(parseCidr("10.0.0.0/23"), parseCidr("10.0.2.0/23"))).toBe(false);
    expect(overlaps(parseCidr("10.0.0.0/16"), parseCidr("10.0.255.0/24"))).toBe(true);
  });

  test("the last address of a /0 does not overflow", () => {
    expect(parseCidr("0.0.0.0/0").end).toBe(2 ** 32 - 1);
  });
});
