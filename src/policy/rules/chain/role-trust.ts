import { serviceAccountSubject, STS_AUDIENCE } from "../../../aws-facts/irsa";
import type { EnvironmentModel } from "../../model/environment-model";
import type { PolicyStatement } from "../../model/policy-documents";
import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { databaseClientPods, clusters, hasWildcard, podName } from "./pods";

const WEB_IDENTITY = "sts:assumerolewithwebidentity";

/**
 * The IRSA role trusts exactly one ServiceAccount of this cluster: Federated on the cluster's OIDC provider,
 * StringEquals on `<issuer>:sub` = system:serviceaccount:<ns>:<sa> and `<issuer>:aud` = sts.amazonaws.com.
 */
export const roleTrust: PolicyRule = {
  id: "CHAIN-03",
  chainLinks: ["role-trust"],
  name: "IrsaRoleTrustsExactlyThisServiceAccount",
  family: "chain",
  level: "error",
  title:
    "The IRSA role's trust policy is Federated on this cluster's OIDC provider, with StringEquals on `<issuer>:sub` = `system:serviceaccount:<ns>:<sa>` and `<issuer>:aud` = `sts.amazonaws.com` (no StringLike, no wildcards)",
  why: "The trust policy decides which tokens may become the role. Without an exact `:sub` any pod of the cluster (or of another cluster trusting the same provider) can assume the database role; a wrong `:sub` locks the real pod out; StringLike or a `*` widens the door to every matching ServiceAccount.",
  fix: "Build the role with EksCluster.addServiceAccountRole (a ServiceAccountRole), passing the pod's namespace and ServiceAccount name",
  check({ model, report }) {
    const cluster = clusters(model)[0];
    for (const pod of databaseClientPods(model)) {
      const { serviceAccount } = pod;
      const role = pod.role?.block;
      if (!serviceAccount || !role) continue; // CHAIN-01/02 report it
      const problems = trustProblems(model, role, cluster, serviceAccountSubject(serviceAccount.namespace, serviceAccount.name));
      if (problems.length === 0) continue;
      report({
        path: role.path,
        subject: pod.manifest.resource.path,
        message: `${model.label(role)}, the role of ${podName(pod)}, is not trusted by exactly its ServiceAccount: ${problems.join("; ")}`,
      });
    }
  },
};

function trustProblems(model: EnvironmentModel, role: TerraformBlock, cluster: TerraformBlock | undefined, subject: string): string[] {
  if (!cluster) return ["the environment has no aws_eks_cluster whose OIDC issuer the role could trust"];
  const providers = model.oidcProvidersOf(cluster);
  if (providers.length === 0) return [`no aws_iam_openid_connect_provider is created for ${model.label(cluster)}'s issuer`];
  const statements = model.trustStatements(role);
  if (!statements)
    return ["its assume_role_policy is neither an aws_iam_policy_document reference nor literal JSON, so it cannot be checked"];
  const allows = statements.filter((s) => s.effect === "Allow");
  if (allows.length === 0) return ["its trust policy allows nobody"];
  return allows.flatMap((statement, index) => {
    const where = allows.length > 1 ? `statement ${index + 1}: ` : "";
    return statementProblems(model, statement, providers, cluster, subject).map((problem) => where + problem);
  });
}

function statementProblems(
  model: EnvironmentModel,
  statement: PolicyStatement,
  providers: TerraformBlock[],
  cluster: TerraformBlock,
  subject: string,
): string[] {
  const problems: string[] = [];
  if (statement.negated) problems.push("it uses NotAction/NotPrincipal");
  const actions = statement.actions.map((a) => a.toLowerCase());
  if (actions.length !== 1 || actions[0] !== WEB_IDENTITY) {
    problems.push(`actions are ${JSON.stringify(statement.actions)}, expected exactly ["sts:AssumeRoleWithWebIdentity"]`);
  }
  const federated = statement.principals.filter((p) => p.type === "Federated").flatMap((p) => p.identifiers);
  const others = statement.principals.filter((p) => p.type !== "Federated");
  const trustsProvider = (value: string) =>
    providers.some((provider) => model.resolver.isReferenceTo(statement.stack, value, provider, "arn"));
  if (others.length > 0) problems.push(`it also trusts ${others.map((p) => `${p.type} ${p.identifiers.join(",")}`).join(" and ")}`);
  if (federated.length !== 1 || !trustsProvider(federated[0])) {
    problems.push(`the Federated principal is ${JSON.stringify(federated)}, not this cluster's OIDC provider`);
  }

  const keys = new Map<string, readonly string[]>();
  for (const condition of statement.conditions) {
    const key = issuerKey(model, statement.stack, condition.variable, providers, cluster);
    if (condition.test !== "StringEquals") {
      problems.push(`condition on ${describe(condition.variable, key)} uses ${condition.test}; only StringEquals pins one identity`);
      continue;
    }
    const wild = condition.values.filter(hasWildcard);
    if (wild.length > 0) problems.push(`condition on ${describe(condition.variable, key)} has wildcard values ${JSON.stringify(wild)}`);
    if (key === "sub" || key === "aud") keys.set(key, condition.values);
    else if (/:(sub|aud)$/.test(condition.variable)) {
      problems.push(`condition key ${condition.variable} is not prefixed with this cluster's OIDC issuer`);
    }
  }
  const sub = keys.get("sub");
  if (!sub)
    problems.push(
      `no StringEquals condition on <issuer>:sub (expected "${subject}"): any ServiceAccount of the cluster could assume the role`,
    );
  else if (sub.length !== 1 || sub[0] !== subject) problems.push(`<issuer>:sub is ${JSON.stringify(sub)}, expected exactly ["${subject}"]`);
  const aud = keys.get("aud");
  if (!aud) problems.push(`no StringEquals condition on <issuer>:aud (expected "${STS_AUDIENCE}")`);
  else if (aud.length !== 1 || aud[0] !== STS_AUDIENCE)
    problems.push(`<issuer>:aud is ${JSON.stringify(aud)}, expected exactly ["${STS_AUDIENCE}"]`);
  return problems;
}

/**
 * "sub" or "aud" when the condition variable is `<this cluster's issuer>:sub|aud`: the issuer part must be an
 * expression over the OIDC provider's url (or the cluster's issuer), the rest the literal ":sub"/":aud".
 */
function issuerKey(
  model: EnvironmentModel,
  stack: string,
  variable: string,
  providers: TerraformBlock[],
  cluster: TerraformBlock,
): "sub" | "aud" | undefined {
  const parts = model.resolver.template(stack, variable);
  if (parts.length !== 2 || !("expression" in parts[0]) || !("literal" in parts[1])) return undefined;
  const suffix = /^:(sub|aud)$/.exec(parts[1].literal);
  if (!suffix) return undefined;
  const ofThisIssuer = parts[0].references.some(
    (ref) =>
      (providers.includes(ref.block) && ref.attribute === "url") ||
      (ref.block === cluster && ref.attribute === "identity[0].oidc[0].issuer"),
  );
  return ofThisIssuer ? (suffix[1] as "sub" | "aud") : undefined;
}

function describe(variable: string, key: string | undefined): string {
  return key ? `<issuer>:${key}` : variable;
}
