import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {survivalTableSql} from "../../../loaders/stats/sql/survival-table.ts";
import {
  kaplanMeier,
  kaplanMeierByGroup,
  kaplanMeierFromTable,
  type SurvivalTableRowInput
} from "../../../loaders/stats/kaplan-meier.ts";
import {survivalTable} from "../../../loaders/stats/survival-table.ts";
import {AML, randomSurvivalData} from "../helpers.ts";
import {createSurvivalTable, openDuckDB, query} from "../duckdb.ts";

type Row = SurvivalTableRowInput & Record<string, unknown>;
let con: DuckDBConnection;
const data = randomSurvivalData(7, 400, ["A", "B", "C"]);

beforeAll(async () => {
  con = await openDuckDB();
  await createSurvivalTable(con, "spells", data);
  await createSurvivalTable(con, "aml_m", AML.maintained);
});
afterAll(() => {
  con.closeSync();
});

describe("survivalTableSql (DuckDB) vs the pure path", () => {
  it("returns numbers (not BIGINT strings) and the same table as survivalTable", async () => {
    const rows = await query<Row>(con, survivalTableSql("aml_m"));
    expect(rows).toEqual(survivalTable(AML.maintained.time, AML.maintained.event));
    expect(typeof rows[0].at_risk).toBe("number");
  });
  it("grouped: identical Kaplan–Meier numbers for every group and conf type", async () => {
    const rows = await query<Row>(con, survivalTableSql("spells", {groupBy: ["grp"]}));
    for (const conf of ["log", "log-log", "plain"] as const) {
      const sqlPath = kaplanMeierByGroup(rows, ["grp"], {conf, level: 0.9});
      expect(sqlPath.map((p) => p.group.grp)).toEqual(["A", "B", "C"]);
      for (const part of sqlPath) {
        const idx = data.group.flatMap((g, i) => (g === part.group.grp ? [i] : []));
        const pure = kaplanMeier(
          idx.map((i) => data.time[i]),
          idx.map((i) => data.event[i]),
          {conf, level: 0.9}
        );
        expect(part.rows).toEqual(pure);
      }
    }
  });
  it("accepts a subquery, custom column names, integer events and fractional times", async () => {
    const times = [0.1 + 0.2, 0.3, 1 / 3, 2.5, 2.5, 1e-9];
    const events = [1, 0, 1, 1, 0, 1] as (0 | 1)[];
    await createSurvivalTable(con, "frac", {time: times, event: events});
    const sql = survivalTableSql("SELECT time AS t, CAST(event AS INTEGER) AS e FROM frac", {time: "t", event: "e"});
    const rows = await query<Row>(con, sql);
    expect(kaplanMeierFromTable(rows)).toEqual(kaplanMeier(times, events));
    expect(rows.map((r) => r.time)).toEqual([1e-9, 0.3, 0.30000000000000004, 1 / 3, 2.5]);
  });
  it("raises on invalid events or times, like the pure path", async () => {
    await expect(query(con, survivalTableSql("SELECT 1.0 AS time, 2 AS event"))).rejects.toThrow(
      /event must be boolean or 0\/1/
    );
    await expect(query(con, survivalTableSql("SELECT NULL::DOUBLE AS time, 1 AS event"))).rejects.toThrow(
      /time must be a finite number/
    );
    await expect(query(con, survivalTableSql("SELECT 'nan'::DOUBLE AS time, 1 AS event"))).rejects.toThrow(
      /time must be a finite number/
    );
  });
  it("empty relation gives an empty table", async () => {
    const rows = await query<Row>(con, survivalTableSql("SELECT * FROM spells WHERE false"));
    expect(rows).toEqual([]);
    expect(kaplanMeierFromTable(rows)).toEqual([]);
  });
});
