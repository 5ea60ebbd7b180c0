/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // The second example's own tests run here too (CI also runs them from the packed tarball, scripts/package-check.ts).
  roots: ["<rootDir>/__tests__", "<rootDir>/examples"],
  testMatch: ["**/*.test.ts"],
  // Transpile only, with esbuild: `npm test` type-checks the whole project once with tsc.
  transform: { "^.+\\.ts$": "<rootDir>/__tests__/transform.js" },
  // The package's entry points, as a project that installed it imports them (examples/ do).
  moduleNameMapper: {
    "^secure-eks-rds$": "<rootDir>/src/index.ts",
    "^secure-eks-rds/(policy|app)$": "<rootDir>/src/$1/index.ts",
  },
  // cdktf's token stack traces are skipped before cdktf loads (setup-first.ts); then its jest matchers.
  setupFiles: ["<rootDir>/__tests__/setup-first.ts"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  globalSetup: "<rootDir>/__tests__/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/global-teardown.js",
  // Synthesizing stacks is CPU-bound; on 2 cores two workers are the sweet spot.
  maxWorkers: 2,
};
