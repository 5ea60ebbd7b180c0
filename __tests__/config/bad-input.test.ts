import { parseEnvironment } from "../../src/config/load";
import type { ConfigProblem } from "../../src/config/problems";
import { devInput } from "../helpers/environments";

/** The problems reported for the dev file after `change`; the dev file itself must have none. */
function problemsAfter(change: (input: Record<string, any>) => void): ConfigProblem[] {
  const input = devInput();
  change(input);
  const result = parseEnvironment(input);
  return "problems" in result ? result.problems : [];
}

/** Exactly one problem, on `field`, showing `value`, saying what is wrong and how to fix it. */
function expectOneProblem(problems: ConfigProblem[], field: string, value: unknown, what: RegExp, fix: RegExp) {
  expect(problems.map((p) => p.field)).toEqual([field]);
  const [problem] = problems;
  expect(problem.value).toEqual(value);
  const [wrong, remedy] = problem.message.split(". Fix: ");
  expect(wrong).toMatch(what);
  expect(remedy).toMatch(fix);
}

test("the shipped dev environment has no problem", () => {
  expect(problemsAfter(() => undefined)).toEqual([]);
});

describe("network", () => {
  test("a malformed VPC CIDR", () => {
    expectOneProblem(
      problemsAfter((e) => (e.network.vpcCidr = "10.0.0/16")),
      "network.vpcCidr",
      "10.0.0/16",
      /not an IPv4 CIDR block/,
      /"10\.0\.0\.0\/16"/,
    );
  });

  test("an out-of-range CIDR (prefix above 32, octet above 255)", () => {
    expectOneProblem(
      problemsAfter((e) => (e.network.vpcCidr = "10.0.0.0/33")),
      "network.vpcCidr",
      "10.0.0.0/33",
      /prefix length above 32/,
      /write a block like/,
    );
    expectOneProblem(
      problemsAfter((e) => (e.network.privateRdsSubnetCidrs[1] = "10.0.300.0/24")),
      "network.privateRdsSubnetCidrs[1]",
      "10.0.300.0/24",
      /octet above 255/,
      /write a block like/,
    );
  });

  test("a VPC larger than AWS allows", () => {
    expectOneProblem(
      problemsAfter((e) => (e.network.vpcCidr = "10.0.0.0/8")),
      "network.vpcCidr",
      "10.0.0.0/8",
      /\/16 to \/28/,
      /use a block like/,
    );
  });

  test("a subnet outside the VPC", () => {
    expectOneProblem(
      problemsAfter((e) => (e.network.publicEksSubnetCidrs[0] = "10.1.6.0/23")),
      "network.publicEksSubnetCidrs[0]",
      "10.1.6.0/23",
      /outside the VPC 10\.0\.0\.0\/16/,
      /inside network\.vpcCidr/,
    );
  });

  test("a subnet overlapping another tier's subnet", () => {
    expectOneProblem(
      problemsAfter((e) => (e.network.privateRdsSubnetCidrs[0] = "10.0.2.0/24")),
      "network.privateRdsSubnetCidrs[0]",
      "10.0.2.0/24",
      /overlaps network\.privateEksSubnetCidrs\[1\] \(10\.0\.2\.0\/23\)/,
      /own address range/,
    );
  });

  test("a subnet count that does not match the AZs", () => {
    expectOneProblem(
      problemsAfter((e) => e.network.privateEksSubnetCidrs.pop()),
      "network.privateEksSubnetCidrs",
      ["10.0.0.0/23"],
      /1 subnet\(s\) for 2 Availability Zones/,
      /exactly one subnet per AZ/,
    );
  });

  test("an unknown NAT mode", () => {
    expectOneProblem(
      problemsAfter((e) => (e.network.natGateways = "none")),
      "network.natGateways",
      "none",
      /Invalid option/,
      /"per-az", "single"/,
    );
  });
});

