import { LOGS_ENCRYPTION_CONTEXT_KEY } from "../../../aws-facts/kms";
import { type Item, itemsOf, itemsText } from "../../graph/values";
import type { EnvironmentModel } from "../../model/environment-model";
import type { PolicyStatement } from "../../model/policy-documents";
import type { PolicyRule } from "../../types";
import {
  arnMatches,
  coversAction,
  keyPolicyOf,
  logGroupArnItems,
  referenceOfType,
  sameKey,
  servicePrincipals,
  statementName,
  wildcardPrincipals,
  withAccountSymbol,
} from "./shared";

/**
 * What CloudWatch Logs calls on the key for a group: data keys to encrypt, Decrypt to read back (CloudWatch Logs user
 * guide, "Encrypt log data in CloudWatch Logs using AWS KMS", step 2: kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*,
 * kms:GenerateDataKey*, kms:Describe*). A statement's wildcards count: kms:GenerateDataKey* is covered by itself or kms:*.
 */
const REQUIRED_ACTIONS = ["kms:GenerateDataKey*", "kms:Decrypt*"];
const CONTEXT_TESTS = ["ArnEquals", "ArnLike", "StringEquals", "StringLike"];
const APPLY_ERROR =
  'CreateLogGroup/AssociateKmsKey fails at apply ("The specified KMS key does not exist or is not allowed to be used", CloudWatch Logs user guide, "Encrypt log data ... using AWS KMS")';

type Verdict = { readonly ok: true } | { readonly ok: false; readonly unsure: boolean; readonly reason: string };

export const logGroupKeyUsableByCloudWatchLogs: PolicyRule = {
  id: "AWS-16",
  name: "LogGroupKeyUsableByCloudWatchLogs",
  family: "aws",
  level: "error",
  title:
    "The key of each encrypted log group lets CloudWatch Logs of its region (logs.<region>.amazonaws.com) generate data keys and decrypt, for that group's ARN (kms:EncryptionContext:aws:logs:arn)",
  why: "CloudWatch Logs encrypts with the key itself, as its service principal, and only if the key policy allows it for the group's ARN: a key that exists but does not name this group makes CreateLogGroup (or AssociateKmsKey) fail at apply, after the key and half the environment were created. A policy that names a different group, or another region's service, looks right and still fails.",
  fix: "Create the group with LogArchive.logGroup (it adds the group's ARN to the key policy's ArnEquals on kms:EncryptionContext:aws:logs:arn), or call LogArchive.allowLogGroup for a group made elsewhere",
  counterpartNote: "None checks the pairing of a log group and its key's policy: AWS-14's counterparts only ask that a log group has a key",
  check({ model, report }) {
    for (const group of model.resources("aws_cloudwatch_log_group")) {
      const key = referenceOfType(model, group, group.config.kms_key_id, "aws_kms_key")?.block;
      if (!key) continue; // AWS-14 reports missing and unreadable keys
      const groupArn = logGroupArnItems(model, group);
      const place = model.placementOf(group);
      if (!groupArn || !place) {
        report({
          path: group.path,
          level: "warning",
          message: `the region of ${model.label(group)}'s provider is not a literal, so whether ${model.label(key)} lets CloudWatch Logs use it cannot be checked`,
        });
        continue;
      }
      const keyPlace = model.placementOf(key);
      if (keyPlace && keyPlace.region !== place.region) {
        report({
          path: group.path,
          message: `${model.label(group)} is in ${place.region} but its key ${model.label(key)} is in ${keyPlace.region}: the CloudWatch Logs principal must be in the key's region, so ${APPLY_ERROR}`,
        });
        continue;
      }
      const policy = keyPolicyOf(model, key);
      if (policy.kind === "default") {
        report({
          path: group.path,
          message: `${model.label(key)}, the key of ${model.label(group)}, has no key policy: the default one lets only the account's IAM principals use it, not CloudWatch Logs, so ${APPLY_ERROR}`,
        });
        continue;
      }
      if (policy.kind === "unreadable") {
        report({
          path: group.path,
          level: "warning",
          message: `the policy of ${model.label(key)}, the key of ${model.label(group)}, is neither an aws_iam_policy_document reference nor literal JSON, so whether CloudWatch Logs may use it cannot be checked`,
        });
        continue;
      }
      const service = `logs.${place.region}.${place.dnsSuffix}`;
      const arnText = itemsText(groupArn).replace("${aws account}", "<account>");
      const deny = policy.statements.find((s) => s.effect === "Deny" && deniesLogs(model, s, service));
      if (deny) {
        report({
          path: group.path,
          message: `${model.label(key)}'s ${statementName(deny, policy.statements)} denies ${service} the key unconditionally, so ${model.label(group)} cannot use it: ${APPLY_ERROR}`,
        });
        continue;
      }
      const candidates = policy.statements.filter(
        (s) => s.effect === "Allow" && !s.negated && servicePrincipals(model, s).includes(service),
      );
      if (candidates.length === 0) {
        report({
          path: group.path,
          message: `${model.label(key)}, the key of ${model.label(group)}, has no statement allowing Service ${service}, so ${APPLY_ERROR}`,
        });
        continue;
      }
      const verdicts = candidates.map((s) => verdictOf(model, s, policy.statements, groupArn, arnText));
      if (verdicts.some((v) => v.ok)) continue;
      const failures = verdicts.filter((v): v is Extract<Verdict, { ok: false }> => !v.ok);
      const unsure = failures.filter((v) => v.unsure);
      if (unsure.length > 0) {
        report({
          path: group.path,
          level: "warning",
          message: `whether ${model.label(key)} lets CloudWatch Logs encrypt ${model.label(group)} cannot be proven: ${unsure.map((v) => v.reason).join("; ")}`,
        });
        continue;
      }
      report({
        path: group.path,
        message: `${model.label(key)} does not let CloudWatch Logs encrypt ${model.label(group)}: ${failures.map((v) => v.reason).join("; ")}. ${APPLY_ERROR}`,
      });
    }
  },
};

