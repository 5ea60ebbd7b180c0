import type { PolicyRule } from "../../types";

/**
 * IAM, evaluated: each pod's service account may do what its job needs and nothing the chain forbids
 * (src/policy/graph/permissions.ts): assume its role with its own token, connect as its own database user only,
 * and read the master secret only if it is the bootstrap Job.
 */
export const chainPermissions: PolicyRule = {
  id: "CHAIN-17",
  chainLinks: ["role-trust", "connect-grant", "master-secret"],
  name: "IdentitiesMayDoExactlyTheirJob",
  family: "chain",
  level: "error",
  title:
    "Evaluated like IAM (explicit deny wins, wildcards, StringEquals/StringLike conditions): the application's service account may rds-db:connect as its own user and not as another; another service account of its namespace may not; only the bootstrap Job's service account may read the master secret",
  why: "The trust policy and the identity policy decide together what a pod can do. A Deny added to a role, a trust condition for another subject, or a wildcard resource each changes the answer without changing any one statement's shape; the answer itself is what must hold.",
  fix: "Change the statement the verdict names (or the trust policy when the role cannot be assumed)",
  counterpartNote: "AWS IAM policy simulator, after deploy; here from the synthesized Terraform",
  check({ model, graph, verdicts, report }) {
    for (const permission of verdicts.permissions) {
      if (permission.holds) continue;
      const subject = permission.subject ? graph.pathOf(permission.subject) : undefined;
      report({
        findingId: `${permission.principal} ${permission.action}`,
        path: permission.statements[0] ? graph.pathOf(permission.statements[0]) : (subject ?? [...model.stacks.keys()][0]),
        subject,
        message: `${permission.principal} ${permission.expect === "allowed" ? "must be allowed" : "must be denied"} ${permission.action} on ${permission.resource}, but is ${permission.verdict}: ${permission.why}`,
      });
    }
  },
};
