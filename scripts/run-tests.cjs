/**
 * `npm test`: the type check (tsc), jest and the Terraform checks (scripts/terraform-check.ts), all at the same
 * time. On 2 cores they overlap well: the Terraform checks wait on terraform and its provider (one core at most),
 * tsc is done within seconds, jest fills the rest. Measured: jest beside the Terraform checks, about 6 s less than
 * one after the other; tsc beside both instead of before them, another 0.8-3 s.
 * jest prints as it goes. Type errors are printed the moment tsc finishes (no need to wait for the tests to learn
 * of them), the Terraform checks' report is printed whole after jest, so nothing interleaves within a report.
 * Fails when any of the three fails.
 */
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

function run(command, args, captured) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: captured ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (captured) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    }
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

(async () => {
  const typecheck = run(bin("tsc"), ["--noEmit"], true).then((result) => {
    if (result.code !== 0) process.stdout.write(`\ntsc --noEmit found type errors (npm test will fail):\n${result.output}\n`);
    return result;
  });
  const terraform = run(bin("tsx"), [path.join("scripts", "terraform-check.ts")], true);
  // A larger young generation: synthesizing stacks allocates many short-lived objects, and with V8's default
  // semi-space jest's workers spent about a sixth of their time in garbage collection (measured with --cpu-prof).
  // 64 MiB saved about 4% of the run, 128 MiB another 2% (alternating runs of npm test: 0.6-1.2 s), for a peak
  // of 0.98 GB instead of 0.78 GB in the largest worker. jest-worker passes node's flags on to its workers.
  const jestCli = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
  const jest = await run(process.execPath, ["--max-semi-space-size=128", jestCli, ...process.argv.slice(2)], false);
  const checks = await terraform;
  process.stdout.write(checks.output);
  const types = await typecheck;
  if (types.code !== 0) process.stdout.write("\ntsc --noEmit found type errors: see above.\n");
  process.exitCode = types.code || jest.code || checks.code;
})();
