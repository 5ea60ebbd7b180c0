/**
 * What the Kubernetes API server and its controllers write into objects we create, and why that matters to
 * `kubernetes_manifest` (hashicorp/terraform-provider-kubernetes 2.38, manifest/provider/plan.go and apply.go):
 * - the provider plans every map or list the configuration sets as a known value with exactly its keys, and
 *   stores the object the server returns (`payload.ToTFValue(RemoveServerSideFields(result.Object), ...)`);
 * - only paths listed in `computed_fields` (a path covers everything below it) may differ from the plan. The
 *   default list is `metadata.labels` and `metadata.annotations`; a list given in the configuration replaces it.
 * So a field the server changes on create, inside a value the configuration sets, fails the first apply with
 * "Provider produced inconsistent result after apply"; a field a controller changes later shows up as a change in
 * every later plan. Research notes with quotes: docs/what-apply-would-reject.md.
 */

/** The provider's default `computed_fields` (plan.go: "'metadata.annotations' and 'metadata.labels' are configured as default"). */
export const DEFAULT_COMPUTED_FIELDS: readonly string[] = ["metadata.labels", "metadata.annotations"];

export interface ServerSideChange {
  /** API group ("" for the core group) and kind of the objects it happens to. */
  readonly group: string;
  readonly kind: string;
  /** The field, from the object's root. */
  readonly path: readonly string[];
  /** Only for objects like this one (e.g. Services of type LoadBalancer). */
  readonly when?: (object: Record<string, any>) => boolean;
  /** What the server writes there. */
  readonly change: string;
  /** On create the first apply fails; later, every plan after it shows a change. */
  readonly timing: "on create" | "after create";
  readonly source: string;
}

export const SERVER_SIDE_CHANGES: readonly ServerSideChange[] = [
  {
    group: "",
    kind: "Namespace",
    path: ["metadata", "labels"],
    change: "adds the label kubernetes.io/metadata.name",
    timing: "on create",
    source:
      "kubernetes/kubernetes pkg/apis/core/v1/defaults.go (SetDefaults_Namespace); kubernetes.io docs, Well-Known Labels: kubernetes.io/metadata.name",
  },
  {
    group: "",
    kind: "Namespace",
    path: ["spec", "finalizers"],
    change: 'appends the finalizer "kubernetes"',
    timing: "on create",
    source: "kubernetes/kubernetes pkg/registry/core/namespace/strategy.go (PrepareForCreate)",
  },
  {
    group: "batch",
    kind: "Job",
    path: ["spec", "template", "metadata", "labels"],
    change: "adds job-name, controller-uid, batch.kubernetes.io/job-name and batch.kubernetes.io/controller-uid",
    timing: "on create",
    source: "kubernetes/kubernetes pkg/registry/batch/job/strategy.go (generateSelector), kubernetes/kubernetes#114930",
  },
  {
    group: "batch",
    kind: "Job",
    path: ["metadata", "labels"],
    when: (job) => Object.keys(job.metadata?.labels ?? {}).length === 0 && job.spec?.template?.metadata?.labels !== undefined,
    change: "copies the pod template's labels into the Job's own labels when those are empty",
    timing: "on create",
    source: "kubernetes/kubernetes pkg/apis/batch/v1/defaults.go (SetDefaults_Job)",
  },
  {
    group: "apps",
    kind: "Deployment",
    path: ["metadata", "annotations"],
    change: "adds deployment.kubernetes.io/revision (the deployment controller)",
    timing: "after create",
    source: "kubernetes/kubernetes pkg/controller/deployment/util/deployment_util.go (RevisionAnnotation)",
  },
  {
    group: "",
    kind: "Service",
    path: ["metadata", "finalizers"],
    when: (service) => service.spec?.type === "LoadBalancer",
    change: "adds the finalizer service.kubernetes.io/load-balancer-cleanup (the service controller)",
    timing: "after create",
    source: "k8s.io/cloud-provider, service controller (LoadBalancerCleanupFinalizer)",
  },
];

/** Fields the API server accepts and never returns: a manifest that sets one can never match what is read back. */
export const WRITE_ONLY_FIELDS: readonly ServerSideChange[] = [
  {
    group: "",
    kind: "Secret",
    path: ["stringData"],
    change: "merges stringData into data and never returns stringData",
    timing: "on create",
    source:
      'kubernetes/kubernetes pkg/apis/core/v1/conversion.go (Convert_v1_Secret_To_core_Secret); hashicorp/terraform-provider-kubernetes#1684 ("stringData is always write-only")',
  },
];

/** The API group of an apiVersion: "batch/v1" -> "batch", "v1" -> "". */
export function apiGroupOf(apiVersion: unknown): string {
  const text = String(apiVersion ?? "");
  return text.includes("/") ? text.slice(0, text.indexOf("/")) : "";
}

/**
 * A `computed_fields` entry as the provider parses it (manifest/provider/waiter.go, FieldPathToTftypesPath:
 * an HCL traversal of attribute names, ["string"] map keys and [n] list indexes; splat is refused). Undefined when
 * the provider would refuse it at plan ("cannot parse field path element").
 */
export function parseFieldPath(text: string): string[] | undefined {
  const first = /^[A-Za-z_][\w-]*/.exec(text);
  if (!first) return undefined;
  const segments = [first[0]];
  const step = /^(?:\.([A-Za-z_][\w-]*)|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\])/;
  let rest = text.slice(first[0].length);
  while (rest.length > 0) {
    const match = step.exec(rest);
    if (!match) return undefined;
    segments.push(match[1] ?? (match[2] !== undefined ? JSON.parse(`"${match[2]}"`) : match[3]));
    rest = rest.slice(match[0].length);
  }
  return segments;
}
