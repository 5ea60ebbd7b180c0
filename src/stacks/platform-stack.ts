import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { partitionOf } from "../aws-facts/regions";
import type { Environment } from "../config/load";
import { EksCluster } from "../eks/cluster";
import { ROLE_NAMES } from "../eks/names";
import type { ManagedNodeGroup } from "../eks/managed-node-group";
import { NodeRole } from "../eks/node-role";
import type { ServiceAccountRole } from "../iam/service-account-role";
import type { WorkloadContract } from "../k8s/workload-contract";
import type { LogArchive } from "../logs/log-archive";
import { Network } from "../network/network";
import { PodSecurityGroup } from "../pod-security/pod-security-group";
import { PostgresDatabase } from "../rds/database";
import { clusterProps, databaseProps, networkProps, nodeGroupProps } from "./construct-props";
import { EnvironmentStack } from "./environment-stack";
import type { RetainedStack } from "./retained-stack";
import { environmentNames, stackNames } from "./names";

/** The node label of the group that runs pods with security groups; the workload's nodeSelector. */
const PRIVATE_NODES = { type: "private" } as const;
/** The label (and taint) of the optional public node group. */
const PUBLIC_NODES = { type: "public" } as const;

/**
 * The AWS half of one environment: network, EKS cluster and node groups, RDS, the IRSA roles and the pod
 * security groups. What the workload stack needs is one typed object, `contract`: its AWS values are Terraform
 * references, so they cross as outputs and a remote-state lookup (cdktf writes both).
 */
export class PlatformStack extends EnvironmentStack {
  /** The environment's log groups (EKS control plane, VPC flow logs, RDS), kept by its RetainedStack. */
  readonly logArchive: LogArchive;
  readonly network: Network;
  readonly cluster: EksCluster;
  readonly privateNodes: ManagedNodeGroup;
  readonly publicNodes?: ManagedNodeGroup;
  readonly database: PostgresDatabase;
  /** IRSA role of the application's service account: may connect to the database as the application user. */
  readonly applicationRole: ServiceAccountRole;
  /** The key to the database port for the application's pods. */
  readonly applicationPodSecurityGroup: PodSecurityGroup;
  /** IRSA role of the one-shot job that creates the application's database user. */
  readonly bootstrapRole: ServiceAccountRole;
  readonly bootstrapPodSecurityGroup: PodSecurityGroup;
  /** Everything the workload stack needs, computed once here. */
  readonly contract: WorkloadContract;

