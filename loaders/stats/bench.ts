/**
 * Benchmark of the DuckDB scale path for survival analysis against R.
 *
 * `benchSurvival(con, {n})`:
 * 1. generates n synthetic rows (time DOUBLE, event BOOLEAN, grp VARCHAR) in
 *    DuckDB from `range(n)` with hash-based pseudo-random values
 *    (4 groups with different exponential hazards, uniform censoring, integer
 *    times so that ties occur, ~1000 distinct times);
 * 2. times (wall clock, ms) the SQL path: `survivalTableSql` grouped by grp +
 *    `kaplanMeierByGroup`, and `logRankTableSql` + `logRankFromTable`;
 * 3. when `Rscript` with package `survival` is available, writes the same
 *    rows to a temporary CSV and times `survfit(Surv(time, event) ~ grp)` +
 *    `survdiff(Surv(time, event) ~ grp)` inside R with `system.time`
 *    (elapsed; CSV reading and R start-up excluded).
 *
 * Returns {n, sqlMs, rMs, ratio} with ratio = sqlMs / rMs (< 1: the DuckDB
 * path is faster than R), or rMs = ratio = null without R.
 * This is the only module in loaders/stats that performs I/O.
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {kaplanMeierByGroup, type SurvivalTableRowInput} from "./kaplan-meier.ts";
import {logRankFromTable, type LogRankTableRowInput} from "./log-rank.ts";
import {logRankTableSql} from "./sql/log-rank-table.ts";
import {survivalTableSql} from "./sql/survival-table.ts";

export interface BenchSurvivalResult {
  n: number;
  /** Wall-clock milliseconds for the DuckDB SQL + TypeScript path. */
  sqlMs: number;
  /** Milliseconds measured inside R (system.time elapsed), or null without R. */
  rMs: number | null;
  /** sqlMs / rMs, or null without R. */
  ratio: number | null;
}

const TABLE = "bench_survival";

/** SQL that creates the synthetic table (exported for inspection/tests). */
export function benchDataSql(n: number): string {
  // hash() returns UBIGINT; take residues to get uniform integers.
  return `CREATE OR REPLACE TEMP TABLE ${TABLE} AS
WITH u AS (
  SELECT
    i,
    (CAST(hash(3 * i) % 1000000 AS DOUBLE) + 0.5) / 1000000 AS u1,
    (CAST(hash(3 * i + 1) % 1000000 AS DOUBLE) + 0.5) / 1000000 AS u2,
    CAST(hash(3 * i + 2) % 4 AS INTEGER) AS g
  FROM range(${n}) AS r(i)
),
t AS (
  SELECT g, ceil(-ln(u1) * (100 + 50 * g)) AS event_time, ceil(u2 * 1000) AS censor_time FROM u
)
SELECT
  CAST(least(event_time, censor_time) AS DOUBLE) AS time,
  event_time <= censor_time AS event,
  'g' || CAST(g AS VARCHAR) AS grp
FROM t`;
}

function rAvailable(): boolean {
  try {
    const probe = spawnSync(
      "Rscript",
      ["-e", 'quit(status = if (requireNamespace("survival", quietly = TRUE)) 0 else 1)'],
      {
        encoding: "utf8",
        timeout: 60_000
      }
    );
    return probe.status === 0;
  } catch {
    return false;
  }
}

export async function benchSurvival(con: DuckDBConnection, {n}: {n: number}): Promise<BenchSurvivalResult> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${String(n)}`);
  await con.run(benchDataSql(n));

  const start = performance.now();
  const survivalRows = (await con.runAndReadAll(survivalTableSql(TABLE, {groupBy: ["grp"]}))).getRowObjectsJson();
  kaplanMeierByGroup(survivalRows as unknown as (SurvivalTableRowInput & Record<string, unknown>)[], ["grp"]);
  const logRankRows = (await con.runAndReadAll(logRankTableSql(TABLE))).getRowObjectsJson();
  logRankFromTable(logRankRows as unknown as LogRankTableRowInput<string>[]);
  const sqlMs = performance.now() - start;

  let rMs: number | null = null;
  if (rAvailable()) {
    const dir = mkdtempSync(join(tmpdir(), "bench-survival-"));
    try {
      const csv = join(dir, "data.csv");
      await con.run(
        `COPY (SELECT time, CAST(event AS INTEGER) AS event, grp FROM ${TABLE}) TO '${csv.replaceAll("'", "''")}' (HEADER, DELIMITER ',')`
      );
      const script = join(dir, "bench.R");
      writeFileSync(
        script,
        `suppressPackageStartupMessages(library(survival))
d <- read.csv(${JSON.stringify(csv)})
elapsed <- system.time({
  fit <- survfit(Surv(time, event) ~ grp, data = d)
  s <- summary(fit, censored = TRUE)
  test <- survdiff(Surv(time, event) ~ grp, data = d)
})[["elapsed"]]
cat(sprintf("@@ELAPSED@@%.6f\\n", elapsed))
`
      );
      const result = spawnSync("Rscript", [script], {encoding: "utf8", timeout: 600_000, maxBuffer: 16 * 1024 * 1024});
      const match = /@@ELAPSED@@([0-9.eE+-]+)/.exec(result.stdout ?? "");
      if (result.status === 0 && match) rMs = Number(match[1]) * 1000;
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }
  await con.run(`DROP TABLE IF EXISTS ${TABLE}`);
  return {n, sqlMs, rMs, ratio: rMs === null || rMs === 0 ? null : sqlMs / rMs};
}
