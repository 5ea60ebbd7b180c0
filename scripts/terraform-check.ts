/**
 * `npm run test:terraform`: real Terraform judges what the project generates, offline.
 *
 * - every stack of the app (environments/*.json) is synthesized as JSON and as HCL (`cdktf synth --hcl`);
 * - the HCL of every stack must parse and be formatted as `terraform fmt` wants (scripts/terraform/hcl-format.ts),
 *   and so must the test files in terraform-tests/; these need terraform only, no provider;
 * - stacks whose providers are all in the offline mirror get `terraform init` + `terraform validate`; the
 *   others are listed as "not validated here", with the missing provider;
 * - dev's platform stack with explicit OIDC thumbprints (it then needs only hashicorp/aws) gets init and
 *   `terraform test` with a mocked AWS provider (terraform-tests/platform.tftest.hcl; the outputs it reads from the
 *   retained stack are mocked too: scripts/terraform/remote-state-overrides.ts), plus a run appended here that plans
 *   its HCL twin under the same mocks;
 * - dev's retained stack gets `terraform test` (terraform-tests/retained.tftest.hcl), whose clean-up destroy must
 *   fail on exactly the resources that carry prevent_destroy, and `terraform validate` of its HCL.
 *
 * Needs terraform on PATH and a provider mirror (TF_PROVIDER_MIRROR, or found by
 * scripts/terraform/find-provider-mirror.sh); without the mirror only the formatting checks run.
 * SKIP_TERRAFORM_CHECKS=1 turns what is missing into a skip.
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
  const { terraformBin, mirror, missing } = checkPrerequisites();
  if (!terraformBin) return reportMissing(missing);

  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "terraform-check-"));
  const terraform = terraformAt(terraformBin, mirror ? writeCliConfig(workdir, mirror.root) : undefined);
  const providers = mirror ? `providers from ${mirror.root} (${mirror.from})` : "no provider mirror: the formatting checks only";
  console.log(`Terraform ${terraformVersion(terraform)}, ${providers}`);
  const results: CheckResult[] = [];
  const record = (result: CheckResult) => {
    results.push(result);
    return result;
  };

  const pool = new TaskPool(os.availableParallelism());
  const variant = mirror ? await startVariantChecks(terraform, pool, mirror.root, workdir, record) : { pending: [], tested: [] };
  const pending: Array<Promise<unknown>> = [...variant.pending];
  await yieldToEventLoop();

  // Formatting needs terraform only, no provider.
  const defaultJson = await synthesize(path.join(workdir, "default", "json"), "json");
  await yieldToEventLoop();
  const defaultHcl = await synthesize(path.join(workdir, "default", "hcl"), "hcl");
  record(hclOutputCheck(defaultJson, defaultHcl));
  for (const stack of defaultHcl) record(formatCheck(terraform, stack, stack.name));
  record(
    toResult(
      "terraform-tests/",
      "fmt -check",
      runTerraformSync(terraform, ["fmt", "-check", "-diff", "-no-color", TERRAFORM_TESTS_DIR], workdir),
    ),
  );

  for (const stack of mirror ? defaultJson : []) {
    if (variant.tested.includes(stack.name)) continue; // tested as part of the variant's environment
    const missingHere = missingProviders(mirror!.root, readJson(stack.file));
    if (missingHere) {
      record({ stack: stack.name, check: "init + validate", status: "not validated here", note: missingHere });
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
  printSummary(results, (Date.now() - started) / 1000, mirror ? "" : " (the formatting checks)");
  if (failed.length > 0 || process.env.KEEP_TERRAFORM_WORKDIR === "1") {
    console.log(`Work directory kept for inspection: ${workdir}`);
  } else {
    fs.rmSync(workdir, { recursive: true, force: true });
  }
  if (failed.length > 0) return 1;
  return mirror ? 0 : reportMissing(missing, true);
}

/**
 * Synthesizes the thumbprint variant, as JSON and as HCL (its `terraform test` plans the HCL twin too), and starts
 * the checks of its platform and retained stacks. Scheduling, for a 2-core machine: this comes first, so that
 * their `terraform init` and then their `terraform test` (the longest tasks, one core each) overlap the default
 * syntheses. Returns the checks under way and the stacks they cover.
 */
