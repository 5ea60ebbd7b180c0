import type { EnvironmentModel } from "../../model/environment-model";
import { selectorMatches, type ManifestView } from "../../model/kubernetes";
import type { PolicyRule } from "../../types";
import { checkov } from "../../counterparts";

const has = (list: unknown, ...values: string[]) => Array.isArray(list) && list.some((item) => values.includes(String(item)));

/** An RBAC PolicyRule that applies to core-group secrets. */
const onSecrets = (rule: any) => has(rule?.apiGroups, "", "*") && has(rule?.resources, "secrets", "*");

const READ_VERBS = ["get", "list", "watch"];

/** `request.userInfo.username == '<username>'` (either order, either quote): the condition that scopes a policy to one user. */
function namesUser(expression: unknown, username: string): boolean {
  if (typeof expression !== "string") return false;
  const literal = `(['"])${username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\1`;
  const field = String.raw`request\.userInfo\.username`;
  return new RegExp(`^\\s*(?:${field}\\s*==\\s*${literal}|${literal}\\s*==\\s*${field})\\s*$`).test(expression);
}

/** `object.metadata.name == '<literal>'` (either order) or `object.metadata.name in ['a', ...]`, and nothing else. */
function pinsName(expression: unknown): boolean {
  if (typeof expression !== "string") return false;
  const literal = String.raw`(?:'[^'\\]*'|"[^"\\]*")`;
  const field = String.raw`object\.metadata\.name`;
  return new RegExp(
    `^\\s*(?:${field}\\s*==\\s*${literal}|${literal}\\s*==\\s*${field}|${field}\\s+in\\s*\\[\\s*${literal}(?:\\s*,\\s*${literal})*\\s*\\])\\s*$`,
  ).test(expression);
}

/** The policy's matchConstraints reach Secret creation. */
const matchesSecretCreation = (policy: ManifestView) =>
  ((policy.object.spec?.matchConstraints?.resourceRules ?? []) as any[]).some(
    (rule) => has(rule?.operations, "CREATE", "*") && has(rule?.resources, "secrets", "*") && has(rule?.apiGroups, "", "*"),
  );

/** Whether a binding's matchResources reach Secrets created in `namespace` ("*": every namespace). */
function bindingCovers(model: EnvironmentModel, binding: ManifestView, namespace: string): string | undefined {
  const match = binding.object.spec?.matchResources ?? {};
  const objectSelector = match.objectSelector;
  if (objectSelector && (Object.keys(objectSelector.matchLabels ?? {}).length > 0 || (objectSelector.matchExpressions ?? []).length > 0)) {
    return "its matchResources.objectSelector lets a Secret created without those labels through";
  }
  const selector = match.namespaceSelector;
  if (selector === undefined || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0))
    return undefined;
  if (namespace === "*")
    return "its namespaceSelector does not cover every namespace, and a ClusterRoleBinding grants create in all of them";
  const declared = model.manifests("Namespace").find((n) => n.name === namespace)?.object.metadata?.labels ?? {};
  // The API server sets kubernetes.io/metadata.name on every namespace.
  return selectorMatches(selector, { ...declared, "kubernetes.io/metadata.name": namespace })
    ? undefined
    : `its namespaceSelector does not select namespace ${namespace}`;
}

/** Why no admission policy limits `username`'s Secret creation in `namespace` to one name, or undefined when one does. */
function admissionGap(model: EnvironmentModel, username: string, namespace: string): string | undefined {
  const policies = model
    .manifests("ValidatingAdmissionPolicy")
    .filter((p) => (p.object.spec?.matchConditions ?? []).some((c: any) => namesUser(c?.expression, username)));
  if (policies.length === 0)
    return `no ValidatingAdmissionPolicy has a matchConditions expression request.userInfo.username == '${username}'`;
  const gaps: string[] = [];
  for (const policy of policies) {
    const label = `ValidatingAdmissionPolicy ${policy.name}`;
    if (!matchesSecretCreation(policy)) {
      gaps.push(`${label}'s matchConstraints.resourceRules do not match CREATE of secrets`);
      continue;
    }
    if (!(policy.object.spec?.validations ?? []).some((v: any) => pinsName(v?.expression))) {
      gaps.push(`${label} has no validation expression comparing object.metadata.name to a string literal`);
      continue;
    }
    const bindings = model.manifests("ValidatingAdmissionPolicyBinding").filter((b) => b.object.spec?.policyName === policy.name);
    if (bindings.length === 0) {
      gaps.push(`${label} has no ValidatingAdmissionPolicyBinding: a policy that is not bound enforces nothing`);
      continue;
    }
    const bindingGaps: string[] = [];
    for (const binding of bindings) {
      const actions: unknown[] = binding.object.spec?.validationActions ?? [];
      if (!actions.includes("Deny")) {
        bindingGaps.push(
          `ValidatingAdmissionPolicyBinding ${binding.name}'s validationActions ${JSON.stringify(actions)} do not include Deny: a Secret under another name is still created`,
        );
        continue;
      }
      const coverage = bindingCovers(model, binding, namespace);
      if (coverage === undefined) return undefined;
      bindingGaps.push(`ValidatingAdmissionPolicyBinding ${binding.name}: ${coverage}`);
    }
    gaps.push(...bindingGaps);
  }
  return gaps.join("; ");
}

