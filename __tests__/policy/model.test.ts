/** The environment model and its graph: references followed across stacks, and the chain built from them. */
import { addressOf, DEPLOYMENT, manifest, modelOf } from "./helpers";

const model = modelOf();
const workloadBlock = (suffix: string) => model.resources("kubernetes_manifest").find((b) => b.path.endsWith(suffix))!;

test("a ServiceAccount annotation in the workload stack resolves to the platform's IRSA role", () => {
  const sa = model.manifests("ServiceAccount").find((m) => m.name === "metabase")!;
  const annotation = sa.object.metadata.annotations["eks.amazonaws.com/role-arn"];
  expect(annotation).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-platform\.outputs\./);
  const ref = model.reference(sa.resource, annotation)!;
  expect([ref.block.stack, ref.block.path, ref.attribute]).toEqual(["dev-platform", "dev-platform/eks/application-role/role", "arn"]);
});

test("SecurityGroupPolicy group ids resolve to the pod security group and to the cluster's attribute", () => {
  const sgp = model.graph.policies.find((p) => p.manifest.name === "metabase")!;
  expect(sgp.groups.map(({ value }) => model.reference(sgp.manifest.resource, value)).map((r) => [r?.block.path, r?.attribute])).toEqual([
    ["dev-platform/application-pod-sg/security-group", "id"],
    ["dev-platform/eks/cluster", "vpc_config[0].cluster_security_group_id"],
  ]);
  expect(sgp.groups.map(({ group }) => group?.label)).toEqual(['aws_security_group "rds-access-from-pod-dev"', 'EKS cluster security group of aws_eks_cluster "eks-cluster-dev"']);
  expect([...model.graph.podSecurityGroups()].map((g) => g.path).sort()).toEqual([
    "dev-platform/application-pod-sg/security-group",
    "dev-platform/bootstrap-pod-sg/security-group",
  ]);
});

test("a trust condition key splits into this issuer's expression and the :sub literal", () => {
  const trust = model.dataSources("aws_iam_policy_document").find((b) => b.path === "dev-platform/eks/application-role/trust")!;
  const variable = trust.config.statement[0].condition[0].variable;
  const parts = model.resolver.template("dev-platform", variable);
  expect(parts.map((p) => ("literal" in p ? p.literal : p.references.map((r) => `${r.block.path}.${r.attribute}`)))).toEqual([
    ["dev-platform/eks/oidc/provider.url"],
    ":sub",
  ]);
});

test("words inside string literals and unknown names are not references", () => {
  const [block] = model.resources("aws_db_instance");
  const oidc = addressOf(modelOfJson().platform, "aws_iam_openid_connect_provider", "oidc/provider");
  const refs = model.references(block, `\${replace(${oidc}.url, "sts.amazonaws.com", aws_nothing.here.id)}`);
  expect(refs.map((r) => r.block.path)).toEqual(["dev-platform/eks/oidc/provider"]);
  expect(model.reference(block, `prefix-\${${oidc}.url}`)).toBeUndefined();
});

test("the database a pod connects to is found through its env, across stacks", () => {
  expect(model.graph.databaseClients().map((pod) => [pod.manifest.kind, pod.database!.block.path])).toEqual([
    ["Job", "dev-platform/database/instance"],
    ["Deployment", "dev-platform/database/instance"],
  ]);
  expect(workloadBlock(DEPLOYMENT).address).toMatch(/^kubernetes_manifest\./);
});

function modelOfJson() {
  let json: any;
  modelOf((stacks) => (json = stacks));
  expect(manifest(json, DEPLOYMENT).kind).toBe("Deployment");
  return json;
}
