import * as fs from "fs";
import * as path from "path";
import { App, Manifest, TerraformStack, type AppConfig } from "cdktf";
import type { FileProblem } from "../config/problems";
import { consoleReport } from "../synth/console-report";
import { isErrorAnnotationsFailure } from "../cdktf-workarounds";
import { publishStaged } from "../synth/publish";
import { SynthRejected } from "../synth/rejected";
import { synthOrExit } from "../synth/run";
import { writePolicyReport } from "./report/write";
import { SecurityPolicy, type PolicyEnvironment } from "./security-policy";
import type { RulePack } from "./types";
import { environmentNames, MAX_ROLE_NAME_LENGTH, nameClashes, overlongRoleNames } from "../checks/physical-names";

export interface PolicyCheckedAppConfig extends AppConfig {
  /** Where the report goes on success (warnings and the summary line); stdout by default. */
  readonly log?: (line: string) => void;
  /** Problems found before the app was built that do not stop synth (environment file warnings). */
  readonly warnings?: readonly FileProblem[];
  /**
   * What a rejected synth does. "exit" (the default, for a cdktf app's main): print every problem on stderr and
   * set the exit code to 1, with no stack trace (an unexpected error prints its message, and its stack trace only
   * when DEBUG is set). "throw": throw a SynthRejected listing the problems, for callers that handle it.
   */
  readonly onRejected?: "exit" | "throw";
  /**
   * The rules synth enforces. Default: DEFAULT_RULE_PACKS (the built-in chain, aws and k8s packs); add packs of
   * your own after them, or leave one out (a stack tested without the rest of its chain: [AWS_RULES]).
   */
  readonly rulePacks?: readonly RulePack[];
  /**
   * Tells clashes of the synthesized names (IAM roles, clusters, log groups... unique beyond one stack) in the
   * app's own terms. Default: each clash named by the construct paths of both resources.
   */
  readonly nameProblems?: (environments: readonly SynthesizedEnvironment[], outdir: string) => FileProblem[];
}

/** An environment's stacks as synthesized: what the name checks read. */
export interface SynthesizedEnvironment {
  readonly name: string;
  readonly stacks: ReadonlyArray<{ readonly name: string; readonly json: Record<string, any> }>;
}

/**
 * A cdktf App that only writes what passed: synth() synthesizes every stack into a staging directory (cdktf's
 * own synthesizer: aspects, validations, custom synthesis), evaluates the security policy of every environment
 * on exactly that Terraform JSON, and only then publishes the stacks and manifest.json into the output
 * directory, replacing only the files synth writes (src/synth/publish.ts). On any error (a policy finding, an
 * error annotation, a failed validation) nothing under `<outdir>/stacks` and no manifest.json is created or
 * changed, and synth() throws a SynthRejected that lists every problem with its environment file. The security
 * report (SARIF, chain diagrams) is written either way: it is a report, and most useful exactly then.
 *
 * Testing.synth() never calls App.synth(): there the policy works as an aspect and annotates constructs.
 */
export class PolicyCheckedApp extends App {
  readonly policy: SecurityPolicy;
  private readonly log: (line: string) => void;
  private readonly warnings: readonly FileProblem[];
  private readonly onRejected: "exit" | "throw";
  private readonly nameProblems: (environments: readonly SynthesizedEnvironment[], outdir: string) => FileProblem[];

  constructor(config: PolicyCheckedAppConfig = {}) {
    super(config);
    this.policy = new SecurityPolicy(config.rulePacks);
    this.log = config.log ?? ((line) => console.log(line));
    this.warnings = config.warnings ?? [];
    this.onRejected = config.onRejected ?? "exit";
    this.nameProblems = config.nameProblems ?? constructPathNameProblems;
  }

  synth(): void {
    if (this.onRejected === "throw") this.checkAndPublish();
    else synthOrExit(() => this.checkAndPublish());
  }