async function startVariantChecks(
  terraform: Terraform,
  pool: TaskPool,
  mirrorRoot: string,
  workdir: string,
  record: (result: CheckResult) => CheckResult,
): Promise<{ pending: Array<Promise<unknown>>; tested: string[] }> {
  const variant = thumbprintVariant();
  const json = await synthesize(path.join(workdir, "variant", "json"), "json", [variant]);
  const hcl = await synthesize(path.join(workdir, "variant", "hcl"), "hcl", [variant]);
  const platform = platformOf(json);
  const label = `${platform.name} ${VARIANT_LABEL}`;
  record(formatCheck(terraform, platformOf(hcl), label));
  // The retained stack needs no tls provider: the variant's is dev's own.
  const retained = stackOf(json, "retained");
  return {
    pending: [
      checkVariant(terraform, pool, mirrorRoot, platform, label, platformOf(hcl), json, record),
      checkRetained(terraform, pool, mirrorRoot, retained, retained.name, stackOf(hcl, "retained"), record),
    ],
    tested: [retained.name],
  };
}

/** A usable terraform (on PATH, recent enough) and the provider mirror, each when there is one; what is missing. */
function checkPrerequisites(): { terraformBin?: string; mirror?: { root: string; from: string }; missing: string[] } {
  const missing: string[] = [];
  let terraformBin = findTerraformOnPath();
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
      terraformBin = undefined;
    }
  }
  const awsVersion = pinnedAwsProviderVersion();
  const mirror = locateMirror(awsVersion);
  if ("problem" in mirror) {
    missing.push(`no offline provider mirror with hashicorp/aws ${awsVersion} was found: ${mirror.problem}`);
    return { terraformBin, missing };
  }
  return { terraformBin, mirror, missing };
}

