/**
 * The constructs refuse, at synth, what an environment file would refuse, in the same words: each case is built
 * once with the constructs and once as an environment file, and the two messages must be equal. The values are
 * the ones a new user tried (issue 16): one AZ, AZs of another region, overlapping subnets, PostgreSQL "13" and
 * "16.4", db.t2.micro and an invented class, Kubernetes 1.28, namespace "default", Metabase below v0.58, no load
 * balancer sources, desiredSize above maxSize, mixed architectures.
 */
import * as fs from "fs";
import * as path from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { IConstruct } from "constructs";
import { EksCluster } from "../../src/eks/cluster";
import { MetabaseWorkload, type MetabaseWorkloadProps } from "../../src/k8s/metabase-workload";
import { parseEnvironment } from "../../src/config/load";
import { Network, type NetworkProps } from "../../src/network/network";
import { PostgresDatabase, type PostgresDatabaseProps } from "../../src/rds/database";
import type { NodeGroupOptions } from "../../src/eks/managed-node-group";
import { devInput } from "../helpers/environments";
import { LITERAL_CONTRACT } from "../workload/helpers/workload-props";
import { validationErrors } from "../constructs/helpers";
import { tempOutdir } from "../helpers/synth";
import { PolicyCheckedApp } from "../../src/policy/checked-app";
import type { SynthRejected } from "../../src/synth/rejected";

const stack = () => new TerraformStack(Testing.app(), "app");
const network = (props: Partial<NetworkProps>) =>
  new Network(stack(), "network", { clusterName: "demo", availabilityZones: ["eu-west-1a", "eu-west-1b"], region: "eu-west-1", ...props });
const database = (props: Partial<PostgresDatabaseProps>) =>
  new PostgresDatabase(stack(), "database", { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], ...props });
const cluster = (props: Partial<ConstructorParameters<typeof EksCluster>[2]>) =>
  new EksCluster(stack(), "eks", { name: "demo", subnetIds: ["subnet-a"], ...props });
const nodeGroup = (props: Partial<NodeGroupOptions>) => {
  const eks = cluster({});
  return eks.addNodeGroup("nodes", { subnets: { ids: ["subnet-a"], internetConnectivity: [] }, ...props });
};
const workload = (props: Partial<MetabaseWorkloadProps>, contract: Partial<MetabaseWorkloadProps["contract"]> = {}) =>
  new MetabaseWorkload(stack(), "metabase", {
    loadBalancerSourceCidrs: ["10.0.0.0/8"],
    ...props,
    contract: { ...LITERAL_CONTRACT, ...contract },
  });

interface Case {
  readonly name: string;
  /** The constructs, built with the value. */
  readonly build: () => IConstruct;
  /** The prop and value as the construct's message starts: `<prop> = <value>`. */
  readonly prop: string;
  /** The same value in an environment file, and the field it is reported on. */
  readonly file: (env: Record<string, any>) => void;
  readonly field: string;
}

