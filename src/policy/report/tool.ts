/**
 * Who wrote the report, for SARIF's tool.driver: the package's name and version, and where to read about it.
 * package.json sits three levels up from here both in src/policy/report and in the compiled lib/policy/report.
 */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";

const ROOT = path.resolve(__dirname, "..", "..", "..");

export interface ToolInfo {
  readonly version: string;
  /** Absolute URI of the tool's documentation. */
  readonly informationUri: string;
}

/**
 * The package's version, and as information: its homepage when package.json names one; in GitHub Actions the
 * repository being built (GITHUB_SERVER_URL/GITHUB_REPOSITORY, set by the runner); otherwise the README that
 * ships with the package (npm packs README.md), as a file URI.
 */
export function toolInfo(env: NodeJS.ProcessEnv = process.env): ToolInfo {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string; homepage?: string };
  const github =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}#the-security-verifier` : undefined;
  return {
    version: pkg.version,
    informationUri: pkg.homepage ?? github ?? `${pathToFileURL(path.join(ROOT, "README.md")).href}#the-security-verifier`,
  };
}

const ACRONYMS: Readonly<Record<string, string>> = {
  Rds: "RDS",
  Eks: "EKS",
  Kms: "KMS",
  Vpc: "VPC",
  Cni: "CNI",
  Imdsv2: "IMDSv2",
  Irsa: "IRSA",
  Iam: "IAM",
  Tls: "TLS",
  Db: "DB",
  Enis: "ENIs",
};

/** A rule's PascalCase name as a one-line title: "RdsBackupsRetained" -> "RDS backups retained". */
export function ruleTitle(name: string): string {
  const words = (name.match(/[A-Z][a-z0-9]*/g) ?? [name]).map((word, index) => ACRONYMS[word] ?? (index === 0 ? word : word.toLowerCase()));
  return words.join(" ").replace(/\bcloud watch\b/i, "CloudWatch");
}
