/**
 * CIDR blocks, IPv4 and IPv6: validation with messages that say what is wrong, containment, overlap and
 * subtraction. Parsing is ipaddr.js's; the stricter syntax in front of it is Go's, which the AWS provider and
 * Kubernetes parse with (net.ParseCIDR: decimal octets without leading zeros, where ipaddr.js, like inet_aton,
 * also reads "010" as octal and "10.1" as 10.0.0.1). Shared by the environment file's checks, the constructs and
 * the verifier's graph; it knows nothing about any of them.
 */
import ipaddr from "ipaddr.js";

export type AddressFamily = "ipv4" | "ipv6";

export interface CidrBlock {
  /** The block as written, e.g. "10.0.0.0/16". */
  readonly text: string;
  readonly family: AddressFamily;
  readonly prefix: number;
  /** First and last address as integers (128 bits for IPv6). */
  readonly start: bigint;
  readonly end: bigint;
}

const BITS: Readonly<Record<AddressFamily, number>> = { ipv4: 32, ipv6: 128 };
const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,3})$/;

function ipv4Problem(text: string): string | undefined {
  const match = IPV4_PATTERN.exec(text);
  if (!match) return "is not an IPv4 CIDR block (a.b.c.d/n)";
  // Go's net.ParseCIDR (Go 1.17+) refuses leading zeros (010 could be octal); `terraform validate` says
  // "invalid CIDR address: 010.0.0.0/16" (tested with hashicorp/aws 5.100.0).
  const padded = match.slice(1, 6).find((part) => /^0\d/.test(part));
  if (padded !== undefined) {
    return `has a leading zero in "${padded}", which Terraform's AWS provider and Kubernetes refuse ("invalid CIDR address")`;
  }
  if (match.slice(1, 5).some((octet) => Number(octet) > 255)) return "has an octet above 255";
  if (Number(match[5]) > 32) return "has a prefix length above 32";
  return hostBitsProblem(text);
}

function ipv6Problem(text: string): string | undefined {
  // A zone ("fe80::1%eth0/64") names an interface of one host, never a range a rule or policy can hold.
  if (text.includes("%") || !ipaddr.IPv6.isValidCIDR(text)) return "is not an IPv6 CIDR block (like fd00::/8)";
  return hostBitsProblem(text);
}

/**
 * ipaddr.js's parseCIDR, by family: its own tries IPv6 first, and a failed IPv6 parse of an IPv4 block is the
 * costliest call of a synth's CIDR checks.
 */
function parseBlock(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  return text.includes(":") ? ipaddr.IPv6.parseCIDR(text) : ipaddr.IPv4.parseCIDR(text);
}

function hostBitsProblem(text: string): string | undefined {
  const [address, prefix] = parseBlock(text);
  const network = networkOf(address.kind(), integerOf(address), prefix);
  if (network === integerOf(address)) return undefined;
  return `has host bits set (the network address for /${prefix} is ${textOf(address.kind(), network)})`;
}

/**
 * Why a string is not a usable CIDR block of the family asked for, or undefined when it is one. "any" takes
 * either; an IPv4 block is then held to the IPv4 rules.
 */
export function cidrProblem(text: string, family: AddressFamily | "any" = "ipv4"): string | undefined {
  const parsed = parsedOf(text, family);
  return "problem" in parsed ? parsed.problem : undefined;
}

/** Parses a block; throws on input that cidrProblem() rejects for that family. */
export function parseCidr(text: string, family: AddressFamily | "any" = "ipv4"): CidrBlock {
  const parsed = parsedOf(text, family);
  if ("problem" in parsed) throw new Error(`"${text}" ${parsed.problem}`);
  return parsed.block;
}

type Parsed = { readonly block: CidrBlock } | { readonly problem: string };

/**
 * The few ranges of an app are parsed again and again (every hop of every flow the verifier evaluates asks
 * whether an address is in a range): each text is parsed once per family. Bounded, for long-lived processes
 * that see many different texts.
 */
const PARSED = new Map<string, Parsed>();
const MAX_PARSED = 10_000;

function parsedOf(text: string, family: AddressFamily | "any"): Parsed {
  const key = `${family} ${text}`;
  const known = PARSED.get(key);
  if (known) return known;
  const problem = family === "ipv4" || (family === "any" && !text.includes(":")) ? ipv4Problem(text) : ipv6Problem(text);
  const parsed: Parsed = problem ? { problem } : { block: Object.freeze(blockOf(text)) };
  if (PARSED.size >= MAX_PARSED) PARSED.clear();
  PARSED.set(key, parsed);
  return parsed;
}

function blockOf(text: string): CidrBlock {
  const [address, prefix] = parseBlock(text);
  const kind = address.kind();
  const start = integerOf(address);
  return { text, family: kind, prefix, start, end: start + (1n << BigInt(BITS[kind] - prefix)) - 1n };
}

/** The block, or undefined when it is not one of that family. */
export function tryParseCidr(text: unknown, family: AddressFamily | "any" = "ipv4"): CidrBlock | undefined {
  return typeof text === "string" && cidrProblem(text, family) === undefined ? parseCidr(text, family) : undefined;
}

/** Every address of `inner` is in `outer` (never across families). */
export function contains(outer: CidrBlock, inner: CidrBlock): boolean {
  return outer.family === inner.family && inner.start >= outer.start && inner.end <= outer.end;
}

/** The two share an address (never across families). */
export function overlaps(a: CidrBlock, b: CidrBlock): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/** `range` without `holes`, as the largest aligned blocks in address order; holes of another family change nothing. */
export function subtract(range: CidrBlock, holes: readonly CidrBlock[]): CidrBlock[] {
  if (holes.some((hole) => contains(hole, range))) return [];
  if (!holes.some((hole) => overlaps(hole, range))) return [range];
  const prefix = range.prefix + 1;
  const half = 1n << BigInt(BITS[range.family] - prefix);
  return [range.start, range.start + half].flatMap((start) =>
    subtract({ text: `${textOf(range.family, start)}/${prefix}`, family: range.family, prefix, start, end: start + half - 1n }, holes),
  );
}

function integerOf(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return address.toByteArray().reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

function networkOf(family: AddressFamily, address: bigint, prefix: number): bigint {
  const hostBits = BigInt(BITS[family] - prefix);
  return (address >> hostBits) << hostBits;
}

function textOf(family: AddressFamily, value: bigint): string {
  const bytes = Array.from({ length: BITS[family] / 8 }, (_, i) => Number((value >> BigInt(BITS[family] - 8 * (i + 1))) & 0xffn));
  const address = ipaddr.fromByteArray(bytes);
  return address.kind() === "ipv6" ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

/** subtract() on text: a range that is not a CIDR block is returned as is, a hole that is not one is ignored. */
export function subtractCidrs(range: string, holes: readonly string[]): string[] {
  const block = tryParseCidr(range, "any");
  if (!block) return [range];
  const blocks = holes.flatMap((hole) => tryParseCidr(hole, "any") ?? []);
  return subtract(block, blocks).map((remaining) => remaining.text);
}
