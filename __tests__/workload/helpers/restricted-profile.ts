/**
 * The "restricted" Pod Security Standard (Kubernetes 1.30), as Pod Security Admission checks a pod spec.
 * The namespace enforces it, so a violation here is a pod the API server refuses at `terraform apply`: the
 * Deployment never rolls out, the Job never completes. Only the rules our manifests could break are checked;
 * each message names the container and the field.
 * Reference: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */

const RESTRICTED_VOLUME_SOURCES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];

export function restrictedProfileViolations(podSpec: any): string[] {
  const violations: string[] = [];
  const pod = podSpec.securityContext ?? {};
  const containers = [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])];

  for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
    if (podSpec[field]) violations.push(`pod: ${field} is true`);
  }
  for (const volume of podSpec.volumes ?? []) {
    const sources = Object.keys(volume).filter((key) => key !== "name");
    for (const source of sources) {
      if (!RESTRICTED_VOLUME_SOURCES.includes(source)) violations.push(`volume ${volume.name}: ${source} is not allowed`);
    }
  }
  if (pod.runAsUser === 0) violations.push("pod: runAsUser is 0 (root)");

  for (const container of containers) {
    const at = `container ${container.name}`;
    const context = container.securityContext ?? {};
    if (context.privileged) violations.push(`${at}: privileged`);
    if (context.allowPrivilegeEscalation !== false) violations.push(`${at}: allowPrivilegeEscalation is not false`);
    if (context.runAsNonRoot !== true && !(pod.runAsNonRoot === true && context.runAsNonRoot === undefined)) {
      violations.push(`${at}: runAsNonRoot is not true (neither on the container nor on the pod)`);
    }
    if (context.runAsUser === 0) violations.push(`${at}: runAsUser is 0 (root)`);
    const seccomp = context.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") {
      violations.push(`${at}: seccompProfile is ${seccomp ?? "unset"}, not RuntimeDefault or Localhost`);
    }
    if (!(context.capabilities?.drop ?? []).includes("ALL")) violations.push(`${at}: capabilities.drop lacks ALL`);
    for (const added of context.capabilities?.add ?? []) {
      if (added !== "NET_BIND_SERVICE") violations.push(`${at}: capabilities.add ${added}`);
    }
    for (const port of container.ports ?? []) {
      if (port.hostPort) violations.push(`${at}: hostPort ${port.hostPort}`);
    }
  }
  return violations;
}
