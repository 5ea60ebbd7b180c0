/**
 * Labels the Job controller puts on the pods it creates, whatever the template says ("Jobs", Kubernetes docs:
 * "Job labels will have batch.kubernetes.io/ prefix for job-name and controller-uid"; the unprefixed job-name
 * and controller-uid are kept for compatibility). A NetworkPolicy selects a Job's pods by the first one.
 */
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
const LEGACY_JOB_NAME_LABEL = "job-name";

export function jobPodLabels(jobName: string): Record<string, string> {
  return { [JOB_NAME_LABEL]: jobName, [LEGACY_JOB_NAME_LABEL]: jobName };
}
