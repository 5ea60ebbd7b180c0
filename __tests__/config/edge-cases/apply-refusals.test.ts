/**
 * Family 6 of issue 18: values Terraform, AWS or `terraform init` refuse later, each compared with what the
 * refusing party says (terraform validate/init offline with hashicorp/aws 5.100.0, the AWS documentation).
 */
import { devText, load, where, type Case } from "./harness";

const ERR = (where: string, rest: string) => `<dir>/dev.json:${where}: ERROR ${rest}`;
const LEADING = (value: string, part: string, example: string) =>
  `${value}: has a leading zero in "${part}", which Terraform's AWS provider and Kubernetes refuse ("invalid CIDR address"). Fix: write a block like "${example}"`;
const backend = (json: string) => ({
  "dev.json": devText('"backend": {\n    "type": "local",\n    "directory": "terraform-state"\n  }', `"backend": ${json}`),
});
const s3 = (bucket: string, keyPrefix = "secure-eks-rds") =>
  backend(JSON.stringify({ type: "s3", bucket, keyPrefix, region: "eu-west-1" }));
const BUCKET_FIX = 'Fix: use an existing bucket such as "acme-terraform-state"';
const at = (entries: { "dev.json": string }, needle: string) => where(entries["dev.json"], needle);
const bucket = (name: string, why: string) => [
  ERR(
    at(s3(name), JSON.stringify(name)),
    `backend.bucket = ${JSON.stringify(name)}: is not a valid S3 bucket name: it ${why} (S3 user guide, bucket naming rules). ${BUCKET_FIX}`,
  ),
];
const hcp = (hostname: string) =>
  backend(JSON.stringify({ type: "hcp", organization: "acme", workspacePrefix: "secure-eks-rds", hostname }));
const THUMB = (n: number) => Array.from({ length: n }, (_, i) => `"${String(i + 1).padStart(40, "0")}"`).join(", ");

