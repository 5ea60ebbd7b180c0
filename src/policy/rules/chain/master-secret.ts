import { grants } from "../../model/policy-documents";
import type { PolicyRule } from "../../types";
import { databaseClientPods, podName } from "./pods";

const READ = "secretsmanager:GetSecretValue";

/**
 * The second identity of the chain: the bootstrap Job reads the RDS-managed master secret to create the
 * application's DB user. Its role may read exactly that secret (and decrypt it through Secrets Manager only),
 * besides the secrets its containers are given by ARN (Metabase's encryption key); no other pod's role may read
 * the master secret at all.
 */
export const masterSecret: PolicyRule = {
  id: "CHAIN-05",
  chainLinks: ["master-secret"],
  name: "OnlyTheBootstrapReadsTheMasterSecret",
  family: "chain",
  level: "error",
  title:
    "A pod that reads the RDS master secret may read exactly that secret (and its KMS key) and the secrets its containers are given; no other database client's role may read it",
  why: "The master secret is the database's root password. The bootstrap Job needs it once; if its role cannot read it the Job never creates the application user, and if the application's role (or a wildcard grant) can read it, the IAM lock is bypassed by simply logging in as the master user.",
  fix: "Grant with PostgresDatabase.grantReadMasterSecret(role) to the bootstrap role only",
  check({ model, report }) {
    for (const pod of databaseClientPods(model)) {
      const role = pod.role?.block;
      const database = pod.database!.block;
      if (!role) continue;
      const subject = pod.manifest.resource.path;
      const statements = model.permissionStatements(role).filter((s) => grants(s, READ));
      const isTheSecret = (stack: string, value: string) =>
        model.resolver.isReferenceTo(stack, value, database, "master_user_secret[0].secret_arn");
      const isGiven = (stack: string, value: string) =>
        pod.readsSecrets.some((secret) => model.resolver.isReferenceTo(stack, value, secret, "arn"));
      const needs = pod.readsMasterSecret;
      for (const statement of statements) {
        const resources = statement.negated ? ["(NotAction/NotResource)"] : statement.resources;
        const broad = resources.filter((r) => !isTheSecret(statement.stack, r) && !isGiven(statement.stack, r));
        if (broad.length > 0) {
          report({
            path: statement.source.path,
            subject,
            message: `${model.label(role)} (role of ${podName(pod)}) may ${READ} on ${broad.join(", ")}, beyond ${model.label(database)}'s master secret and the secrets its containers are given`,
            fix: "Scope secretsmanager:GetSecretValue to the master secret's ARN (aws_db_instance.master_user_secret[0].secret_arn) and the secrets the pod is given by ARN",
          });
        } else if (!needs && statement.resources.some((r) => isTheSecret(statement.stack, r))) {
          report({
            path: statement.source.path,
            subject,
            message: `${model.label(role)} (role of ${podName(pod)}) may read ${model.label(database)}'s master secret, but the pod does not use it: its IAM identity could log in as the master user`,
            fix: "Remove the grant; only the bootstrap Job's role reads the master secret",
          });
        }
      }
      if (!needs) continue;
      if (!statements.some((s) => !s.negated && s.resources.some((r) => isTheSecret(s.stack, r)))) {
        report({
          path: role.path,
          subject,
          message: `${podName(pod)} reads ${model.label(database)}'s master secret, but its role ${model.label(role)} is not granted ${READ} on it`,
        });
      }
      const keyValue = database.config.master_user_secret_kms_key_id;
      const key = keyValue === undefined ? undefined : model.reference(database, keyValue);
      if (!key) continue;
      const decrypts = model
        .permissionStatements(role)
        .some(
          (s) =>
            grants(s, "kms:Decrypt") &&
            !s.negated &&
            s.resources.some((r) => model.resolver.isReferenceTo(s.stack, r, key.block, key.attribute)),
        );
      if (!decrypts) {
        report({
          path: role.path,
          subject,
          message: `${podName(pod)} reads ${model.label(database)}'s master secret, encrypted with ${model.label(key.block)}, but its role ${model.label(role)} may not kms:Decrypt with that key`,
        });
      }
    }
  },
};
