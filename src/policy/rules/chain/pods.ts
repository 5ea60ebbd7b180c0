import type { EnvironmentModel } from "../../model/environment-model";
import type { ManifestView, PodController } from "../../model/kubernetes";
import type { TerraformBlock } from "../../model/terraform-config";

/** "Deployment metabase/metabase", for messages. */
export function podName(pod: PodController): string {
  return `${pod.manifest.kind} ${pod.manifest.namespace}/${pod.manifest.name}`;
}

/** One pod identity of the chain: the pod, its database, and as much of the chain as exists. */
export interface ChainLink {
  readonly pod: PodController;
  readonly database: TerraformBlock;
  readonly serviceAccount?: ManifestView;
  readonly role?: TerraformBlock;
}

/**
 * Every pod that talks to a database, with its ServiceAccount and IRSA role when they can be found. The
 * application and the bootstrap Job are two identities of the same chain: every rule treats them alike.
 */
export function chainLinks(model: EnvironmentModel): ChainLink[] {
  return model.databaseClients().map(({ pod, database }) => {
    const serviceAccount = model.serviceAccount(pod.manifest.namespace, pod.serviceAccountName);
    const role = serviceAccount ? model.roleOfServiceAccount(serviceAccount).role : undefined;
    return { pod, database, serviceAccount, role };
  });
}

/** The DB user a pod connects as with IAM authentication (Metabase: MB_DB_USER), if any. */
export function iamDatabaseUser(pod: PodController): string | undefined {
  for (const container of pod.containers) {
    const entry = (container.spec.env ?? []).find((e: any) => e?.name === "MB_DB_USER");
    if (entry && typeof entry.value === "string") return entry.value;
  }
  return undefined;
}

/** The database's master secret, when the pod reads it (an env var refers to master_user_secret's arn). */
export function readsMasterSecret(model: EnvironmentModel, pod: PodController, database: TerraformBlock): boolean {
  return pod.containers.some((container) =>
    (container.spec.env ?? []).some((env: any) =>
      model.isReferenceTo(pod.manifest.resource, env?.value, database, "master_user_secret[0].secret_arn"),
    ),
  );
}

/** The environment's EKS cluster(s). */
export function clusters(model: EnvironmentModel): TerraformBlock[] {
  return model.resources("aws_eks_cluster");
}

/** Blocks that belong to a cluster: their `cluster_name` is the cluster's name (reference or literal). */
export function ofCluster(model: EnvironmentModel, cluster: TerraformBlock, blocks: TerraformBlock[]): TerraformBlock[] {
  return blocks.filter(
    (block) =>
      model.isReferenceTo(block, block.config.cluster_name, cluster, "name") ||
      (typeof block.config.cluster_name === "string" && block.config.cluster_name === cluster.config.name),
  );
}

export const hasWildcard = (text: string): boolean => /[*?]/.test(text);
