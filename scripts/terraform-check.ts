/**
 * `npm run test:terraform`: real Terraform judges what the project generates, offline.
 *
 * - every stack of the app (environments/*.json) is synthesized as JSON and as HCL (`cdktf synth --hcl`);
 * - the HCL of every stack must parse and be formatted as `terraform fmt` wants (scripts/terraform/hcl-format.ts),
 *   and so must the test files in terraform-tests/;
 * - stacks whose providers are all in the offline mirror get `terraform init` + `terraform validate`; the
 *   others are listed as "not validated here", with the missing provider;
 * - dev's platform stack with explicit OIDC thumbprints (it then needs only hashicorp/aws) gets init, validate
 *   of its JSON and of its HCL, and `terraform test` with a mocked AWS provider (terraform-tests/platform.tftest.hcl;
 *   the outputs it reads from the retained stack are mocked too: scripts/terraform/remote-state-overrides.ts);
 * - dev's retained stack gets `terraform test` (terraform-tests/retained.tftest.hcl), whose clean-up destroy must
 *   fail on exactly the resources that carry prevent_destroy.
 *
 * Needs terraform on PATH and a provider mirror (TF_PROVIDER_MIRROR, or found by
 * scripts/terraform/find-provider-mirror.sh); SKIP_TERRAFORM_CHECKS=1 turns their absence into a skip.
 * KEEP_TERRAFORM_WORKDIR=1 keeps the work directory (it is always kept when a check fails).
 * See docs/terraform-checks.md.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkHclFormat, firstLines } from "./terraform/hcl-format";
import { TERRAFORM_TESTS_DIR } from "./terraform/paths";
import { locateMirror, pinnedAwsProviderVersion, providerInMirror, requiredProviders } from "./terraform/provider-mirror";
import { synthesize, thumbprintVariant, type SynthesizedStack } from "./terraform/synthesize";
import {
  findTerraformOnPath,
  runTerraform,
  runTerraformSync,
  terraformAt,
  terraformVersion,
  writeCliConfig,
  type RunResult,
  type Terraform,
} from "./terraform/terraform-cli";
import { remoteStateOverrides } from "./terraform/remote-state-overrides";
import { addressesOf, resolveAddresses } from "./terraform/test-addresses";

type Status = "ok" | "FAIL" | "not validated here";

interface CheckResult {
  readonly stack: string;
  readonly check: string;
  readonly status: Status;
  readonly seconds?: number;
  /** One line for the table. */
  readonly note?: string;
  /** Full output, printed for failures. */
  readonly details?: string;
}

const VARIANT_LABEL = "(oidcThumbprints set)";
/** terraform-tests/ uses `state_key` in a run block (Terraform 1.11). */
const MINIMUM_TERRAFORM = [1, 11] as const;

