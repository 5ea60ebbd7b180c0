import { cidrProblem, contains, overlaps, parseCidr, subtractCidrs, tryParseCidr } from "../../src/net/cidr";

describe("cidrProblem, IPv4 (the default: VPCs, subnets, endpoint and load balancer ranges)", () => {
  test.each(["10.0.0.0/16", "0.0.0.0/0", "192.168.1.128/25", "10.0.4.0/24", "255.255.255.255/32"])("accepts %s", (block) => {
    expect(cidrProblem(block)).toBeUndefined();
  });

  test.each([
    ["10.0.0.0", "not an IPv4 CIDR block"],
    ["10.0.0/16", "not an IPv4 CIDR block"],
    // ipaddr.js alone reads both (inet_aton style); Go's net.ParseCIDR, which Terraform and Kubernetes use, does not.
    ["10.1/16", "not an IPv4 CIDR block"],
    ["0x0a.0.0.0/8", "not an IPv4 CIDR block"],
    ["010.0.0.0/16", 'leading zero in "010"'],
    ["10.0.0.0/33", "prefix length above 32"],
    ["10.0.256.0/24", "octet above 255"],
    ["10.0.1.0/16", "host bits set (the network address for /16 is 10.0.0.0)"],
    [" 10.0.0.0/16", "not an IPv4 CIDR block"],
    ["fd00::/8", "not an IPv4 CIDR block"],
  ])("rejects %s", (block, reason) => {
    expect(cidrProblem(block)).toContain(reason);
  });
});

describe("cidrProblem, IPv6 (NetworkPolicy ipBlocks, security-group rules)", () => {
  test.each(["::/0", "fd00::/8", "2001:db8::/32", "2001:db8:0:1::/64"])("accepts %s", (block) => {
    expect(cidrProblem(block, "ipv6")).toBeUndefined();
    expect(cidrProblem(block, "any")).toBeUndefined();
  });

  test.each([
    ["fd00::1/8", "host bits set (the network address for /8 is fd00::)"],
    ["2001:db8::/129", "not an IPv6 CIDR block"],
    ["fe80::1%eth0/64", "not an IPv6 CIDR block"],
    ["10.0.0.0/16", "not an IPv6 CIDR block"],
  ])("rejects %s", (block, reason) => {
    expect(cidrProblem(block, "ipv6")).toContain(reason);
  });

  test('"any" holds an IPv4 block to the IPv4 rules', () => {
    expect(cidrProblem("010.0.0.0/16", "any")).toContain("leading zero");
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

  test("the last address of a /0 does not overflow, in either family", () => {
    expect(parseCidr("0.0.0.0/0").end).toBe(2n ** 32n - 1n);
    expect(parseCidr("::/0", "ipv6").end).toBe(2n ** 128n - 1n);
  });

  test("blocks of two families neither contain nor overlap each other, even /0", () => {
    const everyIpv6 = parseCidr("::/0", "ipv6");
    expect([contains(everyIpv6, vpc), overlaps(everyIpv6, vpc), contains(parseCidr("0.0.0.0/0"), parseCidr("fd00::/8", "ipv6"))]).toEqual([
      false,
      false,
      false,
    ]);
  });

  test("tryParseCidr reads a block of the family asked for, else nothing", () => {
    expect([tryParseCidr("fd00::/8"), tryParseCidr("fd00::/8", "any")?.family, tryParseCidr(42), tryParseCidr("10.0.0.1/16")]).toEqual([
      undefined,
      "ipv6",
      undefined,
      undefined,
    ]);
  });
});

describe("what is left of a range without some blocks, as the largest aligned blocks", () => {
  test.each([
    ["10.0.0.0/22", ["10.0.0.0/23"], ["10.0.2.0/23"]],
    ["10.0.0.0/22", ["10.0.1.0/24"], ["10.0.0.0/24", "10.0.2.0/23"]],
    ["10.0.0.0/23", ["10.0.0.0/16"], []],
    ["192.168.0.0/16", ["10.0.0.0/16"], ["192.168.0.0/16"]],
    ["fd00::/62", ["fd00::/64"], ["fd00:0:0:1::/64", "fd00:0:0:2::/63"]],
    ["fd00::/8", ["10.0.0.0/8"], ["fd00::/8"]],
    ["not a block", ["10.0.0.0/8"], ["not a block"]],
    ["10.0.0.0/23", ["nonsense", "10.0.0.0/24"], ["10.0.1.0/24"]],
  ])("%s without %j", (range, holes, left) => {
    expect(subtractCidrs(range, holes)).toEqual(left);
  });
});

describe("each text is parsed once per family: an answer for one family is never the other's", () => {
  test.each([
    ["10.0.0.0/16", "ipv4", "ipv6"],
    ["fd00::/8", "ipv6", "ipv4"],
  ] as const)("%s: a block as %s, refused as %s, in either order", (text, valid, invalid) => {
    for (let round = 0; round < 2; round++) {
      expect(cidrProblem(text, invalid)).toMatch(/is not an IPv[46] CIDR block/);
      expect(cidrProblem(text, valid)).toBeUndefined();
      expect(parseCidr(text, "any").family).toBe(valid);
      expect(() => parseCidr(text, invalid)).toThrow(/is not an IPv[46] CIDR block/);
    }
  });

  test("a parsed block is frozen: changing it cannot change the next caller's", () => {
    const block = parseCidr("10.1.0.0/16");
    expect(Object.isFrozen(block)).toBe(true);
    expect(parseCidr("10.1.0.0/16")).toBe(block);
  });
});