function verdictOf(
  model: EnvironmentModel,
  statement: PolicyStatement,
  all: readonly PolicyStatement[],
  groupArn: readonly Item[],
  arnText: string,
): Verdict {
  const name = statementName(statement, all);
  const missing = REQUIRED_ACTIONS.filter((action) => !coversAction(statement, action));
  if (missing.length > 0) return { ok: false, unsure: false, reason: `${name} does not allow ${missing.join(", ")}` };
  const unevaluated: string[] = [];
  for (const condition of statement.conditions) {
    const test = condition.test.replace(/IfExists$/, "");
    if (!sameKey(condition.variable, LOGS_ENCRYPTION_CONTEXT_KEY) || !CONTEXT_TESTS.includes(test)) {
      unevaluated.push(`${condition.test} on ${condition.variable}`);
      continue;
    }
    const holds = condition.values.some((value) =>
      test === "StringEquals"
        ? sameItems(withAccountSymbol(itemsOf(model, statement.stack, value)), withAccountSymbol(groupArn))
        : arnMatches(model, statement.stack, value, groupArn),
    );
    if (!holds) {
      return {
        ok: false,
        unsure: false,
        reason: `${name}'s ${condition.test} on ${condition.variable} lists ${JSON.stringify(condition.values)}, not this group's ARN ${arnText}`,
      };
    }
  }
  if (unevaluated.length > 0)
    return { ok: false, unsure: true, reason: `${name} also has conditions this rule does not evaluate (${unevaluated.join(", ")})` };
  return { ok: true };
}

/** An unconditional Deny of what CloudWatch Logs needs, to it or to everybody. */
function deniesLogs(model: EnvironmentModel, statement: PolicyStatement, service: string): boolean {
  if (statement.negated || statement.conditions.length > 0) return false;
  const toLogs = servicePrincipals(model, statement).includes(service) || wildcardPrincipals(statement).length > 0;
  return toLogs && ["kms:GenerateDataKey", "kms:Decrypt"].some((action) => coversAction(statement, action));
}

function sameItems(a: readonly Item[], b: readonly Item[]): boolean {
  return (
    a.length === b.length &&
    a.every((item, i) =>
      "char" in item
        ? "char" in b[i] && (b[i] as { char: string }).char === item.char
        : "symbol" in b[i] && (b[i] as { symbol: string }).symbol === item.symbol,
    )
  );
}
