/** `npm run check` (loaders/cli/check.ts, loaders/ingest/check.ts): the same report as ingest, nothing written, non-zero exit on fatal problems. */
import {spawnSync} from "node:child_process";
import {readdirSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {tempDir} from "../helpers/tmp.ts";

const cli = (args: string[], cwd?: string) =>
  spawnSync(`${process.cwd()}/node_modules/.bin/tsx`, [`${process.cwd()}/loaders/cli/check.ts`, ...args], {
    encoding: "utf8",
    cwd,
    env: {...process.env, MENTOR_HASH_KEY: "", MENTOR_HASH_KEY_FILE: "", MENTOR_WAREHOUSE: ""}
  });

describe("npm run check", () => {
  it("prints ingest's summary with grouped rejects, exits 0, and writes nothing in the working folder", () => {
    const cwd = tempDir("check-cli");
    const root = process.cwd();
    const r = cli(
      ["--json", `${root}/test/fixtures/ingest/base`, `${root}/test/fixtures/ingest/cases/27-cross-column`],
      cwd
    );
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(Object.keys(summary)).toEqual([
      "ok",
      "contract_version",
      "data_version",
      "ingested_at",
      "seconds",
      "files",
      "tables",
      "rejects",
      "check"
    ]);
    expect(summary.rejects.rows).toBe(5);
    expect(summary.rejects.by_reason[0].examples[0].line).toBeGreaterThan(1);
    expect(r.stderr).toContain("check: checked only, nothing written");
    expect(readdirSync(cwd)).toEqual([]); // no .cache, no hash key, no warehouse, no lock
  });

  it("exits 1 on a fatal problem (both languages) and with --strict on a rejected row; ingest's write options are unknown", () => {
    const bad = cli(["test/fixtures/ingest/cases/11-zero-byte"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      "Fejl: test/fixtures/ingest/cases/11-zero-byte/enrolments.csv: Filen er tom (0 bytes)."
    );
    expect(bad.stderr).toContain(
      "Error: test/fixtures/ingest/cases/11-zero-byte/enrolments.csv: The file is empty (0 bytes)."
    );
    expect(
      cli(["--quiet", "--strict", "test/fixtures/ingest/base", "test/fixtures/ingest/cases/27-cross-column"]).status
    ).toBe(1);
    expect(cli(["--quiet", "--strict", "test/fixtures/ingest/base"]).status).toBe(0);
    expect(cli(["--db", "x.duckdb", "test/fixtures/ingest/base"]).status).toBe(2);
  });
});
