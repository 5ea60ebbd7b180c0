import { METABASE_DEFAULTS } from "../../src/k8s/defaults";
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
  new MetabaseWorkload(stack, "metabase", { contract: LITERAL_CONTRACT, loadBalancerSourceCidrs: ["10.0.0.0/16", "192.168.0.0/16", "10.0.2.0/23"] });
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
