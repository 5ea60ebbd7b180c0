import type { FlowCheck } from "../graph/expectations";
import type { PodNode } from "../graph/graph";
import type { EnvironmentModel } from "../model/environment-model";
import { admittedGroups } from "../rules/chain/security-group-policy";
import type { ChainLink, Finding, PolicyRule } from "../types";
import { chainOf } from "../chain";

/**
 * The proven chain of one environment as a Mermaid flowchart, drawn from the graph (src/policy/graph): for every
 * pod that reaches the database, its identity chain (pod -> ServiceAccount -> IAM role -> grant -> DB user), its
 * network chain (pod -> SecurityGroupPolicy -> pod SG -> RDS SG -> port) and where it may run, each edge marked
 * proven (✓) or broken (✗ with the failing rule ids); then every evaluated flow with its verdict.
 */
export function chainMarkdown(model: EnvironmentModel, findings: readonly Finding[], rules: readonly PolicyRule[]): string {
  const graph = new Graph();
  // Long-running workloads (the application) first, one-shot jobs after.
  const pods = [...chainOf(model).graph.databaseClients()].sort(
    (a, b) => Number(b.controller.longRunning) - Number(a.controller.longRunning),
  );
  for (const pod of pods) drawPod(graph, model, pod, findings, rules);
  const flows = chainOf(model).verdicts.flows;
  for (const flow of flows) drawFlow(graph, flow);
  const linkRules = new Set(rules.filter((rule) => (rule.chainLinks?.length ?? 0) > 0 || rule.family === "chain").map((rule) => rule.id));
  const broken = findings.filter((f) => linkRules.has(f.ruleId) && f.level === "error" && !f.suppression);
  const lines = [
    `# Security chain: ${model.name}`,
    "",
    `Generated from the synthesized \`${model.name}\` environment (both stacks) by the policy layer (src/policy); regenerate with \`npm run docs:chain\`.`,
    "Each edge is a link of the EKS to RDS chain: ✓ proven by the chain rules, ✗ broken (rule ids in docs/policy-rules.md).",
    "Dashed edges are evaluated flows: ✓ reachable, ⊘ blocked (as it must be), ⚠ reachable through a rule made outside Terraform, ✗ not as designed.",
    "",
    "```mermaid",
    "flowchart LR",
    ...graph.lines(),
    "```",
    "",
    pods.length === 0
      ? "No pod of this environment talks to a database."
      : `${pods.length} pod identities reach the database: ${pods.map((p) => p.label).join(", ")}.`,
    "",
    `${flows.length} flows evaluated (${flows.filter((f) => f.holds).length} as designed), ${chainOf(model).verdicts.permissions.length} permissions (${chainOf(model).verdicts.permissions.filter((p) => p.holds).length} as designed); every hop is in security-chain-${model.name}.json next to this file after a synth.`,
    "",
    broken.length === 0
      ? "Every link is proven: no chain rule reports an error."
      : ["Broken links:", "", ...broken.map((f) => `- \`${f.ruleId}\` at \`${f.path}\`: ${f.message}`)].join("\n"),
    "",
  ];
  return lines.join("\n");
}

