import type { EnvironmentConfig } from "../config/schema";

/** Every stack name starts with the environment, so `cdktf deploy 'dev-*'` selects one environment. */
export function stackNames(environment: string) {
  return { platform: `${environment}-platform`, workload: `${environment}-workload` } as const;
}

/**
 * The Kubernetes and PostgreSQL names of the application and of its database bootstrap job. Both stacks derive
 * them from here, so the IRSA trust (platform) and the ServiceAccount (workload) cannot drift apart.
 */
export function applicationIdentities(application: EnvironmentConfig["application"]) {
  return {
    namespace: application.namespace,
    application: {
      serviceAccount: application.serviceAccount,
      dbUser: application.dbUser,
      databaseName: application.databaseName,
    },
    bootstrap: { serviceAccount: `${application.serviceAccount}-db-bootstrap` },
  } as const;
}
