import type { Log, ReportingDescriptor, Result } from "sarif";
import { counterpartText } from "../counterparts";
import { formatFinding, type Finding, type PolicyRule } from "../types";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const TOOL_NAME = "secure-eks-rds-policy";
/** uriBaseId of the physical locations: the cdktf output directory the report sits in. */
export const OUTDIR_BASE = "OUTDIR";

export interface SarifOptions {
  /** Path of a stack's synthesized file relative to the outdir ("stacks/dev-platform/cdk.tf.json"). */
  readonly stackFile: (stack: string) => string;
}

function descriptor(rule: PolicyRule): ReportingDescriptor {
  const level = rule.levelNote ? ` Level: ${rule.levelNote}.` : "";
  const help = `${rule.title}.\nWhy: ${rule.why}\nFix: ${rule.fix}.${level}\nCounterparts: ${counterpartText(rule.counterparts, rule.counterpartNote)}.`;
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    help: { text: help, markdown: help.replace(/\n/g, "\n\n") },
    defaultConfiguration: { level: rule.level },
    properties: {
      tags: ["security", rule.family],
      ...(rule.counterparts ? { counterparts: rule.counterparts.map((c) => ({ ...c })) } : {}),
    },
  };
}

function result(finding: Finding, ruleIndex: number, options: SarifOptions): Result {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: formatFinding(finding) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: options.stackFile(finding.stack), uriBaseId: OUTDIR_BASE } },
        logicalLocations: [{ fullyQualifiedName: finding.path, name: finding.path.split("/").pop(), kind: "resource" }],
      },
    ],
    ...(finding.suppression
      ? {
          suppressions: [
            {
              kind: "inSource" as const,
              status: "accepted" as const,
              justification: finding.suppression.reason,
              properties: { suppressedAt: finding.suppression.suppressedAt },
            },
          ],
        }
      : {}),
    properties: { environment: finding.environment, stack: finding.stack, ...(finding.subject ? { pod: finding.subject } : {}) },
  };
}

/** A SARIF 2.1.0 log: one run, every rule in the driver (checked ones pass silently), every finding a result. */
export function sarifLog(rules: readonly PolicyRule[], findings: readonly Finding[], options: SarifOptions): Log {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: "1.0.0",
            rules: rules.map(descriptor),
          },
        },
        originalUriBaseIds: { [OUTDIR_BASE]: { description: { text: "The cdktf output directory (cdktf.out) holding this report" } } },
        columnKind: "unicodeCodePoints",
        results: findings.map((finding) => result(finding, index.get(finding.ruleId) ?? -1, options)),
      },
    ],
  };
}
