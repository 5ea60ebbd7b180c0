/**
 * The log group EKS sends control-plane logs to: "/aws/eks/<cluster-name>/cluster" (EKS user guide, "Send
 * control plane logs to CloudWatch Logs"). Created before the cluster, it keeps our retention and key.
 */
export function eksControlPlaneLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}

/** CloudWatch Logs retention periods, in days (PutRetentionPolicy API reference, retentionInDays). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
