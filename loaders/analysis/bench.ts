/**
 * Benchmark helper for `npm run bench`: runs the full analysis — everything
 * the src/data loaders publish, privacy gate included (`buildSite`) — on an
 * open warehouse connection and returns the elapsed milliseconds. Call it on
 * a fresh connection: the per-connection base tables are part of the work.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {buildSite} from "./site.ts";

export async function benchAnalysis(con: DuckDBConnection): Promise<number> {
  const started = performance.now();
  await buildSite(con);
  return performance.now() - started;
}