const CASES: Case[] = [
  // ---- CIDRs: terraform validate says "invalid CIDR address: 010.0.0.0/16" ----
  [
    "a VPC CIDR with a leading zero",
    { "dev.json": devText('"vpcCidr": "10.0.0.0/16"', '"vpcCidr": "010.0.0.0/16"') },
    [ERR("8:16", LEADING('network.vpcCidr = "010.0.0.0/16"', "010", "10.0.0.0/16"))],
  ],
  [
    "a subnet with a padded octet",
    { "dev.json": devText('"10.0.4.0/24", "10.0.5.0/24"', '"10.0.04.0/24", "10.0.5.0/24"') },
    [ERR("10:31", LEADING('network.privateRdsSubnetCidrs[0] = "10.0.04.0/24"', "04", "10.0.4.0/24"))],
  ],
  [
    "a padded prefix length",
    { "dev.json": devText('"vpcCidr": "10.0.0.0/16"', '"vpcCidr": "10.0.0.0/016"') },
    [ERR("8:16", LEADING('network.vpcCidr = "10.0.0.0/016"', "016", "10.0.0.0/16"))],
  ],
  [
    "a public endpoint CIDR with a leading zero",
    { "dev.json": devText('"publicEndpointCidrs": ["203.0.113.0/24"]', '"publicEndpointCidrs": ["203.0.113.00/24"]') },
    [ERR("17:29", LEADING('cluster.publicEndpointCidrs[0] = "203.0.113.00/24"', "00", "203.0.113.0/24"))],
  ],
  [
    "0.0.0.0/0 is not padded",
    { "dev.json": devText('"loadBalancerSourceCidrs": ["203.0.113.0/24"]', '"loadBalancerSourceCidrs": ["0.0.0.0/0"]') },
    [],
  ],
  // ---- IAM: at most 5 thumbprints ----
  ["5 thumbprints", { "dev.json": devText('"oidcThumbprints": []', `"oidcThumbprints": [${THUMB(5)}]`) }, []],
  [
    "6 thumbprints",
    { "dev.json": devText('"oidcThumbprints": []', `"oidcThumbprints": [${THUMB(6)}]`) },
    [
      expect.stringMatching(
        /^<dir>\/dev\.json:18:24: ERROR cluster\.oidcThumbprints = \["0+1",.*: lists more than 5 thumbprints; IAM keeps at most 5 per OIDC provider\. Fix: keep the thumbprints of the CAs the issuer uses now \(at most 5\)$/,
      ) as unknown as string,
    ],
  ],
  // ---- instance types the node groups' AMI cannot run on ----
  [
    "an A1 instance",
    {
      "dev.json": devText(
        '"instanceTypes": ["m5.large"],\n      "minSize": 1,\n      "desiredSize": 1,\n      "maxSize": 3,\n      "diskSizeGiB": 20\n    },\n    "public"',
        '"instanceTypes": ["a1.large"],\n      "minSize": 1,\n      "desiredSize": 1,\n      "maxSize": 3,\n      "diskSizeGiB": 20\n    },\n    "public"',
      ),
    },
    [
      ERR(
        "23:25",
        'nodeGroups.private.instanceTypes[0] = "a1.large": is an A1 instance, which the Amazon Linux 2023 EKS AMIs the node groups use do not support. Fix: use a Nitro type with trunk ENIs, e.g. "m5.large", or "m6g.large" for Graviton',
      ),
    ],
  ],
  [
    "a Mac instance",
    {
      "dev.json": devText(
        '"instanceTypes": ["m5.large"],\n      "minSize": 1,\n      "desiredSize": 1,\n      "maxSize": 3,\n      "diskSizeGiB": 20\n    }\n  }',
        '"instanceTypes": ["mac2.metal"],\n      "minSize": 1,\n      "desiredSize": 1,\n      "maxSize": 3,\n      "diskSizeGiB": 20\n    }\n  }',
      ),
    },
    [
      ERR(
        "31:25",
        'nodeGroups.public.instanceTypes[0] = "mac2.metal": is a Mac instance: those run only on Dedicated Hosts, with macOS, never in an EKS managed node group. Fix: use a Nitro type with trunk ENIs, e.g. "m5.large", or "m6g.large" for Graviton',
      ),
    ],
  ],
  // ---- RDS storage autoscaling ----
  [
    "a ceiling 5% above the storage",
    { "dev.json": devText('"maxAllocatedStorageGiB": 200', '"maxAllocatedStorageGiB": 105') },
    [
      ERR(
        "43:31",
        'database.maxAllocatedStorageGiB = 105: is less than 10% above allocatedStorageGiB (100); RDS refuses it ("The maximum allocated storage must be increased by at least 10 percent"). Fix: set it to at least 110, or to 100 to turn storage autoscaling off',
      ),
    ],
  ],
  ["a ceiling exactly 10% above", { "dev.json": devText('"maxAllocatedStorageGiB": 200', '"maxAllocatedStorageGiB": 110') }, []],
  [
    "a ceiling equal to the storage: autoscaling off",
    { "dev.json": devText('"maxAllocatedStorageGiB": 200', '"maxAllocatedStorageGiB": 100') },
    [],
  ],
  // ---- S3 bucket names (S3 user guide) ----
  [
    "a bucket with two adjacent periods",
    s3("acme..state"),
    bucket("acme..state", "has two adjacent periods, which S3 bucket names cannot have"),
  ],
  [
    "a bucket formatted as an IP address",
    s3("192.168.5.4"),
    bucket("192.168.5.4", "is formatted as an IP address, which S3 bucket names cannot be"),
  ],
  ["a bucket starting with xn--", s3("xn--acme-state"), bucket("xn--acme-state", 'starts with "xn--", a prefix S3 reserves')],
  ["a bucket starting with sthree-", s3("sthree-state"), bucket("sthree-state", 'starts with "sthree-", a prefix S3 reserves')],
  [
    "a bucket starting with amzn-s3-demo-",
    s3("amzn-s3-demo-state"),
    bucket("amzn-s3-demo-state", 'starts with "amzn-s3-demo-", a prefix S3 reserves'),
  ],
  [
    "a bucket ending with -s3alias",
    s3("acme-state-s3alias"),
    bucket("acme-state-s3alias", 'ends with "-s3alias", a suffix S3 reserves for access point and other aliases'),
  ],
  [
    "a bucket ending with --ol-s3",
    s3("acme-state--ol-s3"),
    bucket("acme-state--ol-s3", 'ends with "--ol-s3", a suffix S3 reserves for access point and other aliases'),
  ],
  [
    "a bucket ending with .mrap",
    s3("acme-state.mrap"),
    bucket("acme-state.mrap", 'ends with ".mrap", a suffix S3 reserves for access point and other aliases'),
  ],
  [
    "a bucket ending with --x-s3",
    s3("acme-state--x-s3"),
    bucket("acme-state--x-s3", 'ends with "--x-s3", a suffix S3 reserves for access point and other aliases'),
  ],
  [
    "a 64-character bucket",
    s3("a".repeat(64)),
    [
      ERR(
        at(s3("a".repeat(64)), `"${"a".repeat(64)}"`),
        `backend.bucket = "${"a".repeat(40)}"... (64 characters): is not a valid S3 bucket name: it has 64 characters; S3 bucket names have 3 to 63 (S3 user guide, bucket naming rules). ${BUCKET_FIX}`,
      ),
    ],
  ],
  [
    "a bucket ending with a hyphen",
    s3("acme-state-"),
    bucket("acme-state-", "does not begin and end with a letter or digit, as S3 bucket names must"),
  ],
  ["a bucket with dots that is no IP address", s3("acme.state.eu"), []],
  // ---- the s3 backend's key (terraform init: "The value must not start or end with "/"", "Value must not contain "//"") ----
  [
    "a key prefix starting with /",
    s3("acme-state", "/secure-eks-rds"),
    [
      ERR(
        at(s3("acme-state", "/secure-eks-rds"), '"/secure-eks-rds"'),
        'backend.keyPrefix = "/secure-eks-rds": starts or ends with "/" or holds "//"; the state key <keyPrefix>/<stack>.tfstate would then start with "/" or hold "//", which terraform init refuses. Fix: write the prefix without leading, trailing or doubled slashes, e.g. "secure-eks-rds" or "teams/bi"',
      ),
    ],
  ],
  [
    "a key prefix ending with /",
    s3("acme-state", "secure-eks-rds/"),
    [
      ERR(
        at(s3("acme-state", "secure-eks-rds/"), '"secure-eks-rds/"'),
        'backend.keyPrefix = "secure-eks-rds/": starts or ends with "/" or holds "//"; the state key <keyPrefix>/<stack>.tfstate would then start with "/" or hold "//", which terraform init refuses. Fix: write the prefix without leading, trailing or doubled slashes, e.g. "secure-eks-rds" or "teams/bi"',
      ),
    ],
  ],
  [
    "a key prefix with //",
    s3("acme-state", "teams//bi"),
    [
      ERR(
        at(s3("acme-state", "teams//bi"), '"teams//bi"'),
        'backend.keyPrefix = "teams//bi": starts or ends with "/" or holds "//"; the state key <keyPrefix>/<stack>.tfstate would then start with "/" or hold "//", which terraform init refuses. Fix: write the prefix without leading, trailing or doubled slashes, e.g. "secure-eks-rds" or "teams/bi"',
      ),
    ],
  ],
  ["a key prefix with one inner /", s3("acme-state", "teams/bi"), []],
  // ---- HCP hostname (terraform init: "The hostname is not in the correct format") ----
  [
    "an HCP hostname given as a URL",
    hcp("https://app.terraform.io"),
    [
      ERR(
        at(hcp("https://app.terraform.io"), '"https://'),
        'backend.hostname = "https://app.terraform.io": is not a host name (with an optional :port); terraform init refuses a URL here. Fix: write the host alone, e.g. "app.terraform.io" or "tfe.example.com"',
      ),
    ],
  ],
  ["an HCP hostname with a port", hcp("tfe.example.com:8443"), []],
  ["an HCP hostname in capitals", hcp("TFE.Example.com"), []],
];

describe.each(CASES)("%s", (_name, entries, errors) => {
  test("exact report", () => expect(load(entries).errors).toEqual(errors));
});
