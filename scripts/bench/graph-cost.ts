/**
 * Run by scripts/bench.ts: the time the security graph costs (building it and evaluating every expected flow
 * and permission) for every environment of ENVIRONMENTS_DIR, measured in-process on the stacks' synthesized
 * JSON. Synth builds each graph once, cold: the first round is that cost; later rounds (fresh models, as the
 * model caches its graph) show it warm. Prints {"seconds": <first round>, "warmSeconds": <median of the rest>}.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { TerraformStack } from "cdktf";
import { buildApp } from "../../src/app";
import { EnvironmentModel } from "../../src/policy/model/environment-model";
import { chainOf } from "../../src/policy/chain";

process.setSourceMapsEnabled(false);
const ROUNDS = 5;

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-graph-"));
const app = buildApp({ environmentsDir: process.env.ENVIRONMENTS_DIR!, outdir, log: () => {} });
const stacks = app.node.children as TerraformStack[];
for (const stack of stacks) (stack as TerraformStack & { prepareStack(): void }).prepareStack();
const environments = app.policy.environmentNames.map((name) => ({
  name,
  stacks: (app.policy.environmentOf(stacks.find((s) => s.node.id.startsWith(`${name}-`))!)?.stacks ?? []).map((stack) => ({
    name: stack.node.id,
    json: stack.toTerraform(),
  })),
}));

const rounds: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const models = environments.map(({ name, stacks: json }) => new EnvironmentModel({ name, production: false, stacks: json }));
  const start = process.hrtime.bigint();
  for (const model of models) {
    const chain = chainOf(model);
    if (!chain.graph || !chain.verdicts.flows.every((flow) => flow.holds)) throw new Error(`${model.name}: a flow does not hold`);
  }
  rounds.push(Number(process.hrtime.bigint() - start) / 1e9);
}
fs.rmSync(outdir, { recursive: true, force: true });
const [cold, ...warm] = rounds;
warm.sort((a, b) => a - b);
console.log(JSON.stringify({ environments: environments.length, seconds: cold, warmSeconds: warm[Math.floor(warm.length / 2)] }));
