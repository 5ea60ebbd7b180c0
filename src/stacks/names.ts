import type { EnvironmentConfig } from "../config/schema";
import { ROLE_NAMES } from "../eks/defaults";
import { BOOTSTRAP_SERVICE_ACCOUNT_SUFFIX } from "../k8s/defaults";
import { DATABASE_SCOPED_NAMES } from "../rds/defaults";

/**
 * Every stack name starts with the environment, so `cdktf deploy 'dev-*'` selects one environment. In the
 * order cdktf deploys them: what outlives a destroy, the AWS platform, the Kubernetes workload.
 */
export function stackNames(environment: string) {
  return { retained: `${environment}-retained`, platform: `${environment}-platform`, workload: `${environment}-workload` } as const;
}

/**
 * The names one environment gives its Kubernetes objects, database users and IAM roles, computed once: the
 * platform stack creates its resources with them and hands the Kubernetes ones to the workload stack in its
 * contract, so the IRSA trust and the ServiceAccounts cannot drift apart.
 */
export function environmentNames(environmentName: string, config: EnvironmentConfig) {
  const { application, cluster } = config;
  const bootstrapServiceAccount = `${application.serviceAccount}${BOOTSTRAP_SERVICE_ACCOUNT_SUFFIX}`;
  return {
    namespace: application.namespace,
    application: {
      serviceAccount: application.serviceAccount,
      dbUser: application.dbUser,
      databaseName: application.databaseName,
      podSecurityGroup: `rds-access-from-pod-${environmentName}`,
    },
    bootstrap: {
      serviceAccount: bootstrapServiceAccount,
      dbUser: config.database.masterUsername,
      podSecurityGroup: `rds-bootstrap-from-pod-${environmentName}`,
    },
    iamRoles: {
      cluster: ROLE_NAMES.cluster(cluster.name),
      nodes: ROLE_NAMES.nodes(cluster.name),
      /** Only when the environment asks for a public node group. */
      publicNodes: config.nodeGroups.public ? ROLE_NAMES.publicNodes(cluster.name) : undefined,
      application: ROLE_NAMES.serviceAccount(cluster.name, application.serviceAccount),
      bootstrap: ROLE_NAMES.serviceAccount(cluster.name, bootstrapServiceAccount),
      flowLogs: ROLE_NAMES.flowLogs(cluster.name),
      databaseMonitoring: DATABASE_SCOPED_NAMES.monitoringRole(config.database.identifier),
    },
  } as const;
}

export type EnvironmentNames = ReturnType<typeof environmentNames>;
