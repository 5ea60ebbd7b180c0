import type { TerraformBlock } from "../../model/terraform-config";
import { portRange } from "../../model/security-group-rules";
import type { PolicyRule } from "../../types";

/**
 * The database's security groups admit the database port from pod security groups only: no CIDR, no prefix
 * list, no other group (not the cluster's, not a node's), no wider port range, no other protocol.
 */
export const databaseIngress: PolicyRule = {
  id: "CHAIN-09",
  name: "DatabaseAdmitsOnlyPodSecurityGroups",
  family: "chain",
  level: "error",
  title:
    "The database's security group admits exactly the database port, over TCP, from pod security groups only (groups listed in a SecurityGroupPolicy): no CIDR, no 0.0.0.0/0, no other group, no wider range",
  why:
    "Any other source is a second key to the network lock: a CIDR (even the VPC's) admits every node and every pod without its own group; the cluster or node security group is on every node; a wider port range exposes more than PostgreSQL.",
  fix: "Open the database only with PostgresDatabase.allowFrom(podSecurityGroup) (one port, one pod security group per rule)",
  check({ model, report }) {
    const podGroups = model.podSecurityGroups();
    const nodeGroups = model.nodeSecurityGroups();
    const notAPodGroup = (group: TerraformBlock | undefined, source: unknown): string => {
      if (!group || group.type !== "aws_security_group") return `${group ? model.label(group) : JSON.stringify(source)}, which is not a pod security group of this environment`;
      if (nodeGroups.has(group)) return `${model.label(group)}, which is attached to nodes (every pod on them would reach the database)`;
      return `${model.label(group)}, which no SecurityGroupPolicy lists: no pod carries it, and whatever else does reaches the database`;
    };
    const checked = new Set<TerraformBlock>();
    for (const database of model.resources("aws_db_instance")) {
      const port = Number(database.config.port ?? 5432);
      const { groups, unresolved } = model.securityGroupsOfDatabase(database);
      if (groups.length === 0 || unresolved.length > 0) {
        report({
          path: database.path,
          message:
            groups.length === 0
              ? `${model.label(database)} names no aws_security_group of this environment (the VPC's default group would apply)`
              : `${model.label(database)} carries security groups ${JSON.stringify(unresolved)} that are not defined in this environment, so what they admit is unknown`,
          fix: "Give the instance its own security group (vpc_security_group_ids = [<that group>.id]) and nothing else",
        });
      }
      for (const group of groups) {
        if (checked.has(group)) continue;
        checked.add(group);
        for (const rule of model.ingressRulesOf(group)) {
          const problems: string[] = [];
          if (rule.cidrs.length > 0) problems.push(`CIDR ${rule.cidrs.join(", ")}`);
          if (rule.prefixLists.length > 0) problems.push("a prefix list");
          if (rule.self) problems.push("its own members (self)");
          for (const source of rule.sourceGroups) {
            const ref = model.reference(rule.resource, source);
            if (!ref || ref.attribute !== "id" || !podGroups.has(ref.block)) problems.push(notAPodGroup(ref?.block, source));
          }
          if (rule.protocol !== "tcp" || rule.fromPort !== port || rule.toPort !== port) {
            problems.push(`${portRange(rule)} instead of exactly ${port}/tcp`);
          }
          if (problems.length === 0) continue;
          report({
            path: rule.resource.path,
            message: `${model.label(group)} (the security group of ${model.label(database)}) admits ${problems.join("; ")}`,
          });
        }
      }
    }
  },
};
