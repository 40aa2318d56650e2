/** DuckDB helpers for the SQL-path tests (in-memory database). */
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";

export async function openDuckDB(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:");
  return instance.connect();
}

export async function query<T = Record<string, unknown>>(con: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJson() as unknown as T[];
}

/** SQL string literal. */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
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
