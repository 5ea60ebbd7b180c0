import { Annotations, Aspects, type IAspect, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { evaluate, type SuppressionSource } from "./engine";
import { EnvironmentModel } from "./model/environment-model";
import { DEFAULT_RULE_PACKS, rulesOf } from "./rules";
import { lastInPreOrder, runAspects } from "./run-aspects";
import { PolicySuppressions, type StoredSuppression } from "./suppressions";
import { formatFinding, type Finding, type PolicyRule, type RulePack } from "./types";

export interface PolicyEnvironment {
  readonly name: string;
  /** The file the environment comes from, to name in findings ("environments/dev.json"); default: its name. */
  readonly file?: string;
  /** environment.config.production */
  readonly production: boolean;
  /** Every stack of the environment (platform and workload): the chain spans them. */
  readonly stacks: readonly TerraformStack[];
  /** The field of `file` a finding is about, where one decides it: reports point at its line. */
  readonly fieldOf?: (finding: Finding) => string | undefined;
  /** Set on the environment the app made of the stacks no addEnvironment named (coverUnassigned). */
  readonly unassigned?: boolean;
}

/** One environment's verdict. */
export interface EnvironmentResult {
  readonly name: string;
  /** PolicyEnvironment.file, or the name. */
  readonly file: string;
  readonly model: EnvironmentModel;
  readonly findings: readonly Finding[];
}

/**
 * The policy layer, evaluated once per environment on both of its stacks (the chain spans them).
 *
 * Two ways in:
 * - PolicyCheckedApp.synth() (what `cdktf synth` runs) evaluates every environment after all stacks are
 *   synthesized into a staging directory, from exactly that Terraform JSON, and reports the findings itself;
 *   nothing is published when one is an error. The aspect stays quiet then (deferToApp()).
 * - Testing.synth(stack), in a project's own tests: the aspect evaluates the stack's environment the first time
 *   one of its stacks is synthesized, once that stack's other aspects have run (and the other stacks' aspects,
 *   runAspects), and annotates every finding on its own construct (errors, warnings, and suppressed findings as
 *   info), so cdktf's matchers and Annotations see them.
 */
export class SecurityPolicy implements IAspect {
  private readonly environments = new Map<string, PolicyEnvironment>();
  private readonly environmentOfStack = new Map<IConstruct, string>();
  private readonly results = new Map<string, EnvironmentResult>();
  /** Constructs that carry the evaluation of a Testing.synth pass (visit). */
  private readonly scheduled = new WeakSet<IConstruct>();
  private deferred = false;

  /** The rules of the packs, then the meta rules (rules/index.ts rulesOf). */
  readonly rules: readonly PolicyRule[];

  /** @param rulePacks default: the built-in chain, aws and k8s packs (DEFAULT_RULE_PACKS) */
  constructor(rulePacks: readonly RulePack[] = DEFAULT_RULE_PACKS) {
    this.rules = rulesOf(rulePacks);
  }

  /** Registers an environment and attaches the aspect to each of its stacks (cdktf never runs app-level aspects). */
  addEnvironment(environment: PolicyEnvironment): void {
    if (this.environments.has(environment.name)) throw new Error(`SecurityPolicy: environment "${environment.name}" is registered twice`);
    this.environments.set(environment.name, environment);
    for (const stack of environment.stacks) {
      this.environmentOfStack.set(stack, environment.name);
      Aspects.of(stack).add(this);
    }
  }

  /**
   * Fail closed: the stacks no environment names are checked too, together, as one more environment (the chain
   * may span them). Named after the stack when there is one, else "app"; returns it, or undefined when every
   * stack belongs to an environment.
   */
  coverUnassigned(stacks: readonly TerraformStack[]): PolicyEnvironment | undefined {
    const unassigned = stacks.filter((stack) => !this.environmentOfStack.has(stack));
    if (unassigned.length === 0) return undefined;
    let name = unassigned.length === 1 ? unassigned[0].node.id : "app";
    while (this.environments.has(name)) name = `${name}-unassigned`;
    const environment: PolicyEnvironment = { name, production: false, stacks: unassigned, unassigned: true };
    this.addEnvironment(environment);
    return environment;
  }

  /** The app evaluates and reports after synthesis; the aspect then annotates nothing. */
  deferToApp(): void {
    this.deferred = true;
  }

  visit(node: IConstruct): void {
    const name = this.environmentOfStack.get(node);
    if (name === undefined || this.deferred || this.results.has(name)) return;
    // Testing.synth or fullSynth of one stack prepares only that one: the others' cross-stack references (the
    // workload's to the platform's security groups and roles) would stay unresolved, and the chain broken.
    for (const stack of this.environments.get(name)!.stacks) stack.prepareStack();
    // The stack's own aspects (a project's tagging or encryption aspect) reach its constructs after this one
    // reached the stack, and what they change is what synth writes. So the environment is evaluated at the end
    // of the pass, by an aspect on the construct the pass reaches last, which runs after every other aspect there.
    const last = lastInPreOrder(node);
    if (last === node) {
      this.evaluateAfterAspects(name, node); // an empty stack: nothing else to visit
      return;
    }
    if (this.scheduled.has(last)) return;
    this.scheduled.add(last);
    Aspects.of(last).add({
      visit: (visited) => {
        if (visited === last) this.evaluateAfterAspects(name, node);
      },
    });
  }

  /**
   * Evaluates `name` once the aspects of `current` have run, and annotates every finding on its construct. The
   * environment's other stacks get their aspects run first, as their own synth would run them (runAspects).
   */
  private evaluateAfterAspects(name: string, current: IConstruct): void {
    if (this.deferred || this.results.has(name)) return;
    const environment = this.environments.get(name)!;
    for (const stack of environment.stacks) if (stack !== current) runAspects(stack, this);
    const result = this.evaluateEnvironment(name);
    const constructs = constructsByPath(environment.stacks);
    for (const finding of result.findings) annotate(constructs.get(finding.path) ?? constructs.get(finding.stack), finding);
  }

  /**
   * Evaluates one environment, once. `configOf` gives a stack's synthesized Terraform JSON ("//" metadata
   * kept); by default the stack renders it again.
   */
  evaluateEnvironment(
    name: string,
    configOf: (stack: TerraformStack) => Record<string, any> = (stack) => stack.toTerraform(),
  ): EnvironmentResult {
    const cached = this.results.get(name);
    if (cached) return cached;
    const environment = this.environments.get(name);
    if (!environment) throw new Error(`SecurityPolicy: unknown environment "${name}"`);
    const model = new EnvironmentModel({
      name,
      production: environment.production,
      stacks: environment.stacks.map((stack) => ({ name: stack.node.id, json: configOf(stack) })),
    });
    const findings = evaluate(model, this.rules, suppressionSource(constructsByPath(environment.stacks))).map((finding) => {
      const field = environment.fieldOf?.(finding);
      return field === undefined ? finding : { ...finding, field };
    });
    const result = { name, file: environment.file ?? name, model, findings };
    this.results.set(name, result);
    return result;
  }

  /** Every environment's result. */
  allResults(configOf?: (stack: TerraformStack) => Record<string, any>): EnvironmentResult[] {
    return [...this.environments.keys()].map((name) => this.evaluateEnvironment(name, configOf));
  }

  /** The environment a stack belongs to, if it is registered. */
  environmentOf(stack: IConstruct): PolicyEnvironment | undefined {
    const name = this.environmentOfStack.get(stack);
    return name === undefined ? undefined : this.environments.get(name);
  }

  get environmentNames(): string[] {
    return [...this.environments.keys()];
  }

  /** Every registered environment, in registration order. */
  registeredEnvironments(): PolicyEnvironment[] {
    return [...this.environments.values()];
  }
}

function constructsByPath(stacks: readonly TerraformStack[]): Map<string, IConstruct> {
  const byPath = new Map<string, IConstruct>();
  for (const stack of stacks) for (const construct of stack.node.findAll()) byPath.set(construct.node.path, construct);
  return byPath;
}

function suppressionSource(constructs: Map<string, IConstruct>): SuppressionSource {
  // Stable entries: the engine tells used from unused suppressions by identity.
  const entries = new Map<StoredSuppression, { id: string; reason: string; suppressedAt: string; appliesTo?: readonly string[] }>();
  const entry = (stored: StoredSuppression) => {
    const existing = entries.get(stored);
    if (existing) return existing;
    const value = { id: stored.id, reason: stored.reason, suppressedAt: stored.construct.node.path, appliesTo: stored.appliesTo };
    entries.set(stored, value);
    return value;
  };
  for (const construct of constructs.values()) PolicySuppressions.of(construct).forEach(entry);
  return {
    covering(path, ruleId, findingId) {
      const construct = constructs.get(path);
      const stored = construct && PolicySuppressions.covering(construct, ruleId, findingId);
      return stored ? entry(stored) : undefined;
    },
    all: () => [...entries.values()],
  };
}

function annotate(construct: IConstruct | undefined, finding: Finding): void {
  if (!construct) return;
  const text = formatFinding(finding);
  if (finding.suppression) Annotations.of(construct).addInfo(`${text} (suppressed: ${finding.suppression.reason})`);
  else if (finding.level === "error") Annotations.of(construct).addError(text);
  else Annotations.of(construct).addWarning(text);
}
