import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Two cores here and in CI: keep DuckDB-heavy files from fighting for them.
    maxWorkers: 2
  }
});
