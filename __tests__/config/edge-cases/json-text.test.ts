/** Families 1-3 of issue 18: the JSON text, the directory's entries, and values of the wrong type. */
import * as fs from "fs";
import { execFileSync } from "child_process";
import { firstInvalidUtf8, MAX_NESTING } from "../../../src/config/json-file";
import { DEV_TEXT, devText, load, synthesized, type Case } from "./harness";

const ERR = (where: string, rest: string) => `<dir>/dev.json:${where}: ERROR ${rest}`;
const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

const JSON_TEXT: Case[] = [
  [
    "a raw TAB inside a string",
    { "dev.json": devText('"secure-eks-rds"', '"secure\teks"') },
    [
      ERR(
        "66:23",
        "the file has a TAB (U+0009) inside a string, which JSON does not allow unescaped (RFC 8259 section 7). Fix: remove it, or write it as \\t",
      ),
    ],
  ],
  [
    "a raw line break inside a string",
    { "dev.json": devText('"secure-eks-rds"', '"secure\neks"') },
    [
      ERR(
        "66:23",
        "the file has a line break (LF) (U+000A) inside a string, which JSON does not allow unescaped (RFC 8259 section 7). Fix: remove it, or write it as \\n",
      ),
    ],
  ],
  [
    "a raw U+0001 in a key",
    { "dev.json": devText('"project":', '"pro\u0001ject":') },
    [
      ERR(
        "66:9",
        "the file has a control character (U+0001) inside a string, which JSON does not allow unescaped (RFC 8259 section 7). Fix: remove it, or write it as \\u0001",
      ),
    ],
  ],
  [
    "escaped control characters are fine",
    { "dev.json": devText('"secure-eks-rds"', '"secure\\teks"') },
    [
      ERR(
        "66:16",
        'tags.project = "secure\\teks": holds characters AWS does not allow in tags (letters, numbers, spaces and _ . : / = + - @ only). Fix: shorten it, or use only the allowed characters',
      ),
    ],
  ],
  [
    "a control character does not hide another file's problems",
    {
      "dev.json": devText('"secure-eks-rds"', '"a\tb"'),
      "qa.json": devText('"port": 5432', '"port": 22')
        .replace("eks-cluster-dev", "eks-cluster-qa")
        .replace("postgresql-dev", "postgresql-qa"),
    },
    [
      ERR(
        "66:18",
        "the file has a TAB (U+0009) inside a string, which JSON does not allow unescaped (RFC 8259 section 7). Fix: remove it, or write it as \\t",
      ),
      "<dir>/qa.json:44:13: ERROR database.port = 22: is outside the port range RDS allows (1150-65535). Fix: use 5432",
    ],
  ],
  // The file's own object and "application" are two of the levels.
  [
    `valid JSON nested ${MAX_NESTING + 1} deep where a value belongs`,
    { "dev.json": devText('"replicas": 1', `"replicas": ${deep(MAX_NESTING + 1)}`) },
    [
      ERR(
        `56:${17 + MAX_NESTING - 2}`,
        `the file nests objects and lists more than ${MAX_NESTING} levels deep here; no setting of an environment file is deeper than 4. Fix: remove the extra nesting (or the unknown setting that holds it)`,
      ),
    ],
  ],
  [
    "100000 levels under an unknown key: no stack overflow",
    { "dev.json": devText('"tags": {', `"x": ${deep(100000)}, "tags": {`) },
    [
      ERR(
        `65:${8 + MAX_NESTING - 1}`,
        `the file nests objects and lists more than ${MAX_NESTING} levels deep here; no setting of an environment file is deeper than 4. Fix: remove the extra nesting (or the unknown setting that holds it)`,
      ),
    ],
  ],
  [
    `${MAX_NESTING} levels under an unknown key: only the unknown key`,
    { "dev.json": devText('"tags": {', `"x": ${deep(MAX_NESTING - 1)}, "tags": {`) },
    [
      ERR(
        "65:8",
        `x = ${deep(MAX_NESTING - 1)}: is not a known setting. Fix: remove it or correct the spelling (allowed here: production, retainOnDestroy, logRetentionDays, region, availabilityZones, network, cluster, nodeGroups, database, application, backend, tags)`,
      ),
    ],
  ],
  [
    "a number with more digits than a double keeps",
    { "dev.json": devText('"port": 5432', '"port": 5432.0000000000001') },
    [
      ERR(
        "44:13",
        "database.port = 5432.0000000000001: would be read as 5432: JSON numbers are read as doubles, which keep about 15 to 17 significant digits. Fix: write 5432, or the value you mean with fewer digits",
      ),
    ],
  ],
  [
    "2^53 + 1: one report, with the digits written",
    { "dev.json": devText('"port": 5432', '"port": 9007199254740993') },
    [
      ERR(
        "44:13",
        "database.port = 9007199254740993: would be read as 9007199254740992: JSON numbers are read as doubles, which keep about 15 to 17 significant digits. Fix: write 9007199254740992, or the value you mean with fewer digits",
      ),
    ],
  ],
  [
    "a number that underflows to 0",
    { "dev.json": devText('"replicas": 1', '"replicas": 1e-400') },
    [
      ERR(
        "56:17",
        "application.replicas = 1e-400: would be read as 0: JSON numbers are read as doubles, which keep about 15 to 17 significant digits. Fix: write 0, or the value you mean with fewer digits",
      ),
    ],
  ],
  [
    "a number beyond a double",
    { "dev.json": devText('"replicas": 1', '"replicas": 1e309') },
    [
      ERR(
        "56:17",
        "application.replicas = 1e309: is beyond what a number can hold (it would be read as infinity). Fix: write a number in range",
      ),
    ],
  ],
  [
    "exact spellings of a number are accepted: 5432.0, 5.432e3, 543200e-2",
    {
      "dev.json": devText('"port": 5432', '"port": 5.432e3')
        .replace('"replicas": 1', '"replicas": 1.0')
        .replace('"diskSizeGiB": 20\n    },\n    "public"', '"diskSizeGiB": 2000e-2\n    },\n    "public"'),
    },
    [],
  ],
  [
    "a __proto__ tag key",
    { "dev.json": devText('"project":', '"__proto__": "x", "project":') },
    [
      ERR(
        "66:18",
        'tags.__proto__ = "x": is a key JavaScript drops silently ("__proto__" names an object\'s prototype), so it would never reach AWS. Fix: use another key',
      ),
    ],
  ],
  [
    "a __proto__ key where settings are known",
    { "dev.json": devText('"natGateways"', '"__proto__": {}, "natGateways"') },
    [
      ERR(
        "12:18",
        "__proto__ = {}: is not a known setting. Fix: remove it or correct the spelling (allowed here: vpcCidr, privateEksSubnetCidrs, publicEksSubnetCidrs, privateRdsSubnetCidrs, natGateways)".replace(
          "__proto__",
          "network.__proto__",
        ),
      ),
    ],
  ],
  [
    "Latin-1 é: the byte named is 0xE9 itself",
    { "dev.json": Buffer.from(devText('"secure-eks-rds"', '"caf\u00e9"'), "latin1") },
    [
      ERR(
        "66:20",
        "the file holds bytes that are not UTF-8 (byte 0xe9 at offset 1732); they would be read as U+FFFD and end up in tags or names. Fix: save the file as UTF-8 without a byte order mark (in most editors: Save with Encoding, UTF-8)",
      ),
    ],
  ],
  [
    "a stray continuation byte after valid multi-byte text: the column counts characters",
    {
      "dev.json": Buffer.concat([
        Buffer.from(`${devText('"secure-eks-rds"', '"\u00e9\u00e9').split("\u00e9\u00e9")[0]}\u00e9\u00e9`, "utf8"),
        Buffer.from([0x80]),
        Buffer.from(DEV_TEXT.split('"secure-eks-rds"')[1].replace(/^/, '"'), "utf8"),
      ]),
    },
    [
      ERR(
        "66:19",
        "the file holds bytes that are not UTF-8 (byte 0x80 at offset 1733); they would be read as U+FFFD and end up in tags or names. Fix: save the file as UTF-8 without a byte order mark (in most editors: Save with Encoding, UTF-8)",
      ),
    ],
  ],
];

