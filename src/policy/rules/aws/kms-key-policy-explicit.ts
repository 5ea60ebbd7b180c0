import { EKS_CREATE_CLUSTER_KEY_ACTIONS } from "../../../aws-facts/kms";
import type { EnvironmentModel } from "../../model/environment-model";
import type { TerraformBlock } from "../../model/terraform-config";
import { actionMatches, type PolicyStatement } from "../../model/policy-documents";
import type { PolicyRule } from "../../types";
import { keyPolicyOf, rootPrincipals, sameKey, statementName, wildcardPrincipals } from "./shared";
import { checkov } from "../../counterparts";

/**
 * The cryptographic operations: what "using" a key means (KMS API reference; ReEncrypt is authorized as
 * ReEncryptFrom/To), and kms:CreateGrant, since a grant can hand any of them to anyone.
 */
const USAGE_ACTIONS = [
  "kms:CreateGrant",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
];
const ACCOUNT_KEYS = ["kms:CallerAccount", "aws:PrincipalAccount"];

export const kmsKeyPolicyExplicit: PolicyRule = {
  id: "AWS-18",
  name: "KmsKeyPolicyExplicit",
  family: "aws",
  level: "error",
  title:
    "Every KMS key has its own policy, which gives nobody kms:*, no wildcard principal without an account condition, and lets the account use the key only through a service (kms:ViaService) or an encryption context",
  why: 'Without a policy KMS applies its default one: the account root gets kms:*, so any IAM principal whose identity policy says kms:Decrypt on "*" (a common over-grant) reads everything the key protects, and the key policy no longer says who may. A usage statement for the account root without kms:ViaService is the same delegation for the actions that matter. A wildcard principal without kms:CallerAccount opens the key to every AWS account.',
  fix: "Create keys the way the constructs do (databaseEncryptionKey, or the keys EksCluster and LogArchive make): administration for the account without usage, usage through named services (usableThroughServices) or for one role (usableByRole), CloudWatch Logs for named groups (LogArchive)",
  counterparts: [
    checkov(
      "CKV2_AWS_64",
      "stricter",
      "also reads what the policy says; CKV2_AWS_64 only that aws_kms_key.policy or an aws_kms_key_policy exists",
    ),
    checkov(
      "CKV_AWS_33",
      "different",
      "parses aws_kms_key.policy as inline JSON; a ${data...json} reference (this project's) gives it nothing, so it passes",
    ),
    checkov(
      "CKV_AWS_283",
      "different",
      'on any data aws_iam_policy_document, an AWS "*" principal without any condition; this rule reads key policies, and wants an account condition',
    ),
  ],
  check({ model, report }) {
    for (const key of model.resources("aws_kms_key")) {
      const policy = keyPolicyOf(model, key);
      if (policy.kind === "default") {
        // KMS developer guide, "Default key policy": the account root gets kms:*, which delegates all access to IAM.
        report({
          path: key.path,
          message: `${model.label(key)} has no policy (and no aws_kms_key_policy): KMS applies the default policy, giving the account root kms:* and leaving every use of the key to IAM`,
        });
        continue;
      }
      if (policy.kind === "unreadable") {
        report({
          path: key.path,
          level: "warning",
          message: `the policy of ${model.label(key)} is neither an aws_iam_policy_document reference nor literal JSON, so it cannot be checked`,
        });
        continue;
      }
      const eksKey = encryptsEksSecrets(model, key);
      const problems = policy.statements
        .filter((s) => s.effect === "Allow")
        .filter((s) => !(eksKey && isClusterCreatorStatement(model, s)))
        .flatMap((s) => statementProblems(model, s).map((problem) => `${statementName(s, policy.statements)} ${problem}`));
      if (problems.length > 0) report({ path: key.path, message: `the policy of ${model.label(key)}: ${problems.join("; ")}` });
    }
  },
};

/** The key envelope-encrypts an EKS cluster's secrets (its encryption_config names it). */
function encryptsEksSecrets(model: EnvironmentModel, key: TerraformBlock): boolean {
  return model
    .resources("aws_eks_cluster")
    .some((cluster) =>
      [cluster.config.encryption_config ?? []]
        .flat()
        .some((config: any) => [config?.provider ?? []].flat().some((p: any) => model.isReferenceTo(cluster, p?.key_arn, key, "arn"))),
    );
}

/**
 * The one documented exception: whoever calls eks:CreateCluster needs kms:CreateGrant and kms:DescribeKey on the
 * key, and "the condition kms:GrantIsForAWSResource is not supported for the CreateCluster action" (EKS user
 * guide, "Encrypt Kubernetes secrets with KMS"); no other condition is documented, so the account gets exactly
 * these two, unconditioned, on an EKS secrets key, and IAM decides who may create clusters with it.
 */
function isClusterCreatorStatement(model: EnvironmentModel, statement: PolicyStatement): boolean {
  return (
    rootPrincipals(model, statement).length > 0 &&
    statement.actions.length > 0 &&
    statement.actions.every((action) => EKS_CREATE_CLUSTER_KEY_ACTIONS.some((allowed) => allowed.toLowerCase() === action.toLowerCase()))
  );
}

function statementProblems(model: EnvironmentModel, statement: PolicyStatement): string[] {
  if (statement.negated) return ["uses NotAction/NotPrincipal/NotResource, which allows more than it names"];
  const problems: string[] = [];
  const everything = statement.actions.filter((a) => a === "*" || a.toLowerCase() === "kms:*");
  if (everything.length > 0) problems.push(`allows ${everything.map((a) => JSON.stringify(a)).join(", ")}`);
  const wildcard = wildcardPrincipals(statement);
  const accountBound = statement.conditions.some(
    (c) => ACCOUNT_KEYS.some((k) => sameKey(c.variable, k)) && /^String(Equals|Like)(IfExists)?$/.test(c.test),
  );
  if (wildcard.length > 0 && !accountBound) {
    problems.push(`allows principal ${wildcard.join(", ")} without a kms:CallerAccount or aws:PrincipalAccount condition: any AWS account`);
  }
  const roots = rootPrincipals(model, statement);
  const usage = statement.actions.filter((pattern) => USAGE_ACTIONS.some((action) => actionMatches(pattern, action)));
  const throughServiceOrContext = statement.conditions.some(
    (c) => (sameKey(c.variable, "kms:ViaService") || /^kms:EncryptionContext/i.test(c.variable)) && !/Not|^Null$/.test(c.test),
  );
  if ((roots.length > 0 || wildcard.length > 0) && usage.length > 0 && !throughServiceOrContext) {
    const who = roots.length > 0 ? `the account root (${roots.join(", ")})` : "every principal";
    problems.push(
      `allows ${who} ${usage.join(", ")} without a kms:ViaService or kms:EncryptionContext condition, so IAM alone decides who uses the key, as with the default policy`,
    );
  }
  return problems;
}
