// The site commands choose the warehouse once (loaders/cli/site.ts): a named warehouse that does not exist is
// refused before anything runs, by --db and by MENTOR_WAREHOUSE, for dev, build, summary and export alike.
import {spawnSync} from "node:child_process";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";

const tsx = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
const site = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(tsx, ["loaders/cli/site.ts", ...args], {
    cwd: PROJECT_ROOT,
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", ...env},
    encoding: "utf8",
    timeout: 60_000
  });

describe("npm run dev / build", () => {
  it("refuses a --db path without a warehouse, saying how to make one", () => {
    for (const command of ["build", "dev"]) {
      const r = site([command, "--db", "/nonexistent/warehouse.duckdb"]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain("No warehouse at /nonexistent/warehouse.duckdb (--db)");
      expect(r.stderr).toContain("npm run ingest -- --db /nonexistent/warehouse.duckdb");
    }
  });

  it("refuses MENTOR_WAREHOUSE naming a missing file the same way, and unknown arguments", () => {
    const r = site(["build"], {MENTOR_WAREHOUSE: "/nonexistent/w.duckdb"});
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("No warehouse at /nonexistent/w.duckdb (MENTOR_WAREHOUSE)");
    expect(site(["build", "extra"]).stderr).toContain("Unexpected argument(s): extra");
    expect(site(["serve"]).status).toBe(2);
  });
});

describe("npm run summary / export", () => {
  const cli = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(tsx, [`loaders/cli/${script}.ts`, ...args], {
      cwd: PROJECT_ROOT,
      env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", ...env},
      encoding: "utf8",
      timeout: 60_000
    });

  it("refuse a --db path or MENTOR_WAREHOUSE without a warehouse the same way, before any work", () => {
    for (const [script, extra] of [
      ["summary", []],
      ["export", ["--out", "/nonexistent/out"]]
    ] as const) {
      const r = cli(script, ["--db", "/nonexistent/warehouse.duckdb", ...extra]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain("No warehouse at /nonexistent/warehouse.duckdb (--db)");
      expect(r.stderr).toContain("npm run ingest -- --db /nonexistent/warehouse.duckdb");
      const e = cli(script, [...extra], {MENTOR_WAREHOUSE: "/nonexistent/w.duckdb"});
      expect(e.status).toBe(2);
      expect(e.stderr).toContain("No warehouse at /nonexistent/w.duckdb (MENTOR_WAREHOUSE)");
    }
  });
});
