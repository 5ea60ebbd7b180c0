import type { EnvironmentModel } from "../../model/environment-model";
import type { TerraformBlock } from "../../model/terraform-config";
import { chainOf } from "../../chain";
import type { PodNode } from "../../graph/graph";

/** "Deployment metabase/metabase", for messages. */
export function podName(pod: PodNode): string {
  return pod.label;
}

/**
 * Every pod that talks to a database, with what the graph found of its chain. The application and the
 * bootstrap Job are two identities of the same chain: every rule treats them alike.
 */
export function databaseClientPods(model: EnvironmentModel): PodNode[] {
  return chainOf(model).graph.databaseClients();
}

/** The environment's EKS cluster(s). */
export function clusters(model: EnvironmentModel): readonly TerraformBlock[] {
  return chainOf(model).graph.clusters;
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
