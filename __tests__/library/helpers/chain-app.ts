/**
 * The whole chain built from the public constructs the way a library user builds it (the shape of
 * examples/metabase-on-eks), in any region: for tests of the library path (partitions, testing helpers).
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import {
  EksCluster,
  EksKubernetesProvider,
  GeneratedSecret,
  MetabaseWorkload,
  Network,
  PodSecurityGroup,
  PostgresDatabase,
} from "../../../src";
import { PolicyCheckedApp, type RulePack } from "../../../src/policy";
import { tempOutdir } from "../../helpers/synth";

export interface ChainApp {
  readonly app: PolicyCheckedApp;
  readonly platform: TerraformStack;
  readonly workload: TerraformStack;
  readonly database: PostgresDatabase;
  readonly metabase: MetabaseWorkload;
  readonly metabasePodSecurityGroup: PodSecurityGroup;
}

export interface ChainAppOptions {
  readonly register?: boolean;
  readonly outdir?: string;
  readonly log?: (line: string) => void;
  readonly rulePacks?: readonly RulePack[];
}

export function chainApp(region: string, options: ChainAppOptions = {}): ChainApp {
  const app = new PolicyCheckedApp({
    outdir: options.outdir ?? tempOutdir(),
    onRejected: "throw",
    log: options.log ?? (() => {}),
    rulePacks: options.rulePacks,
  });
  const clusterName = "demo";
  const namespace = "metabase";
  const office = ["198.51.100.0/24"];
  const platform = new TerraformStack(app, "demo-platform");
  new AwsProvider(platform, "aws", { region });
  const network = new Network(platform, "network", { clusterName, availabilityZones: [`${region}a`, `${region}b`] });
  const cluster = new EksCluster(platform, "eks", {
    name: clusterName,
    subnetIds: network.privateEksSubnets.ids,
    publicEndpointCidrs: office,
  });
  const privateNodes = { type: "private" };
  cluster.addNodeGroup("private-nodes", { subnets: network.privateEksSubnets, labels: privateNodes });
  const database = new PostgresDatabase(platform, "database", {
    identifier: "demo",
    vpcId: network.vpcId,
    subnetIds: network.databaseSubnets.ids,
  });
  const identity = (serviceAccount: string, dbUser: string) => {
    const role = cluster.addServiceAccountRole(`${serviceAccount}-role`, { namespace, serviceAccount });
    const group = new PodSecurityGroup(platform, `${serviceAccount}-sg`, {
      vpcId: network.vpcId,
      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    });
    database.allowFrom(group);
    return { role, group, identity: { serviceAccount, roleArn: role.arn, podSecurityGroupId: group.id, dbUser } };
  };
  const metabase = identity("metabase", "metabase");
  database.grantConnect(metabase.role, "metabase");
  const bootstrap = identity("metabase-db-bootstrap", database.masterUsername);
  database.grantReadMasterSecret(bootstrap.role);
  const key = new GeneratedSecret(platform, "metabase-key", {
    name: "demo/metabase-encryption-key",
    description: "MB_ENCRYPTION_SECRET_KEY",
    kmsKey: database.key,
  });
  key.grantInitialize(bootstrap.role);

  const workload = new TerraformStack(app, "demo-workload");
  new AwsProvider(workload, "aws", { region });
  new EksKubernetesProvider(workload, "kubernetes", { clusterName, region });
  const metabaseWorkload = new MetabaseWorkload(workload, "metabase", {
    loadBalancerSourceCidrs: office,
    contract: {
      region,
      clusterName,
      namespace,
      nodeSelector: privateNodes,
      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
      network: {
        nodeSubnetCidrs: network.cidrs.privateEks,
        publicSubnetCidrs: network.cidrs.publicEks,
        databaseSubnetCidrs: network.cidrs.database,
      },
      database: { host: database.address, port: database.port, name: "metabase", masterSecretArn: database.masterSecretArn },
      encryptionKeySecretArn: key.arn,
      application: metabase.identity,
      bootstrap: bootstrap.identity,
    },
  });
  if (options.register ?? true) app.policy.addEnvironment({ name: "demo", production: false, stacks: [platform, workload] });
  return { app, platform, workload, database, metabase: metabaseWorkload, metabasePodSecurityGroup: metabase.group };
}