interface Grant {
  readonly role: ManifestView;
  readonly rule: any;
}

export const secretCreationLimited: PolicyRule = {
  id: "K8S-15",
  name: "SecretCreationLimited",
  family: "k8s",
  level: "error",
  title:
    "RBAC that grants create on Secrets is bound only to service accounts that a bound, denying ValidatingAdmissionPolicy limits to one Secret name; no rule reads Secrets without resourceNames",
  why: 'RBAC cannot restrict create by name ("You cannot restrict create or deletecollection requests by their resource name", Kubernetes RBAC docs), so `create secrets` alone lets the holder plant any Secret in the namespace, a service account token Secret for another account included. Only an admission policy bound with validationActions Deny can pin the name; a policy without a binding, or bound with Warn or Audit, enforces nothing. get, list or watch without resourceNames reads every Secret of the namespace (list and watch return their data).',
  fix: "Keep MetabaseWorkload's encryption-key access: a Role with create on secrets and get on the one resourceName, bound to the bootstrap service account only, and the ValidatingAdmissionPolicy (matchConditions on that account's username, validation object.metadata.name == '<app>-encryption-key') with a ValidatingAdmissionPolicyBinding whose validationActions are [\"Deny\"]",
  counterparts: [
    checkov(
      "CKV_K8S_49",
      "different",
      "flags wildcards in a Role's first rule; here Secret create and read, and the admission policy that limits create",
    ),
  ],
  counterpartNote: "kube-linter access-to-secrets flags any binding to get/list/watch/create on secrets",
  check({ model, report }) {
    const roles = [...model.manifests("Role"), ...model.manifests("ClusterRole")];
    const creates: Grant[] = [];
    for (const role of roles) {
      const roleName = `${role.kind} ${role.kind === "Role" ? `${role.namespace}/` : ""}${role.name}`;
      for (const rule of (role.object.rules ?? []) as any[]) {
        if (!onSecrets(rule)) continue;
        const verbs: string[] = (rule.verbs ?? []).map(String);
        const reads = verbs.includes("*") ? READ_VERBS : verbs.filter((v) => READ_VERBS.includes(v));
        if (reads.length > 0 && (rule.resourceNames ?? []).length === 0) {
          report({
            path: role.resource.path,
            message: `${roleName} grants ${reads.join(", ")} on secrets without resourceNames: its holders read every Secret of ${role.kind === "Role" ? `namespace ${role.namespace}` : "every namespace it is bound in"}`,
          });
        }
        if (verbs.includes("create") || verbs.includes("*")) creates.push({ role, rule });
      }
    }
    for (const { role } of creates.filter((grant, index, all) => all.findIndex((g) => g.role === grant.role) === index)) {
      const roleName = `${role.kind} ${role.kind === "Role" ? `${role.namespace}/` : ""}${role.name}`;
      const bindings = [...model.manifests("RoleBinding"), ...model.manifests("ClusterRoleBinding")].filter((binding) => {
        const ref = binding.object.roleRef ?? {};
        if (ref.kind !== role.kind || ref.name !== role.name) return false;
        return role.kind === "ClusterRole" || (binding.kind === "RoleBinding" && binding.namespace === role.namespace);
      });
      for (const binding of bindings) {
        const scope = binding.kind === "ClusterRoleBinding" ? "*" : binding.namespace;
        const bindingName = `${binding.kind} ${binding.kind === "RoleBinding" ? `${binding.namespace}/` : ""}${binding.name}`;
        for (const subject of (binding.object.subjects ?? []) as any[]) {
          if (subject?.kind !== "ServiceAccount") {
            report({
              path: binding.resource.path,
              message: `${bindingName} gives ${roleName}'s create on secrets to ${subject?.kind} ${subject?.name}: only service accounts that an admission policy limits to one Secret name may hold it`,
            });
            continue;
          }
          const username = `system:serviceaccount:${subject.namespace ?? binding.namespace}:${subject.name}`;
          const gap = admissionGap(model, username, scope);
          if (gap === undefined) continue;
          report({
            path: binding.resource.path,
            message: `${bindingName} gives ${username} ${roleName}'s create on secrets, which RBAC cannot limit by name, and nothing else does: ${gap}`,
          });
        }
      }
    }
  },
};
