/**
 * Benchmark of the ingest: N synthetic enrolments (generate) in `dir`, the
 * full ingest of them, and — in the same process — DuckDB's bare
 * `CREATE TABLE … AS SELECT * FROM read_csv(…)` of the same files into a
 * DuckDB file (no validation, no hashing). Returns both wall times, their
 * ratio and the peak RSS (process.resourceUsage().maxRSS). Target: ratio
 * ≤ 1.5 at 1,000,000 enrolments.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {existsSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {TABLE_NAMES} from "../contract/contract.ts";
import {quoteLiteral} from "../contract/checks.ts";
import {generate} from "../synth/generate.ts";
import {ingest} from "./index.ts";

export interface IngestBench {
  enrolments: number;
  /** Full ingest (read, validate, pseudonymise, write), ms. */
  ingestMs: number;
  /** Bare read_csv into a DuckDB file, ms. */
  bareMs: number;
  /** ingestMs / bareMs. */
  ratio: number;
  /** Peak resident set size of this process, MiB. */
  peakRssMiB: number;
  rowsAccepted: number;
  rowsRejected: number;
}

export async function benchIngest(opts: {enrolments: number; dir: string; db?: string; seed?: number; quiet?: boolean}): Promise<IngestBench> {
  const {enrolments, dir} = opts;
  const truthPath = join(dir, "truth.json");
  const have = existsSync(truthPath) ? (JSON.parse(readFileSync(truthPath, "utf8")) as {generator?: {enrolments?: number}}).generator?.enrolments : undefined;
  if (have !== enrolments) await generate({enrolments, seed: opts.seed ?? 1, out: dir});
  const db = opts.db ?? join(dir, "warehouse.duckdb");
  const bareDb = join(dir, "bare.duckdb");

  // bare read first (warms the page cache for both)
  rmSync(bareDb, {force: true});
  const b0 = performance.now();
  const instance = await DuckDBInstance.create(bareDb);
  const con = await instance.connect();
  for (const t of TABLE_NAMES) {
    await con.run(`CREATE TABLE ${t} AS SELECT * FROM read_csv(${quoteLiteral(join(dir, `${t}.csv`))})`);
  }
  con.closeSync();
  instance.closeSync();
  const bareMs = performance.now() - b0;
  rmSync(bareDb, {force: true});

  const i0 = performance.now();
  const summary = await ingest({sources: [dir], db, quiet: opts.quiet ?? true});
  const ingestMs = performance.now() - i0;
  return {
    enrolments,
    ingestMs: Math.round(ingestMs),
    bareMs: Math.round(bareMs),
    ratio: Math.round((ingestMs / bareMs) * 100) / 100,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rowsAccepted: summary.files.reduce((s, f) => s + f.rows_accepted, 0),
    rowsRejected: summary.rejects.rows
  };
}