async function main(): Promise<number> {
  const started = Date.now();
  const prerequisites = checkPrerequisites();
  if ("missing" in prerequisites) return reportMissing(prerequisites.missing);
  const { terraformBin, mirror } = prerequisites;

  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "terraform-check-"));
  const terraform = terraformAt(terraformBin, writeCliConfig(workdir, mirror.root));
  console.log(`Terraform ${terraformVersion(terraform)}, providers from ${mirror.root} (${mirror.from})`);
  const results: CheckResult[] = [];
  const record = (result: CheckResult) => {
    results.push(result);
    return result;
  };

  // Scheduling, for a 2-core machine: the variant is synthesized first so that its `terraform init` (disk)
  // and then its `terraform test` (the longest task, one core) overlap the other syntheses (the other core).
  const pool = new TaskPool(os.availableParallelism());
  const pending: Array<Promise<unknown>> = [];
  const variant = thumbprintVariant();
  const variantJson = await synthesize(path.join(workdir, "variant", "json"), "json", [variant]);
  const variantPlatform = platformOf(variantJson);
  const variantName = `${variantPlatform.name} ${VARIANT_LABEL}`;
  let variantHclReady: (stack: SynthesizedStack) => void = () => undefined;
  const variantPlatformHcl = new Promise<SynthesizedStack>((resolve) => (variantHclReady = resolve));
  pending.push(checkVariant(terraform, pool, mirror.root, variantPlatform, variantName, variantPlatformHcl, variantJson, record));
  // The retained stack needs no tls provider: the variant's is dev's own, and its test validates it too.
  const variantRetained = stackOf(variantJson, "retained");
  let retainedHclReady: (stack: SynthesizedStack) => void = () => undefined;
  const retainedHcl = new Promise<SynthesizedStack>((resolve) => (retainedHclReady = resolve));
  pending.push(checkRetained(terraform, pool, mirror.root, variantRetained, variantRetained.name, retainedHcl, record));
  await yieldToEventLoop();

  const defaultJson = await synthesize(path.join(workdir, "default", "json"), "json");
  await yieldToEventLoop();
  const defaultHcl = await synthesize(path.join(workdir, "default", "hcl"), "hcl");
  retainedHclReady(stackOf(defaultHcl, "retained"));
  await yieldToEventLoop();
  const variantHcl = platformOf(await synthesize(path.join(workdir, "variant", "hcl"), "hcl", [variant]));
  variantHclReady(variantHcl);

  for (const stack of defaultHcl) record(formatCheck(terraform, stack, stack.name));
  record(formatCheck(terraform, variantHcl, variantName));
  record(
    toResult(
      "terraform-tests/",
      "fmt -check",
      runTerraformSync(terraform, ["fmt", "-check", "-diff", "-no-color", TERRAFORM_TESTS_DIR], workdir),
    ),
  );

  for (const stack of defaultJson) {
    if (stack.name === variantRetained.name) continue; // checkRetained inits and tests it
    const missing = missingProviders(mirror.root, readJson(stack.file));
    if (missing) {
      record({ stack: stack.name, check: "init + validate", status: "not validated here", note: missing });
      continue;
    }
    pending.push(
      pool.run(async () => {
        const init = record(toResult(stack.name, "init", await terraformInit(terraform, stack.workingDirectory)));
        if (init.status === "ok")
          record(validateResult(stack.name, "validate (JSON)", await terraformValidate(terraform, stack.workingDirectory)));
      }),
    );
  }
  await Promise.all(pending);

  const failed = results.filter((result) => result.status === "FAIL");
  printSummary(results, (Date.now() - started) / 1000);
  if (failed.length > 0 || process.env.KEEP_TERRAFORM_WORKDIR === "1") {
    console.log(`Work directory kept for inspection: ${workdir}`);
  } else {
    fs.rmSync(workdir, { recursive: true, force: true });
  }
  return failed.length > 0 ? 1 : 0;
}

function checkPrerequisites(): { terraformBin: string; mirror: { root: string; from: string } } | { missing: string[] } {
  const missing: string[] = [];
  const terraformBin = findTerraformOnPath();
  if (!terraformBin) {
    missing.push(
      `terraform is not on PATH. Fix: install Terraform >= ${MINIMUM_TERRAFORM.join(".")} (https://developer.hashicorp.com/terraform/install) and put it on PATH.`,
    );
  } else {
    const version = terraformVersion(terraformAt(terraformBin));
    const [major, minor] = version.split(".").map(Number);
    if (!(major > MINIMUM_TERRAFORM[0] || (major === MINIMUM_TERRAFORM[0] && minor >= MINIMUM_TERRAFORM[1]))) {
      missing.push(
        `${terraformBin} is Terraform ${version}; the checks need >= ${MINIMUM_TERRAFORM.join(".")} (run blocks with state_key). Fix: upgrade it.`,
      );
    }
  }
  const awsVersion = pinnedAwsProviderVersion();
  const mirror = locateMirror(awsVersion);
  if ("problem" in mirror) {
    missing.push(`no offline provider mirror with hashicorp/aws ${awsVersion} was found: ${mirror.problem}`);
  }
  if (!terraformBin || "problem" in mirror) return { missing };
  return { terraformBin, mirror };
}