const CASES: Case[] = [
  {
    name: "one AZ",
    build: () => network({ availabilityZones: ["eu-west-1a"] }),
    prop: 'availabilityZones = ["eu-west-1a"]',
    file: (e) => (e.availabilityZones = ["eu-west-1a"]),
    field: "availabilityZones",
  },
  {
    name: "AZs of another region",
    build: () => network({ availabilityZones: ["us-east-1a", "us-east-1b"] }),
    prop: 'availabilityZones[0] = "us-east-1a"',
    file: (e) => (e.availabilityZones = ["us-east-1a", "us-east-1b"]),
    field: "availabilityZones[0]",
  },
  {
    name: "overlapping subnets",
    build: () => network({ privateEksSubnetCidrs: ["10.0.0.0/23", "10.0.1.0/24"] }),
    prop: 'privateEksSubnetCidrs[1] = "10.0.1.0/24"',
    file: (e) => (e.network.privateEksSubnetCidrs = ["10.0.0.0/23", "10.0.1.0/24"]),
    field: "network.privateEksSubnetCidrs[1]",
  },
  {
    name: 'PostgreSQL "13"',
    build: () => database({ engineVersion: "13" }),
    prop: 'engineVersion = "13"',
    file: (e) => (e.database.engineVersion = "13"),
    field: "database.engineVersion",
  },
  {
    name: 'PostgreSQL "16.4"',
    build: () => database({ engineVersion: "16.4" }),
    prop: 'engineVersion = "16.4"',
    file: (e) => (e.database.engineVersion = "16.4"),
    field: "database.engineVersion",
  },
  {
    name: "db.t2.micro",
    build: () => database({ instanceClass: "db.t2.micro" }),
    prop: 'instanceClass = "db.t2.micro"',
    file: (e) => (e.database.instanceClass = "db.t2.micro"),
    field: "database.instanceClass",
  },
  {
    name: "an invented class",
    build: () => database({ instanceClass: "db.z9.huge" }),
    prop: 'instanceClass = "db.z9.huge"',
    file: (e) => (e.database.instanceClass = "db.z9.huge"),
    field: "database.instanceClass",
  },
  {
    name: "Kubernetes 1.28",
    build: () => cluster({ kubernetesVersion: "1.28" }),
    prop: 'kubernetesVersion = "1.28"',
    file: (e) => (e.cluster.kubernetesVersion = "1.28"),
    field: "cluster.kubernetesVersion",
  },
  {
    name: 'namespace "default"',
    build: () => workload({}, { namespace: "default" }),
    prop: 'contract.namespace = "default"',
    file: (e) => (e.application.namespace = "default"),
    field: "application.namespace",
  },
  {
    name: "Metabase below v0.58",
    build: () => workload({ image: "metabase/metabase:v0.57.3" }),
    prop: 'image = "metabase/metabase:v0.57.3"',
    file: (e) => (e.application.image = "metabase/metabase:v0.57.3"),
    field: "application.image",
  },
  {
    name: "no load balancer sources",
    build: () => workload({ loadBalancerSourceCidrs: [] }),
    prop: "loadBalancerSourceCidrs = []",
    file: (e) => (e.application.loadBalancerSourceCidrs = []),
    field: "application.loadBalancerSourceCidrs",
  },
  {
    name: "desiredSize above maxSize",
    build: () => nodeGroup({ minSize: 1, desiredSize: 5, maxSize: 3 }),
    prop: "desiredSize = 5",
    file: (e) => Object.assign(e.nodeGroups.private, { minSize: 1, desiredSize: 5, maxSize: 3 }),
    field: "nodeGroups.private.desiredSize",
  },
  {
    name: "mixed architectures",
    build: () => nodeGroup({ instanceTypes: ["m5.large", "m6g.large"] }),
    prop: 'instanceTypes = ["m5.large","m6g.large"]',
    file: (e) => (e.nodeGroups.private.instanceTypes = ["m5.large", "m6g.large"]),
    field: "nodeGroups.private.instanceTypes",
  },
];

describe.each(CASES)("$name", ({ build, prop, file, field }) => {
  test("the construct refuses it at synth, in the environment file's words", () => {
    const errors = validationErrors(build());
    const env = devInput();
    file(env);
    const parsed = parseEnvironment(env, { today: new Date("2026-12-05") });
    const problem = "problems" in parsed ? parsed.problems.find((p) => p.field === field) : undefined;
    expect(problem).toBeDefined();
    // Where a message names another field, each names it its own way: the file "network.vpcCidr", the construct "vpcCidr".
    const inConstructTerms = problem!.message.replace(/\b(network|database|cluster|application|nodeGroups\.private)\.(?=[a-z])/g, "");
    expect(errors.map((error) => error.replace(/^app\/[\w/-]+: /, ""))).toContain(`${prop}: ${inConstructTerms}`);
  });
});

test("what the construct leaves to its defaults is not checked twice, and values only apply knows are left to AWS", () => {
  expect(validationErrors(network({}))).toEqual([]);
  const scope = stack();
  const engine = new TerraformVariable(scope, "engine", { type: "string" });
  expect(
    validationErrors(
      new PostgresDatabase(scope, "database", { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], engineVersion: engine.stringValue }),
    ),
  ).toEqual([]);
});

test("a checked app reports every refused prop, each with its construct's path, and writes nothing", () => {
  const outdir = tempOutdir();
  const app = new PolicyCheckedApp({ outdir, onRejected: "throw", log: () => {} });
  const lonely = new TerraformStack(app, "lonely");
  new AwsProvider(lonely, "aws", { region: "eu-west-1" });
  new Network(lonely, "network", { clusterName: "demo", availabilityZones: ["eu-west-1a"] });
  new PostgresDatabase(lonely, "database", { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], engineVersion: "13" });
  let lines: readonly string[] = [];
  try {
    app.synth();
  } catch (error) {
    lines = (error as SynthRejected).lines;
  }
  expect(lines).toEqual(
    expect.arrayContaining([
      'lonely: ERROR lonely/network: availabilityZones = ["eu-west-1a"]: lists fewer than 2 Availability Zones; EKS and the RDS subnet group need two. Fix: list two AZs of the region, e.g. ["eu-west-1a", "eu-west-1b"]',
      expect.stringMatching(
        /^lonely: ERROR lonely\/database: engineVersion = "13": is not a PostgreSQL major version in RDS standard support\. Fix: use one of /,
      ),
    ]),
  );
  expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
});
