/**
 * A reporting team's shape of the chain, from the constructs: three AZs in us-east-1, no public node group,
 * its own namespace, service account and database user, one log archive for every log group (one key, one
 * retention), and a rule pack of its own next to the built-in ones. main.ts synthesizes it; __tests__ test it.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import {
  EksCluster,
  EksKubernetesProvider,
  GeneratedSecret,
  LogArchive,
  MetabaseWorkload,
  Network,
  PodSecurityGroup,
  PostgresDatabase,
} from "secure-eks-rds";
import { DEFAULT_RULE_PACKS, PolicyCheckedApp, type PolicyCheckedAppConfig } from "secure-eks-rds/policy";
import { ACME_RULES } from "./rules/no-outbound-mail";

export const REGION = "us-east-1";
export const NAMESPACE = "reporting";
export const DB_USER = "reporter";
const clusterName = "reporting";
const analysts = ["198.51.100.0/24"]; // who may reach the API server and the reports

export function reportingApp(config: PolicyCheckedAppConfig = {}) {
  const app = new PolicyCheckedApp({ rulePacks: [...DEFAULT_RULE_PACKS, ACME_RULES], ...config });

  const platform = new TerraformStack(app, "reporting-platform");
  new AwsProvider(platform, "aws", { region: REGION });
  const logs = new LogArchive(platform, "logs", {
    keyAlias: "alias/reporting-logs",
    description: "reporting",
    retentionDays: 365,
    region: REGION,
  });
  const network = new Network(platform, "network", {
    clusterName,
    region: REGION,
    availabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
    vpcCidr: "10.20.0.0/16",
    privateEksSubnetCidrs: ["10.20.0.0/20", "10.20.16.0/20", "10.20.32.0/20"],
    publicEksSubnetCidrs: ["10.20.48.0/24", "10.20.49.0/24", "10.20.50.0/24"],
    privateRdsSubnetCidrs: ["10.20.60.0/24", "10.20.61.0/24", "10.20.62.0/24"],
    logArchive: logs,
  });
  const cluster = new EksCluster(platform, "eks", {
    name: clusterName,
    subnetIds: network.privateEksSubnets.ids,
    publicEndpointCidrs: analysts,
    logArchive: logs,
  });
  const nodes = { pool: "reporting" };
  cluster.addNodeGroup("nodes", {
    subnets: network.privateEksSubnets,
    labels: nodes,
    instanceTypes: ["m6g.large"],
    minSize: 2,
    desiredSize: 2,
    maxSize: 6,
  });
  const database = new PostgresDatabase(platform, "database", {
    identifier: "reporting",
    vpcId: network.vpcId,
    subnetIds: network.databaseSubnets.ids,
    instanceClass: "db.m7g.large",
    logArchive: logs,
  });

  const identity = (serviceAccount: string, dbUser: string) => {
    const role = cluster.addServiceAccountRole(`${serviceAccount}-role`, { namespace: NAMESPACE, serviceAccount });
    const podSecurityGroup = new PodSecurityGroup(platform, `${serviceAccount}-sg`, {
      vpcId: network.vpcId,
      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    });
    database.allowFrom(podSecurityGroup);
    return { role, identity: { serviceAccount, roleArn: role.arn, podSecurityGroupId: podSecurityGroup.id, dbUser } };
  };
  const reports = identity("reporting", DB_USER);
  database.grantConnect(reports.role, DB_USER);
  const bootstrap = identity("reporting-db-bootstrap", database.masterUsername);
  database.grantReadMasterSecret(bootstrap.role);
  const key = new GeneratedSecret(platform, "encryption-key", {
    name: "reporting/metabase-encryption-key",
    description: "MB_ENCRYPTION_SECRET_KEY of reporting",
    kmsKey: database.key,
  });
  key.grantInitialize(bootstrap.role);

  const workload = new TerraformStack(app, "reporting-workload");
  new AwsProvider(workload, "aws", { region: REGION });
  new EksKubernetesProvider(workload, "kubernetes", { clusterName, region: REGION });
  const metabase = new MetabaseWorkload(workload, "metabase", {
    loadBalancerSourceCidrs: analysts,
    exposure: "internal",
    contract: {
      region: REGION,
      clusterName,
      namespace: NAMESPACE,
      nodeSelector: nodes,
      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
      network: {
        nodeSubnetCidrs: network.cidrs.privateEks,
        publicSubnetCidrs: network.cidrs.publicEks,
        databaseSubnetCidrs: network.cidrs.database,
      },
      database: { host: database.address, port: database.port, name: "reports", masterSecretArn: database.masterSecretArn },
      encryptionKeySecretArn: key.arn,
      application: reports.identity,
      bootstrap: bootstrap.identity,
    },
  });

  app.policy.addEnvironment({ name: "reporting", production: false, stacks: [platform, workload] });
  return { app, platform, workload, database, metabase };
}
