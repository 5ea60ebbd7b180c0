import type { EnvironmentModel } from "../model/environment-model";
import type { TerraformBlock } from "../model/terraform-config";
import { nodeGroupsOf } from "../rules/chain/node-placement";
import { chainLinks, clusters, iamDatabaseUser, podName, readsMasterSecret, type ChainLink } from "../rules/chain/pods";
import { admittedGroups } from "../rules/chain/security-group-policy";
import type { Finding } from "../types";

/**
 * The proven chain of one environment as a Mermaid flowchart: for every pod that reaches the database, its
 * identity chain (pod -> ServiceAccount -> IAM role -> grant -> DB user) and its network chain (pod ->
 * SecurityGroupPolicy -> pod SG -> RDS SG -> port), plus where it may run. Each edge is marked proven (✓) or
 * broken (✗ with the failing rule ids), from the same findings that fail `cdktf synth`.
 */
export function chainMarkdown(model: EnvironmentModel, findings: readonly Finding[]): string {
  const graph = new Graph();
  // Long-running workloads (the application) first, one-shot jobs after.
  const links = chainLinks(model).sort((a, b) => Number(b.pod.longRunning) - Number(a.pod.longRunning));
  links.forEach((link) => drawPod(graph, model, link, findings));
  const broken = findings.filter((f) => f.ruleId.startsWith("CHAIN-") && f.level === "error" && !f.suppression);
  const lines = [
    `# Security chain: ${model.name}`,
    "",
    `Generated from the synthesized \`${model.name}\` environment (both stacks) by the policy layer (src/policy); regenerate with \`npm run docs:chain\`.`,
    "Each edge is a link of the EKS to RDS chain: ✓ proven by the chain rules, ✗ broken (rule ids in docs/policy-rules.md).",
    "",
    "```mermaid",
    "flowchart LR",
    ...graph.lines(),
    "```",
    "",
    links.length === 0 ? "No pod of this environment talks to a database." : `${links.length} pod identities reach the database: ${links.map((l) => podName(l.pod)).join(", ")}.`,
    "",
    broken.length === 0
      ? "Every link is proven: no chain rule reports an error."
      : ["Broken links:", "", ...broken.map((f) => `- \`${f.ruleId}\` at \`${f.path}\`: ${f.message}`)].join("\n"),
    "",
  ];
  return lines.join("\n");
}