function reportMissing(missing: readonly string[]): number {
  if (process.env.SKIP_TERRAFORM_CHECKS === "1") {
    console.log("Terraform checks SKIPPED (SKIP_TERRAFORM_CHECKS=1) because:");
    for (const line of missing) console.log(`  - ${line}`);
    return 0;
  }
  console.error("Terraform checks cannot run:");
  for (const line of missing) console.error(`  - ${line}`);
  console.error("To skip them knowingly (nothing is verified then): SKIP_TERRAFORM_CHECKS=1 npm run test:terraform");
  return 1;
}

function stackOf(stacks: readonly SynthesizedStack[], role: "platform" | "retained"): SynthesizedStack {
  const found = stacks.find((stack) => stack.name.endsWith(`-${role}`));
  if (!found) throw new Error(`no ${role} stack among ${stacks.map((stack) => stack.name).join(", ")}`);
  return found;
}

function platformOf(stacks: readonly SynthesizedStack[]): SynthesizedStack {
  return stackOf(stacks, "platform");
}

/** init, terraform test (which validates the JSON) and validate of the HCL, for the thumbprint variant. */
async function checkVariant(
  terraform: Terraform,
  pool: TaskPool,
  mirrorRoot: string,
  stack: SynthesizedStack,
  label: string,
  hclStack: Promise<SynthesizedStack>,
  environmentStacks: readonly SynthesizedStack[],
  record: (result: CheckResult) => CheckResult,
): Promise<void> {
  const config = offlineConfig(
    mirrorRoot,
    stack,
    label,
    record,
    "This variant exists so that validate and test can run offline; it must need no provider outside the mirror",
  );
  if (!config) return;
  const producers = new Map(environmentStacks.filter((other) => other !== stack).map((other) => [other.name, readJson(other.file)]));
  const overrides = remoteStateOverrides(config, producers, config.provider.aws[0].region);
  const testsReady = copyTerraformTests(stack, config, "platform", label, record, overrides);
  const init = record(toResult(label, "init", await terraformInit(terraform, stack.workingDirectory)));
  if (init.status !== "ok") return;
  const checks: Array<Promise<unknown>> = [];
  // Every run of `terraform test` plans, and a plan validates the configuration first: validating the JSON again
  // alongside would only take a core from the test, the longest check.
  if (testsReady) checks.push(pool.run(async () => record(testResult(label, await terraformTest(terraform, stack.workingDirectory)))));
  else
    checks.push(
      pool.run(async () => record(validateResult(label, "validate (JSON)", await terraformValidate(terraform, stack.workingDirectory)))),
    );
  const hcl = await hclStack;
  shareInitializedDirectory(stack.workingDirectory, hcl.workingDirectory);
  checks.push(
    pool.run(async () => record(validateResult(label, "validate (HCL)", await terraformValidate(terraform, hcl.workingDirectory)))),
  );
  await Promise.all(checks);
}

/**
 * The stack's config when the mirror holds every provider it requires; otherwise a failed check recorded with
 * `why` (the variant and the retained stack exist to be initialized offline) and undefined.
 */
function offlineConfig(
  mirrorRoot: string,
  stack: SynthesizedStack,
  label: string,
  record: (result: CheckResult) => CheckResult,
  why: string,
): any | undefined {
  const config = readJson(stack.file);
  const missing = missingProviders(mirrorRoot, config);
  if (!missing) return config;
  record({ stack: label, check: "init + validate + test", status: "FAIL", note: missing, details: `${why}: ${missing}` });
  return undefined;
}

/** "" when every provider the stack requires is in the mirror, else what is missing. */
function missingProviders(mirrorRoot: string, config: any): string {
  const missing = requiredProviders(config).filter((provider) => !providerInMirror(mirrorRoot, provider));
  return missing.map((provider) => `provider ${provider.address} ${provider.version} not in the mirror`).join("; ");
}

