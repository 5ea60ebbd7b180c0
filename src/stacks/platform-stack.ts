import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config/load";
import { partitionOf } from "../aws-facts/regions";
import { EksCluster } from "../eks/cluster";
import { ManagedNodeGroup } from "../eks/managed-node-group";
import { NodeRole } from "../eks/node-role";
import { OidcProvider } from "../eks/oidc-provider";
import { VpcCniAddon } from "../eks/vpc-cni-addon";
import { ServiceAccountRole } from "../iam/service-account-role";
import { Network } from "../network/network";
import { PodSecurityGroup } from "../pod-security/pod-security-group";
import { PostgresDatabase } from "../rds/database";
import { EnvironmentStack } from "./environment-stack";
import { applicationIdentities, stackNames } from "./names";

/**
 * The AWS half of one environment: network, EKS cluster and node groups, RDS, the IRSA roles and the pod
 * security groups. Everything the workload stack needs is a public property, so it crosses as a Terraform
 * reference (cdktf writes the outputs and the remote-state lookup).
 */
export class PlatformStack extends EnvironmentStack {
  readonly network: Network;
  readonly cluster: EksCluster;
  readonly oidcProvider: OidcProvider;
  readonly vpcCni: VpcCniAddon;
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

  constructor(scope: Construct, environment: Environment) {
    super(scope, stackNames(environment.name).platform, environment);
    const { config } = environment;
    const partition = partitionOf(config.region);
    const identities = applicationIdentities(config.application);


    this.network = new Network(this, "network", {
      namePrefix: environment.name,
      clusterName: config.cluster.name,
      vpcCidr: config.network.vpcCidr,
      availabilityZones: config.availabilityZones,
      privateEksSubnetCidrs: config.network.privateEksSubnetCidrs,
      publicEksSubnetCidrs: config.network.publicEksSubnetCidrs,
      privateRdsSubnetCidrs: config.network.privateRdsSubnetCidrs,
      natGateways: config.network.natGateways,
      databasePort: config.database.port,
      publicNodes: config.nodeGroups.public !== undefined,
    });
    const privateEksSubnetIds = this.network.privateEksSubnets.map((subnet) => subnet.id);

    this.cluster = new EksCluster(this, "eks", {
      name: config.cluster.name,
      kubernetesVersion: config.cluster.kubernetesVersion,
      partition,
      subnetIds: privateEksSubnetIds,
      publicEndpointCidrs: config.cluster.publicEndpointCidrs,
      logRetentionDays: config.cluster.logRetentionDays,
    });

    if (config.cluster.oidcThumbprints.length === 0) new TlsProvider(this, "tls");
    this.oidcProvider = new OidcProvider(this, "oidc", {
      issuerUrl: this.cluster.oidcIssuerUrl,
      thumbprints: config.cluster.oidcThumbprints,
    });

    this.vpcCni = new VpcCniAddon(this, "vpc-cni", {
      clusterName: this.cluster.cluster.name,
      version: config.cluster.vpcCniVersion,
    });

    const nodeRole = new NodeRole(this, "node-role", { name: `${config.cluster.name}-nodes`, partition });
    const nodeGroup = (id: string, group: typeof config.nodeGroups.private, subnetIds: string[], type: string) =>
      new ManagedNodeGroup(this, id, {
        clusterName: this.cluster.cluster.name,
        name: group.name,
        nodeRole,
        subnetIds,
        instanceTypes: group.instanceTypes,
        minSize: group.minSize,
        desiredSize: group.desiredSize,
        maxSize: group.maxSize,
        diskSizeGiB: group.diskSizeGiB,
        labels: { type },
        dependsOn: [this.vpcCni.addon],
      });
    this.privateNodes = nodeGroup("private-nodes", config.nodeGroups.private, privateEksSubnetIds, "private");
    if (config.nodeGroups.public) {
      const publicSubnetIds = this.network.publicEksSubnets.map((subnet) => subnet.id);
      this.publicNodes = nodeGroup("public-nodes", config.nodeGroups.public, publicSubnetIds, "public");
    }

    this.database = new PostgresDatabase(this, "database", {
      ...config.database,
      vpcId: this.network.vpc.id,
      subnetIds: this.network.privateRdsSubnets.map((subnet) => subnet.id),
      region: config.region,
      partition,
    });

    this.applicationRole = new ServiceAccountRole(this, "application-role", {
      oidcProvider: this.oidcProvider,
      namespace: identities.namespace,
      serviceAccount: identities.application.serviceAccount,
      roleName: `${config.cluster.name}-${identities.application.serviceAccount}`,
      description: `IAM database authentication of ${identities.namespace}/${identities.application.serviceAccount} as ${identities.application.dbUser}`,
    });
    this.database.grantConnect(this.applicationRole.role, identities.application.dbUser);

    this.bootstrapRole = new ServiceAccountRole(this, "bootstrap-role", {
      oidcProvider: this.oidcProvider,
      namespace: identities.namespace,
      serviceAccount: identities.bootstrap.serviceAccount,
      roleName: `${config.cluster.name}-${identities.bootstrap.serviceAccount}`,
      description: `Reads the RDS master secret once to create database user ${identities.application.dbUser}`,
    });
    this.database.grantReadMasterSecret(this.bootstrapRole.role);

    const podSecurityGroup = (id: string, name: string, description: string) =>
      new PodSecurityGroup(this, id, {
        name,
        description,
        vpcId: this.network.vpc.id,
        clusterSecurityGroupId: this.cluster.clusterSecurityGroupId,
        database: this.database,
      });
    this.applicationPodSecurityGroup = podSecurityGroup(
      "application-pod-sg",
      `rds-access-from-pod-${environment.name}`,
      `Pods of ${identities.namespace}/${identities.application.serviceAccount}: the key to the database port`,
    );
    this.bootstrapPodSecurityGroup = podSecurityGroup(
      "bootstrap-pod-sg",
      `rds-bootstrap-from-pod-${environment.name}`,
      `Pods of ${identities.namespace}/${identities.bootstrap.serviceAccount}: creates the database user once`,
    );

    this.outputs();
  }

  /** The article's output names, so its workflow (`terraform output private-rds-endpoint`) keeps working. */
  private outputs(): void {
    const output = (id: string, value: string, description: string) =>
      new TerraformOutput(this, id, { value, description });
    output("private-rds-endpoint", this.database.instance.address, "Private DNS name of the RDS instance");
    output("rds-access-role-arn", this.applicationRole.role.arn, "IRSA role the application's service account assumes");
    output("sg-eks-cluster", this.cluster.clusterSecurityGroupId, "EKS cluster security group (CoreDNS, nodes)");
    output("sg-rds-access", this.applicationPodSecurityGroup.id, "Pod security group that may reach the database port");
    output("rds-master-secret-arn", this.database.masterUserSecretArn, "Secrets Manager secret RDS keeps the master password in");
    output("cluster-name", this.cluster.cluster.name, "EKS cluster name (aws eks update-kubeconfig --name ...)");
    output("cluster-endpoint", this.cluster.cluster.endpoint, "EKS API server endpoint");
    output("oidc-issuer", this.cluster.oidcIssuerUrl, "OIDC issuer of the cluster's service-account tokens");
  }
}