const TYPES: Case[] = [
  [
    "a Kubernetes version written as a number",
    { "dev.json": devText('"kubernetesVersion": "1.35"', '"kubernetesVersion": 1.35') },
    [ERR("16:26", 'cluster.kubernetesVersion = 1.35: is a number, but this setting is a string (in quotes). Fix: write "1.35"')],
  ],
  [
    "a PostgreSQL major written as a number",
    { "dev.json": devText('"engineVersion": "17"', '"engineVersion": 17') },
    [ERR("40:22", 'database.engineVersion = 17: is a number, but this setting is a string (in quotes). Fix: write "17"')],
  ],
  [
    "a region written as true",
    { "dev.json": devText('"region": "eu-west-1"', '"region": true') },
    [ERR("4:13", `region = true: is true or false, but this setting is a string (in quotes). Fix: write one of ${expect.anything()}`)],
  ],
];

describe.each(JSON_TEXT)("the JSON text: %s", (_name, entries, errors) => {
  test("exact report", () => expect(load(entries).errors).toEqual(errors));
});

describe.each(TYPES.slice(0, 2))("types: %s", (_name, entries, errors) => {
  test("exact report", () => expect(load(entries).errors).toEqual(errors));
});

test("types: a string setting given true is told its type", () => {
  const [line, ...rest] = load(TYPES[2][1]).errors;
  expect(rest).toEqual([]);
  expect(line).toMatch(
    /^<dir>\/dev\.json:4:13: ERROR region = true: is true or false, but this setting is a string \(in quotes\)\. Fix: write one of "us-east-1", /,
  );
});

