/**
 * Reads one environment file as strict JSON, and says precisely what is wrong when it cannot:
 * - encoding: a byte order mark, UTF-16/32, or bytes that are not UTF-8 (RFC 8259 §8.1: JSON text exchanged
 *   between systems "MUST be encoded using UTF-8" and implementations "MUST NOT add a byte order mark");
 * - syntax: line and column, the offending line and a caret under it (parsed by @humanwhocodes/momoa, which keeps
 *   the location of every value);
 * - duplicate keys, which JSON.parse silently resolves to the last one (RFC 8259 §4: names "SHOULD be unique");
 * - numbers beyond double precision (1e309 would be read as Infinity).
 * The result keeps every value's location, so later problems can point at line and column too.
 */
import { parse, type AnyNode, type DocumentNode, type MemberNode } from "@humanwhocodes/momoa";

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A problem found while reading the file: where, what, and how to fix it. */
export interface ReadProblem {
  readonly position?: SourcePosition;
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
    ast = parse(text, { mode: "json", ranges: true });
  } catch (error) {
    return { problems: [syntaxProblem(text, error as Error & Partial<SourcePosition> & { offset?: number })] };
  }
  const problems = [...duplicateKeys(text, ast.body), ...outOfRangeNumbers(text, ast.body)];
  if (problems.length > 0) return { problems };
  return { document: document(text, ast) };
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
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    return {
      position: { line, column: offset - bytes.lastIndexOf(0x0a, offset - 1) },
      message: `holds bytes that are not UTF-8 (byte 0x${bytes[offset].toString(16).padStart(2, "0")} at offset ${offset}); they would be read as U+FFFD and end up in tags or names. ${fix}`,
    };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection (a prefix cut inside a sequence is invalid too: allow 3 bytes slack).
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return Math.min(low, bytes.length - 1);
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
    const lines = text.split(/\r?\n/);
    position = { line: lines.length, column: lines[lines.length - 1].length + 1 };
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

/** The line of `position` and a caret under its column. */
export function excerpt(text: string, position: SourcePosition): string[] {
  const line = text.split(/\r?\n/)[position.line - 1] ?? "";
  const gutter = `${position.line} | `;
  return [`${gutter}${line}`, `${" ".repeat(gutter.length + position.column - 1)}^`];
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

function outOfRangeNumbers(text: string, root: AnyNode): ReadProblem[] {
  return [...walk(root)]
    .filter(({ node }) => node.type === "Number" && !Number.isFinite(node.value))
    .map(({ node }) => ({
      position: { line: node.loc.start.line, column: node.loc.start.column },
      message: `has the number ${text.slice(node.range![0], node.range![1])}, beyond what a number can hold (it would be read as infinity). Fix: write a number in range`,
      excerpt: excerpt(text, node.loc.start),
    }));
}

function document(text: string, ast: DocumentNode): JsonDocument {
  const nodes = new Map<string, AnyNode>();
  for (const { node, path } of walk(ast.body)) nodes.set(JSON.stringify(path), node);
  const nodeAt = (path: readonly PropertyKey[]) => nodes.get(JSON.stringify(path.map((p) => (typeof p === "number" ? p : String(p)))));
  return {
    value: JSON.parse(text),
    positionOf: (path) => nodeAt(path)?.loc.start,
    sourceOf: (path) => {
      const node = nodeAt(path);
      return node?.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
  };
}
