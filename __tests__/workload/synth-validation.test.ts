/**
 * The project's own synth-time check (src/k8s/validate.ts through the KubernetesManifest construct): a broken
 * manifest must stop `cdktf synth` with an error that names the construct path, the kind and the name, instead
 * of surfacing at `terraform apply` against a live cluster.
 */
import { TerraformStack, Testing } from "cdktf";
import { KubernetesManifest } from "../../src/k8s/kubernetes-manifest";
import { MetabaseWorkload } from "../../src/k8s/metabase-workload";
import { loadBalancerService } from "../../src/k8s/manifests/core";
import { securityGroupPolicy } from "../../src/k8s/manifests/security-group-policy";
import { LITERAL_WORKLOAD_PROPS } from "./helpers/workload-props";

const newStack = () => new TerraformStack(Testing.app(), "validation");

const service = () =>
  loadBalancerService({
    name: "metabase",
    namespace: "metabase",
    labels: { app: "metabase" },
    port: 8000,
    targetPort: 3000,
    sourceRanges: ["203.0.113.0/24"],
    exposure: "internal",
  });
const policy = (groupIds: string[]) =>
  securityGroupPolicy({ name: "metabase", namespace: "metabase", serviceAccountLabels: { app: "metabase" }, securityGroupIds: groupIds });

/** Builds the manifest and returns the construction error's message. */
function constructionError(id: string, object: any): string {
  const stack = newStack();
  let message = "";
  try {
    new KubernetesManifest(stack, id, object);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).not.toBe("");
  // Nothing half-built is left in the tree for synth to write.
  expect(stack.node.tryFindChild(id)).toBeUndefined();
  return message;
}

test("valid manifests construct, and keep the typed object for policy checks", () => {
  const stack = newStack();
  const manifest = new KubernetesManifest(stack, "service", service());
  expect(manifest.definition.spec?.ports?.[0].port).toBe(8000);
  new KubernetesManifest(stack, "policy", policy(["sg-1", "sg-2", "sg-3", "sg-4", "sg-5"]));
  expect(JSON.parse(Testing.synth(stack)).resource.kubernetes_manifest).toEqual({
    service: expect.objectContaining({ manifest: expect.objectContaining({ kind: "Service" }) }),
    policy: expect.objectContaining({ manifest: expect.objectContaining({ kind: "SecurityGroupPolicy" }) }),
  });
});

test("a Service port given as a string fails, naming path, kind, name and field", () => {
  const broken: any = service();
  broken.spec.ports[0].port = "8000";
  const message = constructionError("service", broken);
  expect(message).toContain("Invalid Kubernetes manifest Service metabase/metabase at validation/service");
  expect(message).toMatch(/spec\/ports\/0\/port must be integer/);
});

test("a SecurityGroupPolicy with six groups fails: a branch ENI takes at most five", () => {
  const message = constructionError("policy", policy(["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"]));
  expect(message).toContain("Invalid Kubernetes manifest SecurityGroupPolicy metabase/metabase at validation/policy");
  expect(message).toMatch(/spec\.securityGroups\.groupIds: .*<=5/);
});

test("a SecurityGroupPolicy without a selector fails: it would select nothing", () => {
  const broken: any = policy(["sg-1"]);
  delete broken.spec.serviceAccountSelector;
  const message = constructionError("policy", broken);
  expect(message).toContain("SecurityGroupPolicy metabase/metabase at validation/policy");
  expect(message).toContain("selects nothing: set podSelector or serviceAccountSelector");
});

test("a SecurityGroupPolicy with an unknown field or no group fails", () => {
  const misspelt: any = policy(["sg-1"]);
  misspelt.spec.securityGroups = { groupId: ["sg-1"] };
  expect(constructionError("policy", misspelt)).toMatch(/spec\.securityGroups.*groupId/);
  expect(constructionError("policy", policy([]))).toMatch(/groupIds: .*>=1/);
});

test("a kind without a schema, or without apiVersion/kind, fails and says where to add one", () => {
  expect(
    constructionError("ingress", { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "x", namespace: "y" } }),
  ).toMatch(/Ingress y\/x at validation\/ingress: no schema for networking.k8s.io\/v1 Ingress; add one to src\/k8s\/validate.ts/);
  expect(constructionError("nameless", { metadata: { name: "x" } })).toMatch(/apiVersion and kind are required/);
});

test("the composition is validated too: a fractional replica count fails at the Deployment's path", () => {
  const props = LITERAL_WORKLOAD_PROPS;
  expect(() => new MetabaseWorkload(newStack(), "metabase", props)).not.toThrow();
  expect(() => new MetabaseWorkload(newStack(), "metabase", { ...props, replicas: 1.5 })).toThrow(
    /Invalid Kubernetes manifest Deployment metabase\/metabase at validation\/metabase\/deployment: .*replicas must be integer/,
  );
});
