/** Families 4 and 9 of issue 18: names Kubernetes refuses, and clashes blamed on the setting that fixes them. */
import { MetabaseWorkload } from "../../../src/k8s/metabase-workload";
import { bareStack, blocksOf, configOf, validationErrors } from "../../constructs/helpers";
import { LITERAL_CONTRACT } from "../../workload/helpers/workload-props";
import type { Entry } from "../../synth/harness";
import { devText, load, synthesized, type Case } from "./harness";

const SA = '"serviceAccount": "metabase"';
const at = (value: string, rest: string) => `<dir>/dev.json:52:23: ERROR application.serviceAccount = ${JSON.stringify(value)}: ${rest}`;
const withSa = (name: string) => ({ "dev.json": devText(SA, `"serviceAccount": ${JSON.stringify(name)}`) });
const a = (n: number) => "a".repeat(n);

const CASES: Case[] = [
  [
    "a service account starting with a digit (it names the Service)",
    withSa("1metabase"),
    [
      at(
        "1metabase",
        'starts with a digit, but it also names the Service, and a Service name must start with a letter (RFC 1035 label). Fix: use a name like "metabase"',
      ),
    ],
  ],
  [
    "a service account that is a digit",
    withSa("0"),
    [
      at(
        "0",
        'starts with a digit, but it also names the Service, and a Service name must start with a letter (RFC 1035 label). Fix: use a name like "metabase"',
      ),
    ],
  ],
  [
    "41 characters: the Job's name is 63",
    { "dev.json": devText(SA, `"serviceAccount": "${a(41)}"`).replace('"name": "eks-cluster-dev"', '"name": "eks"') },
    [],
  ],
  [
    "42 characters: the Job's name would be 64",
    withSa(a(42)),
    [
      at(
        a(42),
        `makes the bootstrap Job's name "${a(42)}-db-bootstrap-<8 hex>" 64 characters long; the Job's name is also its pods' job-name label, which Kubernetes limits to 63. Fix: shorten it to at most 41 characters (the Job adds "-db-bootstrap-" and 8 hex digits)`,
      ),
    ],
  ],
  [
    "64 characters: one message, the label's limit",
    withSa(a(64)),
    [
      `<dir>/dev.json:52:23: ERROR application.serviceAccount = "${a(40)}"... (64 characters): is longer than 63 characters. Fix: shorten it, e.g. "metabase"`,
    ],
  ],
  [
    "capitals: one message, the DNS-1123 rule",
    withSa("Metabase"),
    [
      at(
        "Metabase",
        `is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit). Fix: use a name like "metabase"`,
      ),
    ],
  ],
];

// Family 7: PostgreSQL names the bootstrap cannot create or own (lists measured in __tests__/workload/postgres-names.test.ts).
const withApp = (field: "dbUser" | "databaseName", value: string) => ({
  "dev.json": devText(`"${field}": "metabase"`, `"${field}": ${JSON.stringify(value)}`),
});
const pg = (field: "dbUser" | "databaseName", value: string, rest: string) =>
  `<dir>/dev.json:${field === "dbUser" ? "53:15" : "54:21"}: ERROR application.${field} = ${JSON.stringify(value)}: ${rest}. Fix: use an application-specific name like "metabase"`;
