/**
 * Reads one environment file as strict JSON, and says precisely what is wrong when it cannot:
 * - encoding: a byte order mark, UTF-16/32, or bytes that are not UTF-8 (RFC 8259 §8.1: JSON text exchanged
 *   between systems "MUST be encoded using UTF-8" and implementations "MUST NOT add a byte order mark");
 * - syntax: line and column, the offending line and a caret under it (parsed by @humanwhocodes/momoa, which keeps
 *   the location of every value);
 * - duplicate keys, which JSON.parse silently resolves to the last one (RFC 8259 §4: names "SHOULD be unique");
 * - numbers beyond double precision (1e309 would be read as Infinity), and numbers a double cannot hold exactly
 *   (5432.0000000000001 would be read as 5432, 9007199254740993 as 9007199254740992): every number is read as
 *   the IEEE 754 double nearest to its text (RFC 8259 §6, ECMA-262 Number), so a text whose digits are not
 *   the shortest round trip of that double names a value the program never sees;
 * - control characters inside strings (RFC 8259 §7: "All Unicode characters may be placed within the quotation
 *   marks, except for the characters that MUST be escaped: quotation mark, reverse solidus, and the control
 *   characters (U+0000 through U+001F)"), which momoa's JSON mode lets through;
 * - nesting deeper than any environment needs, before a recursive parser could run out of stack.
 * One parse: the value is built from momoa's tree (its `evaluate`), never by a second JSON.parse that could
 * disagree with the positions (it did: a raw TAB passed momoa and crashed JSON.parse, with no file or line).
 * The result keeps every value's location, so later problems can point at line and column too.
 */
import { evaluate, parse, tokenize, type AnyNode, type DocumentNode, type MemberNode, type Token } from "@humanwhocodes/momoa";

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A problem found while reading the file: where, what, and how to fix it. */
export interface ReadProblem {
  readonly position?: SourcePosition;
  /** The field the problem is in, when the file parsed far enough to know it ("database.port"). */
  readonly field?: string;
  /** The value's text in the file (for numbers JavaScript would show otherwise). */
  readonly valueText?: string;
  /** "<what is wrong>. Fix: <what to do>" */
  readonly message: string;
  /** Source lines to print below the message (the offending line and a caret). */
  readonly excerpt?: readonly string[];
}

export interface JsonDocument {
  readonly value: unknown;
  /** Where the value at a field path starts (field paths as in problems.ts: "network.vpcCidr", "tags[0]"). */
  positionOf(path: readonly PropertyKey[]): SourcePosition | undefined;
  /** The value's text in the file, for values JavaScript cannot show faithfully. */
  sourceOf(path: readonly PropertyKey[]): string | undefined;
}

/** Decodes and parses; either the document or the problems (several duplicate keys are all listed). */
export function parseJsonFile(bytes: Uint8Array): { document: JsonDocument } | { problems: ReadProblem[] } {
  const encoding = encodingProblem(bytes);
  if (encoding) return { problems: [encoding] };
  const text = new TextDecoder("utf-8").decode(bytes);
  let ast: DocumentNode;
  try {
    // Tokens first: they are read without recursion, so the depth is known before the recursive parse runs.
    const tokens = tokenize(text, { mode: "json", ranges: true });
    const lexical = [...controlCharacters(text, tokens), ...tooDeep(text, tokens)];
    if (lexical.length > 0) return { problems: lexical };
    ast = parse(text, { mode: "json", ranges: true });
  } catch (error) {
    return { problems: [syntaxProblem(text, error as Error & Partial<SourcePosition> & { offset?: number })] };
  }
  const problems = [...duplicateKeys(text, ast.body), ...inexactNumbers(text, ast.body)];
  if (problems.length > 0) return { problems };
  return { document: document(text, ast) };
}

/**
 * Where a text offset is, counted as momoa counts (so every position of a file agrees): lines end at LF, CR or
 * CRLF; columns count UTF-16 code units from 1.
 */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue; // CRLF: the LF ends the line
    if (code === 0x0a || code === 0x0d) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const CONTROL_NAMES: Record<number, string> = { 9: "a TAB", 10: "a line break (LF)", 13: "a carriage return (CR)", 0: "a NUL" };

/** Raw control characters inside strings: each must be written escaped (\t, \n, \u0001). */
function controlCharacters(text: string, tokens: readonly Token[]): ReadProblem[] {
  const problems: ReadProblem[] = [];
  for (const token of tokens) {
    if (token.type !== "String") continue;
    const [start, end] = token.range!;
    for (let offset = start; offset < end; offset++) {
      const code = text.charCodeAt(offset);
      if (code >= 0x20) continue;
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
      const escaped = code === 0x09 ? "\\t" : code === 0x0a ? "\\n" : code === 0x0d ? "\\r" : `\\u${code.toString(16).padStart(4, "0")}`;
      const position = positionAt(text, offset);
      problems.push({
        position,
        message: `has ${CONTROL_NAMES[code] ?? "a control character"} (${hex}) inside a string, which JSON does not allow unescaped (RFC 8259 section 7). Fix: remove it, or write it as ${escaped}`,
        excerpt: excerpt(text, position),
      });
      break; // one per string: the first says it
    }
  }
  return problems;
}