const fifo = (target: string) => execFileSync("mkfifo", [target]);
const DIRECTORY: Case[] = [
  [
    "a FIFO named like an environment: refused, never read",
    { "dev.json": DEV_TEXT, "qa.json": fifo },
    [
      "<dir>/qa.json: ERROR is a named pipe (FIFO), not a regular file, so it is not read. Fix: replace it with a regular file, or remove it",
    ],
  ],
  [
    "a link to a FIFO",
    { "dev.json": DEV_TEXT, pipe: fifo, "qa.json": { symlinkTo: "pipe" } },
    [
      "<dir>/qa.json: ERROR is a named pipe (FIFO), not a regular file, so it is not read. Fix: replace it with a regular file, or remove it",
    ],
  ],
  [
    "a symbolic link loop",
    { "dev.json": DEV_TEXT, "a.json": { symlinkTo: "b.json" }, "b.json": { symlinkTo: "a.json" } },
    [
      "<dir>/a.json: ERROR is a symbolic link to b.json that loops (the links point back at each other), so it leads to no file. Fix: point the link at an environment file, or remove it",
      "<dir>/b.json: ERROR is a symbolic link to a.json that loops (the links point back at each other), so it leads to no file. Fix: point the link at an environment file, or remove it",
    ],
  ],
  [
    "a link to itself",
    { "dev.json": DEV_TEXT, "qa.json": { symlinkTo: "qa.json" } },
    [
      "<dir>/qa.json: ERROR is a symbolic link to qa.json that loops (the links point back at each other), so it leads to no file. Fix: point the link at an environment file, or remove it",
    ],
  ],
  [
    "a dangling link is still named as such",
    { "dev.json": DEV_TEXT, "qa.json": { symlinkTo: "gone.json" } },
    [
      "<dir>/qa.json: ERROR is a symbolic link to gone.json, which does not exist. Fix: point the link at an environment file, or remove it",
    ],
  ],
];

test("directory entries: a link to a good file is read (and so clashes with it, once synthesized)", () => {
  expect(synthesized({ "dev.json": DEV_TEXT, "qa.json": { symlinkTo: "dev.json" } }).errors).toEqual([
    expect.stringMatching(/^<dir>\/qa\.json:15:13: ERROR cluster\.name = "eks-cluster-dev": clashes with <dir>\/dev\.json/),
    expect.stringMatching(/^<dir>\/qa\.json:39:19: ERROR database\.identifier = "postgresql-dev": clashes with <dir>\/dev\.json/),
  ]);
});

describe.each(DIRECTORY)("directory entries: %s", (_name, entries, errors) => {
  test("exact report", () => expect(load(entries).errors).toEqual(errors));
});

test("a FIFO swapped in after the listing is refused when opened, not waited on", () => {
  const { readEnvironmentFile } = require("../../../src/config/load") as typeof import("../../../src/config/load");
  const dir = fs.mkdtempSync(`${process.env.SECURE_EKS_RDS_TEST_TMP}/fifo-`);
  fifo(`${dir}/dev.json`);
  expect(readEnvironmentFile(`${dir}/dev.json`)).toEqual({
    problems: [
      {
        message:
          "the file is a named pipe (FIFO), not a regular file, so it is not read. Fix: replace it with a regular file, or remove it",
      },
    ],
  });
});

test.each([
  ["ASCII only", [0x41, 0x42], 2],
  ["a lone continuation byte", [0x41, 0x80, 0x41], 1],
  ["a lead byte of three followed by ASCII", [0x41, 0xe9, 0x22], 1],
  ["a truncated sequence at the end", [0x41, 0xe2, 0x82], 1],
  ["an overlong encoding (C0 80)", [0xc0, 0x80], 0],
  ["a surrogate (ED A0 80)", [0x41, 0xed, 0xa0, 0x80], 1],
  ["beyond U+10FFFF (F4 90 80 80)", [0xf4, 0x90, 0x80, 0x80], 0],
  ["valid 2, 3 and 4-byte sequences", [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], 9],
])("the first ill-formed UTF-8 sequence: %s", (_name, bytes, offset) => {
  expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
});
