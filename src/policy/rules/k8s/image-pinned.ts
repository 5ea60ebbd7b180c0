import type { PolicyRule } from "../../types";
import { containerName } from "./containers";

/** Why an image reference is not pinned, or undefined when it is (a digest, or a tag other than latest). */
export function unpinnedReason(image: unknown): string | undefined {
  if (typeof image !== "string" || image.length === 0) return "it has no image";
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : undefined;
  if (tag === undefined) return `image "${image}" has no tag (it means :latest)`;
  // Tags are case-sensitive, so ":LATEST" is another tag; it is floating all the same, and Kubernetes only
  // defaults imagePullPolicy to Always for exactly "latest" (so ":Latest" is not even re-pulled).
  if (tag.toLowerCase() === "latest") return `image "${image}" uses :${tag}, a floating tag`;
  return undefined;
}

export const imagePinned: PolicyRule = {
  id: "K8S-01",
  name: "ImagesPinned",
  family: "k8s",
  level: "error",
  title: "Every container image is pinned: a version tag other than latest, or a digest",
  why: "An unpinned image changes under you: a restart pulls whatever `latest` is that day. For Metabase that can mean a schema migration, or a version without MB_DB_AWS_IAM, breaking the identity chain.",
  fix: "Pin a version tag (metabase/metabase:v0.63.19) or a digest (@sha256:...)",
  counterparts: { checkov: ["CKV_K8S_14", "CKV_K8S_43 (digest)"] },
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      for (const container of pod.containers) {
        const reason = unpinnedReason(container.spec.image);
        if (reason) report({ path: pod.manifest.resource.path, message: `${containerName(pod, container)}: ${reason}` });
      }
    }
  },
};
