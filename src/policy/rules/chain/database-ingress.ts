import type { SecurityGroupNode, SecurityGroupRule } from "../../graph/network";
import type { PolicyRule } from "../../types";

/**
 * The database's security groups admit the database port from pod security groups only: no CIDR, no prefix
 * list, no other group (not the cluster's, not a node's), no wider port range, no other protocol.
 */
export const databaseIngress: PolicyRule = {
  id: "CHAIN-09",
  chainLinks: ["database-ingress"],
  name: "DatabaseAdmitsOnlyPodSecurityGroups",
  family: "chain",
  level: "error",
  title:
    "The database's security group admits exactly the database port, over TCP, from pod security groups only (groups listed in a SecurityGroupPolicy): no CIDR, no 0.0.0.0/0, no other group, no wider range",
  why: "Any other source is a second key to the network lock: a CIDR (even the VPC's) admits every node and every pod without its own group; the cluster or node security group is on every node; a wider port range exposes more than PostgreSQL.",
  fix: "Open the database only with PostgresDatabase.allowFrom(podSecurityGroup) (one port, one pod security group per rule)",
  check({ graph, report }) {
    const podGroups = graph.podSecurityGroups();
    const nodeGroups = graph.nodeSecurityGroups();
    const notAPodGroup = (group: SecurityGroupNode): string => {
      if (nodeGroups.has(group)) return `${group.label}, which is attached to nodes (every pod on them would reach the database)`;
      if (!group.address.startsWith("aws_security_group.")) return `${group.label}, which is not a pod security group of this environment`;
      return `${group.label}, which no SecurityGroupPolicy lists: no pod carries it, and whatever else does reaches the database`;
    };
    const checked = new Set<SecurityGroupNode>();
    for (const database of graph.databases) {
      const { groups, unresolvedGroups, port } = database;
      if (groups.length === 0 || unresolvedGroups.length > 0) {
        report({
          path: database.block.path,
          message:
            groups.length === 0
              ? `${database.label} names no aws_security_group of this environment (the VPC's default group would apply)`
              : `${database.label} carries security groups ${JSON.stringify(unresolvedGroups)} that are not defined in this environment, so what they admit is unknown`,
          fix: "Give the instance its own security group (vpc_security_group_ids = [<that group>.id]) and nothing else",
        });
      }
      for (const group of groups) {
        if (checked.has(group)) continue;
        checked.add(group);
        for (const rule of group.rules.filter((r) => r.direction === "ingress")) {
          const problems: string[] = [];
          const cidrs = rule.peers.flatMap((peer) => (peer.kind === "cidr" ? [peer.cidr] : []));
          if (cidrs.length > 0) problems.push(`CIDR ${cidrs.join(", ")}`);
          if (rule.peers.some((peer) => peer.kind === "prefix-list")) problems.push("a prefix list");
          for (const peer of rule.peers) {
            if (peer.kind === "unknown") problems.push(`${peer.value}, which is not a pod security group of this environment`);
            else if (peer.kind === "group" && peer.group === group) problems.push("its own members (self)");
            else if (peer.kind === "group" && !podGroups.has(peer.group)) problems.push(notAPodGroup(peer.group));
          }
          if (rule.protocol !== "tcp" || rule.fromPort !== port || rule.toPort !== port) {
            problems.push(`${portRange(rule)} instead of exactly ${port}/tcp`);
          }
          if (problems.length === 0) continue;
          report({
            path: graph.pathOf(rule.address),
            message: `${group.label} (the security group of ${database.label}) admits ${problems.join("; ")}`,
          });
        }
      }
    }
  },
};

/** "5432/tcp", "5432-5433/tcp" or "all ports", for messages. */
function portRange(rule: SecurityGroupRule): string {
  if (rule.protocol === "all" || (rule.fromPort === 0 && rule.toPort === 65535)) return "all ports";
  return rule.fromPort === rule.toPort ? `${rule.fromPort}/${rule.protocol}` : `${rule.fromPort}-${rule.toPort}/${rule.protocol}`;
}