describe("region and availability zones", () => {
  test("an invalid region", () => {
    const problems = problemsAfter((e) => (e.region = "eu-westeros-1"));
    expect(problems[0]).toMatchObject({ field: "region", value: "eu-westeros-1" });
    expect(problems[0].message).toMatch(/is not an AWS Region\. Fix: use a Region code such as "eu-west-1"/);
  });

  test("fewer than two availability zones", () => {
    const problems = problemsAfter((e) => {
      e.availabilityZones = ["eu-west-1a"];
      for (const tier of ["privateEksSubnetCidrs", "publicEksSubnetCidrs", "privateRdsSubnetCidrs"]) e.network[tier].pop();
    });
    expectOneProblem(problems, "availabilityZones", ["eu-west-1a"], /fewer than 2 Availability Zones/, /list two AZs/);
  });

  test("an availability zone of another region", () => {
    expectOneProblem(
      problemsAfter((e) => (e.availabilityZones[1] = "us-east-1b")),
      "availabilityZones[1]",
      "us-east-1b",
      /not an Availability Zone of region eu-west-1/,
      /eu-west-1a, eu-west-1b, eu-west-1c/,
    );
  });

  test("an availability zone letter the region does not have", () => {
    expectOneProblem(
      problemsAfter((e) => (e.availabilityZones[1] = "eu-west-1d")),
      "availabilityZones[1]",
      "eu-west-1d",
      /not an Availability Zone of region eu-west-1/,
      /use one of/,
    );
  });
});

describe("node groups", () => {
  test("an instance type without trunk ENI support (t3.medium)", () => {
    expectOneProblem(
      problemsAfter((e) => (e.nodeGroups.private.instanceTypes = ["t3.medium"])),
      "nodeGroups.private.instanceTypes[0]",
      "t3.medium",
      /burstable \(t family\).*security groups for pods would silently not apply/,
      /Nitro type that supports trunk ENIs/,
    );
  });

  test("a Xen-based instance type in the public group", () => {
    expectOneProblem(
      problemsAfter((e) => (e.nodeGroups.public = { name: "public-node-group-dev", instanceTypes: ["m5.large", "m4.large"] })),
      "nodeGroups.public.instanceTypes[1]",
      "m4.large",
      /Xen-based \(non-Nitro\)/,
      /m5\.large/,
    );
  });

  test("mixed architectures in one group", () => {
    expectOneProblem(
      problemsAfter((e) => (e.nodeGroups.private.instanceTypes = ["m5.large", "m6g.large"])),
      "nodeGroups.private.instanceTypes",
      ["m5.large", "m6g.large"],
      /mixes Graviton \(arm64\) and x86_64/,
      /one architecture per node group/,
    );
  });

  test("sizes out of order", () => {
    expectOneProblem(
      problemsAfter((e) => (e.nodeGroups.private.desiredSize = 5)),
      "nodeGroups.private.desiredSize",
      5,
      /between minSize \(1\) and maxSize \(3\)/,
      /minSize <= desiredSize <= maxSize/,
    );
  });
});

describe("database", () => {
  test.each([80, 70000, 5432.5])("port %s", (port) => {
    const problems = problemsAfter((e) => (e.database.port = port));
    expect(problems.map((p) => p.field)).toEqual(["database.port"]);
    expect(problems[0].value).toBe(port);
    expect(problems[0].message).toMatch(/Fix: use 5432/);
  });

  test("an unsupported PostgreSQL major version", () => {
    expectOneProblem(
      problemsAfter((e) => (e.database.engineVersion = "12")),
      "database.engineVersion",
      "12",
      /not a PostgreSQL major version in RDS standard support/,
      /use one of 14, 15, 16, 17, 18/,
    );
  });

  test("a storage ceiling below the allocated storage", () => {
    expectOneProblem(
      problemsAfter((e) => (e.database.maxAllocatedStorageGiB = 50)),
      "database.maxAllocatedStorageGiB",
      50,
      /below allocatedStorageGiB \(100\)/,
      /at least 110 \(10% above allocatedStorageGiB\)/,
    );
  });

  test("a reserved master user name", () => {
    expectOneProblem(
      problemsAfter((e) => (e.database.masterUsername = "rdsadmin")),
      "database.masterUsername",
      "rdsadmin",
      /is a name RDS reserves \("rdsadmin"\)/,
      /use a name like "dbadmin"/,
    );
  });
});