/**
 * The deepest nesting an environment file needs is 4 (nodeGroups.private.instanceTypes[0]); anything much deeper
 * is a mistake, and a recursive reader would run out of stack on it ("Maximum call stack size exceeded").
 */
export const MAX_NESTING = 32;

function tooDeep(text: string, tokens: readonly Token[]): ReadProblem[] {
  let depth = 0;
  for (const token of tokens) {
    if (token.type === "LBrace" || token.type === "LBracket") depth++;
    else if (token.type === "RBrace" || token.type === "RBracket") depth--;
    if (depth > MAX_NESTING) {
      const position = positionAt(text, token.range![0]);
      return [
        {
          position,
          message: `nests objects and lists more than ${MAX_NESTING} levels deep here; no setting of an environment file is deeper than 4. Fix: remove the extra nesting (or the unknown setting that holds it)`,
          excerpt: excerpt(text, position),
        },
      ];
    }
  }
  return [];
}

function encodingProblem(bytes: Uint8Array): ReadProblem | undefined {
  const starts = (...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
  const fix = "Fix: save the file as UTF-8 without a byte order mark (in most editors: Save with Encoding, UTF-8)";
  if (starts(0xef, 0xbb, 0xbf)) return { message: `starts with a UTF-8 byte order mark, which JSON does not allow. ${fix}` };
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff) || (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0))) {
    return { message: `is encoded as UTF-16 or UTF-32; JSON files must be UTF-8. ${fix}` };
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    const offset = firstInvalidUtf8(bytes);
    // The valid prefix decodes; count lines and columns in it as everywhere else (UTF-16 code units).
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    return {
      position: positionAt(`${before} `, before.length),
      message: `holds bytes that are not UTF-8 (byte 0x${bytes[offset].toString(16).padStart(2, "0")} at offset ${offset}); they would be read as U+FFFD and end up in tags or names. ${fix}`,
    };
  }
}

/**
 * Offset of the first byte of the first ill-formed sequence, by the table of well-formed UTF-8 byte sequences
 * (Unicode Standard, chapter 3, Table 3-7; RFC 3629 section 4): the byte to name is the lead byte whose sequence
 * breaks (Latin-1 "é" is 0xE9, a lead byte of three, followed by a quote), not the byte where decoding gave up.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const within = (value: number | undefined, low: number, high: number) => value !== undefined && value >= low && value <= high;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let length = 0;
    let second: [number, number] = [0x80, 0xbf];
    if (b <= 0x7f) length = 1;
    else if (within(b, 0xc2, 0xdf)) length = 2;
    else if (b === 0xe0) [length, second] = [3, [0xa0, 0xbf]];
    else if (within(b, 0xe1, 0xec) || within(b, 0xee, 0xef)) length = 3;
    else if (b === 0xed) [length, second] = [3, [0x80, 0x9f]];
    else if (b === 0xf0) [length, second] = [4, [0x90, 0xbf]];
    else if (within(b, 0xf1, 0xf3)) length = 4;
    else if (b === 0xf4) [length, second] = [4, [0x80, 0x8f]];
    else return i;
    if (length > 1 && !within(bytes[i + 1], second[0], second[1])) return i;
    for (let k = 2; k < length; k++) if (!within(bytes[i + k], 0x80, 0xbf)) return i;
    i += length;
  }
  return bytes.length;
}

const TOKEN_NAMES: Record<string, string> = {
  RBrace: '"}"',
  LBrace: '"{"',
  RBracket: '"]"',
  LBracket: '"["',
  Colon: '":"',
  Comma: '","',
  Number: "a number",
  String: "a string",
  Boolean: "true or false",
  Null: "null",
};

function syntaxProblem(text: string, error: Error & Partial<SourcePosition> & { offset?: number }): ReadProblem {
  let position = error.line !== undefined && error.column !== undefined ? { line: error.line, column: error.column } : undefined;
  if (/end of input/.test(error.message)) {
    // The parser points at the start; the reader wants the place where more was expected: the end.
    position = positionAt(text, text.length);
  }
  let what = error.message.replace(/\s*\(\d+:\d+\)\s*$/, "").replace(/\.$/, "");
  const token = /^Unexpected token (\w+) found$/.exec(what);
  if (token) what = `unexpected ${TOKEN_NAMES[token[1]] ?? token[1]}`;
  else what = what.replace(/^Unexpected/, "unexpected").replace(/ found$/, "");
  const before = error.offset !== undefined ? text.slice(0, error.offset).trimEnd() : "";
  let hint = "correct the syntax (editors that use schema/environment.schema.json point at it)";
  if (token && ["RBrace", "RBracket"].includes(token[1]) && before.endsWith(",")) hint = "remove the trailing comma: JSON allows none";
  else if (/unexpected character '\/'/.test(what)) hint = "remove the comment: JSON has no comments";
  else if (/end of input/.test(what)) hint = "close every { and [ that is opened";
  return {
    position,
    message: `is not valid JSON: ${what}. Fix: ${hint}`,
    excerpt: position ? excerpt(text, position) : undefined,
  };
}

/** At most this much of a line is shown around the caret. */
const EXCERPT_WIDTH = 80;