/**
 * terraform-tests/<role>.tftest.hcl -> <stack>/tests/, with hash-free addresses resolved and `extra` (the remote
 * state overrides) appended. Returns the resolved text, or undefined when it cannot be used (recorded).
 */
function copyTerraformTests(
  stack: SynthesizedStack,
  config: any,
  role: "platform" | "retained",
  label: string,
  record: (result: CheckResult) => CheckResult,
  extra = "",
): string | undefined {
  const source = path.join(TERRAFORM_TESTS_DIR, `${role}.tftest.hcl`);
  if (!fs.existsSync(source)) {
    record({ stack: label, check: "test", status: "FAIL", note: `no ${role}.tftest.hcl in ${TERRAFORM_TESTS_DIR}` });
    return undefined;
  }
  const target = path.join(stack.workingDirectory, "tests");
  fs.mkdirSync(target, { recursive: true });
  try {
    const text = resolveAddresses(fs.readFileSync(source, "utf8"), addressesOf(config), path.relative(process.cwd(), source));
    fs.writeFileSync(path.join(target, `${role}.tftest.hcl`), extra ? `${text}\n${extra}` : text);
    return text;
  } catch (error) {
    record({
      stack: label,
      check: "test",
      status: "FAIL",
      note: "a test file names a resource the stack does not have",
      details: (error as Error).message,
    });
    return undefined;
  }
}

/**
 * The retained stack: init, then `terraform test`. Its assertions must pass, and the destroy that ends the test
 * must be refused for exactly the resources the file's `# expect-prevent-destroy:` line names, no more, no less.
 */
