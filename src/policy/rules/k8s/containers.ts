import type { ContainerView, PodController } from "../../model/kubernetes";

/** "container \"metabase\" of Deployment metabase/metabase" */
export function containerName(pod: PodController, container: ContainerView): string {
  return `${container.init ? "init container" : "container"} "${container.name}" of ${pod.manifest.kind} ${pod.manifest.namespace}/${pod.manifest.name}`;
}

/** "container:metabase": what a suppression's appliesTo names to suppress one container's finding. */
export function containerFindingId(container: ContainerView): string {
  return `container:${container.name}`;
}

/** A setting of the container's securityContext, falling back to the pod's (Kubernetes precedence). */
export function effectiveSecurity(pod: PodController, container: ContainerView, key: string): unknown {
  const own = container.spec.securityContext?.[key];
  return own !== undefined ? own : pod.pod.securityContext?.[key];
}
