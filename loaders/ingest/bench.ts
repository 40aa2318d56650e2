/**
 * Benchmark of the ingest: N synthetic enrolments (generate) in `dir`, the
 * full ingest of them, and — in the same process — DuckDB's bare
 * `CREATE TABLE … AS SELECT * FROM read_csv(…)` of the same files into a
 * DuckDB file (no validation, no hashing). Returns both wall times, their
 * ratio and the peak RSS (process.resourceUsage().maxRSS). Target: ratio
 * ≤ 1.5 at 1,000,000 enrolments.
 *
 * Also the floor under any ingest that keeps §7's pseudonymisation: the bare
 * read plus only the keyed hashes (the same hmacSql, each id once) and the
 * joins that carry the enrolment hash to its children — no validation, no
 * line numbers, no rejects, no byte scan. What the full ingest adds beyond
 * it is the price of the checks.
 */
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {existsSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {TABLE_NAMES} from "../contract/contract.ts";
import {quoteLiteral} from "../contract/checks.ts";
import {generate} from "../synth/generate.ts";
import {ingest} from "./index.ts";
import {PSEUDONYMISED} from "./privacy.ts";
import {hmacSql, loadHashKey, type IdDomain} from "./pseudonymise.ts";

export interface IngestBench {
  enrolments: number;
  /** Full ingest (read, validate, pseudonymise, write), ms. */
  ingestMs: number;
  /** Bare read_csv into a DuckDB file, ms. */
  bareMs: number;
  /** ingestMs / bareMs. */
  ratio: number;
  /** Bare read plus pseudonymisation only (no checks), ms: the floor under the full ingest. */
  hashOnlyMs: number;
  /** hashOnlyMs / bareMs. */
  hashOnlyRatio: number;
  /** Peak resident set size of this process, MiB. */
  peakRssMiB: number;
  rowsAccepted: number;
  rowsRejected: number;
}

export async function benchIngest(opts: {
  enrolments: number;
  dir: string;
  db?: string;
  seed?: number;
  quiet?: boolean;
}): Promise<IngestBench> {
  const {enrolments, dir} = opts;
  const truthPath = join(dir, "truth.json");
  const have = existsSync(truthPath)
    ? (JSON.parse(readFileSync(truthPath, "utf8")) as {generator?: {enrolments?: number}}).generator?.enrolments
    : undefined;
  if (have !== enrolments) await generate({enrolments, seed: opts.seed ?? 1, out: dir});
  const db = opts.db ?? join(dir, "warehouse.duckdb");
  const bareDb = join(dir, "bare.duckdb");

  // bare read first (warms the page cache for all three)
  const csv = (t: string) => `read_csv(${quoteLiteral(join(dir, `${t}.csv`))})`;
  const bareMs = await timedDb(bareDb, async (con) => {
    for (const t of TABLE_NAMES) await con.run(`CREATE TABLE ${t} AS SELECT * FROM ${csv(t)}`);
  });
  const {key} = loadHashKey();
  const hashOnlyMs = await timedDb(bareDb, async (con) => {
    // each enrolment id hashed once, then joined to the children (as the full ingest does)
    await con.run(`CREATE TEMP TABLE enr AS SELECT * FROM ${csv("enrolments")}`);
    await con.run(
      `CREATE TEMP TABLE enr_h AS SELECT enrolment_id AS id, ${hmacSql(key, "enrolment_id", "enrolment_id")} AS h FROM enr`
    );
    for (const t of TABLE_NAMES) {
      const ids = PSEUDONYMISED[t] ?? [];
      const from = t === "enrolments" ? "enr" : csv(t);
      if (ids.length === 0) {
        await con.run(`CREATE TABLE ${t} AS SELECT * FROM ${from}`);
        continue;
      }
      const hashed = ids.map((c) =>
        c === "enrolment_id" ? "h.h AS enrolment_id" : `${hmacSql(key, c as IdDomain, c)} AS ${c}`
      );
      await con.run(`CREATE TABLE ${t} AS SELECT ${hashed.join(", ")}, s.* EXCLUDE (${ids.join(", ")})
        FROM ${from} s JOIN enr_h h ON h.id = s.enrolment_id`);
    }
  });

  const i0 = performance.now();
  const summary = await ingest({sources: [dir], db, quiet: opts.quiet ?? true});
  const ingestMs = performance.now() - i0;
  return {
    enrolments,
    ingestMs: Math.round(ingestMs),
    bareMs: Math.round(bareMs),
    ratio: Math.round((ingestMs / bareMs) * 100) / 100,
    hashOnlyMs: Math.round(hashOnlyMs),
    hashOnlyRatio: Math.round((hashOnlyMs / bareMs) * 100) / 100,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rowsAccepted: summary.files.reduce((s, f) => s + f.rows_accepted, 0),
    rowsRejected: summary.rejects.rows
  };
}

/** Wall time of `work` on a fresh DuckDB file (opened, filled, closed, removed). */
async function timedDb(path: string, work: (con: DuckDBConnection) => Promise<void>): Promise<number> {
  rmSync(path, {force: true});
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(path);
  const con = await instance.connect();
  await work(con);
  con.closeSync();
  instance.closeSync();
  const ms = performance.now() - t0;
  rmSync(path, {force: true});
  return ms;
}
