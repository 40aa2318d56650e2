import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {logRankTableSql} from "../../../loaders/stats/sql/log-rank-table.ts";
import {logRank, logRankFromTable, type LogRankTableRowInput} from "../../../loaders/stats/log-rank.ts";
import {logRankTable} from "../../../loaders/stats/survival-table.ts";
import {AML, randomSurvivalData} from "../helpers.ts";
import {createSurvivalTable, openDuckDB, query} from "../duckdb.ts";

type Row = LogRankTableRowInput<string>;
let con: DuckDBConnection;

beforeAll(async () => {
  con = await openDuckDB();
});
afterAll(() => {
  con.closeSync();
});

describe("logRankTableSql (DuckDB) vs the pure path", () => {
  it("AML: same table and same test (χ² = 3.396)", async () => {
    const time = [...AML.maintained.time, ...AML.nonmaintained.time];
    const event = [...AML.maintained.event, ...AML.nonmaintained.event];
    const group = [
      ...AML.maintained.time.map(() => "Maintained"),
      ...AML.nonmaintained.time.map(() => "Nonmaintained")
    ];
    await createSurvivalTable(con, "aml", {time, event, group});
    const rows = await query<Row>(con, logRankTableSql("aml"));
    expect(rows).toEqual(logRankTable(time, event, group));
    const fromSql = logRankFromTable(rows);
    expect(fromSql).toEqual(logRank(time, event, group));
    expect(fromSql.chiSquare).toBeCloseTo(3.396, 3);
  });
  for (const [seed, n, groups] of [
    [11, 300, ["A", "B", "C"]],
    [12, 500, ["x", "y", "z", "w"]]
  ] as const) {
    it(`random data (seed ${seed}, n = ${n}): identical numbers`, async () => {
      const data = randomSurvivalData(seed, n, groups);
      await createSurvivalTable(con, "spells", data);
      const rows = await query<Row>(con, logRankTableSql("spells"));
      expect(logRankFromTable(rows)).toEqual(logRank(data.time, data.event, data.group));
    });
  }
  it("a group without events and a group that leaves early", async () => {
    const data = {
      time: [1, 1, 5, 6, 7, 8, 9, 3, 4],
      event: [0, 0, 1, 0, 1, 1, 0, 0, 0] as (0 | 1)[],
      group: ["c", "c", "a", "a", "b", "b", "a", "d", "d"]
    };
    await createSurvivalTable(con, "edge", data);
    const rows = await query<Row>(
      con,
      logRankTableSql("SELECT time AS t, event AS e, grp AS g FROM edge", {time: "t", event: "e", group: "g"})
    );
    expect(logRankFromTable(rows)).toEqual(logRank(data.time, data.event, data.group));
  });
  it("raises on NULL groups", async () => {
    await expect(query(con, logRankTableSql("SELECT 1.0 AS time, true AS event, NULL AS grp"))).rejects.toThrow(
      /group must not be NULL/
    );
  });
});
