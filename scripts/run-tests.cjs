/**
 * `npm test` after tsc: jest and the Terraform checks (scripts/terraform-check.ts) at the same time. On 2 cores
 * they overlap well: the Terraform checks wait on terraform (disk, one core), jest fills the rest; about 6 s less
 * than one after the other. jest prints as it goes; the Terraform checks' report is printed whole after it, so the
 * two never interleave. Fails when either fails.
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
  const terraform = run(bin("tsx"), [path.join("scripts", "terraform-check.ts")], true);
  // A larger young generation: synthesizing stacks allocates many short-lived objects, and with V8's default
  // semi-space jest's workers spent about a sixth of their time in garbage collection (measured with --cpu-prof).
  // 64 MiB saved about 4% of the run, 128 MiB another 2% (alternating runs of npm test: 0.6-1.2 s), for a peak
  // of 0.98 GB instead of 0.78 GB in the largest worker. jest-worker passes node's flags on to its workers.
  const jestCli = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
  const jest = await run(process.execPath, ["--max-semi-space-size=128", jestCli, ...process.argv.slice(2)], false);
  const checks = await terraform;
  process.stdout.write(checks.output);
  process.exitCode = jest.code !== 0 ? jest.code : checks.code;
})();