  private checkAndPublish(): void {
    const outdir = path.resolve(this.outdir);
    const staging = fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}-staging-`));
    try {
      const stacks = this.node.findAll().filter(TerraformStack.isStack);
      const manifest = new Manifest(this.node.tryGetContext("cdktfVersion"), staging, this.hclOutput);
      // Fail closed: a stack no environment names is checked all the same, and the report says so.
      const unassigned = this.policy.coverUnassigned(stacks);
      const staged = this.stage(stacks, { outdir: staging, skipValidation: this.skipValidation, manifest });
      const configs = new Map(stacks.map((stack) => [stack, this.synthesizedConfig(stack, staging, manifest)]));
      const environments = this.policy.registeredEnvironments().map((environment) => ({
        name: environment.name,
        stacks: environment.stacks.map((stack) => ({ name: stack.node.id, json: configs.get(stack)! })),
      }));
      const problems = [
        ...this.warnings,
        ...(unassigned ? [unassignedNote(unassigned)] : []),
        ...staged,
        ...this.nameProblems(environments, outdir),
      ];
      const results = this.policy.allResults((stack) => configs.get(stack) ?? this.synthesizedConfig(stack, staging, manifest));
      const summary = writePolicyReport(this.policy.rules, results, outdir);
      const report = consoleReport(results, problems, summary);
      if (report.errorFiles.length > 0) {
        removeIfEmpty(path.join(outdir, Manifest.stacksFolder)); // App's constructor creates it
        throw new SynthRejected(report.lines);
      }
      manifest.writeToFile();
      publishStaged(staging, outdir);
      for (const line of report.lines) this.log(line);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  /** cdktf's synthesis of every stack into the staging directory; the problems it found, with their files. */
  private stage(stacks: TerraformStack[], session: { outdir: string; skipValidation: boolean; manifest: Manifest }): FileProblem[] {
    this.policy.deferToApp();
    for (const stack of stacks) stack.prepareStack();
    const problems: FileProblem[] = [];
    for (const stack of stacks) {
      const file = this.fileOf(stack);
      // Each construct's validations (the constructs check their props as the environment file does), reported
      // with the construct's path; cdktf's own run would stop at the first stack, in one thrown message.
      if (!session.skipValidation) {
        for (const construct of stack.node.findAll()) {
          for (const message of construct.node.validate()) problems.push({ file, message: `${construct.node.path}: ${message}` });
        }
      }
      try {
        stack.synthesizer.synthesize({ ...session, skipValidation: true });
      } catch (error) {
        // Error annotations are collected below, from the manifest; anything else is reported as it is.
        if (!isErrorAnnotationsFailure(error)) {
          problems.push({ file, message: `${stack.node.path} could not be synthesized: ${(error as Error).message}` });
        }
      }
      for (const annotation of session.manifest.forStack(stack).annotations ?? []) {
        if (annotation.level !== "@cdktf/error") continue;
        problems.push({ file, message: `${annotation.constructPath}: ${annotation.message}` });
      }
    }
    if (!session.skipValidation) {
      for (const message of this.node.validate()) problems.push({ file: "(app)", message });
    }
    return problems;
  }

  /** The stack's JSON as written to the staging directory (HCL output renders it again). */
  private synthesizedConfig(stack: TerraformStack, staging: string, manifest: Manifest): Record<string, any> {
    if (this.hclOutput) return stack.toTerraform();
    const file = path.join(staging, manifest.forStack(stack).synthesizedStackPath);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : stack.toTerraform();
  }

  private fileOf(stack: TerraformStack): string {
    return this.policy.environmentOf(stack)?.file ?? stack.node.id;
  }
}

/** A library app's name clashes, by construct path: a name unique beyond one stack, created twice. */
function constructPathNameProblems(environments: readonly SynthesizedEnvironment[], outdir: string): FileProblem[] {
  const names = environments.flatMap((environment) => environmentNames(environment.name, environment.stacks, outdir));
  const overlong = overlongRoleNames(names).map((name) => ({
    file: name.environment,
    message: `${name.path}: IAM role name "${name.name}" has ${name.name.length} characters; IAM allows ${MAX_ROLE_NAME_LENGTH}. Fix: give it a shorter name`,
  }));
  const clashes = nameClashes(names).map(({ name, claimedBy }) => ({
    file: name.environment,
    message: `${name.path}: ${name.kind} "${name.name}" is also created by ${claimedBy.path}${claimedBy.environment === name.environment ? "" : ` (environment ${claimedBy.environment})`}, and must be unique ${name.scope}. Fix: give one of them another name`,
  }));
  return [...overlong, ...clashes];
}

function unassignedNote(environment: PolicyEnvironment): FileProblem {
  const names = environment.stacks.map((stack) => stack.node.id).join(", ");
  return {
    file: environment.name,
    level: "warning",
    message: `${environment.stacks.length === 1 ? "stack" : "stacks"} ${names} ${environment.stacks.length === 1 ? "is" : "are"} in no environment, so ${environment.stacks.length === 1 ? "it is" : "they are"} checked as environment "${environment.name}" (not production). Fix: name ${environment.stacks.length === 1 ? "it" : "them"} in app.policy.addEnvironment({ name, production, stacks }), with the other stacks of ${environment.stacks.length === 1 ? "its" : "their"} chain`,
  };
}

function removeIfEmpty(directory: string): void {
  if (fs.existsSync(directory) && fs.readdirSync(directory).length === 0) fs.rmdirSync(directory);
}
