/**
 * The images of the workload's containers besides Metabase's own: pinned by tag in this repository, because a
 * digest cannot be verified offline (it is whatever the registry answers for the tag at the time). Production
 * environments pin each by digest (K8S-01); resolve one with a public tool, e.g. `crane digest <image>`,
 * `docker buildx imagetools inspect <image>` or `skopeo inspect --format '{{.Digest}}' docker://<image>`, and
 * write `<image>@sha256:<digest>` (tag and digest: the digest decides, the tag says which release it was).
 */
import type { PodSpec } from "kubernetes-types/core/v1";
import { AWS_CLI_IMAGE, PSQL_IMAGE } from "./manifests/db-bootstrap-job";
import { CURL_IMAGE } from "./manifests/rds-ca";
import { frozen } from "../frozen";

export interface HelperImages {
  /** fetch-rds-ca (both pods) and ensure-encryption-key (the Job): curl. */
  readonly curl: string;
  /** read-master-secret (the Job): the AWS CLI. */
  readonly awsCli: string;
  /** The Job's main container: psql. */
  readonly psql: string;
}

export const HELPER_IMAGE_DEFAULTS: HelperImages = frozen({ curl: CURL_IMAGE, awsCli: AWS_CLI_IMAGE, psql: PSQL_IMAGE });

/**
 * Puts the chosen helper images into a pod template: each container that runs a default helper image gets the
 * chosen one. Done on the finished objects, so the manifest builders keep one default each.
 */
export function useHelperImages(pod: PodSpec | undefined, chosen: Partial<HelperImages> | undefined): void {
  if (!pod || !chosen) return;
  const replacement = new Map<string, string>();
  for (const key of Object.keys(HELPER_IMAGE_DEFAULTS) as Array<keyof HelperImages>) {
    const image = chosen[key];
    if (image !== undefined) replacement.set(HELPER_IMAGE_DEFAULTS[key], image);
  }
  for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
    const image = container.image === undefined ? undefined : replacement.get(container.image);
    if (image !== undefined) container.image = image;
  }
}
