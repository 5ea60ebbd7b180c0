import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config/load";
import { MetabaseWorkload } from "../k8s/metabase-workload";
import { EnvironmentStack } from "./environment-stack";
import { applicationIdentities, stackNames } from "./names";
import type { PlatformStack } from "./platform-stack";

/**
 * The Kubernetes half of one environment: Metabase and its database bootstrap as kubernetes_manifest
 * resources. A separate stack because kubernetes_manifest needs a reachable API server (and the
 * SecurityGroupPolicy CRD) at plan time; `cdktf deploy '<env>-*'` applies the platform first.
 */
export class WorkloadStack extends EnvironmentStack {
  readonly workload: MetabaseWorkload;

  constructor(scope: Construct, environment: Environment, platform: PlatformStack) {
    super(scope, stackNames(environment.name).workload, environment);
    const { config } = environment;
    const identities = applicationIdentities(config.application);
    assertSameIdentities(platform, identities);
    this.addDependency(platform);


    // Looked up by its name (known at synth), not by a cross-stack reference: references inside provider
    // blocks are not reliable in cdktf (hashicorp/terraform-cdk#2662).
    const cluster = new DataAwsEksCluster(this, "cluster", { name: config.cluster.name });
    new KubernetesProvider(this, "kubernetes", {
      host: cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
      // A fresh token for every Terraform run: a token read at plan time expires after 15 minutes.
      exec: [
        {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", config.cluster.name, "--region", config.region, "--output", "json"],
        },
      ],
    });

    this.workload = new MetabaseWorkload(this, "metabase", {
      namespace: identities.namespace,
      image: config.application.image,
      replicas: config.application.replicas,
      servicePort: config.application.servicePort,
      loadBalancerSourceCidrs: config.application.loadBalancerSourceCidrs,
      region: config.region,
      nodeSelector: { type: "private" },
      clusterSecurityGroupId: platform.cluster.clusterSecurityGroupId,
      database: {
        host: platform.database.instance.address,
        port: config.database.port,
        name: identities.application.databaseName,
        user: identities.application.dbUser,
        masterUsername: config.database.masterUsername,
        masterSecretArn: platform.database.masterUserSecretArn,
      },
      application: {
        serviceAccount: identities.application.serviceAccount,
        roleArn: platform.applicationRole.role.arn,
        podSecurityGroupId: platform.applicationPodSecurityGroup.id,
      },
      bootstrap: {
        serviceAccount: identities.bootstrap.serviceAccount,
        roleArn: platform.bootstrapRole.role.arn,
        podSecurityGroupId: platform.bootstrapPodSecurityGroup.id,
      },
    });
  }
}

/**
 * The IRSA trust (platform) and the ServiceAccounts (workload) must name the same namespace and service
 * accounts, or the pod's token is refused by STS at run time. Both come from one environment file; this
 * catches compositions that feed them different values.
 */
function assertSameIdentities(platform: PlatformStack, identities: ReturnType<typeof applicationIdentities>): void {
  const pairs = [
    [platform.applicationRole, identities.application.serviceAccount],
    [platform.bootstrapRole, identities.bootstrap.serviceAccount],
  ] as const;
  for (const [role, serviceAccount] of pairs) {
    if (role.namespace !== identities.namespace || role.serviceAccount !== serviceAccount) {
      throw new Error(
        `${role.node.path} trusts ${role.namespace}/${role.serviceAccount} but the workload runs as ${identities.namespace}/${serviceAccount}. Fix: build both stacks from the same environment`,
      );
    }
  }
}
