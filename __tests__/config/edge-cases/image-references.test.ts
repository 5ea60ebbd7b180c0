/** Family 5 of issue 18: image references follow distribution/reference's grammar, as the runtime does. */
import { parseImageReference } from "../../../src/kubernetes-facts/image-reference";
import { devText, load, type Case } from "./harness";

const IMAGE = '"image": "metabase/metabase:v0.63.19"';
const withImage = (ref: string) => ({ "dev.json": devText(IMAGE, `"image": ${JSON.stringify(ref)}`) });
const FIX = 'Fix: write it like "metabase/metabase:v0.63.19" or "registry.example.com:5000/metabase/metabase:v0.63.19"';
const refused = (ref: string, problem: string) => [
  `<dir>/dev.json:55:14: ERROR application.image = ${JSON.stringify(ref).length > 62 ? `${JSON.stringify(ref.slice(0, 40))}... (${ref.length} characters)` : JSON.stringify(ref)}: ${problem} (distribution/reference grammar, which the container runtime applies). ${FIX}`,
];
const HEX = "0123456789abcdef".repeat(4);

const CASES: Case[] = [
  ["a registry with a port", withImage("localhost:5000/metabase/metabase:v0.63.19"), []],
  ["a registry host with a port", withImage("registry.example.com:5000/metabase/metabase:v0.63.19"), []],
  ["an IPv6 registry with a port", withImage("[fd00::1]:5000/metabase/metabase:v0.63.19"), []],
  ["ECR", withImage("111122223333.dkr.ecr.eu-west-1.amazonaws.com/metabase/metabase:v0.63.19"), []],
  ["a tag and a digest", withImage(`metabase/metabase:v0.63.19@sha256:${HEX}`), []],
  ["a digest alone", withImage(`metabase/metabase@sha256:${HEX}`), []],
  ["separators: '__', '.', repeated dashes", withImage("acme/meta__base.mirror--x/metabase:v0.63.19"), []],
  [
    "a tag starting with '-'",
    withImage("metabase/metabase:-v0.63.19"),
    refused(
      "metabase/metabase:-v0.63.19",
      'has the tag "-v0.63.19", but a tag is letters, digits, "_", "." and "-", not starting with "." or "-"',
    ),
  ],
  [
    "a tag starting with '.'",
    withImage("metabase/metabase:.v0.63.19"),
    refused(
      "metabase/metabase:.v0.63.19",
      'has the tag ".v0.63.19", but a tag is letters, digits, "_", "." and "-", not starting with "." or "-"',
    ),
  ],
  [
    "a tag of 129 characters",
    withImage(`metabase/metabase:v${"1".repeat(128)}`),
    refused(`metabase/metabase:v${"1".repeat(128)}`, "has a tag of 129 characters; a tag has at most 128"),
  ],
  [
    "an empty path component",
    withImage("metabase//metabase:v0.63.19"),
    refused("metabase//metabase:v0.63.19", 'has an empty path component ("//" or a leading or trailing "/")'),
  ],
  [
    "a trailing slash",
    withImage("metabase/metabase/:v0.63.19"),
    refused("metabase/metabase/:v0.63.19", 'has an empty path component ("//" or a leading or trailing "/")'),
  ],
  [
    "capitals in the repository",
    withImage("metabase/Metabase:v0.63.19"),
    refused(
      "metabase/Metabase:v0.63.19",
      'has capital letters in the repository name "metabase/Metabase"; repository names are lower case',
    ),
  ],
  [
    "a URL",
    withImage("https://docker.io/metabase/metabase:v0.63.19"),
    refused("https://docker.io/metabase/metabase:v0.63.19", "is a URL; an image reference has no scheme"),
  ],
  [
    "a digest in upper case",
    withImage(`metabase/metabase@sha256:${HEX.toUpperCase()}`),
    refused(`metabase/metabase@sha256:${HEX.toUpperCase()}`, "has a sha256 digest that is not 64 lower-case hexadecimal digits"),
  ],
  [
    "a digest of an unknown algorithm",
    withImage(`metabase/metabase@md5:${HEX.slice(0, 32)}`),
    refused(`metabase/metabase@md5:${HEX.slice(0, 32)}`, 'has a digest of algorithm "md5"; runtimes know sha256, sha384 and sha512'),
  ],
  [
    "a repository name over 255 characters",
    withImage(`${"a".repeat(256)}:v0.63.19`),
    refused(`${"a".repeat(256)}:v0.63.19`, "has a repository name of 264 characters; the limit is 255"),
  ],
  [
    "no tag: not pinned",
    withImage("localhost:5000/metabase/metabase"),
    [
      '<dir>/dev.json:55:14: ERROR application.image = "localhost:5000/metabase/metabase": is not pinned (no tag, or :latest). Fix: pin a version tag or a digest',
    ],
  ],
];

describe.each(CASES)("%s", (_name, entries, errors) => {
  test("exact report", () => expect(load(entries).errors).toEqual(errors));
});

test.each([
  ["metabase", { domain: "docker.io", path: "library/metabase" }],
  ["metabase/metabase:v0.63.19", { domain: "docker.io", path: "metabase/metabase", tag: "v0.63.19" }],
  ["localhost/metabase:v1", { domain: "localhost", path: "metabase", tag: "v1" }],
  ["localhost:5000/a/b:v1", { domain: "localhost:5000", path: "a/b", tag: "v1" }],
  ["example:5000/a:v1", { domain: "example:5000", path: "a", tag: "v1" }],
  ["registry/a:v1", { domain: "docker.io", path: "registry/a", tag: "v1" }],
])("normalized like ParseNormalizedNamed: %s", (text, parts) => {
  expect(parseImageReference(text)).toEqual(parts);
});
