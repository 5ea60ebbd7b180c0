import * as fs from "fs";
import * as path from "path";

/**
 * Test oracles that are not part of the project: ../shared/data next to the repository, or SHARED_DATA_DIR.
 */
export const SHARED_DATA = process.env.SHARED_DATA_DIR
  ? path.resolve(process.env.SHARED_DATA_DIR)
  : path.resolve(__dirname, "..", "..", "..", "shared", "data");

/**
 * Path of an oracle file, or undefined (with a clear message) when ../shared is absent.
 * CI sets REQUIRE_SHARED_ORACLES=1: then a missing oracle is an error, never a silent skip.
 */
export function oracle(relativePath: string): string | undefined {
  const file = path.join(SHARED_DATA, relativePath);
  if (fs.existsSync(file)) return file;
  if (process.env.REQUIRE_SHARED_ORACLES === "1") {
    throw new Error(
      `REQUIRE_SHARED_ORACLES=1 but the oracle ${file} is missing. Fix: check out ../shared next to the repository, or set SHARED_DATA_DIR to its data directory`,
    );
  }
  console.warn(`skipping: oracle ${file} not found (no ../shared next to this checkout, SHARED_DATA_DIR unset)`);
  return undefined;
}

/** `test` when the oracle exists, `test.skip` otherwise (see oracle()). */
export function withOracle(relativePath: string): { file?: string; it: jest.It } {
  const file = oracle(relativePath);
  return { file, it: file ? test : test.skip };
}
