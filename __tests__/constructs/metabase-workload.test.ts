import { METABASE_DEFAULTS } from "../../src/k8s/defaults";
import { HELPER_IMAGE_DEFAULTS } from "../../src/k8s/images";
import { environmentWith } from "../helpers/environments";
import { MetabaseWorkload } from "../../src/k8s/metabase-workload";
import { LITERAL_CONTRACT } from "../workload/helpers/workload-props";
import { bareStack, blocksOf, configOf } from "./helpers";

test("from a contract and an allow-list alone: the default image, one replica, port 8000, the contract's names", () => {
  const stack = bareStack();
  new MetabaseWorkload(stack, "metabase", { contract: LITERAL_CONTRACT, loadBalancerSourceCidrs: ["203.0.113.0/24"] });
  const manifests = blocksOf(configOf(stack), "kubernetes_manifest").map((m) => m.manifest);
  const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const [deployment] = byKind("Deployment");
  expect(deployment.spec.replicas).toBe(METABASE_DEFAULTS.replicas);
  expect(deployment.spec.template.spec.containers[0].image).toBe(METABASE_DEFAULTS.image);
  expect(deployment.spec.template.spec.nodeSelector).toEqual(LITERAL_CONTRACT.nodeSelector);
  expect(byKind("Service")[0].spec.ports[0].port).toBe(METABASE_DEFAULTS.servicePort);
  expect(byKind("ServiceAccount").map((sa) => [sa.metadata.name, sa.metadata.annotations["eks.amazonaws.com/role-arn"]])).toEqual([
    [LITERAL_CONTRACT.application.serviceAccount, LITERAL_CONTRACT.application.roleArn],
    [LITERAL_CONTRACT.bootstrap.serviceAccount, LITERAL_CONTRACT.bootstrap.roleArn],
  ]);
  expect(byKind("SecurityGroupPolicy").map((p) => p.spec.securityGroups.groupIds)).toEqual([
    [LITERAL_CONTRACT.application.podSecurityGroupId, LITERAL_CONTRACT.clusterSecurityGroupId],
    [LITERAL_CONTRACT.bootstrap.podSecurityGroupId, LITERAL_CONTRACT.clusterSecurityGroupId],
  ]);
  const env = Object.fromEntries(byKind("Job")[0].spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
  expect(env).toMatchObject({ DB_MASTER_USER: LITERAL_CONTRACT.bootstrap.dbUser, APP_DB_USER: LITERAL_CONTRACT.application.dbUser });
});

test("clients in the VPC: every subnet pods take addresses from is excepted from Metabase's ingress, a range outside them is kept whole", () => {
  const stack = bareStack();
  new MetabaseWorkload(stack, "metabase", {
    contract: LITERAL_CONTRACT,
    loadBalancerSourceCidrs: ["10.0.0.0/16", "192.168.0.0/16", "10.0.2.0/23"],
  });
  const policy = blocksOf(configOf(stack), "kubernetes_manifest")
    .map((m) => m.manifest)
    .find((m) => m.kind === "NetworkPolicy" && m.metadata.name === LITERAL_CONTRACT.application.serviceAccount);
  expect(policy.spec.ingress[0].from).toEqual([
    { ipBlock: { cidr: "10.0.0.0/16", except: ["10.0.0.0/23", "10.0.2.0/23", "10.0.6.0/23", "10.0.8.0/23"] } },
    { ipBlock: { cidr: "192.168.0.0/16" } },
    // A pod subnet itself cannot be excepted from itself: kept as written, and the verifier reports it (CHAIN-16).
    { ipBlock: { cidr: "10.0.2.0/23" } },
  ]);
});

test("helperImages replace the helper containers' images in both pods (e.g. pinned by digest for production)", () => {
  const stack = bareStack();
  const digest = (image: string) => `${image}@sha256:${"d".repeat(64)}`;
  const helperImages = {
    curl: digest(HELPER_IMAGE_DEFAULTS.curl),
    awsCli: digest(HELPER_IMAGE_DEFAULTS.awsCli),
    psql: digest(HELPER_IMAGE_DEFAULTS.psql),
  };
  new MetabaseWorkload(stack, "metabase", {
    contract: LITERAL_CONTRACT,
    loadBalancerSourceCidrs: ["203.0.113.0/24"],
    image: digest(METABASE_DEFAULTS.image),
    helperImages,
  });
  const images = blocksOf(configOf(stack), "kubernetes_manifest")
    .map((m) => m.manifest)
    .filter((m) => m.kind === "Deployment" || m.kind === "Job")
    .flatMap((m) => [...(m.spec.template.spec.initContainers ?? []), ...m.spec.template.spec.containers].map((c: any) => c.image));
  expect(images.length).toBeGreaterThanOrEqual(6);
  expect(images.filter((image) => !image.endsWith(`@sha256:${"d".repeat(64)}`))).toEqual([]);
  expect(new Set(images)).toEqual(new Set([...Object.values(helperImages), digest(METABASE_DEFAULTS.image)]));
});

test("the environment file's application.helperImages reach the workload; an unpinned one is refused", () => {
  const curl = `curlimages/curl:8.11.1@sha256:${"e".repeat(64)}`;
  expect(environmentWith((input) => (input.application.helperImages = { curl })).config.application.helperImages).toEqual({ curl });
  expect(() => environmentWith((input) => (input.application.helperImages = { psql: "postgres:latest" }))).toThrow(
    /application\.helperImages\.psql.*not pinned/,
  );
});
