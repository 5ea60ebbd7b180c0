/**
 * A rule of this team's own, in one file: the pods that hold database credentials (every database client) must
 * not be able to send mail to the internet, so a compromised pod cannot mail the data out. It asks the verifier's
 * graph whether the traffic gets there, hop by hop (security groups, network ACLs, routes, NAT, the pod's
 * NetworkPolicies), instead of looking for one resource: a redundant rule removed keeps it passing, any open
 * path makes it fail.
 */
import { podFlow, type PolicyRule, type RulePack } from "secure-eks-rds/policy";

const MAIL_PORTS = [25, 465, 587];

export const noOutboundMail: PolicyRule = {
  id: "ACME-01",
  name: "NoOutboundMailFromDatabaseClients",
  family: "acme",
  level: "error",
  title: "No pod that connects to the database can reach a mail server on the internet (25, 465, 587)",
  why: "A pod with database credentials that can send mail can mail the data out; mail to the outside goes through the company relay, which these pods have no business calling.",
  fix: "Leave the pod's egress as the constructs write it (DNS and the database only), or route mail through an internal relay",
  check({ graph, report }) {
    for (const pod of graph.databaseClients()) {
      for (const port of MAIL_PORTS) {
        const flow = podFlow(graph, pod, { kind: "internet" }, { protocol: "tcp", port, expect: "blocked" });
        if (flow.holds) continue;
        const opening = flow.hops.filter((hop) => hop.decision !== "deny").map((hop) => hop.resource);
        report({
          path: graph.pathOf(pod.manifest.resource.address),
          findingId: `port:${port}`,
          message: `${pod.label} reaches the internet on ${port}/tcp (${flow.verdict}) through ${opening.join(", ")}`,
        });
      }
    }
  },
};

export const ACME_RULES: RulePack = { name: "acme", rules: [noOutboundMail] };
