import type { TerraformBlock } from "./terraform-config";

/** The kind of the VPC resource controller's custom resource. */
export const SECURITY_GROUP_POLICY_KIND = "SecurityGroupPolicy";

/**
 * Kubernetes objects as Terraform will send them: the `manifest` attribute of each resolved
 * `kubernetes_manifest` (what KubernetesManifest.definition became, after escape hatches and overrides).
 */
export interface ManifestView {
  readonly resource: TerraformBlock;
  readonly object: Record<string, any>;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

export function manifestView(resource: TerraformBlock): ManifestView | undefined {
  const object = resource.config.manifest;
  if (!object || typeof object !== "object") return undefined;
  return {
    resource,
    object,
    kind: String(object.kind ?? ""),
    name: String(object.metadata?.name ?? ""),
    // kubectl's default; the policy checks the namespace the object will actually land in.
    namespace: String(object.metadata?.namespace ?? "default"),
  };
}

/** A container as the rules see it. */
export interface ContainerView {
  readonly name: string;
  readonly init: boolean;
  readonly spec: Record<string, any>;
}

/** Anything that creates pods: the pod template is what the rules check. */
export interface PodController {
  readonly manifest: ManifestView;
  /** The pod template's spec. */
  readonly pod: Record<string, any>;
  readonly podLabels: Readonly<Record<string, string>>;
  /** "default" when unset, as Kubernetes does. */
  readonly serviceAccountName: string;
  readonly containers: readonly ContainerView[];
  /** Runs until stopped (Deployment, StatefulSet, DaemonSet), as opposed to run-to-completion (Job, CronJob). */
  readonly longRunning: boolean;
}

const LONG_RUNNING = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);

export function podController(manifest: ManifestView): PodController | undefined {
  const template = podTemplateOf(manifest);
  if (!template) return undefined;
  const pod = template.spec ?? {};
  const containers = [
    ...(pod.initContainers ?? []).map((spec: any) => ({ name: String(spec.name), init: true, spec })),
    ...(pod.containers ?? []).map((spec: any) => ({ name: String(spec.name), init: false, spec })),
  ];
  return {
    manifest,
    pod,
    podLabels: template.metadata?.labels ?? {},
    serviceAccountName: String(pod.serviceAccountName ?? pod.serviceAccount ?? "default"),
    containers,
    longRunning: LONG_RUNNING.has(manifest.kind),
  };
}

function podTemplateOf(manifest: ManifestView): { metadata?: any; spec?: any } | undefined {
  const { kind, object } = manifest;
  if (kind === "Pod") return { metadata: object.metadata, spec: object.spec };
  if (kind === "CronJob") return object.spec?.jobTemplate?.spec?.template;
  if (["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].includes(kind)) return object.spec?.template;
  return undefined;
}

/** Kubernetes label selector semantics (matchLabels and matchExpressions); an empty selector selects all. */
export function selectorMatches(selector: any, labels: Readonly<Record<string, string>>): boolean {
  if (!selector || typeof selector !== "object") return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const present = expression.key in labels;
    const value = labels[expression.key];
    const values: string[] = expression.values ?? [];
    switch (expression.operator) {
      case "In":
        if (!present || !values.includes(value)) return false;
        break;
      case "NotIn":
        if (present && values.includes(value)) return false;
        break;
      case "Exists":
        if (!present) return false;
        break;
      case "DoesNotExist":
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** The value of an env var set literally (`value`), or undefined when absent or taken from elsewhere. */
export function envValue(container: ContainerView, name: string): string | undefined {
  const entry = (container.spec.env ?? []).find((e: any) => e?.name === name);
  return entry && "value" in entry ? String(entry.value) : undefined;
}
