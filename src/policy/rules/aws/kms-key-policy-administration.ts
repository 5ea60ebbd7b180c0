import type { EnvironmentModel } from "../../model/environment-model";
import type { PolicyStatement } from "../../model/policy-documents";
import type { PolicyRule } from "../../types";
import { coversAction, keyPolicyOf, rootPrincipals, statementName, wildcardPrincipals } from "./shared";

const PUT_KEY_POLICY = "kms:PutKeyPolicy";

export const kmsKeyPolicyKeepsAdministration: PolicyRule = {
  id: "AWS-19",
  name: "KmsKeyPolicyKeepsAdministration",
  family: "aws",
  level: "error",
  title:
    "Every KMS key policy lets the account root call kms:PutKeyPolicy (directly, kms:Put* or kms:*), and no key bypasses the policy lockout safety check",
  why: "KMS refuses CreateKey and PutKeyPolicy with MalformedPolicyDocumentException when the new policy would not let the caller change it again (the key policy lockout safety check), so a policy that drops the account's administration fails at apply. With bypass_policy_lockout_safety_check = true it is accepted instead, and the key can become unmanageable: nobody in the account can change its policy again.",
  fix: "Create keys the way the constructs do (databaseEncryptionKey, or the keys EksCluster and LogArchive make): their policy's AccountAdministersTheKey statement gives the account root the administration actions, kms:Put* included; never set bypass_policy_lockout_safety_check",
  counterpartNote: "No Checkov or Trivy check evaluates the lockout safety check or the bypass flag",
  check({ model, report }) {
    for (const holder of [...model.resources("aws_kms_key"), ...model.resources("aws_kms_key_policy")]) {
      // KMS API reference, CreateKey/PutKeyPolicy, BypassPolicyLockoutSafetyCheck: "Setting this value to true
      // increases the risk that the KMS key becomes unmanageable".
      if (holder.config.bypass_policy_lockout_safety_check === true) {
        report({
          path: holder.path,
          message: `${model.label(holder)} sets bypass_policy_lockout_safety_check = true: KMS accepts a policy that can lock the account out of the key for good`,
        });
      }
    }
    for (const key of model.resources("aws_kms_key")) {
      const policy = keyPolicyOf(model, key);
      if (policy.kind === "default") continue; // the default policy gives the root kms:*; AWS-18 reports it
      if (policy.kind === "unreadable") {
        report({
          path: key.path,
          level: "warning",
          message: `the policy of ${model.label(key)} is neither an aws_iam_policy_document reference nor literal JSON, so whether the account can still administer the key cannot be checked`,
        });
        continue;
      }
      const problem = administrationProblem(model, policy.statements);
      if (!problem) continue;
      // KMS API reference, PutKeyPolicy: unless BypassPolicyLockoutSafetyCheck, "the key policy must allow the
      // principal that is making the PutKeyPolicy request to make a subsequent PutKeyPolicy request".
      report({
        path: key.path,
        message: `the policy of ${model.label(key)} ${problem}: KMS's key policy lockout safety check refuses it (CreateKey/PutKeyPolicy fail with MalformedPolicyDocumentException)`,
      });
    }
  },
};

function administrationProblem(model: EnvironmentModel, statements: readonly PolicyStatement[]): string | undefined {
  const deny = statements.find(
    (s) =>
      s.effect === "Deny" &&
      !s.negated &&
      s.conditions.length === 0 &&
      coversAction(s, PUT_KEY_POLICY) &&
      (wildcardPrincipals(s).length > 0 || rootPrincipals(model, s).length > 0),
  );
  if (deny) return `denies ${PUT_KEY_POLICY} to the account in ${statementName(deny, statements)}`;
  const grants = statements.filter(
    (s) => s.effect === "Allow" && !s.negated && rootPrincipals(model, s).length > 0 && coversAction(s, PUT_KEY_POLICY),
  );
  if (grants.length === 0) return `gives the account root no action covering ${PUT_KEY_POLICY} (kms:PutKeyPolicy, kms:Put* or kms:*)`;
  if (grants.every((s) => s.conditions.length > 0)) {
    const names = grants.map((s) => statementName(s, statements)).join(", ");
    return `gives the account root ${PUT_KEY_POLICY} only under conditions (${names}), which the caller of PutKeyPolicy may not meet`;
  }
  return undefined;
}
