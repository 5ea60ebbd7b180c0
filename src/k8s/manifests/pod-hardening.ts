import type { PodSecurityContext, SecurityContext, Volume, VolumeMount } from "kubernetes-types/core/v1";

/** Pod-level settings of the "restricted" Pod Security Standard, for a fixed non-root user. */
export function restrictedPodSecurity(uid: number): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container-level settings: no privilege escalation, no capabilities, nothing written outside volumes. */
export const RESTRICTED_CONTAINER_SECURITY: SecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
};

/** Writable scratch directories for a read-only root filesystem, as emptyDir volumes. */
export function scratchVolumes(mounts: Record<string, string>, medium?: "Memory"): { volumes: Volume[]; volumeMounts: VolumeMount[] } {
  const entries = Object.entries(mounts);
  return {
    volumes: entries.map(([name]) => ({ name, emptyDir: medium ? { medium } : {} })),
    volumeMounts: entries.map(([name, mountPath]) => ({ name, mountPath })),
  };
}
