/**
 * The EKS to RDS chain from the constructs alone: no environments/ file, no PlatformStack. An AWS stack and a
 * Kubernetes stack, checked at synth by the security verifier (PolicyCheckedApp). Run with `cdktf synth`.
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
} from "secure-eks-rds";
import { PolicyCheckedApp } from "secure-eks-rds/policy";

const region = "eu-west-1";
const clusterName = "demo";
const namespace = "metabase";
const office = ["203.0.113.0/24"]; // who may reach the API server and Metabase
const app = new PolicyCheckedApp();

// AWS: network, cluster with a private node group, database.
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

// One pod identity: an IRSA role, and a pod security group the database admits.
function podIdentity(serviceAccount: string, dbUser: string) {
  const role = cluster.addServiceAccountRole(`${serviceAccount}-role`, { namespace, serviceAccount });
  const podSecurityGroup = new PodSecurityGroup(platform, `${serviceAccount}-sg`, {
    vpcId: network.vpcId,
    clusterSecurityGroupId: cluster.clusterSecurityGroupId,
  });
  database.allowFrom(podSecurityGroup);
  return { role, identity: { serviceAccount, roleArn: role.arn, podSecurityGroupId: podSecurityGroup.id, dbUser } };
}
const metabase = podIdentity("metabase", "metabase");
database.grantConnect(metabase.role, "metabase");
const bootstrap = podIdentity("metabase-db-bootstrap", database.masterUsername);
database.grantReadMasterSecret(bootstrap.role);
// Metabase's encryption key: generated in Secrets Manager by the bootstrap Job, never seen by Terraform.
const metabaseKey = new GeneratedSecret(platform, "metabase-key", {
  name: "demo/metabase-encryption-key",
  description: "MB_ENCRYPTION_SECRET_KEY",
  kmsKey: database.key,
});
metabaseKey.grantInitialize(bootstrap.role);

// Kubernetes: Metabase and the Job that creates its database user.
const workload = new TerraformStack(app, "demo-workload");
new AwsProvider(workload, "aws", { region });
new EksKubernetesProvider(workload, "kubernetes", { clusterName, region });
new MetabaseWorkload(workload, "metabase", {
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
    encryptionKeySecretArn: metabaseKey.arn,
    application: metabase.identity,
    bootstrap: bootstrap.identity,
  },
});

app.policy.addEnvironment({ name: "demo", production: false, stacks: [platform, workload] });
app.synth();
