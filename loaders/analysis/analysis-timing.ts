/**
 * Timing of the whole analysis for `npm run bench` (a speed benchmark — not the institution benchmark of
 * benchmark.ts): runs the full analysis — everything
 * the src/data loaders publish, privacy gate included (`buildSite`) — on an
 * open warehouse connection and returns the elapsed milliseconds and the
 * privacy seal's figures (model size, LPs, seconds). Call it on
 * a fresh connection: the per-connection base tables are part of the work.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {buildSite} from "./site-build.ts";
import type {MethodsJson} from "./types.ts";

export async function benchAnalysis(
  con: DuckDBConnection
): Promise<{ms: number; audit: MethodsJson["disclosure"]["audit"]}> {
  const started = performance.now();
  const site = await buildSite(con);
  return {ms: performance.now() - started, audit: site.methods.disclosure.audit};
}
