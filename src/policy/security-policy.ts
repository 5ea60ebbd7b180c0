import { Annotations, Aspects, type IAspect, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { evaluate, type SuppressionSource } from "./engine";
import { EnvironmentModel } from "./model/environment-model";
import { ALL_RULES } from "./rules";
import { PolicySuppressions, type StoredSuppression } from "./suppressions";
import { formatFinding, type Finding, type PolicyRule } from "./types";

export interface PolicyEnvironment {
  readonly name: string;
  /** environment.config.production */
  readonly production: boolean;
  /** Every stack of the environment (platform and workload): the chain spans them. */
  readonly stacks: readonly TerraformStack[];
}

/** One environment's verdict. */
export interface EnvironmentResult {
  readonly name: string;
  readonly model: EnvironmentModel;
  readonly findings: readonly Finding[];
}

/**
 * The policy layer as a cdktf Aspect.
 *
 * cdktf 0.21 invokes aspects per stack, just before writing that stack, and collects a stack's annotations
 * right then: an annotation added to a platform construct after the platform stack was written is lost. The
 * chain spans both stacks, so the first time the aspect visits any stack of an environment it evaluates the
 * whole environment (both stacks' resolved config), once, and annotates every finding on its own construct.
 * `cdktf synth` then fails on error annotations (the CLI prints them); warnings are printed; suppressed
 * findings become info annotations, so nothing is silent.
 */
export class SecurityPolicy implements IAspect {
  private readonly environments = new Map<string, PolicyEnvironment>();
  private readonly environmentOfStack = new Map<IConstruct, string>();
  private readonly results = new Map<string, EnvironmentResult>();

  constructor(readonly rules: readonly PolicyRule[] = ALL_RULES) {}

  /** Registers an environment and attaches the aspect to each of its stacks (cdktf never runs app-level aspects). */
  addEnvironment(environment: PolicyEnvironment): void {
    if (this.environments.has(environment.name)) throw new Error(`SecurityPolicy: environment "${environment.name}" is registered twice`);
    this.environments.set(environment.name, environment);
    for (const stack of environment.stacks) {
      this.environmentOfStack.set(stack, environment.name);
      Aspects.of(stack).add(this);
    }
  }

  visit(node: IConstruct): void {
    const name = this.environmentOfStack.get(node);
    if (name !== undefined) this.evaluateEnvironment(name);
  }

  /** Evaluates (once) and annotates one environment. */
  evaluateEnvironment(name: string): EnvironmentResult {
    const cached = this.results.get(name);
    if (cached) return cached;
    const environment = this.environments.get(name);
    if (!environment) throw new Error(`SecurityPolicy: unknown environment "${name}"`);
    const model = new EnvironmentModel({
      name,
      production: environment.production,
      stacks: environment.stacks.map((stack) => ({ name: stack.node.id, json: stack.toTerraform() })),
    });
    const constructs = constructsByPath(environment.stacks);
    const findings = evaluate(model, this.rules, suppressionSource(constructs));
    for (const finding of findings) annotate(constructs.get(finding.path) ?? constructs.get(finding.stack), finding);
    const result = { name, model, findings };
    this.results.set(name, result);
    return result;
  }

  /** Every environment's result, evaluating those no stack synthesis reached (e.g. synth stopped early). */
  allResults(): EnvironmentResult[] {
    return [...this.environments.keys()].map((name) => this.evaluateEnvironment(name));
  }

  get environmentNames(): string[] {
    return [...this.environments.keys()];
  }
}

function constructsByPath(stacks: readonly TerraformStack[]): Map<string, IConstruct> {
  const byPath = new Map<string, IConstruct>();
  for (const stack of stacks) for (const construct of stack.node.findAll()) byPath.set(construct.node.path, construct);
  return byPath;
}

function suppressionSource(constructs: Map<string, IConstruct>): SuppressionSource {
  // Stable entries: the engine tells used from unused suppressions by identity.
  const entries = new Map<StoredSuppression, { id: string; reason: string; suppressedAt: string }>();
  const entry = (stored: StoredSuppression) => {
    let value = entries.get(stored);
    if (!value) entries.set(stored, (value = { id: stored.id, reason: stored.reason, suppressedAt: stored.construct.node.path }));
    return value;
  };
  for (const construct of constructs.values()) PolicySuppressions.of(construct).forEach(entry);
  return {
    covering(path, ruleId) {
      const construct = constructs.get(path);
      const stored = construct && PolicySuppressions.covering(construct, ruleId);
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
