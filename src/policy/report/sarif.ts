import type { Log, ReportingDescriptor, Result } from "sarif";
import { counterpartText } from "../counterparts";
import { formatFinding, type Finding, type PolicyRule } from "../types";
import { ruleTitle, toolInfo, type ToolInfo } from "./tool";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const TOOL_NAME = "secure-eks-rds-policy";
/** uriBaseId of environment files: the directory synth runs in, the repository root (GitHub's checkout). */
export const SOURCE_ROOT = "%SRCROOT%";

/** Where a finding sits in its environment file. */
export interface FileLocation {
  /** Relative to SOURCE_ROOT, with "/"; or an absolute file URI (then no base). */
  readonly uri: string;
  readonly relative: boolean;
  readonly line: number;
  readonly column: number;
}

export interface SarifOptions {
  /** The environment file and line of a finding; undefined when its environment comes from no file. */
  readonly locate: (finding: Finding) => FileLocation | undefined;
  readonly tool?: ToolInfo;
}

function descriptor(rule: PolicyRule): ReportingDescriptor {
  const level = rule.levelNote ? ` Level: ${rule.levelNote}.` : "";
  const help = `${rule.title}.\nWhy: ${rule.why}\nFix: ${rule.fix}.${level}\nCounterparts: ${counterpartText(rule.counterparts, rule.counterpartNote)}.`;
  return {
    id: rule.id,
    name: rule.name,
    // GitHub shows the short description as the alert's title: one line. The rule's full statement follows.
    shortDescription: { text: ruleTitle(rule.name) },
    fullDescription: { text: `${rule.title}. ${rule.why}` },
    help: { text: help, markdown: help.replace(/\n/g, "\n\n") },
    defaultConfiguration: { level: rule.level },
    properties: {
      tags: ["security", rule.family],
      ...(rule.counterparts ? { counterparts: rule.counterparts.map((c) => ({ ...c })) } : {}),
    },
  };
}

function result(finding: Finding, ruleIndex: number, options: SarifOptions): Result {
  const file = options.locate(finding);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: formatFinding(finding) },
    locations: [
      {
        ...(file
          ? {
              physicalLocation: {
                artifactLocation: { uri: file.uri, ...(file.relative ? { uriBaseId: SOURCE_ROOT } : {}) },
                region: { startLine: file.line, startColumn: file.column },
              },
            }
          : {}),
        // The construct the finding is about: the place in the code, where no file line is (e.g. a library user's app).
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
    properties: {
      environment: finding.environment,
      stack: finding.stack,
      ...(finding.field ? { field: finding.field } : {}),
      ...(finding.subject ? { pod: finding.subject } : {}),
      // What a suppression's appliesTo names to suppress this finding alone.
      ...(finding.findingId !== undefined ? { findingId: finding.findingId } : {}),
    },
  };
}

/** A SARIF 2.1.0 log: one run, every rule in the driver (checked ones pass silently), every finding a result. */
export function sarifLog(rules: readonly PolicyRule[], findings: readonly Finding[], options: SarifOptions): Log {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const tool = options.tool ?? toolInfo();
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map(descriptor),
          },
        },
        originalUriBaseIds: {
          [SOURCE_ROOT]: { description: { text: "The directory synth ran in (the repository root), where the environment files are" } },
        },
        columnKind: "unicodeCodePoints",
        results: findings.map((finding) => result(finding, index.get(finding.ruleId) ?? -1, options)),
      },
    ],
  };
}
