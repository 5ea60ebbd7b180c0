/**
 * Address arithmetic the graph needs beyond src/config/cidr.ts: what is left of a range once some subnets are
 * taken out of it, as CIDR blocks (the largest aligned blocks, in address order).
 */
import { cidrProblem, contains, overlaps, parseCidr, type Ipv4Block } from "../../config/cidr";

const text = (start: number, prefix: number) =>
  `${[start >>> 24, (start >>> 16) & 255, (start >>> 8) & 255, start & 255].join(".")}/${prefix}`;

function halves(block: Ipv4Block): [Ipv4Block, Ipv4Block] {
  const prefix = block.prefix + 1;
  const size = 2 ** (32 - prefix);
  return [
    { text: text(block.start, prefix), start: block.start, end: block.start + size - 1, prefix },
    { text: text(block.start + size, prefix), start: block.start + size, end: block.end, prefix },
  ];
}

function remove(block: Ipv4Block, holes: readonly Ipv4Block[]): Ipv4Block[] {
  if (holes.some((hole) => contains(hole, block))) return [];
  if (!holes.some((hole) => overlaps(hole, block))) return [block];
  return halves(block).flatMap((half) => remove(half, holes));
}

/** `range` without `holes`, as CIDR blocks; a range or hole that is not an IPv4 CIDR block is returned or ignored as is. */
export function subtractRanges(range: string, holes: readonly string[]): string[] {
  if (cidrProblem(range) !== undefined) return [range];
  const blocks = holes.filter((hole) => cidrProblem(hole) === undefined).map(parseCidr);
  return remove(parseCidr(range), blocks).map((block) => block.text);
}
