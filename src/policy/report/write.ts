import * as fs from "fs";
import * as path from "path";
import type { EnvironmentResult } from "../security-policy";
import type { Finding, PolicyRule } from "../types";
import { chainMarkdown } from "./chain-diagram";
import { sarifLog } from "./sarif";

export const SARIF_FILE = "security-report.sarif";
export const chainFile = (environment: string) => `security-chain-${environment}.md`;
export const chainVerdictsFile = (environment: string) => `security-chain-${environment}.json`;

export interface PolicyCounts {
  readonly rules: number;
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

export function countFindings(rules: readonly PolicyRule[], findings: readonly Finding[]): PolicyCounts {
  const active = findings.filter((f) => !f.suppression);
  return {
    rules: rules.length,
    errors: active.filter((f) => f.level === "error").length,
    warnings: active.filter((f) => f.level === "warning").length,
    suppressed: findings.length - active.length,
  };
}

/** "security checks: 34 rules, 0 errors, 1 warning, 0 suppressed -> cdktf.out/security-report.sarif" */
export function summaryLine(counts: PolicyCounts, reportPath: string): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `security checks: ${plural(counts.rules, "rule")}, ${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${counts.suppressed} suppressed -> ${reportPath}`;
}

/**
 * Every flow and permission the chain was evaluated for, with each hop and the statements that decided it: what
 * CHAIN-16 and CHAIN-17 read, for a reviewer (or a script) who wants to see why a verdict is what it is.
 */
export function chainVerdictsJson(result: EnvironmentResult): string {
  const { flows, permissions } = result.model.verdicts;
  const report = {
    environment: result.name,
    holds: flows.every((f) => f.holds) && permissions.every((p) => p.holds),
    flows: flows.map(({ subject: _subject, ...flow }) => flow),
    permissions: permissions.map(({ subject: _subject, ...permission }) => permission),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Writes the SARIF report and, per environment, the chain diagram and the chain's verdicts into the output
 * directory, and returns the one-line summary. Paths in the report are relative to the output directory.
 */
export function writePolicyReport(
  rules: readonly PolicyRule[],
  results: readonly EnvironmentResult[],
  outdir: string,
  stackFileName: string,
): string {
  fs.mkdirSync(outdir, { recursive: true });
  const findings = results.flatMap((r) => r.findings);
  const log = sarifLog(rules, findings, { stackFile: (stack) => path.posix.join("stacks", stack, stackFileName) });
  const sarifPath = path.join(outdir, SARIF_FILE);
  fs.writeFileSync(sarifPath, `${JSON.stringify(log, null, 2)}\n`);
  for (const result of results) {
    fs.writeFileSync(path.join(outdir, chainFile(result.name)), chainMarkdown(result.model, result.findings));
    fs.writeFileSync(path.join(outdir, chainVerdictsFile(result.name)), chainVerdictsJson(result));
  }
  // An environment whose file is gone keeps no chain report: it would describe a run that no longer exists.
  removePolicyReports(outdir, { keepEnvironments: results.map((r) => r.name), keepSarif: true });
  const relative = path.relative(process.cwd(), sarifPath);
  return summaryLine(countFindings(rules, findings), relative && !relative.startsWith("..") ? relative : sarifPath);
}

/** security-chain-<env>.md and .json: the environment's name, or undefined for any other file. */
function chainReportEnvironment(file: string): string | undefined {
  return /^security-chain-(.+)\.(md|json)$/.exec(file)?.[1];
}

/**
 * Removes the security reports of an earlier run from the output directory: every chain report but those of
 * `keepEnvironments`, and the SARIF report unless `keepSarif`. A synth that stops before the policy runs (an
 * invalid environment file) removes them all, so no report ever describes an older run.
 */
export function removePolicyReports(outdir: string, keep: { keepEnvironments?: readonly string[]; keepSarif?: boolean } = {}): void {
  if (!fs.existsSync(outdir)) return;
  for (const file of fs.readdirSync(outdir)) {
    const environment = chainReportEnvironment(file);
    const stale = environment !== undefined ? !(keep.keepEnvironments ?? []).includes(environment) : file === SARIF_FILE && !keep.keepSarif;
    if (stale) fs.rmSync(path.join(outdir, file), { force: true });
  }
}