/** The line of `position` (a window of it, when long) and a caret under its column. */
export function excerpt(text: string, position: SourcePosition): string[] {
  const line = text.split(/\r\n|\r|\n/)[position.line - 1] ?? "";
  const from =
    line.length <= EXCERPT_WIDTH ? 0 : Math.max(0, Math.min(position.column - 1 - EXCERPT_WIDTH / 2, line.length - EXCERPT_WIDTH));
  const shown = `${from > 0 ? "..." : ""}${line.slice(from, from + EXCERPT_WIDTH)}${from + EXCERPT_WIDTH < line.length ? "..." : ""}`;
  const gutter = `${position.line} | `;
  return [`${gutter}${shown}`, `${" ".repeat(gutter.length + (from > 0 ? 3 : 0) + position.column - 1 - from)}^`];
}

/** In strict JSON every key is a string (identifier keys exist only in momoa's JSON5 mode). */
const keyOf = (member: MemberNode): string => (member.name.type === "String" ? member.name.value : member.name.name);

function* walk(node: AnyNode, path: PropertyKey[] = []): Generator<{ node: AnyNode; path: PropertyKey[] }> {
  yield { node, path };
  if (node.type === "Object") for (const member of node.members) yield* walk(member.value, [...path, keyOf(member)]);
  if (node.type === "Array") for (const [index, element] of node.elements.entries()) yield* walk(element.value, [...path, index]);
}

function duplicateKeys(text: string, root: AnyNode): ReadProblem[] {
  const problems: ReadProblem[] = [];
  for (const { node, path } of walk(root)) {
    if (node.type !== "Object") continue;
    const seen = new Map<string, SourcePosition>();
    for (const member of node.members) {
      const key = keyOf(member);
      const here = member.name.loc.start;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, here);
        continue;
      }
      const field = [...path, key].map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
      problems.push({
        position: { line: here.line, column: here.column },
        message: `has the key "${field}" twice, ${first.line === here.line ? `on line ${here.line} (columns ${first.column} and ${here.column})` : `on lines ${first.line} and ${here.line}`}; JSON readers keep only the last one, silently. Fix: keep one of them`,
        excerpt: excerpt(text, here),
      });
    }
  }
  return problems;
}

/**
 * Numbers the program would not read as written: beyond a double (1e309 is Infinity), or with more digits than a
 * double keeps (5432.0000000000001 is 5432). A number is exact when its decimal value is the value of the
 * shortest text that reads back as the same double (ECMA-262 Number::toString), e.g. 0.1, 1e2, 100.0.
 */
function inexactNumbers(text: string, root: AnyNode): ReadProblem[] {
  const problems: ReadProblem[] = [];
  for (const { node, path } of walk(root)) {
    if (node.type !== "Number") continue;
    const written = text.slice(node.range![0], node.range![1]);
    const at = { position: node.loc.start, field: fieldName(path), valueText: written, excerpt: excerpt(text, node.loc.start) };
    if (!Number.isFinite(node.value)) {
      problems.push({ ...at, message: `is beyond what a number can hold (it would be read as infinity). Fix: write a number in range` });
    } else if (decimal(written) !== decimal(String(node.value))) {
      problems.push({
        ...at,
        message: `would be read as ${String(node.value)}: JSON numbers are read as doubles, which keep about 15 to 17 significant digits. Fix: write ${String(node.value)}, or the value you mean with fewer digits`,
      });
    }
  }
  return problems;
}

/** A decimal number's value in one canonical text: "-12.50e1" and "-125" both give "-125e0"; zero is "0". */
function decimal(written: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(written);
  if (!match) return written;
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  let digits = `${whole}${fraction}`.replace(/^0+/, "");
  if (digits === "") return "0";
  let power = BigInt(exponent) - BigInt(fraction.length);
  const trailing = digits.length - digits.replace(/0+$/, "").length;
  digits = digits.slice(0, digits.length - trailing);
  power += BigInt(trailing);
  return `${sign}${digits}e${power}`;
}

const fieldName = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("") || "(top level)";

function document(text: string, ast: DocumentNode): JsonDocument {
  const nodes = new Map<string, AnyNode>();
  for (const { node, path } of walk(ast.body)) nodes.set(JSON.stringify(path), node);
  const nodeAt = (path: readonly PropertyKey[]) => nodes.get(JSON.stringify(path.map((p) => (typeof p === "number" ? p : String(p)))));
  return {
    value: evaluate(ast),
    positionOf: (path) => nodeAt(path)?.loc.start,
    sourceOf: (path) => {
      const node = nodeAt(path);
      return node?.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
  };
}
