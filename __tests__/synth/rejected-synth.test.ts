/**
 * A failed synth writes nothing and lists everything: every case runs the whole in-process pipeline of
 * `cdktf synth` (main.ts: load, validate, build, evaluate every security rule, then write) on a fresh
 * environments directory and output directory, and checks that the report names the file (with line and
 * column where the value is), the field, the value, what is wrong and the fix, and that nothing under
 * cdktf.out/stacks and no manifest.json was written.
 */
import * as path from "path";
import { describeValue } from "../../src/config/problems";
import { another, dev, synthesize, type Entry } from "./harness";

interface Expected {
  /** The entry the problem is reported on (a name in the environments directory), or "." for the directory. */
  readonly file: string;
  /** The line carries :line:column. */
  readonly located?: boolean;
  readonly field?: string;
  /** The value as the report shows it. */
  readonly value?: string;
  readonly what: RegExp;
  readonly fix: RegExp;
  /** A security rule id, for findings of the policy layer. */
  readonly rule?: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function lineFor(directory: string, expected: Expected): RegExp {
  const file = expected.file === "." ? directory : path.join(directory, expected.file);
  const at = expected.located ? ":\\d+:\\d+" : "";
  const subject = expected.rule
    ? `\\[${expected.rule}\\] [\\w/.-]+: `
    : expected.field !== undefined
      ? `${escapeRegExp(expected.field)} = ${escapeRegExp(expected.value ?? "(missing)")}: `
      : "";
  return new RegExp(
    `^${escapeRegExp(file)}${at}: ERROR ${subject}(?=.*(?:${expected.what.source})).*\\. Fix: (?=.*(?:${expected.fix.source}))`,
  );
}

type Case = [name: string, entries: Record<string, Entry>, expected: Expected[]];

const field = (name: string, value: string, what: RegExp, fix: RegExp, file = "dev.json"): Expected => ({
  file,
  located: true,
  field: name,
  value,
  what,
  fix,
});

/** An ACM certificate of the dev environment's region (eu-west-1). */
const CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

const CASES: Case[] = [
  // ---- network ----
  [
    "a malformed VPC CIDR",
    { "dev.json": dev((e) => (e.network.vpcCidr = "10.0.0/16")) },
    [field("network.vpcCidr", '"10.0.0/16"', /not an IPv4 CIDR block/, /10\.0\.0\.0\/16/)],
  ],
  [
    "a prefix above 32",
    { "dev.json": dev((e) => (e.network.vpcCidr = "10.0.0.0/33")) },
    [field("network.vpcCidr", '"10.0.0.0/33"', /prefix length above 32/, /write a block like/)],
  ],
  [
    "an octet above 255",
    { "dev.json": dev((e) => (e.network.privateRdsSubnetCidrs[1] = "10.0.300.0/24")) },
    [field("network.privateRdsSubnetCidrs[1]", '"10.0.300.0/24"', /octet above 255/, /write a block like/)],
  ],
  [
    "host bits set",
    { "dev.json": dev((e) => (e.network.vpcCidr = "10.0.0.1/16")) },
    [field("network.vpcCidr", '"10.0.0.1/16"', /host bits set/, /write a block like/)],
  ],
  [
    "a VPC larger than /16",
    { "dev.json": dev((e) => (e.network.vpcCidr = "10.0.0.0/8")) },
    [field("network.vpcCidr", '"10.0.0.0/8"', /\/16 to \/28/, /use a block like/)],
  ],
  [
    "a subnet outside the VPC",
    { "dev.json": dev((e) => (e.network.publicEksSubnetCidrs[0] = "10.1.6.0/23")) },
    [field("network.publicEksSubnetCidrs[0]", '"10.1.6.0/23"', /outside the VPC 10\.0\.0\.0\/16/, /inside network\.vpcCidr/)],
  ],
  [
    "overlapping subnets",
    { "dev.json": dev((e) => (e.network.privateRdsSubnetCidrs[0] = "10.0.2.0/24")) },
    [field("network.privateRdsSubnetCidrs[0]", '"10.0.2.0/24"', /overlaps network\.privateEksSubnetCidrs\[1\]/, /own address range/)],
  ],
  [
    "one subnet for two AZs",
    { "dev.json": dev((e) => e.network.privateEksSubnetCidrs.pop()) },
    [field("network.privateEksSubnetCidrs", '["10.0.0.0/23"]', /1 subnet\(s\) for 2 Availability Zones/, /one subnet per AZ/)],
  ],
  [
    "an unknown NAT layout",
    { "dev.json": dev((e) => (e.network.natGateways = "none")) },
    [field("network.natGateways", '"none"', /Invalid option/, /"per-az", "single"/)],
  ],
  [
    "a subnet list that is not a list",
    { "dev.json": dev((e) => (e.network.privateEksSubnetCidrs = "10.0.0.0/23")) },
    [field("network.privateEksSubnetCidrs", '"10.0.0.0/23"', /is not a list/, /write a list/)],
  ],
  // ---- region and zones ----
  [
    "an unknown region",
    { "dev.json": dev((e) => (e.region = "eu-westeros-1")) },
    [field("region", '"eu-westeros-1"', /not an AWS Region/, /"eu-west-1"/)],
  ],
  [
    "a zone of another region",
    { "dev.json": dev((e) => (e.availabilityZones[1] = "us-east-1b")) },
    [field("availabilityZones[1]", '"us-east-1b"', /not an Availability Zone of region eu-west-1/, /eu-west-1a, eu-west-1b, eu-west-1c/)],
  ],
  [
    "a zone letter the region lacks",
    { "dev.json": dev((e) => (e.availabilityZones[1] = "eu-west-1d")) },
    [field("availabilityZones[1]", '"eu-west-1d"', /not an Availability Zone/, /use one of/)],
  ],
  [
    "a zone listed twice",
    { "dev.json": dev((e) => (e.availabilityZones[1] = "eu-west-1a")) },
    [field("availabilityZones[1]", '"eu-west-1a"', /listed twice/, /distinct Availability Zones/)],
  ],
  [
    "one zone only",
    {
      "dev.json": dev((e) => {
        e.availabilityZones = ["eu-west-1a"];
        for (const t of ["privateEksSubnetCidrs", "publicEksSubnetCidrs", "privateRdsSubnetCidrs"]) e.network[t].pop();
      }),
    },
    [field("availabilityZones", '["eu-west-1a"]', /fewer than 2 Availability Zones/, /list two AZs/)],
  ],
  // ---- cluster ----
  [
    "a Kubernetes version out of standard support",
    { "dev.json": dev((e) => (e.cluster.kubernetesVersion = "1.31")) },
    [
      field(
        "cluster.kubernetesVersion",
        '"1.31"',
        /left EKS standard support on 2025-11-26 \(cluster\.supportType STANDARD\): EKS upgrades the control plane itself/,
        /raise cluster\.kubernetesVersion/,
      ),
    ],
  ],
  [
    "a cluster name with capitals",
    { "dev.json": dev((e) => (e.cluster.name = "EKS-Cluster")) },
    [field("cluster.name", '"EKS-Cluster"', /not a DNS-1123 label/, /eks-cluster-dev/)],
  ],
  [
    "a malformed public endpoint CIDR",
    { "dev.json": dev((e) => (e.cluster.publicEndpointCidrs = ["203.0.113.0"])) },
    [field("cluster.publicEndpointCidrs[0]", '"203.0.113.0"', /not an IPv4 CIDR block/, /203\.0\.113\.0\/24/)],
  ],
  [
    "a malformed thumbprint",
    { "dev.json": dev((e) => (e.cluster.oidcThumbprints = ["ABC"])) },
    [field("cluster.oidcThumbprints[0]", '"ABC"', /not a SHA-1 thumbprint/, /40 lower-case hex digits/)],
  ],
  [
    "a VPC CNI older than v1.7.7",
    { "dev.json": dev((e) => (e.cluster.vpcCniVersion = "v1.7.5-eksbuild.1")) },
    [field("cluster.vpcCniVersion", '"v1.7.5-eksbuild.1"', /older than v1\.7\.7/, /remove the setting/)],
  ],
  [
    "a malformed VPC CNI version",
    { "dev.json": dev((e) => (e.cluster.vpcCniVersion = "1.20")) },
    [field("cluster.vpcCniVersion", '"1.20"', /not a VPC CNI add-on version/, /eksbuild/)],
  ],
  [
    "a log retention CloudWatch does not offer",
    { "dev.json": dev((e) => (e.logRetentionDays = 45)) },
    [field("logRetentionDays", "45", /not a CloudWatch Logs retention period/, /1, 3, 5, 7, 14/)],
  ],
  [
    "a cluster name that makes a role name too long",
    { "dev.json": dev((e) => (e.cluster.name = "a".repeat(43))) },
    [
      field(
        "cluster.name",
        `"${"a".repeat(43)}"`,
        /IAM role name of the bootstrap Job's IRSA role "a{43}-metabase-db-bootstrap" 65 characters long \(IAM allows 64\)/,
        /shorten cluster\.name or application\.serviceAccount/,
      ),
    ],
  ],
  [
    "Kubernetes 1.29 under standard support: past its extended support as well",
    { "dev.json": dev((e) => Object.assign(e.cluster, { kubernetesVersion: "1.29", supportType: "STANDARD" })) },
    [field("cluster.kubernetesVersion", '"1.29"', /left EKS standard support on 2025-03-23/, /raise cluster\.kubernetesVersion/)],
  ],
  [
    "Kubernetes 1.29 under extended support",
    { "dev.json": dev((e) => Object.assign(e.cluster, { kubernetesVersion: "1.29", supportType: "EXTENDED" })) },
    [field("cluster.kubernetesVersion", '"1.29"', /left EKS extended support on 2026-03-23/, /raise cluster\.kubernetesVersion/)],
  ],
  [
    "a cluster name starting with a hyphen",
    { "dev.json": dev((e) => (e.cluster.name = "-eks")) },
    [field("cluster.name", '"-eks"', /not a DNS-1123 label/, /use a name like "/)],
  ],
  // ---- node groups ----
  [
    "t3.medium",
    { "dev.json": dev((e) => (e.nodeGroups.private.instanceTypes = ["t3.medium"])) },
    [field("nodeGroups.private.instanceTypes[0]", '"t3.medium"', /burstable \(t family\)/, /Nitro type that supports trunk ENIs/)],
  ],
  [
    "a Xen-based type",
    { "dev.json": dev((e) => (e.nodeGroups.public = { name: "public-node-group-dev", instanceTypes: ["m4.large"] })) },
    [field("nodeGroups.public.instanceTypes[0]", '"m4.large"', /Xen-based/, /m5\.large/)],
  ],
  [
    "a malformed instance type",
    { "dev.json": dev((e) => (e.nodeGroups.private.instanceTypes = ["m5large"])) },
    [field("nodeGroups.private.instanceTypes[0]", '"m5large"', /not an EC2 instance type name/, /"m5\.large"/)],
  ],
  [
    "no instance type at all",
    { "dev.json": dev((e) => (e.nodeGroups.private.instanceTypes = [])) },
    [field("nodeGroups.private.instanceTypes", "[]", /is empty/, /at least one instance type/)],
  ],
  [
    "mixed architectures",
    { "dev.json": dev((e) => (e.nodeGroups.private.instanceTypes = ["m5.large", "m6g.large"])) },
    [field("nodeGroups.private.instanceTypes", '["m5.large","m6g.large"]', /mixes Graviton/, /one architecture/)],
  ],
  [
    "two groups with one name",
    { "dev.json": dev((e) => (e.nodeGroups.public = { name: e.nodeGroups.private.name })) },
    [field("nodeGroups.public.name", '"private-node-group-dev"', /same as nodeGroups\.private\.name/, /its own name/)],
  ],
  [
    "sizes out of order",
    { "dev.json": dev((e) => (e.nodeGroups.private.desiredSize = 5)) },
    [field("nodeGroups.private.desiredSize", "5", /between minSize \(1\) and maxSize \(3\)/, /minSize <= desiredSize <= maxSize/)],
  ],
  [
    "a negative size",
    { "dev.json": dev((e) => (e.nodeGroups.private.minSize = -1)) },
    [field("nodeGroups.private.minSize", "-1", /must be >=0/, /within that bound/)],
  ],
  [
    "a fractional size",
    { "dev.json": dev((e) => (e.nodeGroups.private.maxSize = 2.5)) },
    [field("nodeGroups.private.maxSize", "2.5", /is not an integer/, /write an integer/)],
  ],
  [
    "a disk below 20 GiB",
    { "dev.json": dev((e) => (e.nodeGroups.private.diskSizeGiB = 8)) },
    [field("nodeGroups.private.diskSizeGiB", "8", /must be >=20/, /within that bound/)],
  ],
  [
    "a node group name that is no DNS label",
    { "dev.json": dev((e) => (e.nodeGroups.private.name = "private_nodes")) },
    [field("nodeGroups.private.name", '"private_nodes"', /not a DNS-1123 label/, /private-node-group/)],
  ],
  [
    "a node group name with capitals and a space",
    { "dev.json": dev((e) => (e.nodeGroups.private.name = "Private Nodes")) },
    [field("nodeGroups.private.name", '"Private Nodes"', /not a DNS-1123 label/, /use a name like "/)],
  ],
  // ---- database ----
  [
    "port 22",
    { "dev.json": dev((e) => (e.database.port = 22)) },
    [field("database.port", "22", /outside the port range RDS allows \(1150-65535\)/, /use 5432/)],
  ],
  [
    "a port written as a string",
    { "dev.json": dev((e) => (e.database.port = "5432")) },
    [field("database.port", '"5432"', /not an integer port/, /use 5432/)],
  ],
  [
    "a port above 65535",
    { "dev.json": dev((e) => (e.database.port = 70000)) },
    [field("database.port", "70000", /outside the port range/, /use 5432/)],
  ],
  [
    "backups kept longer than RDS allows",
    { "dev.json": dev((e) => (e.database.backupRetentionDays = 36)) },
    [field("database.backupRetentionDays", "36", /above the RDS maximum of 35 days/, /7 to 35/)],
  ],
  [
    "autoscaling below the allocated storage",
    { "dev.json": dev((e) => (e.database.maxAllocatedStorageGiB = 50)) },
    [field("database.maxAllocatedStorageGiB", "50", /below allocatedStorageGiB \(100\)/, /at least 110 \(10% above allocatedStorageGiB\)/)],
  ],
  [
    "storage below the gp3 minimum",
    { "dev.json": dev((e) => (e.database.allocatedStorageGiB = 10)) },
    [field("database.allocatedStorageGiB", "10", /below the 20 GiB gp3 minimum/, /20 or more/)],
  ],
  [
    "an invalid instance identifier",
    { "dev.json": dev((e) => (e.database.identifier = "Postgres_DB")) },
    [field("database.identifier", '"Postgres_DB"', /not a valid RDS instance identifier/, /"metabase-dev"/)],
  ],
  [
    "an identifier with a double hyphen",
    { "dev.json": dev((e) => (e.database.identifier = "postgres--dev")) },
    [field("database.identifier", '"postgres--dev"', /not a valid RDS instance identifier/, /"metabase-dev"/)],
  ],
  [
    "PostgreSQL 12",
    { "dev.json": dev((e) => (e.database.engineVersion = "12")) },
    [field("database.engineVersion", '"12"', /not a PostgreSQL major version in RDS standard support/, /14, 15, 16, 17, 18/)],
  ],
  [
    "a malformed instance class",
    { "dev.json": dev((e) => (e.database.instanceClass = "t3.micro")) },
    [field("database.instanceClass", '"t3.micro"', /not an RDS instance class/, /"db\.t4g\.medium"/)],
  ],
  [
    "a master user RDS reserves",
    { "dev.json": dev((e) => (e.database.masterUsername = "rdsadmin")) },
    [field("database.masterUsername", '"rdsadmin"', /is a name RDS reserves/, /dbadmin/)],
  ],
  [
    "a master user starting with a digit",
    { "dev.json": dev((e) => (e.database.masterUsername = "1admin")) },
    [field("database.masterUsername", '"1admin"', /starting with a letter, as RDS requires/, /dbadmin/)],
  ],
  [
    "the application connecting as the master user",
    { "dev.json": dev((e) => (e.application.dbUser = e.database.masterUsername)) },
    [field("application.dbUser", '"dbadmin"', /is the master user/, /its own user/)],
  ],
  [
    "multiAz as a string",
    { "dev.json": dev((e) => (e.database.multiAz = "yes")) },
    [field("database.multiAz", '"yes"', /is not true or false/, /write true or false/)],
  ],
  [
    "a master user longer than 16 characters",
    { "dev.json": dev((e) => (e.database.masterUsername = "administrator_001")) },
    [field("database.masterUsername", '"administrator_001"', /1 to 16 letters, digits or underscores/, /dbadmin/)],
  ],
  [
    "a master user with a hyphen",
    { "dev.json": dev((e) => (e.database.masterUsername = "db-admin")) },
    [field("database.masterUsername", '"db-admin"', /1 to 16 letters, digits or underscores/, /dbadmin/)],
  ],
  [
    "a master user that is a PostgreSQL reserved word",
    { "dev.json": dev((e) => (e.database.masterUsername = "select")) },
    [field("database.masterUsername", '"select"', /reserved word of PostgreSQL \("select"\)/, /dbadmin/)],
  ],
  [
    "admin as the master user, in any case",
    { "dev.json": dev((e) => (e.database.masterUsername = "Admin")) },
    [field("database.masterUsername", '"Admin"', /is a name RDS reserves \("admin"\)/, /dbadmin/)],
  ],
  [
    "a master user starting with pg_",
    { "dev.json": dev((e) => (e.database.masterUsername = "pg_owner")) },
    [field("database.masterUsername", '"pg_owner"', /starts with "pg_"/, /dbadmin/)],
  ],
  [
    "an instance size that does not exist",
    { "dev.json": dev((e) => (e.nodeGroups.private.instanceTypes = ["m5.larg"])) },
    [
      field(
        "nodeGroups.private.instanceTypes[0]",
        '"m5.larg"',
        /family m5 has no size "larg" \(did you mean m5\.large\?\)/,
        /existing type/,
      ),
    ],
  ],
  [
    "an instance family that does not exist",
    { "dev.json": dev((e) => (e.nodeGroups.private.instanceTypes = ["zz9.mega"])) },
    [field("nodeGroups.private.instanceTypes[0]", '"zz9.mega"', /there is no family "zz9"/, /existing type/)],
  ],
  [
    "an instance type no longer sold",
    { "dev.json": dev((e) => (e.nodeGroups.public = { name: "public-node-group-dev", instanceTypes: ["u-9tb1.112xlarge"] })) },
    [field("nodeGroups.public.instanceTypes[0]", '"u-9tb1.112xlarge"', /can no longer be launched/, /existing type/)],
  ],
  [
    "a DB instance size that does not exist",
    { "dev.json": dev((e) => (e.database.instanceClass = "db.t3.micor")) },
    [field("database.instanceClass", '"db.t3.micor"', /db\.t3 has no size "micor"/, /runs RDS for PostgreSQL/)],
  ],
  [
    "a DB instance family that does not exist",
    { "dev.json": dev((e) => (e.database.instanceClass = "db.zz9.mega")) },
    [field("database.instanceClass", '"db.zz9.mega"', /there is no family db\.zz9/, /runs RDS for PostgreSQL/)],
  ],
  [
    "a DB class that does not run PostgreSQL",
    { "dev.json": dev((e) => (e.database.instanceClass = "db.m8i.large")) },
    [field("database.instanceClass", '"db.m8i.large"', /does not run RDS for PostgreSQL/, /runs RDS for PostgreSQL/)],
  ],
  [
    "a deprecated DB class",
    { "dev.json": dev((e) => (e.database.instanceClass = "db.m4.large")) },
    [field("database.instanceClass", '"db.m4.large"', /is deprecated for RDS for PostgreSQL/, /runs RDS for PostgreSQL/)],
  ],
  [
    "a DB class for Multi-AZ DB clusters only",
    { "dev.json": dev((e) => (e.database.instanceClass = "db.c6gd.large")) },
    [field("database.instanceClass", '"db.c6gd.large"', /runs only as a Multi-AZ DB cluster/, /runs RDS for PostgreSQL/)],
  ],
  [
    "a DB class documented for older majors only",
    { "dev.json": dev((e) => (e.database.instanceClass = "db.x2idn.16xlarge")) },
    [
      field(
        "database.instanceClass",
        '"db.x2idn.16xlarge"',
        /documented for PostgreSQL 13, 14, 15 only/,
        /choose another class or engineVersion/,
      ),
    ],
  ],
  ["a fractional port", { "dev.json": dev((e) => (e.database.port = 5432.5)) }, [field("database.port", "5432.5", /./, /use 5432/)]],
  // ---- application ----
  [
    "an application user RDS reserves",
    { "dev.json": dev((e) => (e.application.dbUser = "pg_reader")) },
    [field("application.dbUser", '"pg_reader"', /starts with "pg_", which PostgreSQL reserves for its own roles/, /"metabase"/)],
  ],
  [
    "a database name with capitals",
    { "dev.json": dev((e) => (e.application.databaseName = "Metabase")) },
    [field("application.databaseName", '"Metabase"', /not a plain PostgreSQL identifier/, /"metabase"/)],
  ],
  [
    "a namespace that is no DNS label",
    { "dev.json": dev((e) => (e.application.namespace = "Metabase")) },
    [field("application.namespace", '"Metabase"', /not a DNS-1123 label/, /"metabase"/)],
  ],
  [
    "a service account with an underscore",
    { "dev.json": dev((e) => (e.application.serviceAccount = "meta_base")) },
    [field("application.serviceAccount", '"meta_base"', /not a DNS-1123 label/, /"metabase"/)],
  ],
  [
    "an untagged image",
    { "dev.json": dev((e) => (e.application.image = "metabase/metabase")) },
    [field("application.image", '"metabase/metabase"', /not pinned/, /pin a version tag or a digest/)],
  ],
  [
    "the latest tag",
    { "dev.json": dev((e) => (e.application.image = "metabase/metabase:latest")) },
    [field("application.image", '"metabase/metabase:latest"', /not pinned/, /pin a version tag/)],
  ],
  [
    "a Metabase without IAM login",
    { "dev.json": dev((e) => (e.application.image = "metabase/metabase:v0.50.3")) },
    [field("application.image", '"metabase/metabase:v0.50.3"', /older than Metabase v0\.58\.0/, /v0\.63\.19/)],
  ],
  [
    "a malformed image reference",
    { "dev.json": dev((e) => (e.application.image = "metabase metabase")) },
    [field("application.image", '"metabase metabase"', /not an image reference/, /metabase\/metabase:v0\.63\.19/)],
  ],
  [
    "no replica",
    { "dev.json": dev((e) => (e.application.replicas = 0)) },
    [field("application.replicas", "0", /must be >=1/, /within that bound/)],
  ],
  [
    "half a replica",
    { "dev.json": dev((e) => (e.application.replicas = 1.5)) },
    [field("application.replicas", "1.5", /is not an integer/, /write an integer/)],
  ],
  [
    "a service port above 65535",
    { "dev.json": dev((e) => (e.application.servicePort = 70000)) },
    [field("application.servicePort", "70000", /must be <=65535/, /within that bound/)],
  ],
  [
    "no load balancer allow-list",
    { "dev.json": dev((e) => delete e.application.loadBalancerSourceCidrs) },
    [field("application.loadBalancerSourceCidrs", "(missing)", /is missing/, /list who may reach Metabase/)],
  ],
  [
    "an empty load balancer allow-list",
    { "dev.json": dev((e) => (e.application.loadBalancerSourceCidrs = [])) },
    [field("application.loadBalancerSourceCidrs", "[]", /is empty/, /list who may reach Metabase/)],
  ],
  [
    "a malformed allow-list entry",
    { "dev.json": dev((e) => (e.application.loadBalancerSourceCidrs = ["everyone"])) },
    [field("application.loadBalancerSourceCidrs[0]", '"everyone"', /not an IPv4 CIDR block/, /203\.0\.113\.0\/24/)],
  ],
  [
    "no application section",
    { "dev.json": dev((e) => delete e.application) },
    [{ file: "dev.json", located: true, field: "application", what: /is missing/, fix: /loadBalancerSourceCidrs/ }],
  ],
  [
    "a system namespace",
    { "dev.json": dev((e) => (e.application.namespace = "kube-system")) },
    [field("application.namespace", '"kube-system"', /a namespace Kubernetes creates for itself/, /a namespace of its own/)],
  ],
  [
    "the default namespace",
    { "dev.json": dev((e) => (e.application.namespace = "default")) },
    [field("application.namespace", '"default"', /a namespace Kubernetes creates for itself/, /a namespace of its own/)],
  ],
  [
    "the latest tag in capitals",
    { "dev.json": dev((e) => (e.application.image = "metabase/metabase:LATEST")) },
    [field("application.image", '"metabase/metabase:LATEST"', /not pinned/, /pin a version tag/)],
  ],
  [
    "a certificate of another region",
    {
      "dev.json": dev(
        (e) => (e.application.tls = { certificateArn: CERT.replace("eu-west-1", "us-east-1"), hostname: "metabase.example.com" }),
      ),
    },
    [
      {
        file: "dev.json",
        located: true,
        field: "application.tls.certificateArn",
        value: describeValue({ value: CERT.replace("eu-west-1", "us-east-1") }),
        what: /certificate of us-east-1, but the load balancer is in eu-west-1/,
        fix: /request or import the certificate in ACM in eu-west-1/,
      },
    ],
  ],
  [
    "a certificate ARN that is not ACM's",
    {
      "dev.json": dev(
        (e) =>
          (e.application.tls = {
            certificateArn: "arn:aws:iam::111122223333:server-certificate/metabase",
            hostname: "metabase.example.com",
          }),
      ),
    },
    [
      field(
        "application.tls.certificateArn",
        '"arn:aws:iam::111122223333:server-certificate/metabase"',
        /not an ACM certificate ARN/,
        /copy it from ACM/,
      ),
    ],
  ],
  [
    "a URL where the host name belongs",
    { "dev.json": dev((e) => (e.application.tls = { certificateArn: CERT, hostname: "https://metabase.example.com" })) },
    [field("application.tls.hostname", '"https://metabase.example.com"', /not a DNS name/, /MB_SITE_URL/)],
  ],
  [
    "an exposure that does not exist",
    { "dev.json": dev((e) => (e.application.exposure = "public")) },
    [field("application.exposure", '"public"', /not an exposure/, /"internal" \(private subnets\) or "internet"/)],
  ],
  [
    "the log retention where it used to be",
    { "dev.json": dev((e) => (e.cluster.logRetentionDays = 90)) },
    [field("cluster.logRetentionDays", "90", /moved to the top level/, /"logRetentionDays": <days> next to "region"/)],
  ],
  [
    "no node to run the application on",
    {
      "dev.json": dev((e) => {
        e.nodeGroups.private.minSize = 0;
        e.nodeGroups.private.desiredSize = 0;
      }),
    },
    [field("nodeGroups.private.desiredSize", "0", /with no node: the deploy waits for Metabase's rollout/, /desiredSize 1/)],
  ],
  [
    "a link-local VPC",
    { "dev.json": dev((e) => (e.network.vpcCidr = "169.254.0.0/16")) },
    [field("network.vpcCidr", '"169.254.0.0/16"', /overlaps 169\.254\.0\.0\/16, link-local addresses/, /10\.0\.0\.0\/16/)],
  ],
  [
    "a multicast VPC",
    { "dev.json": dev((e) => (e.network.vpcCidr = "224.1.0.0/16")) },
    [field("network.vpcCidr", '"224.1.0.0/16"', /overlaps 224\.0\.0\.0\/4, multicast addresses/, /10\.0\.0\.0\/16/)],
  ],
  [
    "state inside cdktf.out",
    { "dev.json": dev((e) => (e.backend = { type: "local", directory: "cdktf.out/state" })) },
    [field("backend.directory", '"cdktf.out/state"', /inside cdktf's output directory/, /outside it/)],
  ],
  [
    "state at the root of the file system",
    { "dev.json": dev((e) => (e.backend = { type: "local", directory: "/" })) },
    [field("backend.directory", '"/"', /the root of the file system/, /directory of its own/)],
  ],
  [
    "a service account name with an underscore",
    { "dev.json": dev((e) => (e.application.serviceAccount = "metabase_sa")) },
    [field("application.serviceAccount", '"metabase_sa"', /not a DNS-1123 label/, /use a name like "/)],
  ],
  [
    "a database user with SQL in it",
    { "dev.json": dev((e) => (e.application.dbUser = "metabase; DROP ROLE dbadmin")) },
    [field("application.dbUser", '"metabase; DROP ROLE dbadmin"', /not a plain PostgreSQL identifier/, /"metabase"/)],
  ],
  [
    "an Enterprise image older than IAM login to the application database",
    { "dev.json": dev((e) => (e.application.image = "metabase/metabase-enterprise:v1.50.0")) },
    [field("application.image", '"metabase/metabase-enterprise:v1.50.0"', /older than Metabase v0\.58\.0/, /v0\.63\.19/)],
  ],
  // ---- tags, on every resource ----
  [
    "a tag key over 128 characters",
    { "dev.json": dev((e) => (e.tags["k".repeat(129)] = "v")) },
    [
      {
        file: "dev.json",
        located: true,
        field: "tags",
        value: describeValue({ value: "k".repeat(129) }),
        what: /tag key is 129 characters long; AWS tag keys have 1 to 128/,
        fix: /keys like "cost-center"/,
      },
    ],
  ],
  [
    "a tag value over 256 characters",
    { "dev.json": dev((e) => (e.tags.team = "v".repeat(257))) },
    [
      {
        file: "dev.json",
        located: true,
        field: "tags.team",
        value: describeValue({ value: "v".repeat(257) }),
        what: /is 257 characters long; AWS tag values have at most 256/,
        fix: /shorten it/,
      },
    ],
  ],
  [
    "an aws: tag key",
    { "dev.json": dev((e) => (e.tags["AWS:team"] = "bi")) },
    [field("tags", '"AWS:team"', /tag key starts with aws:/, /keys like/)],
  ],
  [
    "an aws: tag value",
    { "dev.json": dev((e) => (e.tags.team = "aws:bi")) },
    [field("tags.team", '"aws:bi"', /starts with aws:, which IAM refuses in tag values/, /shorten it, or use only the allowed characters/)],
  ],
  [
    "a character tags do not allow",
    { "dev.json": dev((e) => (e.tags.team = "bi$team")) },
    [field("tags.team", '"bi$team"', /characters AWS does not allow in tags/, /allowed characters/)],
  ],
  [
    "a tag key differing from the project's only in case",
    { "dev.json": dev((e) => (e.tags.Environment = "dev")) },
    [field("tags.Environment", '"dev"', /differs from the project's own "environment" tag only in case/, /one spelling/)],
  ],
  [
    "two tag keys differing only in case",
    {
      "dev.json": dev((e) => {
        e.tags.team = "a";
        e.tags.Team = "b";
      }),
    },
    [field("tags.Team", '"b"', /differs from the tag "team" only in case/, /one spelling/)],
  ],
  [
    "more tags than a resource can carry",
    {
      "dev.json": dev((e) => {
        for (let i = 0; i < 44; i++) e.tags[`t${i}`] = "x";
      }),
    },
    [
      {
        file: "dev.json",
        located: true,
        field: "tags",
        value: describeValue({
          value: Object.fromEntries([...Object.entries(dev().tags), ...Array.from({ length: 44 }, (_, i) => [`t${i}`, "x"])]),
        }),
        what: /has 46 tags/,
        fix: /keep at most 45/,
      },
    ],
  ],
  // ---- unknown keys and types ----
  [
    "an unknown top-level key",
    { "dev.json": dev((e) => (e.regoin = "eu-west-1")) },
    [field("regoin", '"eu-west-1"', /not a known setting/, /allowed here: .*region/)],
  ],
  [
    "a misspelt nested key",
    { "dev.json": dev((e) => (e.network.vpcCIDR = "10.0.0.0/16")) },
    [field("network.vpcCIDR", '"10.0.0.0/16"', /not a known setting/, /vpcCidr/)],
  ],
  [
    "a tag value that is a number",
    { "dev.json": dev((e) => (e.tags.cost = 42)) },
    [field("tags.cost", "42", /is not a string/, /write a string/)],
  ],
  [
    "production as a string",
    { "dev.json": dev((e) => (e.production = "yes")) },
    [field("production", '"yes"', /is not true or false/, /write true or false/)],
  ],
  [
    "a list where an object belongs",
    { "dev.json": dev((e) => (e.network = [])) },
    [field("network", "[]", /is not an object/, /write an object/)],
  ],
  // ---- backends ----
  [
    "a backend without a type",
    { "dev.json": dev((e) => (e.backend = { directory: "state" })) },
    [field("backend.type", "(missing)", /has no valid "type"/, /"local", "s3" or "hcp"/)],
  ],
  [
    "an unknown backend type",
    { "dev.json": dev((e) => (e.backend = { type: "gcs" })) },
    [field("backend.type", '"gcs"', /has no valid "type"/, /"local", "s3" or "hcp"/)],
  ],
  [
    "an S3 backend without a bucket",
    { "dev.json": dev((e) => (e.backend = { type: "s3", keyPrefix: "k", region: "eu-west-1" })) },
    [field("backend.bucket", "(missing)", /is missing/, /a string/)],
  ],
  [
    "an invalid bucket name",
    { "dev.json": dev((e) => (e.backend = { type: "s3", bucket: "Bad_Bucket", keyPrefix: "k", region: "eu-west-1" })) },
    [field("backend.bucket", '"Bad_Bucket"', /not a valid S3 bucket name/, /acme-terraform-state/)],
  ],
  [
    "unencrypted state",
    { "dev.json": dev((e) => (e.backend = { type: "s3", bucket: "acme-state", keyPrefix: "k", region: "eu-west-1", encrypt: false })) },
    [field("backend.encrypt", "false", /must be true: state holds secrets/, /set encrypt to true/)],
  ],
  [
    "a state bucket in an unknown region",
    { "dev.json": dev((e) => (e.backend = { type: "s3", bucket: "acme-state", keyPrefix: "k", region: "mars-1" })) },
    [field("backend.region", '"mars-1"', /not an AWS Region/, /Region of the state bucket/)],
  ],
  [
    "an invalid workspace prefix",
    { "dev.json": dev((e) => (e.backend = { type: "hcp", organization: "acme", workspacePrefix: "secure eks" })) },
    [field("backend.workspacePrefix", '"secure eks"', /not a valid workspace name prefix/, /letters, digits/)],
  ],
  [
    "an empty HCP organization",
    { "dev.json": dev((e) => (e.backend = { type: "hcp", organization: "", workspacePrefix: "p" })) },
    [field("backend.organization", '""', /is empty/, /organization name/)],
  ],
  // ---- names unique in the account, region, organization, bucket ----
  [
    "a service account named like the node role",
    { "dev.json": dev((e) => (e.application.serviceAccount = "nodes")) },
    [
      field(
        "application.serviceAccount",
        '"nodes"',
        /gives the application's IRSA role the name of the node role: IAM role "eks-cluster-dev-nodes"/,
        /choose another application\.serviceAccount/,
      ),
    ],
  ],
  [
    "one cluster name in two regions",
    {
      "dev.json": dev(),
      "prod.json": dev((e) => {
        e.region = "eu-central-1";
        e.availabilityZones = ["eu-central-1a", "eu-central-1b"];
        e.database.identifier = "postgresql-prod";
      }),
    },
    [
      field(
        "cluster.name",
        '"eks-cluster-dev"',
        /clashes with .*dev\.json: both would create IAM role "eks-cluster-dev-cluster".*\(unique per account, in every region, ignoring case\)/,
        /its own cluster\.name/,
        "prod.json",
      ),
    ],
  ],
  [
    "IAM role names that differ only in case",
    { "dev.json": dev(), "qa.json": another("qa", (e) => (e.cluster.name = "eks-cluster-dev")) },
    [field("cluster.name", '"eks-cluster-dev"', /clashes with/, /its own cluster\.name/, "qa.json")],
  ],
  [
    "one database identifier in one region",
    { "dev.json": dev(), "qa.json": another("qa", (e) => (e.database.identifier = "postgresql-dev")) },
    [
      field(
        "database.identifier",
        '"postgresql-dev"',
        /RDS DB instance "postgresql-dev".*\(unique per account in eu-west-1\)/,
        /its own database\.identifier/,
        "qa.json",
      ),
    ],
  ],
  [
    "one HCP workspace for two stacks",
    {
      "a.json": another("a", (e) => (e.backend = { type: "hcp", organization: "acme", workspacePrefix: "x-b" })),
      "b-a.json": another("b", (e) => (e.backend = { type: "hcp", organization: "acme", workspacePrefix: "x" })),
    },
    [field("backend.workspacePrefix", '"x"', /workspace "x-b-a-platform"/, /its own backend\.workspacePrefix/, "b-a.json")],
  ],
  // ---- the file itself ----
  [
    "a trailing comma",
    { "dev.json": '{\n  "region": "eu-west-1",\n}\n' },
    [{ file: "dev.json", located: true, what: /the file is not valid JSON: unexpected "}"/, fix: /remove the trailing comma/ }],
  ],
  [
    "a comment",
    { "dev.json": '{\n  // dev\n  "region": "eu-west-1"\n}\n' },
    [{ file: "dev.json", located: true, what: /not valid JSON: unexpected character '\/'/, fix: /JSON has no comments/ }],
  ],
  [
    "a truncated file",
    { "dev.json": '{ "region": ' },
    [{ file: "dev.json", located: true, what: /unexpected end of input/, fix: /close every \{ and \[/ }],
  ],
  ["an empty file", { "dev.json": "" }, [{ file: "dev.json", located: true, what: /unexpected end of input/, fix: /close every/ }]],
  [
    "a duplicate key",
    { "dev.json": '{\n  "database": { "deletionProtection": true,\n    "deletionProtection": false }\n}\n' },
    [{ file: "dev.json", located: true, what: /the key "database\.deletionProtection" twice, on lines 2 and 3/, fix: /keep one of them/ }],
  ],
  [
    "a number beyond double precision",
    { "dev.json": JSON.stringify(dev()).replace('"replicas":1', '"replicas":1e309') },
    [field("application.replicas", "1e309", /is beyond what a number can hold/, /in range/)],
  ],
  [
    "a UTF-8 byte order mark",
    { "dev.json": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(dev()))]) },
    [{ file: "dev.json", what: /starts with a UTF-8 byte order mark/, fix: /UTF-8 without a byte order mark/ }],
  ],
  [
    "UTF-16",
    { "dev.json": Buffer.from(`\ufeff${JSON.stringify(dev())}`, "utf16le") },
    [{ file: "dev.json", what: /is encoded as UTF-16 or UTF-32/, fix: /UTF-8/ }],
  ],
  [
    "bytes that are not UTF-8",
    { "dev.json": Buffer.from(JSON.stringify(dev()).replace('"project":"secure-eks-rds"', '"project":"secure\u00ffeks"'), "latin1") },
    [{ file: "dev.json", located: true, what: /bytes that are not UTF-8 \(byte 0xff/, fix: /UTF-8/ }],
  ],
  [
    "a list instead of an object",
    { "dev.json": "[]" },
    [{ file: "dev.json", located: true, field: "(top level)", value: "[]", what: /is not an object/, fix: /write an object/ }],
  ],
  // ---- the directory's entries ----
  [
    "a file name that is no DNS label",
    { "Dev.json": dev() },
    [{ file: "Dev.json", what: /the file name "Dev" is not a DNS-1123 label/, fix: /rename the file/ }],
  ],
  [
    "a file name longer than 40 characters",
    { [`${"a".repeat(41)}.json`]: dev() },
    [{ file: `${"a".repeat(41)}.json`, what: /at most 40 characters/, fix: /rename the file/ }],
  ],
  [
    "an upper-case extension",
    { "dev.json": dev(), "staging.JSON": another("staging") },
    [{ file: "staging.JSON", what: /ends in "\.JSON", so it is not read/, fix: /rename it to staging\.json/ }],
  ],
  [
    "a YAML environment",
    { "dev.json": dev(), "prod.yaml": "region: eu-west-1\n" },
    [{ file: "prod.yaml", what: /is YAML; environment files are JSON/, fix: /write it as prod\.json/ }],
  ],
  [
    "a directory named like a file",
    { "dev.json": dev(), "x.json": { directory: true } },
    [{ file: "x.json", what: /is a directory, not an environment file/, fix: /rename it/ }],
  ],
  [
    "a dangling symbolic link",
    { "dev.json": dev(), "qa.json": { symlinkTo: "missing.json" } },
    [{ file: "qa.json", what: /symbolic link to missing\.json, which does not exist/, fix: /point the link/ }],
  ],
  [
    "no environment at all",
    { "README.md": "notes" },
    [{ file: ".", what: /holds no <name>\.json file/, fix: /copy environments\/dev\.json/ }],
  ],
  // ---- security rules: synth builds everything, then refuses to write ----
  [
    "three days of backups",
    { "dev.json": dev((e) => (e.database.backupRetentionDays = 3)) },
    [{ file: "dev.json", rule: "AWS-03", what: /keeps backups for 3 days/, fix: /backup_retention_period to 7-35/ }],
  ],
  [
    "a public API endpoint for everyone",
    { "dev.json": dev((e) => (e.cluster.publicEndpointCidrs = ["0.0.0.0/0"])) },
    [{ file: "dev.json", rule: "AWS-09", what: /0\.0\.0\.0\/0/, fix: /./ }],
  ],
  [
    "production without deletion protection",
    {
      "dev.json": dev((e) => {
        e.production = true;
        e.database.deletionProtection = false;
      }),
    },
    [{ file: "dev.json", rule: "AWS-04", what: /deletion protection|deletion_protection/, fix: /./ }],
  ],
];

describe.each(CASES)("%s", (_name, entries, expectations) => {
  const outcome = synthesize(entries);

  test("is rejected, and nothing is written", () => {
    expect(outcome.rejected).toBe(expectations.length > 0);
    if (outcome.rejected) expect(outcome.written).toEqual([]);
  });

  test.each(expectations.map((e) => [e.field ?? e.rule ?? e.what.source, e] as const))(
    "names the file, the field, the value and the fix: %s",
    (_label, expected) => {
      expect(outcome.lines).toContainEqual(expect.stringMatching(lineFor(outcome.directory, expected)));
    },
  );

  test("ends with how many errors, in how many files", () => {
    if (!outcome.rejected) return;
    const errors = outcome.lines.filter((line) => / ERROR /.test(line)).length;
    expect(outcome.lines[outcome.lines.length - 1]).toMatch(new RegExp(`^No stack was synthesized: ${errors} errors? in \\d+ files? \\(`));
  });
});

test("the cases are distinct and at least 80", () => {
  expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
  expect(CASES.filter(([, , expected]) => expected.length > 0).length).toBeGreaterThanOrEqual(80);
});

describe("every problem of every file, in one run", () => {
  test("a schema error does not hide the cross-field problems of the same file", () => {
    const outcome = synthesize({
      "dev.json": dev((e) => {
        e.database.port = 22;
        e.network.privateRdsSubnetCidrs[0] = "10.0.2.0/24";
        e.availabilityZones[1] = "us-east-1b";
      }),
    });
    const errors = outcome.lines.filter((line) => / ERROR /.test(line));
    // In the file's own order.
    expect(errors).toEqual([
      expect.stringContaining('ERROR availabilityZones[1] = "us-east-1b": is not an Availability Zone of region eu-west-1'),
      expect.stringContaining('ERROR network.privateRdsSubnetCidrs[0] = "10.0.2.0/24": overlaps network.privateEksSubnetCidrs[1]'),
      expect.stringContaining("ERROR database.port = 22: is outside the port range"),
    ]);
    expect(outcome.lines[outcome.lines.length - 1]).toMatch(/^No stack was synthesized: 3 errors in 1 file/);
  });

  test("a refused field is not reported again by the checks that read it (a bad region, not its zones)", () => {
    const outcome = synthesize({ "dev.json": dev((e) => (e.region = "eu-westeros-1")) });
    expect(outcome.lines.filter((line) => / ERROR /.test(line))).toEqual([expect.stringContaining('ERROR region = "eu-westeros-1"')]);
  });

  test("one message per fact: a 101-character cluster name gets one error, with the limit", () => {
    const outcome = synthesize({ "dev.json": dev((e) => (e.cluster.name = "a".repeat(101))) });
    expect(outcome.lines.filter((line) => / ERROR /.test(line))).toEqual([
      expect.stringMatching(/ERROR cluster\.name = "a{40}"\.\.\. \(101 characters\): is longer than 63 characters\. Fix: /),
    ]);
  });

  test("broken files do not hide the problems of the others, nor clashes with them", () => {
    const outcome = synthesize({
      "a.json": "{",
      "dev.json": dev((e) => (e.database.port = 22)),
      "qa.json": dev((e) => (e.database.identifier = "postgresql-qa")),
    });
    expect(outcome.lines.filter((line) => / ERROR /.test(line)).map((line) => path.basename(line.split(":")[0]))).toEqual([
      "a.json",
      "dev.json",
      "qa.json",
    ]);
    expect(outcome.lines[outcome.lines.length - 1]).toMatch(/3 errors in 3 files/);
  });
});

describe("entries that are not environments but are no mistake: a warning, and synth goes on", () => {
  test.each([
    ["dev.json.bak", "dev.json.bak", /looks like a backup or editor file; it is ignored/],
    ["a subdirectory", "archive", /is a subdirectory; environments are only read from the directory itself/],
    ["notes", "README.md", /is not an environment file \(<name>\.json\); it is ignored/],
  ])("%s", (_name, entry, message) => {
    const outcome = synthesize({ "dev.json": dev(), [entry]: entry === "archive" ? { directory: true } : "{}" });
    expect(outcome.rejected).toBe(false);
    expect(outcome.lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${escapeRegExp(path.join(outcome.directory, entry))}: WARNING ${message.source}.*Fix: `)),
    );
    expect(outcome.written).toEqual(
      ["manifest.json", ...["platform", "retained", "workload"].map((stack) => path.join("stacks", `dev-${stack}`, "cdk.tf.json"))].sort(),
    );
  });
});

describe("what AWS may refuse, but the project cannot know: a warning that says how to check, and synth goes on", () => {
  test.each([
    [
      "an opt-in region",
      dev((e) => {
        e.region = "af-south-1";
        e.availabilityZones = ["af-south-1a", "af-south-1b"];
      }),
      /region = "af-south-1": is an opt-in Region: it is disabled in an AWS account until someone enables it.*Fix: enable it \(aws account enable-region --region-name af-south-1\)/,
    ],
    [
      "PostgreSQL 18 on a class whose documented list stops at 17",
      dev((e) => (e.database.engineVersion = "18")),
      /database\.instanceClass = "db\.t3\.micro": is documented for PostgreSQL .*17 only .*not 18; the documentation is behind .*describe-orderable-db-instance-options.*Fix: confirm the class is orderable/,
    ],
  ])("%s", (_name, environment, warning) => {
    const outcome = synthesize({ "dev.json": environment });
    expect(outcome.rejected).toBe(false);
    expect(outcome.lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${escapeRegExp(path.join(outcome.directory, "dev.json"))}:\\d+:\\d+: WARNING ${warning.source}`)),
    );
    expect(outcome.written).toContain("manifest.json");
  });
});
