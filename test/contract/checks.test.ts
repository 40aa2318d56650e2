/**
 * The contract's column checks on raw text are strict: DuckDB's own casts
 * accept '17.5' as an integer (18), '1e3', '0x10' and '2017-08-1x' as a date;
 * castSql, and so tableChecks, do not.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {tableSpec} from "../../loaders/contract/contract.ts";
import {castSql, quoteLiteral, tableChecks} from "../../loaders/contract/checks.ts";
import {query} from "../../loaders/warehouse.ts";

let instance: DuckDBInstance;
let con: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
});
afterAll(() => {
  con.closeSync();
  instance.closeSync();
});

const column = (table: Parameters<typeof tableSpec>[0], name: string) =>
  tableSpec(table).columns.find((c) => c.name === name)!;

/** castSql of each text value, as text (null when it does not parse). */
async function cast(
  table: Parameters<typeof tableSpec>[0],
  name: string,
  values: string[]
): Promise<(string | null)[]> {
  const sql = values
    .map((v) => `SELECT ${castSql(column(table, name), quoteLiteral(v))}::VARCHAR AS x`)
    .join(" UNION ALL ");
  return (await query<{x: string | null}>(con, sql)).map((r) => r.x);
}

describe("castSql is strict", () => {
  it("whole numbers: digits only", async () => {
    expect(
      await cast("enrolments", "age_at_start", ["17", "+17", "-3", "17.5", "17.0", "1e3", "0x10", " 17", "", "inf"])
    ).toEqual(["17", "17", "-3", null, null, null, null, null, null, null]);
  });
  it("decimals: point decimals with an optional exponent, no words", async () => {
    expect(
      await cast("mentorships", "hours_to_first_contact", ["29.4", ".5", "3.", "1e3", "29,4", "inf", "nan", "0x10"])
    ).toEqual(["29.4", "0.5", "3.0", "1000.0", null, null, null, null]);
  });
  it("dates: yyyy-mm-dd (one-digit month and day allowed), valid days only", async () => {
    expect(
      await cast("enrolments", "intake_date", [
        "2020-08-10",
        "2020-8-1",
        "2017-08-1x",
        "2020-02-30",
        "2020-08-10 10:00",
        "10-08-2020"
      ])
    ).toEqual(["2020-08-10", "2020-08-01", null, null, null, null]);
  });
  it("the type check of tableChecks rejects what DuckDB's cast would accept", async () => {
    const check = tableChecks(tableSpec("enrolments")).find((c) => c.column === "age_at_start" && c.rule === "type")!;
    const [r] = await query<{fails: boolean; lenient: number}>(
      con,
      `SELECT ${check.failsSql} AS fails, TRY_CAST(age_at_start AS BIGINT) AS lenient FROM (SELECT '17.5' AS age_at_start)`
    );
    expect(r).toEqual({fails: true, lenient: 18});
  });
});