  constructor(scope: Construct, environment: Environment, retained: RetainedStack) {
    super(scope, stackNames(environment.name).platform, environment);
    const { config } = environment;
    const partition = partitionOf(config.region);
    const names = environmentNames(environment.name, config);
    this.logArchive = retained.logArchive;

    this.network = new Network(this, "network", {
      ...networkProps(config.network),
      logArchive: this.logArchive,
      partition,
      region: config.region,
      namePrefix: environment.name,
      clusterName: config.cluster.name,
      availabilityZones: config.availabilityZones,
      databasePort: config.database.port,
      publicNodes: config.nodeGroups.public !== undefined,
    });

    this.cluster = new EksCluster(this, "eks", {
      ...clusterProps(config.cluster),
      logArchive: this.logArchive,
      region: config.region,
      subnetIds: this.network.privateEksSubnets.ids,
      partition,
    });
    const { private: privateGroup, public: publicGroup } = config.nodeGroups;
    this.privateNodes = this.cluster.addNodeGroup("private-nodes", {
      ...nodeGroupProps(privateGroup),
      subnets: this.network.privateEksSubnets,
      labels: PRIVATE_NODES,
    });
    if (publicGroup) {
      // For workloads of your own that must run on nodes with public addresses (reached on them, or leaving from
      // them without NAT); nothing of this project runs there. Tainted so that nothing lands there unless it
      // tolerates type=public (CoreDNS and Metabase do not), with a role of its own (docs/hardening.md).
      this.publicNodes = this.cluster.addNodeGroup("public-nodes", {
        ...nodeGroupProps(publicGroup),
        subnets: this.network.publicEksSubnets,
        labels: PUBLIC_NODES,
        taints: [{ key: "type", value: PUBLIC_NODES.type, effect: "NO_SCHEDULE" }],
        nodeRole: new NodeRole(this.cluster, "public-node-role", { name: ROLE_NAMES.publicNodes(config.cluster.name), partition }),
      });
    }

    this.database = new PostgresDatabase(this, "database", {
      ...databaseProps(config.database),
      vpcId: this.network.vpcId,
      subnetIds: this.network.databaseSubnets.ids,
      logArchive: this.logArchive,
      encryptionKey: retained.databaseKey,
      region: config.region,
      partition,
    });

    this.applicationRole = this.cluster.addServiceAccountRole("application-role", {
      namespace: names.namespace,
      serviceAccount: names.application.serviceAccount,
      description: `IAM database authentication of ${names.namespace}/${names.application.serviceAccount} as ${names.application.dbUser}`,
    });
    this.database.grantConnect(this.applicationRole, names.application.dbUser);
    this.applicationPodSecurityGroup = new PodSecurityGroup(this, "application-pod-sg", {
      name: names.application.podSecurityGroup,
      description: `Pods of ${names.namespace}/${names.application.serviceAccount}: the key to the database port`,
      vpcId: this.network.vpcId,
      clusterSecurityGroupId: this.cluster.clusterSecurityGroupId,
    });
    this.database.allowFrom(this.applicationPodSecurityGroup);

    this.bootstrapRole = this.cluster.addServiceAccountRole("bootstrap-role", {
      namespace: names.namespace,
      serviceAccount: names.bootstrap.serviceAccount,
      description: `Reads the RDS master secret once to create database user ${names.application.dbUser}`,
    });
    this.database.grantReadMasterSecret(this.bootstrapRole);
    retained.applicationKeySecret.grantInitialize(this.bootstrapRole);
    this.bootstrapPodSecurityGroup = new PodSecurityGroup(this, "bootstrap-pod-sg", {
      name: names.bootstrap.podSecurityGroup,
      description: `Pods of ${names.namespace}/${names.bootstrap.serviceAccount}: creates the database user once`,
      vpcId: this.network.vpcId,
      clusterSecurityGroupId: this.cluster.clusterSecurityGroupId,
    });
    this.database.allowFrom(this.bootstrapPodSecurityGroup);

    this.contract = {
      region: config.region,
      clusterName: config.cluster.name,
      namespace: names.namespace,
      nodeSelector: PRIVATE_NODES,
      clusterSecurityGroupId: this.cluster.clusterSecurityGroupId,
      network: {
        nodeSubnetCidrs: this.network.cidrs.privateEks,
        publicSubnetCidrs: this.network.cidrs.publicEks,
        podSubnetCidrs: [...this.network.cidrs.privateEks, ...(this.publicNodes ? this.network.cidrs.publicEks : [])],
        databaseSubnetCidrs: this.network.cidrs.database,
      },
      database: {
        host: this.database.address,
        port: this.database.port,
        name: names.application.databaseName,
        masterSecretArn: this.database.masterSecretArn,
      },
      encryptionKeySecretArn: retained.applicationKeySecret.arn,
      application: {
        serviceAccount: names.application.serviceAccount,
        roleArn: this.applicationRole.arn,
        podSecurityGroupId: this.applicationPodSecurityGroup.id,
        dbUser: names.application.dbUser,
      },
      bootstrap: {
        serviceAccount: names.bootstrap.serviceAccount,
        roleArn: this.bootstrapRole.arn,
        podSecurityGroupId: this.bootstrapPodSecurityGroup.id,
        dbUser: names.bootstrap.dbUser,
      },
    };

    this.outputs();
  }

  /** The article's output names, so its workflow (`terraform output private-rds-endpoint`) keeps working. */
  private outputs(): void {
    const output = (id: string, value: string, description: string) => new TerraformOutput(this, id, { value, description });
    output("private-rds-endpoint", this.database.address, "Private DNS name of the RDS instance");
    output("rds-access-role-arn", this.applicationRole.arn, "IRSA role the application's service account assumes");
    output("sg-eks-cluster", this.cluster.clusterSecurityGroupId, "EKS cluster security group (CoreDNS, nodes)");
    output("sg-rds-access", this.applicationPodSecurityGroup.id, "Pod security group that may reach the database port");
    output("rds-master-secret-arn", this.database.masterSecretArn, "Secrets Manager secret RDS keeps the master password in");
    output("cluster-name", this.cluster.name, "EKS cluster name (aws eks update-kubeconfig --name ...)");
    output("cluster-endpoint", this.cluster.endpoint, "EKS API server endpoint");
    output("oidc-issuer", this.cluster.oidcIssuerUrl, "OIDC issuer of the cluster's service-account tokens");
  }
}