/** What could not run and why; exit code 1 unless SKIP_TERRAFORM_CHECKS=1. `formattingRan`: terraform was there. */
function reportMissing(missing: readonly string[], formattingRan = false): number {
  const what = formattingRan ? "The Terraform checks that need providers (init, validate, test)" : "The Terraform checks";
  if (process.env.SKIP_TERRAFORM_CHECKS === "1") {
    console.log(`${what}: SKIPPED (SKIP_TERRAFORM_CHECKS=1) because:`);
    for (const line of missing) console.log(`  - ${line}`);
    return 0;
  }
  console.error(`${what} cannot run:`);
  for (const line of missing) console.error(`  - ${line}`);
  console.error("To skip them knowingly (nothing they check is verified then): SKIP_TERRAFORM_CHECKS=1 npm run test:terraform");
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

/**
 * init and `terraform test` for the thumbprint variant. The test plans the JSON (every plan validates the
 * configuration first) and, in the run this script appends, the HCL twin under the same mocks.
 */
async function checkVariant(
  terraform: Terraform,
  pool: TaskPool,
  mirrorRoot: string,
  stack: SynthesizedStack,
  label: string,
  hcl: SynthesizedStack,
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
  const testsReady = copyTerraformTests(stack, config, "platform", label, record, `${overrides}\n${hclTwinRun(stack, hcl)}`);
  const init = record(toResult(label, "init", await terraformInit(terraform, stack.workingDirectory)));
  if (init.status !== "ok") return;
  if (testsReady) {
    await pool.run(async () => {
      const run = await terraformTest(terraform, stack.workingDirectory);
      record(testResult(label, run));
      record(hclTwinResult(label, run));
    });
    return;
  }
  // The test file cannot be used (already recorded as a failure): both renderings are still validated.
  shareInitializedDirectory(stack.workingDirectory, hcl.workingDirectory);
  await Promise.all([
    pool.run(async () => record(validateResult(label, "validate (JSON)", await terraformValidate(terraform, stack.workingDirectory)))),
    pool.run(async () => record(validateResult(label, "validate (HCL)", await terraformValidate(terraform, hcl.workingDirectory)))),
  ]);
}

/** The name of the run hclTwinRun appends to a test file. */
const HCL_TWIN_RUN = "hcl_twin_plans";

/**
 * A run that plans the stack's HCL twin (what `cdktf synth --hcl` writes) as an alternate module, under the test
 * file's mocks and overrides: the HCL's references, types and the provider's validators are checked in the test's
 * own Terraform process, which has the AWS provider's schema loaded already (a separate `terraform validate`
 * starts the provider and reads its schema again, about 3 CPU-seconds). `terraform init` registers the module.
 */
function hclTwinRun(stack: SynthesizedStack, hcl: SynthesizedStack): string {
  const source = path.relative(stack.workingDirectory, hcl.workingDirectory).split(path.sep).join("/");
  return [
    "# Appended by scripts/terraform-check.ts: the same stack as `cdktf synth --hcl` writes it, planned under this file's mocks.",
    `run "${HCL_TWIN_RUN}" {`,
    "  command = plan",
    "  module {",
    `    source = "${source}"`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/**
 * Warnings of a `terraform test` output that say nothing about the stack: a targeted run's, and the backend block
 * being ignored (the alternate module of hclTwinRun is loaded as a child module, where a backend has no effect).
 */
const TEST_HARNESS_WARNINGS = new Set(["Resource targeting is in effect", "Backend configuration ignored"]);

/** The HCL twin's run in a `terraform test` output: passed, and the warnings Terraform gave about the stack. */
function hclTwinResult(stack: string, run: RunResult): CheckResult {
  const output = `${run.stdout}\n${run.stderr}`;
  const status = new RegExp(`run "${HCL_TWIN_RUN}"\\.\\.\\. (\\w+)`).exec(output)?.[1];
  const warnings = countWarnings(output);
  for (const summary of TEST_HARNESS_WARNINGS) warnings.delete(summary);
  const total = [...warnings.values()].reduce((sum, count) => sum + count, 0);
  return {
    stack,
    check: "plan of the HCL (in the test)",
    status: status === "pass" ? "ok" : "FAIL",
    note: status === undefined ? "the run did not report" : total ? `${total} warning(s): ${[...warnings.keys()].join("; ")}` : undefined,
    details: status === "pass" ? undefined : output.replace(/^ {2}- .*\n/gm, ""),
  };
}

/** Warning summaries and how many times each was given (Terraform folds repeats into "(and N more similar ...)"). */
function countWarnings(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  let last: string | undefined;
  for (const line of output.split("\n")) {
    const warning = /^Warning: (.+)$/.exec(line);
    if (warning) {
      last = warning[1];
      counts.set(last, (counts.get(last) ?? 0) + 1);
    }
    const folded = /^\(and (\d+) more similar warnings? elsewhere\)$/.exec(line.trim());
    if (folded && last !== undefined) counts.set(last, counts.get(last)! + Number(folded[1]));
  }
  return counts;
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
  hcl: SynthesizedStack,
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
    // Its HCL (the import blocks are written by hand there too: src/terraform/import-if-exists.ts), validated on its
    // own: Terraform allows import blocks in the root module only, so the test cannot plan it as an alternate module.
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

/**
 * `cdktf synth --hcl` writes one cdk.tf for every stack the JSON synthesis writes, and no .tf.json next to it
 * (Terraform would load both).
 */
function hclOutputCheck(json: readonly SynthesizedStack[], hcl: readonly SynthesizedStack[]): CheckResult {
  const names = (stacks: readonly SynthesizedStack[]) => stacks.map((stack) => stack.name).sort();
  const problems = [
    ...(names(hcl).join() === names(json).join()
      ? []
      : [`stacks ${names(hcl).join(", ")}; the JSON synthesis has ${names(json).join(", ")}`]),
    ...hcl.filter((stack) => path.basename(stack.file) !== "cdk.tf").map((stack) => `${stack.name}: ${stack.file} is not cdk.tf`),
    ...hcl.flatMap((stack) =>
      fs
        .readdirSync(stack.workingDirectory)
        .filter((name) => name.endsWith(".tf.json"))
        .map((name) => `${stack.name}: ${name} next to cdk.tf`),
    ),
  ];
  return {
    stack: "every stack of the app",
    check: "synth --hcl",
    status: problems.length === 0 ? "ok" : "FAIL",
    note: `${hcl.length} cdk.tf, no JSON`,
    details: problems.join("\n") || undefined,
  };
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
  "synth --hcl",
  "fmt -check",
  "fmt (HCL)",
  "init + validate",
  "init + validate + test",
  "init",
  "validate (JSON)",
  "validate (HCL)",
  "test",
  "plan of the HCL",
];

function printSummary(unordered: readonly CheckResult[], totalSeconds: number, which = ""): void {
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
    `\n${failed === 0 ? `PASSED${which}` : `FAILED${which}: ${failed} check(s)`}; ${notValidated} not validated here; ${totalSeconds.toFixed(1)}s in total`,
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
