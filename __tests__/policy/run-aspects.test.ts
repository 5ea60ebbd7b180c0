/**
 * runAspects runs a stack's aspects as cdktf's synthesizer does before rendering the stack (its invokeAspects is
 * internal, so the policy re-implements it with the public Aspects API): the same visits, in the same order.
 */
import { Aspects, type IAspect, TerraformStack, Testing } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { lastInPreOrder, runAspects } from "../../src/policy/run-aspects";

/** A tree with aspects on the app (never run by cdktf), the stack, an inner node and a leaf; each logs its visits. */
function loggedTree() {
  const log: string[] = [];
  const aspect = (label: string): IAspect => ({ visit: (node) => log.push(`${label}@${node.node.path}`) });
  const app = Testing.app();
  const stack = new TerraformStack(app, "stack");
  const a = new Construct(stack, "a");
  const b = new Construct(a, "b");
  new Construct(a, "c");
  const d = new Construct(stack, "d");
  Aspects.of(app).add(aspect("app"));
  const onStack = aspect("stack");
  Aspects.of(stack).add(onStack);
  Aspects.of(a).add(aspect("a"));
  Aspects.of(b).add(onStack); // the same aspect twice on a path visits a node once
  Aspects.of(d).add({
    visit: (node) => {
      log.push(`adder@${node.node.path}`);
      Aspects.of(d).add(aspect("late")); // added during the pass: left for the next one
    },
  });
  return { log, stack, onStack };
}

test("the same visits in the same order as cdktf's own invokeAspects", () => {
  const { invokeAspects } = require("cdktf/lib/synthesize/synthesizer");
  const theirs = loggedTree();
  invokeAspects(theirs.stack);
  const ours = loggedTree();
  runAspects(ours.stack);
  expect(ours.log).toEqual(theirs.log);
  expect(ours.log).toContain("stack@stack/a/c");
  expect(ours.log.some((entry) => entry.startsWith("app@") || entry.startsWith("late@"))).toBe(false);
});

test("the aspect it is told to leave out visits nothing", () => {
  const { log, stack, onStack } = loggedTree();
  runAspects(stack, onStack);
  expect(log.filter((entry) => entry.startsWith("stack@"))).toEqual([]);
  expect(log).toContain("a@stack/a/b");
});

test("lastInPreOrder is the construct a pass reaches last", () => {
  const { log, stack } = loggedTree();
  runAspects(stack);
  const last = lastInPreOrder(stack);
  expect(last.node.path).toBe("stack/d");
  expect(log[log.length - 1].endsWith(`@${last.node.path}`)).toBe(true);
  const empty = new TerraformStack(Testing.app(), "empty");
  expect(lastInPreOrder(empty)).toBe(empty as IConstruct);
});