CASES.push(
  [
    "dbUser none",
    withApp("dbUser", "none"),
    [pg("dbUser", "none", 'is a role name PostgreSQL reserves ("role name \\"none\\" is reserved")')],
  ],
  [
    "dbUser public",
    withApp("dbUser", "public"),
    [pg("dbUser", "public", 'is a role name PostgreSQL reserves ("role name \\"public\\" is reserved")')],
  ],
  [
    "dbUser rds_superuser",
    withApp("dbUser", "rds_superuser"),
    [pg("dbUser", "rds_superuser", "is a role Amazon RDS creates or keeps for itself")],
  ],
  ["dbUser select (a key word, quoted by the SQL)", withApp("dbUser", "select"), []],
  [
    "databaseName template0",
    withApp("databaseName", "template0"),
    [
      pg(
        "databaseName",
        "template0",
        'is a database every PostgreSQL server already has, which the master user (not a superuser) cannot take over ("must be owner of database template0")',
      ),
    ],
  ],
  [
    "databaseName template1",
    withApp("databaseName", "template1"),
    [
      pg(
        "databaseName",
        "template1",
        'is a database every PostgreSQL server already has, which the master user (not a superuser) cannot take over ("must be owner of database template1")',
      ),
    ],
  ],
  [
    "databaseName rdsadmin",
    withApp("databaseName", "rdsadmin"),
    [pg("databaseName", "rdsadmin", "is a database Amazon RDS keeps for itself")],
  ],
  ["databaseName public (no longer refused: a database may be called that)", withApp("databaseName", "public"), []],
);

// Clashes of what the environment synthesizes, blamed on the setting that fixes them.
const CLASHES: Case[] = [
  // Blame: the service account, not cluster.name (in both names, so changing it cannot separate them).
  [
    "a service account named like the flow log role",
    withSa("vpc-flow-logs"),
    [
      at(
        "vpc-flow-logs",
        'gives the VPC flow log role the name of the application\'s IRSA role: IAM role "eks-cluster-dev-vpc-flow-logs" (unique per account, in every region, ignoring case). Fix: choose another application.serviceAccount',
      ),
    ],
  ],
  [
    "a service account named like the cluster role",
    withSa("cluster"),
    [
      at(
        "cluster",
        'gives the application\'s IRSA role the name of the cluster role: IAM role "eks-cluster-dev-cluster" (unique per account, in every region, ignoring case). Fix: choose another application.serviceAccount',
      ),
    ],
  ],
  [
    "a service account named like the node role",
    withSa("nodes"),
    [
      at(
        "nodes",
        'gives the application\'s IRSA role the name of the node role: IAM role "eks-cluster-dev-nodes" (unique per account, in every region, ignoring case). Fix: choose another application.serviceAccount',
      ),
    ],
  ],
];

describe.each(CLASHES)("%s", (_name, entries, errors) => {
  test("exact report, from what synth builds", () => expect(synthesized(entries as Record<string, Entry>).errors).toEqual(errors));
});

describe.each(CASES)("%s", (_name, entries, errors) => {
  test("exact report", () => expect(load(entries).errors).toEqual(errors));
});

describe("the construct refuses a bootstrap Job name over 63 characters, with a clear error", () => {
  const contract = (bootstrap: string) => ({
    ...LITERAL_CONTRACT,
    bootstrap: { ...LITERAL_CONTRACT.bootstrap, serviceAccount: bootstrap },
  });

  test("54 characters of service account: a 63-character Job name, accepted", () => {
    const stack = bareStack();
    new MetabaseWorkload(stack, "metabase", { contract: contract(`${a(41)}-db-bootstrap`), loadBalancerSourceCidrs: ["10.0.0.0/8"] });
    const job = blocksOf(configOf(stack), "kubernetes_manifest")
      .map((m) => m.manifest)
      .find((m) => m.kind === "Job");
    expect(job.metadata.name).toMatch(new RegExp(`^${a(41)}-db-bootstrap-[0-9a-f]{8}$`));
    expect(job.metadata.name).toHaveLength(63);
  });

  test("55 characters: refused at synth, naming the construct, the length and the fix", () => {
    const workload = new MetabaseWorkload(bareStack(), "metabase", {
      contract: contract(`${a(42)}-db-bootstrap`),
      loadBalancerSourceCidrs: ["10.0.0.0/8"],
    });
    expect(validationErrors(workload)).toEqual([
      `test/metabase: contract.bootstrap.serviceAccount = "${a(42)}-db-bootstrap": makes the bootstrap Job's name 64 characters long; Kubernetes allows 63 (it becomes the pods' job-name label). Fix: shorten it to at most 54 characters`,
    ]);
  });
});