describe("names", () => {
  test.each([
    ["application", "namespace", "Metabase"],
    ["application", "serviceAccount", "metabase_sa"],
    ["cluster", "name", "-eks"],
    ["nodeGroups.private", "name", "Private Nodes"],
  ])("%s.%s = %j is not a DNS-1123 label", (section, field, value) => {
    const problems = problemsAfter((e) => {
      const target = section.split(".").reduce((object, key) => object[key], e);
      target[field] = value;
    });
    expect(problems.map((p) => p.field)).toEqual([`${section}.${field}`]);
    expect(problems[0].value).toBe(value);
    expect(problems[0].message).toMatch(/not a DNS-1123 label.*Fix: use a name like "/);
  });

  test("a database user that is not a plain PostgreSQL identifier", () => {
    expectOneProblem(
      problemsAfter((e) => (e.application.dbUser = "metabase; DROP ROLE dbadmin")),
      "application.dbUser",
      "metabase; DROP ROLE dbadmin",
      /not a plain PostgreSQL identifier/,
      /"metabase"/,
    );
  });
});

describe("unknown keys", () => {
  test("a typo at the top level names the key and the allowed ones", () => {
    expectOneProblem(
      problemsAfter((e) => (e.regoin = "eu-west-1")),
      "regoin",
      "eu-west-1",
      /not a known setting/,
      /correct the spelling \(allowed here: production, retainOnDestroy, logRetentionDays, region, availabilityZones/,
    );
  });

  test("a typo in a nested object", () => {
    expectOneProblem(
      problemsAfter((e) => (e.network.vpcCIDR = "10.0.0.0/16")),
      "network.vpcCIDR",
      "10.0.0.0/16",
      /not a known setting/,
      /allowed here: vpcCidr, privateEksSubnetCidrs/,
    );
  });
});

describe("cluster", () => {
  test("a VPC CNI older than v1.7.7", () => {
    expectOneProblem(
      problemsAfter((e) => (e.cluster.vpcCniVersion = "v1.7.5-eksbuild.1")),
      "cluster.vpcCniVersion",
      "v1.7.5-eksbuild.1",
      /older than v1\.7\.7, the first VPC CNI with security groups for pods/,
      /remove the setting, so the most recent version for kubernetesVersion is used/,
    );
  });

  test("a malformed VPC CNI version", () => {
    expectOneProblem(
      problemsAfter((e) => (e.cluster.vpcCniVersion = "1.20")),
      "cluster.vpcCniVersion",
      "1.20",
      /not a VPC CNI add-on version/,
      /v1\.20\.1-eksbuild\.3/,
    );
  });

  test("a Kubernetes version past the end of extended support (1.29: 2026-03-23), whatever the support type", () => {
    for (const supportType of ["STANDARD", "EXTENDED"]) {
      expectOneProblem(
        problemsAfter((e) => Object.assign(e.cluster, { kubernetesVersion: "1.29", supportType })),
        "cluster.kubernetesVersion",
        "1.29",
        /^left EKS (standard support on 2025|extended support on 2026)-03-23/,
        /raise cluster\.kubernetesVersion/,
      );
    }
  });

  test("a Kubernetes version EKS never offered in this calendar", () => {
    expectOneProblem(
      problemsAfter((e) => (e.cluster.kubernetesVersion = "1.28")),
      "cluster.kubernetesVersion",
      "1.28",
      /not a Kubernetes version EKS offers \(its release calendar lists 1\.29 to 1\.36\)/,
      /use one of 1\.29, 1\.30/,
    );
  });

  test("a malformed OIDC thumbprint", () => {
    expectOneProblem(
      problemsAfter((e) => (e.cluster.oidcThumbprints = ["9E99A48A"])),
      "cluster.oidcThumbprints[0]",
      "9E99A48A",
      /not a SHA-1 thumbprint/,
      /40 lower-case hex digits/,
    );
  });
});

describe("application", () => {
  test.each(["metabase/metabase", "metabase/metabase:latest"])("an unpinned image %s", (image) => {
    expectOneProblem(
      problemsAfter((e) => (e.application.image = image)),
      "application.image",
      image,
      /not pinned/,
      /pin a version tag or a digest/,
    );
  });

  test("a missing load balancer allow-list (the article left Metabase open to everyone)", () => {
    expectOneProblem(
      problemsAfter((e) => delete e.application.loadBalancerSourceCidrs),
      "application.loadBalancerSourceCidrs",
      undefined,
      /is missing/,
      /\["0\.0\.0\.0\/0"\] for everyone/,
    );
  });

  test.each(["metabase/metabase:v0.57.4", "metabase/metabase-enterprise:v1.50.0"])(
    "an image %s older than IAM login to the application database",
    (image) => {
      expectOneProblem(
        problemsAfter((e) => (e.application.image = image)),
        "application.image",
        image,
        /older than Metabase v0\.58\.0, the first release with MB_DB_AWS_IAM/,
        /v0\.63\.19/,
      );
    },
  );

  test.each(["metabase/metabase:v0.58.0", "metabase/metabase-enterprise:v1.64.1.5", `metabase/metabase@sha256:${"a".repeat(64)}`])(
    "an image %s with IAM login (or a digest) is accepted",
    (image) => {
      expect(problemsAfter((e) => (e.application.image = image))).toEqual([]);
    },
  );

  test("the application user may not be the master user", () => {
    expectOneProblem(
      problemsAfter((e) => (e.application.dbUser = "dbadmin")),
      "application.dbUser",
      "dbadmin",
      /is the master user/,
      /its own user/,
    );
  });

  test("an empty load balancer allow-list", () => {
    expectOneProblem(
      problemsAfter((e) => (e.application.loadBalancerSourceCidrs = [])),
      "application.loadBalancerSourceCidrs",
      [],
      /is empty/,
      /list who may reach Metabase/,
    );
  });
});

describe("state backend", () => {
  test("an S3 backend without a bucket", () => {
    expectOneProblem(
      problemsAfter((e) => (e.backend = { type: "s3", keyPrefix: "secure-eks-rds", region: "eu-west-1" })),
      "backend.bucket",
      undefined,
      /is missing/,
      /add it \(a string\)/,
    );
  });

  test("an HCP Terraform backend without an organization", () => {
    expectOneProblem(
      problemsAfter((e) => (e.backend = { type: "hcp", workspacePrefix: "secure-eks-rds" })),
      "backend.organization",
      undefined,
      /is missing/,
      /add it/,
    );
  });

  test("an unknown backend type", () => {
    expectOneProblem(
      problemsAfter((e) => (e.backend = { type: "consul" })),
      "backend.type",
      "consul",
      /has no valid "type"/,
      /"local", "s3" or "hcp"/,
    );
  });

  test("an unencrypted S3 backend", () => {
    expectOneProblem(
      problemsAfter((e) => (e.backend = { type: "s3", bucket: "acme-state", keyPrefix: "x", region: "eu-west-1", encrypt: false })),
      "backend.encrypt",
      false,
      /must be true: state holds secrets/,
      /set encrypt to true/,
    );
  });

  test("a complete S3 backend is accepted", () => {
    expect(
      problemsAfter((e) => (e.backend = { type: "s3", bucket: "acme-state", keyPrefix: "secure-eks-rds", region: "eu-west-1" })),
    ).toEqual([]);
  });
});

test("a file with only the load balancer allow-list is an article-shaped environment built from the defaults", () => {
  const result = parseEnvironment({ application: { loadBalancerSourceCidrs: ["198.51.100.0/24"] } });
  expect("config" in result && result.config).toMatchObject({
    region: "eu-west-1",
    network: { vpcCidr: "10.0.0.0/16", privateEksSubnetCidrs: ["10.0.0.0/23", "10.0.2.0/23"] },
    application: { namespace: "metabase", serviceAccount: "metabase", dbUser: "metabase" },
    database: { port: 5432 },
  });
});

test("an empty file is refused: who may reach Metabase has to be written down", () => {
  const result = parseEnvironment({});
  expect("problems" in result && result.problems).toEqual([
    expect.objectContaining({
      field: "application",
      value: undefined,
      message: expect.stringMatching(/is missing\. Fix: add "application"/),
    }),
  ]);
});
