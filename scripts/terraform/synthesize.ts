/**
 * Synthesizes the project's stacks into a directory the way `cdktf synth` / `cdktf synth --hcl` do, for the
 * Terraform checks (scripts/terraform-check.ts).
 *
 * `cdktf synth --hcl` formats every cdk.tf with @cdktf/hcl-tools after the app ran (cli-core's
 * SynthStack.formatHclFiles); the raw renderer output is not indented. We load the very copy of @cdktf/hcl-tools
 * that cdktf-cli uses, so what we check is what a reviewer gets.
 */
import * as fs from "fs";
import * as path from "path";
import { buildApp } from "../../src/app";
import { parseEnvironment, validateEnvironmentFile, type Environment } from "../../src/config/load";
import { DEFAULT_ENVIRONMENT_FILE, ENVIRONMENTS_DIR, REPO_ROOT } from "./paths";

/**
 * The root CA thumbprint of EKS OIDC issuers (the Starfield root most clients see). Any valid 40-hex value
 * would do: it only makes the variant stack need no tls provider.
 */
export const VARIANT_THUMBPRINTS = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"];

export type SynthFormat = "json" | "hcl";

export interface SynthesizedStack {
  readonly name: string;
  /** Directory Terraform runs in (cdktf.out/stacks/<name>). */
  readonly workingDirectory: string;
  /** cdk.tf.json or cdk.tf. */
  readonly file: string;
  readonly format: SynthFormat;
}

/** Synthesizes the given environments (default: every file of environments/) into `outdir`. */
export async function synthesize(outdir: string, format: SynthFormat, environments?: readonly Environment[]): Promise<SynthesizedStack[]> {
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });
  // The policy summary line belongs to `cdktf synth`; these syntheses are internal to the checks.
  buildApp({ environments, environmentsDir: ENVIRONMENTS_DIR, outdir, hclOutput: format === "hcl", log: () => {} }).synth();
  const stacks = readManifest(outdir, format);
  if (format === "hcl") await formatLikeCdktfCli(stacks);
  return stacks;
}

/** environments/dev.json with explicit OIDC thumbprints: the same platform stack, minus the tls provider. */
export function thumbprintVariant(file = DEFAULT_ENVIRONMENT_FILE): Environment {
  const loaded = validateEnvironmentFile(file);
  if ("problems" in loaded) {
    throw new Error(
      `${loaded.file} is invalid: ${loaded.problems.map((p: { field?: string; message: string }) => `${p.field ?? "(file)"} ${p.message}`).join("; ")}`,
    );
  }
  const raw = JSON.parse(fs.readFileSync(file, "utf8"));
  raw.cluster = { ...raw.cluster, oidcThumbprints: VARIANT_THUMBPRINTS };
  // The public node group is off in dev.json (off unless asked for); the variant asks for it, so that Terraform
  // validates that group too: its subnets, launch template, taint and its own role.
  raw.nodeGroups = { ...raw.nodeGroups, public: raw.nodeGroups?.public ?? { name: "public-node-group-dev" } };
  const parsed = parseEnvironment(raw);
  if ("problems" in parsed) {
    throw new Error(`${loaded.file} with oidcThumbprints set is invalid: ${JSON.stringify(parsed.problems)}`);
  }
  return { ...loaded, config: parsed.config };
}

function readManifest(outdir: string, format: SynthFormat): SynthesizedStack[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  return Object.values<any>(manifest.stacks).map((stack) => ({
    name: stack.name,
    workingDirectory: path.join(outdir, stack.workingDirectory),
    file: path.join(outdir, stack.synthesizedStackPath),
    format,
  }));
}

/** The formatting step of `cdktf synth --hcl`, with the CLI's own copy of @cdktf/hcl-tools. */
async function formatLikeCdktfCli(stacks: readonly SynthesizedStack[]): Promise<void> {
  const { format } = cdktfCliHclTools();
  for (const stack of stacks) {
    fs.writeFileSync(stack.file, await format(fs.readFileSync(stack.file, "utf8")));
  }
}

function cdktfCliHclTools(): { format(hcl: string): Promise<string> } {
  const cliCore = require.resolve("@cdktf/cli-core/package.json", { paths: [REPO_ROOT] });
  return require(require.resolve("@cdktf/hcl-tools", { paths: [path.dirname(cliCore)] }));
}
