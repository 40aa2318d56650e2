/** DuckDB helpers for the SQL-path tests (in-memory database), on the project's shared test helpers. */
import type {DuckDBConnection} from "@duckdb/node-api";
import {quoteLiteral as literal} from "../../loaders/stats/index.ts";
import {memoryDb, query} from "../helpers/duckdb.ts";

export {query};

export async function openDuckDB(): Promise<DuckDBConnection> {
  return (await memoryDb()).con;
}

/**
 * CREATE TABLE name(time DOUBLE, event BOOLEAN, grp VARCHAR) from arrays.
 * Times are passed as string literals cast to DOUBLE so that they round-trip
 * exactly (a bare decimal literal would be parsed as DECIMAL first).
 */
export async function createSurvivalTable(
  con: DuckDBConnection,
  name: string,
  data: {time: number[]; event: (0 | 1 | boolean)[]; group?: string[]}
): Promise<void> {
  const rows = data.time.map(
    (t, i) =>
      `(CAST(${literal(String(t))} AS DOUBLE), ${data.event[i] === true || data.event[i] === 1 ? "true" : "false"}, ${literal(data.group?.[i] ?? "all")})`
  );
  await con.run(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${rows.join(", ")}) AS v(time, event, grp)`);
}
