import type { EnvironmentModel } from "../../model/environment-model";
import type { IngressRule } from "../../model/security-group-rules";
import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { chainLinks, podName } from "./pods";

/**
 * A SecurityGroupPolicy selects the pod (by its ServiceAccount's labels or its own) and gives it a pod
 * security group that the database's security group admits on the database port.
 */
export const securityGroupPolicySelectsPod: PolicyRule = {
  id: "CHAIN-07",
  name: "SecurityGroupPolicyGivesPodTheDatabaseKey",
  family: "chain",
  level: "error",
  title:
    "A SecurityGroupPolicy in the pod's namespace selects the pod and lists a pod security group that the database's security group admits on the database port",
  why:
    "The network lock: only pods carrying the pod security group reach the database port. Without a SecurityGroupPolicy selecting the pod it runs with the node's groups and its connection times out (`connect timed out`, the article's first experiment); with one that lists no admitted group, the same.",
  fix: "Create the SecurityGroupPolicy with securityGroupPolicy() selecting the ServiceAccount's labels, listing the PodSecurityGroup whose id PostgresDatabase.allowFrom() admits",
  check({ model, report }) {
    for (const { pod, database } of chainLinks(model)) {
      const path = pod.manifest.resource.path;
      const policies = model.securityGroupPoliciesSelecting(pod);
      if (policies.length === 0) {
        report({
          path,
          subject: path,
          message: `no SecurityGroupPolicy in namespace "${pod.manifest.namespace}" selects ${podName(pod)} (by ServiceAccount "${pod.serviceAccountName}" labels or pod labels): it gets no pod security group and cannot reach ${model.label(database)} ("connect timed out")`,
        });
        continue;
      }
      const admitted = admittedGroups(model, database);
      const listed = policies.flatMap((sgp) => model.securityGroupsOf(sgp));
      if (!listed.some(({ reference }) => reference && reference.attribute === "id" && admitted.has(reference.block))) {
        report({
          path,
          subject: path,
          message: `the SecurityGroupPolicies selecting ${podName(pod)} (${policies.map((p) => p.name).join(", ")}) list ${JSON.stringify(listed.map((l) => l.value))}, none of which is a pod security group admitted by ${model.label(database)}'s security group on port ${database.config.port ?? 5432}`,
        });
      }
    }
  },
};

/** Pod security groups the database's groups admit on its port (over TCP). */
export function admittedGroups(model: EnvironmentModel, database: TerraformBlock): Set<TerraformBlock> {
  const port = Number(database.config.port ?? 5432);
  const podGroups = model.podSecurityGroups();
  const admitted = new Set<TerraformBlock>();
  for (const group of model.securityGroupsOfDatabase(database).groups) {
    for (const rule of model.ingressRulesOf(group)) {
      if (!coversPort(rule, port)) continue;
      for (const source of rule.sourceGroups) {
        const ref = model.reference(rule.resource, source);
        if (ref && ref.attribute === "id" && podGroups.has(ref.block)) admitted.add(ref.block);
      }
    }
  }
  return admitted;
}

export function coversPort(rule: IngressRule, port: number): boolean {
  if (rule.protocol === "-1") return true;
  if (rule.protocol !== "tcp") return false;
  return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
}
