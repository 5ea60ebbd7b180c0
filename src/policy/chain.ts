import { chainVerdicts, type ChainVerdicts } from "./graph/expectations";
import { SecurityGraph } from "./graph/graph";
import type { EnvironmentModel } from "./model/environment-model";

/** The security chain of one environment: the graph built from its Terraform, and the evaluators' verdicts. */
export interface EnvironmentChain {
  readonly graph: SecurityGraph;
  /** Every flow and permission the design expects, with what the evaluators say of each. */
  readonly verdicts: ChainVerdicts;
}

const chains = new WeakMap<EnvironmentModel, EnvironmentChain>();

/**
 * The chain of a model, built the first time it is asked for and kept with the model. The model only indexes
 * Terraform; the graph and the verdicts are built on it here, so the model never depends on them.
 */
export function chainOf(model: EnvironmentModel): EnvironmentChain {
  let chain = chains.get(model);
  if (!chain) {
    let graph: SecurityGraph | undefined;
    let verdicts: ChainVerdicts | undefined;
    chain = {
      get graph() {
        graph ??= new SecurityGraph(model);
        return graph;
      },
      get verdicts() {
        verdicts ??= chainVerdicts(this.graph);
        return verdicts;
      },
    };
    chains.set(model, chain);
  }
  return chain;
}
