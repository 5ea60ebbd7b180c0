import type { PolicyRule } from "../../types";
import { containerFindingId, containerName } from "./containers";
import { checkov } from "../../counterparts";

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Why an image reference is not pinned, or undefined when it is (a digest, or a tag other than latest). */
export function unpinnedReason(image: unknown): string | undefined {
  if (typeof image !== "string" || image.length === 0) return "it has no image";
  if (DIGEST.test(image)) return undefined;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : undefined;
  if (tag === undefined) return `image "${image}" has no tag (it means :latest)`;
  // Tags are case-sensitive, so ":LATEST" is another tag; it is floating all the same, and Kubernetes only
  // defaults imagePullPolicy to Always for exactly "latest" (so ":Latest" is not even re-pulled).
  if (tag.toLowerCase() === "latest") return `image "${image}" uses :${tag}, a floating tag`;
  return undefined;
}

/** Whether an image reference names its content (a digest), not only a tag the registry may move. */
export function hasDigest(image: unknown): boolean {
  return typeof image === "string" && DIGEST.test(image);
}

/** How to get a digest with public tools, for messages and docs. */
export const DIGEST_HOW_TO =
  "`crane digest <image>`, `docker buildx imagetools inspect <image>` or `skopeo inspect --format '{{.Digest}}' docker://<image>`";

export const imagePinned: PolicyRule = {
  id: "K8S-01",
  name: "ImagesPinned",
  family: "k8s",
  level: "error",
  levelNote:
    "no tag or `latest`: an error everywhere; a tag without a digest: an error in environments with `production: true`, a warning elsewhere",
  title:
    "Every container image is pinned: a version tag other than latest, and in production a digest (image@sha256:..., or tag@sha256:...)",
  why: "An unpinned image changes under you: a restart pulls whatever `latest` is that day. For Metabase that can mean a schema migration, or a version without MB_DB_AWS_IAM, breaking the identity chain. A tag is better but still mutable: whoever can push to the repository (or take it over) can move it, and the next pod start runs their image, here with the master password (the bootstrap Job) or rds-db:connect (Metabase). Only a digest names the content.",
  fix: `Pin a digest: MetabaseWorkload's image and helperImages as "<image>:<tag>@sha256:<digest>"; get the digest with ${DIGEST_HOW_TO}`,
  counterparts: [
    checkov("CKV_K8S_14", "stricter", "also flags a tag without a digest (an error in production, a warning elsewhere)"),
    checkov(
      "CKV_K8S_43",
      "stricter",
      "wants @sha256:<64 hex>, where CKV_K8S_43 accepts any @; outside production the finding is a warning",
    ),
  ],
  check({ model, report }) {
    const level = model.production ? "error" : "warning";
    for (const pod of model.podControllers()) {
      const tagOnly: string[] = [];
      for (const container of pod.containers) {
        const reason = unpinnedReason(container.spec.image);
        if (reason)
          report({
            path: pod.manifest.resource.path,
            findingId: containerFindingId(container),
            message: `${containerName(pod, container)}: ${reason}`,
          });
        else if (!hasDigest(container.spec.image)) tagOnly.push(`${containerName(pod, container)} (${container.spec.image})`);
      }
      if (tagOnly.length > 0) {
        report({
          path: pod.manifest.resource.path,
          findingId: "tag-only",
          level,
          message: `${tagOnly.join(", ")}: pinned by tag only, which the registry can move; nothing says which content runs`,
        });
      }
    }
  },
};