function drawPod(graph: Graph, model: EnvironmentModel, pod: PodNode, findings: readonly Finding[], rules: readonly PolicyRule[]): void {
  const { serviceAccount, role } = pod;
  const database = pod.database!;
  const subject = pod.manifest.resource.path;
  const mark = (label: string, link: ChainLink) => {
    const proving = new Set(rules.filter((rule) => rule.chainLinks?.includes(link)).map((rule) => rule.id));
    const failing = findings.filter(
      (f) => proving.has(f.ruleId) && f.level === "error" && !f.suppression && (f.subject === undefined || f.subject === subject),
    );
    const failed = [...new Set(failing.map((f) => f.ruleId))];
    return failed.length > 0 ? `${label} ✗ ${failed.join(", ")}` : `${label} ✓`;
  };
  const podNode = graph.node(pod.manifest.resource.address, pod.label);
  const db = String(database.block.config.identifier ?? database.block.name);

  // Identity chain.
  const saNode = graph.node(
    serviceAccount?.manifest.resource.address ?? `sa:${subject}`,
    serviceAccount
      ? `ServiceAccount ${serviceAccount.namespace}/${serviceAccount.name}`
      : `ServiceAccount ${pod.controller.serviceAccountName} (missing)`,
  );
  graph.edge(podNode, saNode, mark("serviceAccountName", "pod-service-account"));
  const roleNode = graph.node(
    role?.block.address ?? `role:${subject}`,
    role ? `IAM role ${role.block.config.name ?? role.block.name}` : "IAM role (none)",
  );
  graph.edge(saNode, roleNode, mark("eks.amazonaws.com/role-arn", "service-account-role"));
  const cluster = chainOf(model).graph.clusters[0];
  const oidc = chainOf(model).graph.oidcProviders[0];
  const oidcNode = graph.node(oidc?.address ?? "oidc:none", `OIDC provider of ${cluster?.config.name ?? "the cluster"}`);
  const sub = serviceAccount ? `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}` : "?";
  graph.edge(oidcNode, roleNode, mark(`trusts only sub=${sub}, aud=sts`, "role-trust"));
  if (pod.dbUser !== undefined) {
    const grantNode = graph.node(`connect:${subject}`, `rds-db:connect ${db}/${pod.dbUser}`);
    graph.edge(roleNode, grantNode, mark("allows", "connect-grant"));
    graph.edge(
      grantNode,
      graph.node(`user:${database.block.address}:${pod.dbUser}`, `DB user ${pod.dbUser} (rds_iam) on ${db}`),
      mark("IAM auth, MB_DB_AWS_IAM=true", "iam-database-user"),
    );
  }
  if (pod.readsMasterSecret) {
    const secretNode = graph.node(`secret:${database.block.address}`, `RDS master secret of ${db}`);
    graph.edge(roleNode, secretNode, mark("secretsmanager:GetSecretValue", "master-secret"));
  }

  // Network chain.
  const policies = pod.policies;
  const sgpNode = graph.node(
    policies[0]?.manifest.resource.address ?? `sgp:${subject}`,
    policies.length > 0
      ? `SecurityGroupPolicy ${policies.map((p) => `${p.manifest.namespace}/${p.manifest.name}`).join(", ")}`
      : "SecurityGroupPolicy (none)",
  );
  graph.edge(podNode, sgpNode, mark("selected by, created after", "security-group-policy"));
  const admitted = admittedGroups(chainOf(model).graph, database);
  const podSg = policies.flatMap((p) => p.groups.flatMap((g) => g.group ?? [])).find((group) => admitted.has(group));
  const podSgNode = graph.node(
    podSg?.address ?? `podsg:${subject}`,
    podSg ? `pod SG ${podSg.label.replace(/^aws_security_group /, "").replace(/"/g, "")}` : "pod SG (none admitted)",
  );
  graph.edge(sgpNode, podSgNode, mark("lists", "policy-lists-group"));
  const databaseGroup = database.groups[0];
  const rdsSgNode = graph.node(
    databaseGroup?.address ?? `rdssg:${database.block.address}`,
    `RDS SG ${databaseGroup?.label.replace(/^aws_security_group /, "").replace(/"/g, "") ?? "(none)"}`,
  );
  graph.edge(podSgNode, rdsSgNode, mark(`ingress ${database.port}/tcp`, "database-ingress"));
  graph.edge(
    rdsSgNode,
    graph.node(`port:${database.block.address}`, `${db}:${database.port}`),
    mark("only from pod SGs", "database-ingress"),
  );

  // Placement.
  const selector =
    Object.entries(pod.nodeSelector)
      .map(([k, v]) => `${k}=${v}`)
      .join(",") || "none";
  const groupNode = graph.node(
    pod.nodeGroups[0]?.block.address ?? `nodes:${subject}`,
    pod.nodeGroups.length > 0
      ? `node group ${pod.nodeGroups.map((g) => g.block.config.node_group_name ?? g.block.name).join(", ")}`
      : "node group (none)",
  );
  graph.edge(podNode, groupNode, mark(`nodeSelector ${selector}: private, trunk ENI, pod ENI`, "node-placement"));
}

/** An evaluated flow, dashed, from its source to its destination, with its verdict. */
function drawFlow(graph: Graph, flow: FlowCheck): void {
  // A flow from a pod of the chain starts at that pod's node; any other source gets its own.
  const fromPod = flow.subject !== undefined && graph.labelOf(flow.subject) === flow.from;
  const from = graph.node(fromPod ? flow.subject! : `flow-source:${flow.from}`, flow.from);
  const to = graph.node(`flow-target:${flow.to}`, flow.to);
  const symbol = !flow.holds ? "✗" : flow.expect === "blocked" ? "⊘" : flow.verdict === "external" ? "⚠" : "✓";
  graph.flow(from, to, `${symbol} ${flow.port}/${flow.protocol} ${flow.verdict}`);
}

/** Nodes keyed by what they stand for (shared between pods), edges in drawing order. */
class Graph {
  private readonly nodes = new Map<string, { id: string; label: string }>();
  private readonly edges: string[] = [];

  node(key: string, label: string): string {
    const existing = this.nodes.get(key);
    if (existing) return existing.id;
    const node = { id: `n${this.nodes.size + 1}`, label };
    this.nodes.set(key, node);
    return node.id;
  }

  edge(from: string, to: string, label: string): void {
    const line = `  ${from} -->|"${mermaidText(label)}"| ${to}`;
    if (!this.edges.includes(line)) this.edges.push(line);
  }

  flow(from: string, to: string, label: string): void {
    const line = `  ${from} -.->|"${mermaidText(label)}"| ${to}`;
    if (!this.edges.includes(line)) this.edges.push(line);
  }

  labelOf(key: string): string | undefined {
    return this.nodes.get(key)?.label;
  }

  lines(): string[] {
    return [...[...this.nodes.values()].map((n) => `  ${n.id}["${mermaidText(n.label)}"]`), ...this.edges];
  }
}

function mermaidText(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
