import type { DatabaseNode, SecurityGraph } from "../../graph/graph";
import type { SecurityGroupNode, SecurityGroupRule } from "../../graph/network";
import type { PolicyRule } from "../../types";
import { databaseClientPods, podName } from "./pods";

/**
 * A SecurityGroupPolicy selects the pod (by its ServiceAccount's labels or its own) and gives it a pod
 * security group that the database's security group admits on the database port.
 */
export const securityGroupPolicySelectsPod: PolicyRule = {
  id: "CHAIN-07",
  chainLinks: ["security-group-policy", "policy-lists-group"],
  name: "SecurityGroupPolicyGivesPodTheDatabaseKey",
  family: "chain",
  level: "error",
  title:
    "A SecurityGroupPolicy in the pod's namespace selects the pod and lists a pod security group that the database's security group admits on the database port",
  why: "The network lock: only pods carrying the pod security group reach the database port. Without a SecurityGroupPolicy selecting the pod it runs with the node's groups and its connection times out (`connect timed out`, the article's first experiment); with one that lists no admitted group, the same.",
  fix: "Create the SecurityGroupPolicy with securityGroupPolicy() selecting the ServiceAccount's labels, listing the PodSecurityGroup whose id PostgresDatabase.allowFrom() admits",
  check({ model, graph, report }) {
    for (const pod of databaseClientPods(model)) {
      const database = pod.database!;
      const path = pod.manifest.resource.path;
      if (pod.policies.length === 0) {
        report({
          path,
          subject: path,
          message: `no SecurityGroupPolicy in namespace "${pod.manifest.namespace}" selects ${podName(pod)} (by ServiceAccount "${pod.controller.serviceAccountName}" labels or pod labels): it gets no pod security group and cannot reach ${database.label} ("connect timed out")`,
        });
        continue;
      }
      const admitted = admittedGroups(graph, database);
      const listed = pod.policies.flatMap((policy) => policy.groups);
      if (!listed.some(({ group }) => group && admitted.has(group))) {
        report({
          path,
          subject: path,
          message: `the SecurityGroupPolicies selecting ${podName(pod)} (${pod.policies.map((p) => p.manifest.name).join(", ")}) list ${JSON.stringify(listed.map((l) => l.value))}, none of which is a pod security group admitted by ${database.label}'s security group on port ${database.port}`,
        });
      }
    }
  },
};

/** Pod security groups the database's groups admit on its port (over TCP). */
export function admittedGroups(graph: SecurityGraph, database: DatabaseNode): Set<SecurityGroupNode> {
  const podGroups = graph.podSecurityGroups();
  const admitted = new Set<SecurityGroupNode>();
  for (const group of database.groups) {
    for (const rule of group.rules) {
      if (rule.direction !== "ingress" || !coversPort(rule, database.port)) continue;
      for (const peer of rule.peers) if (peer.kind === "group" && podGroups.has(peer.group)) admitted.add(peer.group);
    }
  }
  return admitted;
}

export function coversPort(rule: Pick<SecurityGroupRule, "protocol" | "fromPort" | "toPort">, port: number): boolean {
  if (rule.protocol === "all") return true;
  if (rule.protocol !== "tcp") return false;
  return rule.fromPort <= port && port <= rule.toPort;
}
