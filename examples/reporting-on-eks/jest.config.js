/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true }] },
  // cdktf's matchers: toHaveResourceWithProperties and friends.
  setupFilesAfterEnv: ["<rootDir>/jest.setup.ts"],
};
