import type { ManifestView } from "../../model/kubernetes";
import type { PolicyRule } from "../../types";
import { checkov } from "../../counterparts";

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (Array.isArray(value) ? value.length === 0 : typeof value === "object" && Object.keys(value).length === 0);

/** podSelector {} (or absent): every pod of the namespace. */
const selectsEveryPod = (policy: ManifestView) => {
  const selector = policy.object.spec?.podSelector;
  return isEmpty(selector) || (isEmpty(selector.matchLabels) && isEmpty(selector.matchExpressions));
};

/** The policy types Kubernetes applies: policyTypes as written, else Ingress, plus Egress when egress rules exist (NetworkPolicySpec). */
const policyTypesOf = (policy: ManifestView): string[] => {
  const written = policy.object.spec?.policyTypes;
  if (Array.isArray(written) && written.length > 0) return written.map(String);
  return ["Ingress", ...(isEmpty(policy.object.spec?.egress) ? [] : ["Egress"])];
};

/** Why a NetworkPolicy is not a default deny for its namespace, or undefined when it is one. */
function notDefaultDeny(policy: ManifestView): string | undefined {
  const spec = policy.object.spec ?? {};
  if (!selectsEveryPod(policy)) return "its podSelector does not select every pod";
  const reasons: string[] = [];
  const types = policyTypesOf(policy);
  const written = Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0;
  if (!types.includes("Ingress")) {
    reasons.push(
      `policyTypes lists only ${types.join(", ")}, so no pod is isolated for ingress (and under the VPC CNI agent's strict mode a policy listing only Egress still lets ingress in: aws/aws-network-policy-agent#319)`,
    );
  }
  if (!types.includes("Egress"))
    reasons.push(
      written
        ? `policyTypes lists only ${types.join(", ")}, so egress stays open`
        : "it sets no policyTypes, which then means Ingress only, so egress stays open",
    );
  if (!isEmpty(spec.ingress)) reasons.push("it has ingress rules, so it allows traffic instead of denying it");
  if (!isEmpty(spec.egress)) reasons.push("it has egress rules, so it allows traffic instead of denying it");
  return reasons.length > 0 ? reasons.join("; ") : undefined;
}

export const namespaceDefaultDeny: PolicyRule = {
  id: "K8S-13",
  name: "NamespaceDefaultDenies",
  family: "k8s",
  level: "error",
  title: "Every namespace that runs pods has a default-deny NetworkPolicy: podSelector {}, policyTypes [Ingress, Egress], no rules",
  why: "A pod no NetworkPolicy selects accepts and opens every connection, and a pod added later (or one whose labels drift from its allow policy) is in that state. Only a policy that selects every pod, lists both Ingress and Egress and allows nothing makes deny the default, so each allow is explicit. Listing only Egress isolates nothing for ingress, and the VPC CNI's network policy agent in strict mode was shown to let ingress in with an Egress-only policy (aws/aws-network-policy-agent#319).",
  fix: 'Keep MetabaseWorkload\'s default-deny policy (podSelector {}, policyTypes ["Ingress", "Egress"], no ingress or egress rules) in every namespace with pods, and allow each needed flow in its own policy',
  counterparts: [
    checkov(
      "CKV2_K8S_6",
      "different",
      "checks Pods only, and never counts podSelector: {} (its edge builder skips an empty selector); here each namespace's default deny in both directions",
    ),
  ],
  counterpartNote: "kube-linter non-isolated-pod and kube-score pod-networkpolicy flag pods no policy selects",
  check({ model, report }) {
    const namespaces = new Map<string, string[]>();
    for (const pod of model.podControllers()) {
      const { namespace, kind, name } = pod.manifest;
      namespaces.set(namespace, [...(namespaces.get(namespace) ?? []), `${kind} ${namespace}/${name}`]);
    }
    for (const [namespace, controllers] of namespaces) {
      const policies = model.manifests("NetworkPolicy").filter((p) => p.namespace === namespace);
      if (policies.some((policy) => notDefaultDeny(policy) === undefined)) continue;
      const runs = `namespace ${namespace} runs ${controllers.join(", ")}`;
      // The closest candidate: a policy meant as the default deny (every pod selected, no rules) that misses a type.
      const nearMiss = policies.find((p) => selectsEveryPod(p) && isEmpty(p.object.spec?.ingress) && isEmpty(p.object.spec?.egress));
      if (nearMiss) {
        report({
          path: nearMiss.resource.path,
          message: `NetworkPolicy ${namespace}/${nearMiss.name} selects every pod but is no default deny: ${notDefaultDeny(nearMiss)} (${runs})`,
        });
        continue;
      }
      const where =
        model.manifests("Namespace").find((n) => n.name === namespace) ??
        model.podControllers().find((p) => p.manifest.namespace === namespace)!.manifest;
      report({
        path: where.resource.path,
        message: `${runs} but has no default-deny NetworkPolicy (podSelector {}, policyTypes [Ingress, Egress], no rules)${policies.length > 0 ? `: none of its NetworkPolicies (${policies.map((p) => p.name).join(", ")}) is one, so pods they do not select, and directions they do not list, stay open` : ""}`,
      });
    }
  },
};
