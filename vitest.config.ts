import {defineConfig} from "vitest/config";
import Scheduled from "./test/sequencer.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Two cores here and in CI: keep DuckDB-heavy files from fighting for them.
    maxWorkers: 2,
    // the slow files first, in an order that keeps both workers busy while the site builds (test/sequencer.ts)
    sequence: {sequencer: Scheduled}
  }
});
