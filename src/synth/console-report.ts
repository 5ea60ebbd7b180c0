/**
 * What `cdktf synth` prints: every error first, one line each, with the environment file it comes from; then
 * the warnings, one line per environment and rule; then the summary. The SARIF report has every finding.
 */
import { levelOf, rejectionSummary, renderProblem, type FileProblem } from "../config/problems";
import type { EnvironmentResult } from "../policy/security-policy";
import { findingName, type Finding } from "../policy/types";

/**
 * "environments/dev.json: ERROR [AWS-03] dev-platform/database/instance: keeps backups for 3 days. Fix: ... (field
 * database.backupRetentionDays)": rules speak of constructs and Terraform; where one field of the file decides
 * the finding, the line names it.
 */
export function findingLine(file: string, finding: Finding): string {
  const what = finding.message.replace(/\.\s*$/, "");
  const field = finding.field === undefined ? "" : ` (field ${finding.field})`;
  return `${file}: ${finding.level.toUpperCase()} [${findingName(finding)}] ${finding.path}: ${what}. Fix: ${finding.fix}${field}`;
}

export interface ConsoleReport {
  readonly lines: string[];
  /** Files with at least one error, one entry per error. */
  readonly errorFiles: string[];
}

export function consoleReport(
  results: readonly EnvironmentResult[],
  otherProblems: readonly FileProblem[],
  summary: string,
): ConsoleReport {
  const active = results.flatMap((result) =>
    result.findings.filter((f) => !f.suppression).map((finding) => ({ file: result.file, finding })),
  );
  const policyErrors = active.filter(({ finding }) => finding.level === "error");
  const problemErrors = otherProblems.filter((p) => levelOf(p) === "error");
  const lines = [
    ...problemErrors.flatMap(renderProblem),
    ...policyErrors.map(({ file, finding }) => findingLine(file, finding)),
    ...otherProblems.filter((p) => levelOf(p) === "warning").flatMap(renderProblem),
    ...warningSummary(active.filter(({ finding }) => finding.level === "warning")),
    summary,
  ];
  const errorFiles = [...problemErrors.map((p) => p.file), ...policyErrors.map(({ file }) => file)];
  if (errorFiles.length > 0) lines.push(rejectionSummary(errorFiles));
  return { lines, errorFiles };
}

/** One line per environment and rule: the first finding, and how many more of the same there are. */
function warningSummary(warnings: ReadonlyArray<{ file: string; finding: Finding }>): string[] {
  const groups = new Map<string, Array<{ file: string; finding: Finding }>>();
  for (const warning of warnings) {
    const key = `${warning.file}\u0000${warning.finding.ruleId}`;
    groups.set(key, [...(groups.get(key) ?? []), warning]);
  }
  return [...groups.values()].map(([first, ...rest]) =>
    rest.length === 0
      ? findingLine(first.file, first.finding)
      : `${findingLine(first.file, first.finding)} (and ${rest.length} more [${first.finding.ruleId}] in this environment)`,
  );
}
