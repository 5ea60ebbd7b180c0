/**
 * Running the terraform binary: found on PATH, always offline, always with our own CLI configuration.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface Terraform {
  readonly bin: string;
  /** Environment of every terraform child process. */
  readonly env: NodeJS.ProcessEnv;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** The terraform executable on PATH, or undefined. */
export function findTerraformOnPath(): string | undefined {
  const names = process.platform === "win32" ? ["terraform.exe"] : ["terraform"];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * A Terraform that never reaches the network: checkpoint off, no prompts, and a CLI configuration of our own.
 * `cliConfigFile` defaults to the null device: an empty, valid configuration (enough for `terraform fmt`).
 */
export function terraformAt(bin: string, cliConfigFile: string = os.devNull): Terraform {
  return {
    bin,
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfigFile,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      ...CHECK_GO_GC,
    },
  };
}

/**
 * Go's garbage collector, for the short-lived terraform processes of the checks and the AWS provider plugins
 * they start (plugins inherit terraform's environment). Each provider start builds the schemas of every AWS
 * resource, and with Go's default (GOGC=100) a large part of its CPU went to collecting that garbage. GOGC=400
 * collects a quarter as often: measured on `terraform test` of the platform stack, 8.2 -> 6.1 CPU-seconds and
 * 5.7 -> 4.9 s, for a peak of 480 MB instead of 317 MB; GOMEMLIMIT makes the collector work harder again before
 * a process would pass 1 GiB. A GOGC or GOMEMLIMIT of the caller's own wins. Only these checks get it: the
 * deploy and destroy commands run the user's terraform as the user set it up.
 */
const CHECK_GO_GC = {
  GOGC: process.env.GOGC ?? "400",
  GOMEMLIMIT: process.env.GOMEMLIMIT ?? "1GiB",
};

/**
 * Writes a CLI configuration that installs providers only from the filesystem mirror at `mirrorRoot`, and
 * from nowhere else: the direct (network) installation method is excluded for every provider, so a missing
 * provider fails fast instead of trying the registry.
 */
export function writeCliConfig(directory: string, mirrorRoot: string): string {
  const file = path.join(directory, "terraform-offline.tfrc");
  fs.writeFileSync(
    file,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(path.resolve(mirrorRoot))}
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
`,
  );
  return file;
}

export function terraformVersion(terraform: Terraform): string {
  const result = spawnSync(terraform.bin, ["version", "-json"], { env: terraform.env, encoding: "utf8" });
  try {
    return JSON.parse(result.stdout).terraform_version;
  } catch {
    return "unknown";
  }
}

/** Runs terraform asynchronously (several may run at once), capturing its output. */
export function runTerraform(terraform: Terraform, args: readonly string[], cwd: string, stdin?: string): Promise<RunResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(terraform.bin, args, { cwd, env: terraform.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const finish = (code: number) => resolve({ code, stdout, stderr, seconds: secondsSince(started) });
    child.on("error", (error) => {
      stderr += String(error);
      finish(127);
    });
    child.on("close", (code) => finish(code ?? 1));
    child.stdin.end(stdin ?? "");
  });
}

/** Synchronous variant, for short commands (fmt) and jest. */
export function runTerraformSync(terraform: Terraform, args: readonly string[], cwd: string, stdin?: string): RunResult {
  const started = process.hrtime.bigint();
  const result = spawnSync(terraform.bin, args, { cwd, env: terraform.env, input: stdin ?? "", encoding: "utf8" });
  return {
    code: result.status ?? 1,
    stdout: result.stdout ?? "",
    stderr: (result.stderr ?? "") + (result.error ? String(result.error) : ""),
    seconds: secondsSince(started),
  };
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
