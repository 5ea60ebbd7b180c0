/**
 * IPv4 CIDR arithmetic for validating the subnet plan before Terraform sees it.
 * AWS would reject most of these mistakes only at apply time, half-way through a deploy.
 */

export interface Ipv4Block {
  /** The block as written, e.g. "10.0.0.0/16". */
  readonly text: string;
  /** First address as an unsigned 32-bit integer. */
  readonly start: number;
  /** Last address as an unsigned 32-bit integer. */
  readonly end: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,3})$/;

/** Why a string is not a usable IPv4 CIDR block, or undefined when it is one. */
export function cidrProblem(text: string): string | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return "is not an IPv4 CIDR block (a.b.c.d/n)";
  // Go's net.ParseCIDR (Go 1.17+), which the AWS provider and Kubernetes use, refuses leading zeros (010 could be
  // octal); `terraform validate` says "invalid CIDR address: 010.0.0.0/16" (tested with hashicorp/aws 5.100.0).
  const padded = match.slice(1, 6).find((part) => /^0\d/.test(part));
  if (padded !== undefined) {
    return `has a leading zero in "${padded}", which Terraform's AWS provider and Kubernetes refuse ("invalid CIDR address")`;
  }
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return "has an octet above 255";
  const prefix = Number(match[5]);
  if (prefix > 32) return "has a prefix length above 32";
  const address = toInt(octets);
  if ((address & mask(prefix)) >>> 0 !== address) {
    return `has host bits set (the network address for /${prefix} is ${toText(
      (address & mask(prefix)) >>> 0,
    )})`;
  }
  return undefined;
}

/** Parses a block; throws on input that cidrProblem() rejects. */
export function parseCidr(text: string): Ipv4Block {
  const problem = cidrProblem(text);
  if (problem) throw new Error(`"${text}" ${problem}`);
  const match = CIDR_PATTERN.exec(text)!;
  const prefix = Number(match[5]);
  const start = toInt(match.slice(1, 5).map(Number));
  const size = 2 ** (32 - prefix);
  return { text, start, end: start + size - 1, prefix };
}

export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}

function toInt(octets: number[]): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

function toText(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join(".");
}
