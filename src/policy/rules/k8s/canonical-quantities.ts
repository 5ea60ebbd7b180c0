import { canonicalQuantity } from "../../../kubernetes-facts/quantity";
import type { PodController } from "../../model/kubernetes";
import type { PolicyRule } from "../../types";
import { containerName } from "./containers";

/** Every quantity a pod template sets: who sets it ("container x of ..."), which field, the value. */
function quantities(controller: PodController): Array<{ owner: string; field: string; value: unknown }> {
  const found: Array<{ owner: string; field: string; value: unknown }> = [];
  for (const container of controller.containers) {
    for (const kind of ["requests", "limits"]) {
      for (const [resource, value] of Object.entries(container.spec.resources?.[kind] ?? {})) {
        found.push({ owner: containerName(controller, container), field: `resources.${kind}.${resource}`, value });
      }
    }
  }
  const pod = `${controller.manifest.kind} ${controller.manifest.namespace}/${controller.manifest.name}`;
  for (const volume of controller.pod.volumes ?? []) {
    if (volume?.emptyDir?.sizeLimit !== undefined)
      found.push({ owner: pod, field: `volume ${volume.name} emptyDir.sizeLimit`, value: volume.emptyDir.sizeLimit });
  }
  for (const [resource, value] of Object.entries(controller.pod.overhead ?? {}))
    found.push({ owner: pod, field: `overhead.${resource}`, value });
  return found;
}

/** Resource quantities are written as the API server writes them back, or kubernetes_manifest's apply fails. */
export const canonicalQuantities: PolicyRule = {
  id: "K8S-09",
  name: "QuantitiesInCanonicalForm",
  family: "k8s",
  level: "error",
  title:
    'Resource quantities of pod templates (requests, limits, emptyDir sizeLimit) are valid and in the canonical form the API server returns ("1" not "1000m", "1Gi" not "1024Mi")',
  why: 'The API server re-emits every quantity in canonical form (apimachinery resource.Quantity: "always use canonical form, or don\'t diff"). kubernetes_manifest compares what it gets back with the plan, so "1000m" fails apply with "Provider produced inconsistent result after apply" (hashicorp/terraform-provider-kubernetes#2508, kubernetes-alpha#248).',
  fix: "Write the canonical form the message names",
  counterpartNote: "none: specific to the kubernetes provider's kubernetes_manifest",
  check({ model, report }) {
    for (const controller of model.podControllers()) {
      for (const { owner, field, value } of quantities(controller)) {
        const text = String(value);
        const canonical = typeof value === "string" || typeof value === "number" ? canonicalQuantity(text) : undefined;
        if (canonical === text) continue;
        report({
          path: controller.manifest.resource.path,
          message:
            canonical === undefined
              ? `${owner}: ${field} = ${JSON.stringify(value)} is not a Kubernetes quantity; the API server refuses it`
              : `${owner}: ${field} = ${JSON.stringify(value)} comes back from the API server as "${canonical}", so apply fails with "Provider produced inconsistent result after apply"`,
          fix: canonical === undefined ? 'Write a quantity such as "500m", "2", "128Mi" or "2Gi"' : `Write "${canonical}"`,
        });
      }
    }
  },
};
