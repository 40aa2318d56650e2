/** Published reference figures from other programmes and countries (external_aggregates), with their sources. */
import type {DuckDBConnection} from "@duckdb/node-api";
import {query} from "../warehouse.ts";
import type {ExternalRow} from "./types.ts";

/** The external_aggregates rows as published reference figures with their source — never combined with local estimates. */
export async function externalEvidence(con: DuckDBConnection): Promise<ExternalRow[]> {
  const rows = await query<ExternalRow>(
    con,
    `
    SELECT programme_name, scheme_type, country, CAST(year AS INTEGER) AS year, measure, CAST(value AS DOUBLE) AS value, source, nullif(note, '') AS note
    FROM external_aggregates ORDER BY programme_name, country, year, measure`
  );
  return rows;
}
