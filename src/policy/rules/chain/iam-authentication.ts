import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { databaseClientPods, podName } from "./pods";
import { cdkNag, checkov } from "../../counterparts";
import { databaseClientOf } from "../../clients";

/**
 * IAM database authentication is on at the instance, and the pod actually uses it: MB_DB_AWS_IAM=true and
 * no password anywhere in its connection settings.
 */
export const iamAuthentication: PolicyRule = {
  id: "CHAIN-06",
  chainLinks: ["iam-database-user"],
  name: "PodAuthenticatesWithIam",
  family: "chain",
  level: "error",
  title:
    "The database has IAM database authentication enabled, and each pod connecting as an IAM user sets MB_DB_AWS_IAM=true and no MB_DB_PASS",
  why: "With IAM authentication off, rds-db:connect grants nothing and the chain ends in a password; a pod that still carries MB_DB_PASS (or a connection URI with one) either fails against an rds_iam user or keeps a long-lived secret in the cluster that IRSA was meant to remove.",
  fix: "Keep iamDatabaseAuthenticationEnabled on the DbInstance, and give the container MB_DB_AWS_IAM=true without any password setting",
  counterparts: [
    checkov(
      "CKV_AWS_161",
      "stricter",
      "also refuses a pod that logs in with a password instead of MB_DB_AWS_IAM; CKV_AWS_161 reads iam_database_authentication_enabled only",
    ),
    cdkNag("AwsSolutions-RDS6", "different", "AuroraMySQLPostgresIAMAuth reads Aurora clusters, not RDS DB instances"),
  ],
  check({ model, report }) {
    const reported = new Set<TerraformBlock>();
    for (const pod of databaseClientPods(model)) {
      const database = pod.database!.block;
      const user = pod.dbUser;
      if (user === undefined) continue;
      const subject = pod.manifest.resource.path;
      if (database.config.iam_database_authentication_enabled !== true && !reported.has(database)) {
        reported.add(database);
        report({
          path: database.path,
          message: `${model.label(database)} has IAM database authentication disabled, but ${podName(pod)} connects as IAM user "${user}"`,
          fix: "Set iam_database_authentication_enabled = true on the instance",
        });
      }
      for (const container of pod.controller.containers) {
        const client = databaseClientOf(container);
        const token = client.usesIamToken(container);
        if (token === undefined) continue;
        if (!token) {
          report({
            path: subject,
            subject,
            message: `container "${container.name}" of ${podName(pod)} connects as "${user}" without ${client.iamTokenSetting ?? "presenting an IAM token"}, so it never presents an IAM token`,
          });
        }
        const passwords = client.passwordSettings(container);
        if (passwords.length > 0) {
          report({
            path: subject,
            subject,
            message: `container "${container.name}" of ${podName(pod)} sets ${passwords.join(", ")}: a database password next to IAM authentication`,
            fix: "Remove the password setting; the IAM token minted from the pod's IRSA role is the only credential",
          });
        }
      }
    }
  },
};
