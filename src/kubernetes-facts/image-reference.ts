/**
 * Container image references, as the kubelet's runtime reads them: the grammar of distribution/reference
 * (github.com/distribution/reference @ 0965666a, regexp.go and reference.go), normalized the way
 * ParseNormalizedNamed/ParseDockerRef do (normalize.go), which containerd and CRI-O use for a Pod's `image`.
 *
 *   reference        := name [ ":" tag ] [ "@" digest ]
 *   name             := [domain '/'] remote-name
 *   domain           := host [':' port-number]
 *   host             := domain-name | IPv4address | \[ IPv6address \]
 *   domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 *   path-component   := alpha-numeric [separator alpha-numeric]*     alpha-numeric := /[a-z0-9]+/
 *   separator        := /[_.]|__|[-]+/
 *   tag              := /[\w][\w.-]{0,127}/
 *   digest           := algorithm ":" hex, checked by go-digest: sha256 (64), sha384 (96) or sha512 (128)
 *                       lower-case hex digits (opencontainers/go-digest algorithm.go, Validate)
 * The remote name is at most 255 characters (RepositoryNameTotalLengthMax). A first component is a registry
 * only when it is "localhost" or holds a "." or ":" (splitDockerDomain); otherwise the image is on Docker Hub.
 */

// The grammar's pieces, as in regexp.go (Go's RE2 syntax is the same as JavaScript's for these).
const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const ipv6address = "\\[(?:[a-fA-F0-9:]+)\\]";
const domainAndPort = `(?:${domainName}|${ipv6address})(?::[0-9]+)?`;
const tag = "[\\w][\\w.-]{0,127}";
const digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const REFERENCE = new RegExp(`^(${namePattern})(?::(${tag}))?(?:@(${digest}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
export const REPOSITORY_NAME_MAX_LENGTH = 255;

/** Lengths of the hex part go-digest accepts, per registered algorithm. */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ImageReference {
  /** The registry, e.g. "docker.io", "public.ecr.aws", "localhost:5000". */
  readonly domain: string;
  /** The repository inside it, e.g. "metabase/metabase". */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** The reference's parts, or why the container runtime would refuse it (ErrImagePull / InvalidImageName). */
export function parseImageReference(text: string): ImageReference | { problem: string } {
  if (text === "") return { problem: "is empty" };
  if (IDENTIFIER.test(text)) return { problem: "is a 64-digit image ID, not a name (repository names cannot be 64 hexadecimal digits)" };
  const slash = text.indexOf("/");
  const first = slash < 0 ? "" : text.slice(0, slash);
  const hasDomain = first !== "" && (first === "localhost" || /[.:]/.test(first) || first.toLowerCase() !== first);
  // Docker Hub's official images live under "library/" (normalize.go, officialRepoPrefix).
  const remainder = hasDomain ? text.slice(slash + 1) : slash < 0 ? `library/${text}` : text;
  const remote = remainder.split(/[:@]/)[0];
  if (remote.toLowerCase() !== remote)
    return { problem: `has capital letters in the repository name "${remote}"; repository names are lower case` };
  const match = REFERENCE.exec(`${hasDomain ? first : "docker.io"}/${remainder}`);
  if (!match) return { problem: referenceProblem(text) };
  const [, name, tagText, digestText] = match;
  const named = ANCHORED_NAME.exec(name)!;
  const [domain, path] = [named[1], named[2]];
  if (path.length > REPOSITORY_NAME_MAX_LENGTH)
    return { problem: `has a repository name of ${path.length} characters; the limit is ${REPOSITORY_NAME_MAX_LENGTH}` };
  if (digestText !== undefined) {
    const [algorithm, hex] = digestText.split(":");
    const length = DIGEST_LENGTHS[algorithm];
    if (length === undefined) return { problem: `has a digest of algorithm "${algorithm}"; runtimes know sha256, sha384 and sha512` };
    if (!new RegExp(`^[a-f0-9]{${length}}$`).test(hex))
      return { problem: `has a ${algorithm} digest that is not ${length} lower-case hexadecimal digits` };
  }
  return { domain, path, tag: tagText, digest: digestText };
}

/** Which part breaks the grammar, for a message that points at it. */
function referenceProblem(text: string): string {
  const at = text.lastIndexOf("@");
  const name = at >= 0 ? text.slice(0, at) : text;
  const colon = name.lastIndexOf(":");
  const tagText = colon > name.lastIndexOf("/") ? name.slice(colon + 1) : undefined;
  if (tagText !== undefined && !new RegExp(`^${tag}$`).test(tagText)) {
    return tagText.length > 128
      ? `has a tag of ${tagText.length} characters; a tag has at most 128`
      : `has the tag "${tagText}", but a tag is letters, digits, "_", "." and "-", not starting with "." or "-"`;
  }
  const repository = tagText !== undefined ? name.slice(0, colon) : name;
  if (/\/\/|^\/|\/$/.test(repository.replace(/^[a-z]+:\/\//, ""))) return 'has an empty path component ("//" or a leading or trailing "/")';
  if (/^[a-z]+:\/\//.test(text)) return "is a URL; an image reference has no scheme";
  return 'is not an image reference: [registry[:port]/]path[:tag][@digest], path components in lower-case letters and digits separated by ".", "_", "__" or dashes';
}
