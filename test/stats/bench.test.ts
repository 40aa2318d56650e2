import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {benchDataSql, benchSurvival} from "../../loaders/stats/bench.ts";
import {hasR} from "../r/r.ts";
import {openDuckDB, query} from "./duckdb.ts";

let con: DuckDBConnection;
beforeAll(async () => {
  con = await openDuckDB();
});
afterAll(() => {
  con.closeSync();
});

describe("benchSurvival", () => {
  it("generates plausible synthetic data", async () => {
    await con.run(benchDataSql(2000));
    const [summary] = await query<{n: number; groups: number; events: number; times: number}>(
      con,
      `SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(DISTINCT grp) AS INTEGER) AS groups,
              CAST(sum(CAST(event AS INTEGER)) AS INTEGER) AS events, CAST(count(DISTINCT time) AS INTEGER) AS times
       FROM bench_survival`
    );
    expect(summary.n).toBe(2000);
    expect(summary.groups).toBe(4);
    expect(summary.events).toBeGreaterThan(500);
    expect(summary.events).toBeLessThan(2000);
    expect(summary.times).toBeGreaterThan(100);
  });
  it("times R only when Rscript is present (the figures themselves are for npm run bench)", async () => {
    const result = await benchSurvival(con, {n: 5000});
    expect(result.n).toBe(5000);
    if (hasR) expect(result.rMs).not.toBeNull();
    else {
      expect(result.rMs).toBeNull();
      expect(result.ratio).toBeNull();
    }
  });
  it("validates n", async () => {
    await expect(benchSurvival(con, {n: 0})).rejects.toThrow(RangeError);
  });
});