function drawPod(graph: Graph, model: EnvironmentModel, link: ChainLink, findings: readonly Finding[]): void {
  const { pod, database, serviceAccount, role } = link;
  const subject = pod.manifest.resource.path;
  const mark = (label: string, ...rules: string[]) => {
    const failing = findings.filter(
      (f) => rules.includes(f.ruleId) && f.level === "error" && !f.suppression && (f.subject === undefined || f.subject === subject),
    );
    const failed = [...new Set(failing.map((f) => f.ruleId))];
    return failed.length > 0 ? `${label} ✗ ${failed.join(", ")}` : `${label} ✓`;
  };
  const podNode = graph.node(subject, podName(pod));
  const db = String(database.config.identifier ?? database.name);

  // Identity chain.
  const saNode = graph.node(
    serviceAccount?.resource.address ?? `sa:${subject}`,
    serviceAccount ? `ServiceAccount ${serviceAccount.namespace}/${serviceAccount.name}` : `ServiceAccount ${pod.serviceAccountName} (missing)`,
  );
  graph.edge(podNode, saNode, mark("serviceAccountName", "CHAIN-01"));
  const roleNode = graph.node(role?.address ?? `role:${subject}`, role ? `IAM role ${role.config.name ?? role.name}` : "IAM role (none)");
  graph.edge(saNode, roleNode, mark("eks.amazonaws.com/role-arn", "CHAIN-02"));
  const cluster = clusters(model)[0];
  const oidc = cluster ? model.oidcProvidersOf(cluster)[0] : undefined;
  const oidcNode = graph.node(oidc?.address ?? "oidc:none", `OIDC provider of ${cluster?.config.name ?? "the cluster"}`);
  const sub = serviceAccount ? `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}` : "?";
  graph.edge(oidcNode, roleNode, mark(`trusts only sub=${sub}, aud=sts`, "CHAIN-03"));
  const user = iamDatabaseUser(pod);
  if (user !== undefined) {
    const grantNode = graph.node(`connect:${subject}`, `rds-db:connect ${db}/${user}`);
    graph.edge(roleNode, grantNode, mark("allows", "CHAIN-04"));
    graph.edge(grantNode, graph.node(`user:${database.address}:${user}`, `DB user ${user} (rds_iam) on ${db}`), mark("IAM auth, MB_DB_AWS_IAM=true", "CHAIN-06"));
  }
  if (readsMasterSecret(model, pod, database)) {
    const secretNode = graph.node(`secret:${database.address}`, `RDS master secret of ${db}`);
    graph.edge(roleNode, secretNode, mark("secretsmanager:GetSecretValue", "CHAIN-05"));
  }

  // Network chain.
  const policies = model.securityGroupPoliciesSelecting(pod);
  const sgpNode = graph.node(
    policies[0]?.resource.address ?? `sgp:${subject}`,
    policies.length > 0 ? `SecurityGroupPolicy ${policies.map((p) => `${p.namespace}/${p.name}`).join(", ")}` : "SecurityGroupPolicy (none)",
  );
  graph.edge(podNode, sgpNode, mark("selected by, created after", "CHAIN-07", "CHAIN-08"));
  const admitted = admittedGroups(model, database);
  const listed = policies
    .flatMap((p) => model.securityGroupsOf(p))
    .map((g) => g.reference?.block)
    .filter((block): block is TerraformBlock => block !== undefined && admitted.has(block));
  const podSg = listed[0];
  const podSgNode = graph.node(podSg?.address ?? `podsg:${subject}`, podSg ? `pod SG ${podSg.config.name ?? podSg.name}` : "pod SG (none admitted)");
  graph.edge(sgpNode, podSgNode, mark("lists", "CHAIN-07"));
  const databaseGroup = model.securityGroupsOfDatabase(database).groups[0];
  const rdsSgNode = graph.node(databaseGroup?.address ?? `rdssg:${database.address}`, `RDS SG ${databaseGroup?.config.name ?? "(none)"}`);
  const port = Number(database.config.port ?? 5432);
  graph.edge(podSgNode, rdsSgNode, mark(`ingress ${port}/tcp`, "CHAIN-09"));
  graph.edge(rdsSgNode, graph.node(`port:${database.address}`, `${db}:${port}`), mark("only from pod SGs", "CHAIN-09"));

  // Placement.
  const groups = nodeGroupsOf(model, pod);
  const selector = Object.entries(pod.pod.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(",") || "none";
  const groupNode = graph.node(
    groups[0]?.address ?? `nodes:${subject}`,
    groups.length > 0 ? `node group ${groups.map((g) => g.config.node_group_name ?? g.name).join(", ")}` : "node group (none)",
  );
  graph.edge(podNode, groupNode, mark(`nodeSelector ${selector}: private, trunk ENI, pod ENI`, "CHAIN-10", "CHAIN-11", "CHAIN-12", "CHAIN-13", "CHAIN-14", "CHAIN-15"));
}

/** Nodes keyed by what they stand for (shared between pods), edges in drawing order. */
class Graph {
  private readonly nodes = new Map<string, { id: string; label: string }>();
  private readonly edges: string[] = [];

  node(key: string, label: string): string {
    let node = this.nodes.get(key);
    if (!node) this.nodes.set(key, (node = { id: `n${this.nodes.size + 1}`, label }));
    return node.id;
  }

  edge(from: string, to: string, label: string): void {
    const line = `  ${from} -->|"${escape(label)}"| ${to}`;
    if (!this.edges.includes(line)) this.edges.push(line);
  }

  lines(): string[] {
    return [...[...this.nodes.values()].map((n) => `  ${n.id}["${escape(n.label)}"]`), ...this.edges];
  }
}

function escape(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
