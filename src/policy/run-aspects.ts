import { Aspects, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * Runs the aspects of a stack's tree the way cdktf's synthesizer does before it renders the stack
 * (cdktf/lib/synthesize/synthesizer.js `invokeAspects`, not exported): pre-order, each node's inherited aspects
 * then its own, each aspect once per node in this pass, aspects added while the pass runs left for the next one,
 * and nothing inherited from above `root` (cdktf never runs an app's aspects). Only the public Aspects API is
 * used. `except` is left out: the policy itself, which calls this while it evaluates.
 *
 * Like every synth of a stack, this runs its aspects once more: cdktf keeps no record between passes, so an
 * aspect must already be idempotent to survive two Testing.synth calls of one stack.
 */
export function runAspects(root: IConstruct, except?: IAspect): void {
  const visit = (construct: IConstruct, inherited: readonly IAspect[]) => {
    const here = [...inherited, ...Aspects.of(construct).all];
    const invoked = new Set<IAspect>();
    for (const aspect of here) {
      if (aspect === except || invoked.has(aspect)) continue;
      aspect.visit(construct);
      invoked.add(aspect);
    }
    for (const child of construct.node.children) visit(child, here);
  };
  visit(root, []);
}

/** The node cdktf's synthesizer reaches last in a pass over `root` (pre-order: the last child, recursively). */
export function lastInPreOrder(root: IConstruct): IConstruct {
  let node = root;
  while (node.node.children.length > 0) node = node.node.children[node.node.children.length - 1];
  return node;
}
