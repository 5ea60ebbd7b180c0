import * as fs from "fs";
import * as path from "path";
import type { EnvironmentResult } from "../security-policy";
import type { Finding, PolicyRule } from "../types";
import { chainMarkdown } from "./chain-diagram";
import { pathToFileURL } from "url";
import { parseJsonFile, type JsonDocument, type SourcePosition } from "../../config/json-file";
import { sarifLog, type FileLocation } from "./sarif";
import { chainOf } from "../chain";

export const SARIF_FILE = "security-report.sarif";
export const chainFile = (environment: string) => `security-chain-${environment}.md`;
export const chainVerdictsFile = (environment: string) => `security-chain-${environment}.json`;

export interface PolicyCounts {
  readonly rules: number;
  /** What the rules ran on: every stack of every environment. */
  readonly stacks: number;
  readonly environments: number;
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

export function countFindings(rules: readonly PolicyRule[], results: readonly EnvironmentResult[]): PolicyCounts {
  const findings = results.flatMap((r) => r.findings);
  const active = findings.filter((f) => !f.suppression);
  return {
    rules: rules.length,
    stacks: results.reduce((sum, result) => sum + result.model.stacks.size, 0),
    environments: results.length,
    errors: active.filter((f) => f.level === "error").length,
    warnings: active.filter((f) => f.level === "warning").length,
    suppressed: findings.length - active.length,
  };
}

/**
 * "security checks: 57 rules on 3 stacks of 1 environment, 0 errors, 1 warning, 0 suppressed -> cdktf.out/security-report.sarif":
 * what was evaluated, so that a check of nothing never reads like a pass.
 */
export function summaryLine(counts: PolicyCounts, reportPath: string): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const scope = `${plural(counts.stacks, "stack")} of ${plural(counts.environments, "environment")}`;
  return `security checks: ${plural(counts.rules, "rule")} on ${scope}, ${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${counts.suppressed} suppressed -> ${reportPath}`;
}

/**
 * Every flow and permission the chain was evaluated for, with each hop and the statements that decided it: what
 * CHAIN-16 and CHAIN-17 read, for a reviewer (or a script) who wants to see why a verdict is what it is.
 */
export function chainVerdictsJson(result: EnvironmentResult): string {
  const { flows, permissions } = chainOf(result.model).verdicts;
  const report = {
    environment: result.name,
    holds: flows.every((f) => f.holds) && permissions.every((p) => p.holds),
    flows: flows.map(({ subject: _subject, ...flow }) => flow),
    permissions: permissions.map(({ subject: _subject, ...permission }) => permission),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Where each finding sits in its environment file: the line of its field (or of the nearest enclosing field the
 * file writes, when it leaves the field to its default), else the start of the file. The file is read again here,
 * as it was validated; an environment that comes from no file (a library user's app) gets no file location.
 */
export function environmentFileLocator(
  results: readonly EnvironmentResult[],
  cwd = process.cwd(),
): (finding: Finding) => FileLocation | undefined {
  const documents = new Map<string, JsonDocument | undefined>();
  const documentOf = (file: string) => {
    if (!documents.has(file)) {
      const absolute = path.resolve(cwd, file);
      const read = fs.existsSync(absolute) && fs.statSync(absolute).isFile() ? parseJsonFile(fs.readFileSync(absolute)) : undefined;
      documents.set(file, read && "document" in read ? read.document : undefined);
    }
    return documents.get(file);
  };
  const fileOf = new Map(results.map((r) => [r.name, r.file]));
  return (finding) => {
    const file = fileOf.get(finding.environment);
    const document = file === undefined ? undefined : documentOf(file);
    if (!file || !document) return undefined;
    const parts = finding.field?.split(".") ?? [];
    let position: SourcePosition | undefined;
    for (let depth = parts.length; depth > 0 && !position; depth--) position = document.positionOf(parts.slice(0, depth));
    const relative = path.relative(cwd, path.resolve(cwd, file));
    const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
    return {
      uri: inside ? relative.split(path.sep).join("/") : pathToFileURL(path.resolve(cwd, file)).href,
      relative: inside,
      line: position?.line ?? 1,
      column: position?.column ?? 1,
    };
  };
}

/**
 * Writes the SARIF report and, per environment, the chain diagram and the chain's verdicts into the output
 * directory, and returns the one-line summary. The report's locations are the environment files (relative to the
 * directory synth runs in), never the synthesized stacks: those are not committed, and not written at all when
 * synth says no.
 */
export function writePolicyReport(rules: readonly PolicyRule[], results: readonly EnvironmentResult[], outdir: string): string {
  fs.mkdirSync(outdir, { recursive: true });
  const findings = results.flatMap((r) => r.findings);
  const log = sarifLog(rules, findings, { locate: environmentFileLocator(results) });
  const sarifPath = path.join(outdir, SARIF_FILE);
  fs.writeFileSync(sarifPath, `${JSON.stringify(log, null, 2)}\n`);
  for (const result of results) {
    fs.writeFileSync(path.join(outdir, chainFile(result.name)), chainMarkdown(result.model, result.findings, rules));
    fs.writeFileSync(path.join(outdir, chainVerdictsFile(result.name)), chainVerdictsJson(result));
  }
  // An environment whose file is gone keeps no chain report: it would describe a run that no longer exists.
  removePolicyReports(outdir, { keepEnvironments: results.map((r) => r.name), keepSarif: true });
  const relative = path.relative(process.cwd(), sarifPath);
  return summaryLine(countFindings(rules, results), relative && !relative.startsWith("..") ? relative : sarifPath);
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
