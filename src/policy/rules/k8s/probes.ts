import type { PolicyRule } from "../../types";
import { containerFindingId, containerName } from "./containers";
import { checkov } from "../../counterparts";

export const probes: PolicyRule = {
  id: "K8S-03",
  name: "LongRunningContainersHaveProbes",
  family: "k8s",
  level: "error",
  title: "Containers of long-running workloads (Deployment, StatefulSet, DaemonSet) have readiness and liveness probes",
  why: "Without a readiness probe the load balancer sends traffic to a Metabase still running migrations; without a liveness probe a wedged JVM (for instance one that lost its database connection pool) is never restarted.",
  fix: "Add readinessProbe and livenessProbe (and a startupProbe for slow starts) to each container",
  counterparts: [
    checkov("CKV_K8S_8", "stricter", "also wants a readiness probe; both skip Jobs and init containers"),
    checkov("CKV_K8S_9", "stricter", "also wants a liveness probe; both skip Jobs and init containers"),
  ],
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      if (!pod.longRunning) continue;
      for (const container of pod.containers) {
        if (container.init) continue;
        const missing = ["readinessProbe", "livenessProbe"].filter((probe) => container.spec[probe] === undefined);
        if (missing.length > 0)
          report({
            path: pod.manifest.resource.path,
            findingId: containerFindingId(container),
            message: `${containerName(pod, container)} has no ${missing.join(" and ")}`,
          });
      }
    }
  },
};
