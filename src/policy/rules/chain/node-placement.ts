import type { EnvironmentModel } from "../../model/environment-model";
import type { PodController } from "../../model/kubernetes";
import type { TerraformBlock } from "../../model/terraform-config";

/** The pod's nodeSelector (only literal string values count). */
export function nodeSelectorOf(pod: PodController): Record<string, string> {
  return Object.fromEntries(
    Object.entries(pod.pod.nodeSelector ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** The node groups the pod can be scheduled on: those matching its nodeSelector (all of them without one). */
export function nodeGroupsOf(model: EnvironmentModel, pod: PodController): TerraformBlock[] {
  return model.nodeGroupsMatching(nodeSelectorOf(pod));
}
