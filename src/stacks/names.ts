import type { EnvironmentConfig } from "../config/schema";
import { BOOTSTRAP_SERVICE_ACCOUNT_SUFFIX } from "../k8s/defaults";

/**
 * Every stack name starts with the environment, so `cdktf deploy 'dev-*'` selects one environment. In the
 * order cdktf deploys them: what outlives a destroy, the AWS platform, the Kubernetes workload.
 */
export function stackNames(environment: string) {
  return { retained: `${environment}-retained`, platform: `${environment}-platform`, workload: `${environment}-workload` } as const;
}

/**
 * The names one environment gives its Kubernetes objects, database users and pod security groups, computed once:
 * the platform stack creates its resources with them and hands the Kubernetes ones to the workload stack in its
 * contract, so the IRSA trust and the ServiceAccounts cannot drift apart. AWS names (IAM roles, aliases, log
 * groups) are the constructs' own; their clashes are checked on what is synthesized (src/checks/physical-names.ts).
 */
export function environmentNames(environmentName: string, config: EnvironmentConfig) {
  const { application } = config;
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
  } as const;
}
