import * as fs from "fs";
import * as path from "path";

/** ../shared next to the repository: test oracles that are not part of the project. */
export const SHARED_DATA = path.resolve(__dirname, "..", "..", "..", "shared", "data");

/**
 * Path of an oracle file, or undefined (with a clear message) when ../shared is absent.
 * CI sets REQUIRE_SHARED_ORACLES=1: then a missing oracle is an error, never a silent skip.
 */
export function oracle(relativePath: string): string | undefined {
  const file = path.join(SHARED_DATA, relativePath);
  if (fs.existsSync(file)) return file;
  if (process.env.REQUIRE_SHARED_ORACLES === "1") {
    throw new Error(`REQUIRE_SHARED_ORACLES=1 but the oracle ${file} is missing`);
  }
  console.warn(`skipping: oracle ${file} not found (../shared is not next to this checkout)`);
  return undefined;
}

/** `test` when the oracle exists, `test.skip` otherwise (see oracle()). */
export function withOracle(relativePath: string): { file?: string; it: jest.It } {
  const file = oracle(relativePath);
  return { file, it: file ? test : test.skip };
}