async function checkRetained(
  terraform: Terraform,
  pool: TaskPool,
  mirrorRoot: string,
  stack: SynthesizedStack,
  label: string,
  hclStack: Promise<SynthesizedStack>,
  record: (result: CheckResult) => CheckResult,
): Promise<void> {
  const config = offlineConfig(mirrorRoot, stack, label, record, "The retained stack needs hashicorp/aws only");
  if (!config) return;
  const text = copyTerraformTests(stack, config, "retained", label, record);
  if (text === undefined) return;
  const expected = (/^# expect-prevent-destroy:(.*)$/m.exec(text)?.[1] ?? "").trim().split(/\s+/).filter(Boolean);
  const resolved = resolveAddresses(expected.join(" "), addressesOf(config), "expect-prevent-destroy").split(" ").filter(Boolean).sort();
  await pool.run(async () => {
    const init = record(toResult(label, "init", await terraformInit(terraform, stack.workingDirectory)));
    if (init.status !== "ok") return;
    const imports = (/^# expect-import:(.*)$/m.exec(text)?.[1] ?? "").trim();
    const expectedImports = imports
      ? resolveAddresses(imports, addressesOf(config), "expect-import").split(/\s+/).filter(Boolean).sort()
      : [];
    const run = await runTerraform(terraform, ["test", "-verbose", "-no-color"], stack.workingDirectory);
    record(preventDestroyResult(label, run, resolved));
    record(importResult(label, run, expectedImports));
    // Its HCL (the import blocks are written by hand there too: src/terraform/import-if-exists.ts).
    const hcl = await hclStack;
    shareInitializedDirectory(stack.workingDirectory, hcl.workingDirectory);
    record(validateResult(label, "validate (HCL)", await terraformValidate(terraform, hcl.workingDirectory)));
  });
}

/**
 * Every assertion passed, and the clean-up destroy kept every one of `expected`: each is left in state, the
 * destroy was refused by prevent_destroy, and only by resources of `expected`. (Terraform reports the refusal of
 * the first protected resources its destroy walk reaches, and leaves what depends on a failed node alone: a key
 * whose secret refused is never reached, but stays all the same.)
 */
function preventDestroyResult(stack: string, run: RunResult, expected: readonly string[]): CheckResult {
  const output = `${run.stdout}\n${run.stderr}`;
  const counts = /(\d+) passed, (\d+) failed/.exec(output);
  // Terraform wraps its messages: the address and the words after it may be on two lines.
  const refused = [...output.matchAll(/Resource (\S+)\s+has lifecycle\.prevent_destroy set/g)].map((m) => m[1]);
  const left = [...output.matchAll(/^ {2}- (\S+)$/gm)].map((m) => m[1]);
  const passed = counts !== null && counts[2] === "0" && Number(counts[1]) > 0;
  const destroyed = expected.filter((address) => !left.includes(address));
  const unexpected = refused.filter((address) => !expected.includes(address));
  const ok = passed && refused.length > 0 && destroyed.length === 0 && unexpected.length === 0;
  return {
    stack,
    check: "test (mock aws, destroy)",
    status: ok ? "ok" : "FAIL",
    seconds: run.seconds,
    note: `${counts ? `${counts[1]} passed, ${counts[2]} failed` : "no result"}; destroy kept ${expected.length - destroyed.length} of ${expected.length} protected`,
    details: ok
      ? undefined
      : [
          `expected to survive the destroy (prevent_destroy): ${expected.join(", ")}`,
          `destroyed anyway: ${destroyed.join(", ") || "(none)"}`,
          `refused without being expected to: ${unexpected.join(", ") || "(none)"}`,
          "",
          output.replace(/^ {2}- .*\n/gm, ""),
        ].join("\n"),
  };
}

/** The plan of the run that adopts groups imports exactly `expected` (Terraform's verbose plan: "will be imported"). */
function importResult(stack: string, run: RunResult, expected: readonly string[]): CheckResult {
  const imported = [...run.stdout.matchAll(/^ {2}# (\S+) will be imported$/gm)].map((m) => m[1]).sort();
  const ok = imported.length === expected.length && imported.every((address, i) => address === expected[i]);
  return {
    stack,
    check: "test: adopts existing groups",
    status: ok ? "ok" : "FAIL",
    note: `${imported.length} import(s) planned, ${expected.length} expected`,
    details: ok ? undefined : `expected imports: ${expected.join(", ") || "(none)"}\nplanned imports: ${imported.join(", ") || "(none)"}`,
  };
}

function terraformInit(terraform: Terraform, directory: string): Promise<RunResult> {
  // -backend=false: validate and test need providers, not state; nothing is written next to the real state.
  return runTerraform(terraform, ["init", "-backend=false", "-input=false", "-no-color"], directory);
}

function terraformValidate(terraform: Terraform, directory: string): Promise<RunResult> {
  return runTerraform(terraform, ["validate", "-json", "-no-color"], directory);
}

function terraformTest(terraform: Terraform, directory: string): Promise<RunResult> {
  return runTerraform(terraform, ["test", "-no-color"], directory);
}

/**
 * The HCL twin of a stack needs the same providers: reuse the JSON directory's .terraform (a symlink; init
 * from an unpacked mirror itself only links to the mirror) and lock file instead of a second init.
 */
function shareInitializedDirectory(initialized: string, other: string): void {
  fs.symlinkSync(path.join(initialized, ".terraform"), path.join(other, ".terraform"), "dir");
  fs.copyFileSync(path.join(initialized, ".terraform.lock.hcl"), path.join(other, ".terraform.lock.hcl"));
}

function formatCheck(terraform: Terraform, stack: SynthesizedStack, label: string): CheckResult {
  const verdict = checkHclFormat(terraform, fs.readFileSync(stack.file, "utf8"), stack.workingDirectory);
  const tolerated = `${verdict.interpolationOnlyValues} interpolation-only values${verdict.missingFinalNewline ? ", no final newline" : ""} tolerated`;
  return {
    stack: label,
    check: "fmt (HCL)",
    status: verdict.formatted ? "ok" : "FAIL",
    seconds: verdict.seconds,
    note: !verdict.parses ? "not valid HCL" : verdict.formatted ? tolerated : "not formatted like terraform fmt",
    details: verdict.details,
  };
}

function toResult(stack: string, check: string, run: RunResult): CheckResult {
  const ok = run.code === 0;
  return {
    stack,
    check,
    status: ok ? "ok" : "FAIL",
    seconds: run.seconds,
    details: ok ? undefined : `${run.stdout}\n${run.stderr}`.trim(),
  };
}

/** `terraform validate -json`: errors fail, warnings are counted in the note (and listed on failure). */
function validateResult(stack: string, check: string, run: RunResult): CheckResult {
  let report: { valid: boolean; warning_count: number; diagnostics: any[] };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return toResult(stack, check, run); // not JSON: init problems and the like, reported as they are
  }
  const diagnostics = report.diagnostics.map((d) => {
    const where = d.range ? `${d.range.filename}:${d.range.start.line}: ` : "";
    return `${d.severity}: ${where}${d.summary}${d.severity === "error" && d.detail ? `: ${d.detail}` : ""}`;
  });
  const warnings = report.diagnostics.filter((d) => d.severity === "warning").map((d) => d.summary);
  const distinct = [...new Set(warnings)];
  return {
    stack,
    check,
    status: report.valid && run.code === 0 ? "ok" : "FAIL",
    seconds: run.seconds,
    note: warnings.length ? `${warnings.length} warning(s): ${distinct.join("; ")}` : undefined,
    details: diagnostics.join("\n"),
  };
}

function testResult(stack: string, run: RunResult): CheckResult {
  const counts = /(\d+) passed, (\d+) failed/.exec(run.stdout);
  const result = toResult(stack, "test (mock aws, plan+apply)", run);
  // Failed runs list every resource "left in state" (mock state, nothing real): noise in the report.
  let details = result.details?.replace(/^ {2}- .*\n/gm, "");
  const missing = /panic: no expansion has been registered for (\S+)/.exec(run.stdout + run.stderr);
  if (missing) {
    details = `${missing[1]} is not part of a targeted plan: the run's targets no longer depend on it (Terraform 1.11 panics instead of failing the assertion; see the comment on the run in terraform-tests/).\n\n${details}`;
  }
  return {
    ...result,
    details,
    note: counts ? `${counts[1]} passed, ${counts[2]} failed` : missing ? "dependency lost (see below)" : undefined,
  };
}

const CHECK_ORDER = [
  "fmt -check",
  "fmt (HCL)",
  "init + validate",
  "init + validate + test",
  "init",
  "validate (JSON)",
  "validate (HCL)",
  "test",
];

function printSummary(unordered: readonly CheckResult[], totalSeconds: number): void {
  const rank = (result: CheckResult) => CHECK_ORDER.findIndex((check) => result.check.startsWith(check));
  const results = [...unordered].sort(
    (a, b) =>
      Number(a.stack.includes(VARIANT_LABEL)) - Number(b.stack.includes(VARIANT_LABEL)) ||
      a.stack.localeCompare(b.stack) ||
      rank(a) - rank(b),
  );
  const width = Math.max(...results.map((result) => result.stack.length), 5) + 2;
  console.log("");
  console.log(`${"stack".padEnd(width)}${"check".padEnd(30)}${"result".padEnd(20)}${"time".padStart(7)}  note`);
  for (const result of results) {
    const time = result.seconds === undefined ? "" : `${result.seconds.toFixed(1)}s`;
    console.log(
      `${result.stack.padEnd(width)}${result.check.padEnd(30)}${result.status.padEnd(20)}${time.padStart(7)}  ${result.note ?? ""}`,
    );
  }
  for (const result of results.filter((r) => r.status === "FAIL" && r.details)) {
    console.log(`\n--- ${result.stack}: ${result.check} ---\n${firstLines(result.details!, 60)}`);
  }
  const failed = results.filter((result) => result.status === "FAIL").length;
  const notValidated = results.filter((result) => result.status === "not validated here").length;
  console.log(
    `\n${failed === 0 ? "PASSED" : `FAILED: ${failed} check(s)`}; ${notValidated} not validated here; ${totalSeconds.toFixed(1)}s in total`,
  );
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** At most `size` tasks at once: terraform is CPU-bound and the machine may have 2 cores. */
class TaskPool {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
