import type { MetabaseWorkloadProps } from "../../../src/k8s/metabase-workload";
import type { WorkloadContract } from "../../../src/k8s/workload-contract";

/** A platform contract with literal AWS values, for tests of the workload construct alone (no platform stack). */
export const LITERAL_CONTRACT: WorkloadContract = {
  region: "eu-west-1",
  clusterName: "eks-cluster-test",
  namespace: "metabase",
  nodeSelector: { type: "private" },
  clusterSecurityGroupId: "sg-cluster",
  network: {
    nodeSubnetCidrs: ["10.0.0.0/23", "10.0.2.0/23"],
    publicSubnetCidrs: ["10.0.6.0/23", "10.0.8.0/23"],
    databaseSubnetCidrs: ["10.0.4.0/24", "10.0.5.0/24"],
  },
  database: {
    host: "db.example.eu-west-1.rds.amazonaws.com",
    port: 5432,
    name: "metabase",
    masterSecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!db-1",
  },
  encryptionKeySecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds/postgresql/metabase-encryption-key-AbCdEf",
  application: {
    serviceAccount: "metabase",
    roleArn: "arn:aws:iam::111122223333:role/app",
    podSecurityGroupId: "sg-app",
    dbUser: "metabase",
  },
  bootstrap: {
    serviceAccount: "metabase-db-bootstrap",
    roleArn: "arn:aws:iam::111122223333:role/boot",
    podSecurityGroupId: "sg-boot",
    dbUser: "dbadmin",
  },
};

/** MetabaseWorkload's inputs with literal AWS values. */
export const LITERAL_WORKLOAD_PROPS: MetabaseWorkloadProps = {
  contract: LITERAL_CONTRACT,
  image: "metabase/metabase:v0.63.19",
  replicas: 1,
  servicePort: 8000,
  loadBalancerSourceCidrs: ["203.0.113.0/24"],
};
