import type { PolicyRule } from "../../types";

/**
 * The network, evaluated: every flow the chain needs is reachable and every flow it forbids is blocked, hop by
 * hop through the pods' NetworkPolicies, security groups, network ACLs and routes
 * (src/policy/graph/reachability.ts, network-policies.ts).
 */
export const chainFlows: PolicyRule = {
  id: "CHAIN-16",
  name: "NetworkPathsBehaveAsDesigned",
  family: "chain",
  level: "error",
  title:
    "Evaluated hop by hop (the pod's NetworkPolicies where the VPC CNI enforces them, security groups, stateless network ACLs with their return traffic, routes, NAT): each database client reaches the database, CoreDNS, STS (and Secrets Manager for the bootstrap), and is reached by its kubelet and its load balancer's clients; its nodes reach ECR; a pod of another namespace does not reach a load-balanced pod's port (pods take their addresses in the node subnets); a pod without a SecurityGroupPolicy, the public subnets and the internet do not reach the database, and the database does not reach the internet",
  why: "Each rule that checks one resource can pass while the path fails: a network ACL without its return rule drops every reply (ACLs are stateless), a private subnet without its NAT route leaves pods without STS (so IRSA fails) and nodes without ECR, a default-deny NetworkPolicy without its DNS exception leaves every pod without names. Only following the traffic says whether it gets there, and which resource stops it.",
  fix: "Change the resource the verdict names: its hop says what it lets through and what it refuses",
  counterpartNote: "AWS VPC Reachability Analyzer, after deploy; here from the synthesized Terraform",
  check({ model, graph, verdicts, report }) {
    for (const flow of verdicts.flows) {
      if (flow.holds) continue;
      // Reachable but must not be: the last hop that lets it in (nearest the destination) is the one to close.
      const deciding =
        flow.expect === "reachable"
          ? (flow.hops.find((h) => h.decision === "deny") ?? flow.hops.find((h) => h.decision === "partial"))
          : [...flow.hops].reverse().find((h) => h.decision !== "deny");
      const what = `${flow.from} -> ${flow.to} (${flow.port}/${flow.protocol})`;
      report({
        path: graph.pathOf(deciding?.resource ?? flow.subject ?? ""),
        findingId: `${flow.from} -> ${flow.to}`,
        subject: flow.subject && graph.pathOf(flow.subject),
        message:
          flow.expect === "reachable"
            ? `${what} must be reachable but is ${flow.verdict}${deciding ? ` at ${deciding.resource}: ${deciding.why}` : ""}${
                flow.verdict === "blocked" ? ' (the packets are dropped: the client sees "connect timed out")' : ""
              }`
            : `${what} must be blocked but is ${flow.verdict}: no hop stops it, and ${deciding ? `${deciding.resource} lets it in (${deciding.why})` : "nothing decides it"}; every hop is in security-chain-${model.name}.json`,
      });
    }
  },
};
