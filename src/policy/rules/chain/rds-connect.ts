import type { EnvironmentModel } from "../../model/environment-model";
import { grants, type PolicyStatement } from "../../model/policy-documents";
import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { databaseClientPods, hasWildcard, podName } from "./pods";

/**
 * The pod's role may `rds-db:connect` as exactly the user the pod connects as, on exactly the database the
 * pod connects to (by its immutable resource id), and on nothing broader.
 */
export const rdsConnect: PolicyRule = {
  id: "CHAIN-04",
  chainLinks: ["connect-grant"],
  name: "RoleConnectsAsExactlyThePodsDbUser",
  family: "chain",
  level: "error",
  title: "The IRSA role grants `rds-db:connect` on `arn:…:dbuser:<this database's resource_id>/<MB_DB_USER>` and on nothing broader",
  why: "The rds-db:connect grant is the identity lock: the token a pod mints only opens the DB user its role names. If the resource is another instance, another user, or a wildcard, either the pod is refused (`PAM authentication failed`) or its role can log in as any IAM-enabled user of any database in the account.",
  fix: "Grant with PostgresDatabase.grantConnect(role, dbUser) using the same DB user as the pod's MB_DB_USER",
  check({ model, report }) {
    for (const pod of databaseClientPods(model)) {
      const user = pod.dbUser;
      const role = pod.role?.block;
      const database = pod.database!.block;
      if (!role || user === undefined) continue;
      const connects = model.permissionStatements(role).filter((s) => grants(s, "rds-db:connect"));
      const subject = pod.manifest.resource.path;
      for (const statement of connects) {
        for (const resource of statement.negated ? ["(NotAction/NotResource)"] : statement.resources) {
          if (!isUserOfDatabase(model, statement, resource, database, user)) {
            report({
              path: statement.source.path,
              subject,
              message: `${model.label(role)} (role of ${podName(pod)}) is granted rds-db:connect on ${resource}, which is not exactly DB user "${user}" of ${model.label(database)}`,
              fix: "Replace the resource by PostgresDatabase.dbUserArn(user) (the database's resource_id and the one user), never a wildcard",
            });
          }
        }
      }
      const exact = connects.some((s) => !s.negated && s.resources.some((r) => isUserOfDatabase(model, s, r, database, user)));
      if (!exact) {
        report({
          path: role.path,
          subject,
          message: `${model.label(role)} (role of ${podName(pod)}) has no rds-db:connect on DB user "${user}" of ${model.label(database)}: the pod's IAM auth token is refused ("PAM authentication failed")`,
        });
      }
    }
  },
};

/** arn:<partition>:rds-db:<region>:<account>:dbuser:${<database>.resource_id}/<user>, no wildcard anywhere. */
export function isUserOfDatabase(
  model: EnvironmentModel,
  statement: PolicyStatement,
  resource: string,
  database: TerraformBlock,
  user: string,
): boolean {
  const parts = model.resolver.template(statement.stack, resource);
  const at = parts.findIndex(
    (part) =>
      "expression" in part &&
      part.references.length === 1 &&
      part.references[0].block === database &&
      part.references[0].attribute === "resource_id",
  );
  if (at < 1) return false;
  const before = parts
    .slice(0, at)
    .map((p) => ("literal" in p ? p.literal : "${}"))
    .join("");
  const after = parts.slice(at + 1);
  const tail = after.length === 1 && "literal" in after[0] ? after[0].literal : undefined;
  return /^arn:[\w-]+:rds-db:/.test(before) && before.endsWith(":dbuser:") && !hasWildcard(before) && tail === `/${user}`;
}
