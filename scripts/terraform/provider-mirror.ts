/**
 * The offline provider mirror: where it is, and which of a stack's providers it can install.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./paths";

export const FIND_MIRROR_SCRIPT = path.join(__dirname, "find-provider-mirror.sh");
/** Where the last discovery is remembered: a scan of the whole filesystem takes seconds. */
const DISCOVERY_CACHE = path.join(REPO_ROOT, "node_modules", ".cache", "secure-eks-rds", "terraform-provider-mirror");

/** The hashicorp/aws version @cdktf/provider-aws was generated from: the one the stacks require. */
export function pinnedAwsProviderVersion(): string {
  const file = require.resolve("@cdktf/provider-aws/package.json", { paths: [REPO_ROOT] });
  return JSON.parse(fs.readFileSync(file, "utf8")).cdktf.provider.version;
}

export type MirrorLookup = { readonly root: string; readonly from: string } | { readonly problem: string };

/** TF_PROVIDER_MIRROR if set, otherwise what find-provider-mirror.sh discovers (remembered while still valid). */
export function locateMirror(awsVersion: string): MirrorLookup {
  const fromEnv = process.env.TF_PROVIDER_MIRROR;
  const provider = { address: "registry.terraform.io/hashicorp/aws", version: awsVersion };
  if (fromEnv) {
    if (!providerInMirror(fromEnv, provider)) {
      return {
        problem: `TF_PROVIDER_MIRROR=${fromEnv} has no ${provider.address} ${awsVersion}. Fix: point it at the directory that contains registry.terraform.io/hashicorp/aws/${awsVersion}/, or unset it to search this machine.`,
      };
    }
    return { root: fromEnv, from: "TF_PROVIDER_MIRROR" };
  }
  const script = path.relative(REPO_ROOT, FIND_MIRROR_SCRIPT);
  const cached = fs.existsSync(DISCOVERY_CACHE) ? fs.readFileSync(DISCOVERY_CACHE, "utf8").trim() : "";
  if (cached && providerInMirror(cached, provider)) return { root: cached, from: `found earlier by ${script}` };
  const found = spawnSync("bash", [FIND_MIRROR_SCRIPT, awsVersion], { encoding: "utf8" });
  if (found.status === 0 && found.stdout.trim()) {
    const root = found.stdout.trim();
    fs.mkdirSync(path.dirname(DISCOVERY_CACHE), { recursive: true });
    fs.writeFileSync(DISCOVERY_CACHE, `${root}\n`);
    return { root, from: `found by ${script}` };
  }
  return { problem: (found.stderr || String(found.error ?? "")).trim() };
}

export interface RequiredProvider {
  /** Full source address, e.g. registry.terraform.io/hashicorp/tls. */
  readonly address: string;
  readonly version: string;
}

/** terraform.required_providers of a synthesized cdk.tf.json, with sources expanded as Terraform does. */
export function requiredProviders(config: any): RequiredProvider[] {
  return Object.entries<any>(config.terraform?.required_providers ?? {}).map(([name, requirement]) => ({
    address: fullSourceAddress(String(requirement.source ?? name)),
    version: String(requirement.version ?? ""),
  }));
}

function fullSourceAddress(source: string): string {
  const parts = source.split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${source}`;
  return source;
}

/**
 * Whether the mirror holds the provider in either layout Terraform reads (unpacked <version>/<os_arch>/ or
 * packed terraform-provider-<type>_<version>_<os_arch>.zip). An inexact constraint accepts any version present:
 * `terraform init` then gives the precise verdict.
 */
export function providerInMirror(root: string, provider: RequiredProvider): boolean {
  const directory = path.join(root, ...provider.address.split("/"));
  if (!fs.existsSync(directory)) return false;
  const exact = /^=?\s*\d+\.\d+\.\d+$/.test(provider.version) ? provider.version.replace(/^=?\s*/, "") : undefined;
  const platform = `${goOs()}_${goArch()}`;
  return fs.readdirSync(directory).some((entry) => {
    if (exact === undefined) return true;
    if (entry === exact) return fs.existsSync(path.join(directory, entry, platform));
    return entry === `terraform-provider-${path.basename(directory)}_${exact}_${platform}.zip`;
  });
}

function goOs(): string {
  return process.platform === "win32" ? "windows" : process.platform;
}

function goArch(): string {
  return ({ x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" } as Record<string, string>)[process.arch] ?? process.arch;
}
