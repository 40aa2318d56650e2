/** Helpers for the ingest tests: run an ingest into a temp warehouse and read it back. */
import {join} from "node:path";
import {TABLE_NAMES} from "../../loaders/contract/contract.ts";
import {ingest, IngestError} from "../../loaders/ingest/index.ts";
import type {IngestOptions, IngestSummary} from "../../loaders/ingest/types.ts";
import {openWarehouse, query} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";

export const FIXTURES = "test/fixtures/ingest";
export const BASE = `${FIXTURES}/base`;
export const CASES = `${FIXTURES}/cases`;

/** A fixed key so that hashes are reproducible in tests (never used for real data). */
process.env.MENTOR_HASH_KEY = "test-only-key-not-for-real-data";

export interface Reject {
  file: string;
  line: number;
  table_name: string;
  column_name: string | null;
  value: string | null;
  rule: string;
  reason_da: string;
  reason_en: string;
  /** The row this one refers to (a rejected parent) or repeats (a duplicate key). */
  ref_file: string | null;
  ref_line: number | null;
}

export async function run(
  sources: string[],
  opts: Partial<IngestOptions> = {}
): Promise<{summary: IngestSummary; db: string; rejects: Reject[]}> {
  const db = opts.db ?? join(tempDir("ingest"), "warehouse.duckdb");
  const summary = await ingest({sources, db, quiet: true, ...opts});
  const rejects = await read<Reject>(db, "SELECT * FROM rejects");
  return {summary, db, rejects};
}

export async function fatal(sources: string[], opts: Partial<IngestOptions> = {}): Promise<IngestError> {
  const db = opts.db ?? join(tempDir("ingest"), "warehouse.duckdb");
  try {
    await ingest({sources, db, quiet: true, ...opts});
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error("expected a fatal IngestError");
}

export async function read<T = Record<string, unknown>>(db: string, sql: string): Promise<T[]> {
  const wh = await openWarehouse(db);
  try {
    return await query<T>(wh.connection, sql);
  } finally {
    wh.close();
  }
}

const DATA_TABLES = [...TABLE_NAMES, "rejects"];

/** Row counts and an order-independent hash of every data table. */
export async function fingerprint(
  db: string,
  tables: readonly string[] = DATA_TABLES
): Promise<Record<string, {rows: number; hash: string}>> {
  const wh = await openWarehouse(db);
  try {
    const out: Record<string, {rows: number; hash: string}> = {};
    for (const t of tables) {
      const [r] = await query<{rows: number; hash: string}>(
        wh.connection,
        `SELECT count(*) AS rows, md5(coalesce(string_agg(CAST(x AS VARCHAR), chr(10) ORDER BY CAST(x AS VARCHAR)), '')) AS hash FROM ${t} x`
      );
      out[t] = r;
    }
    return out;
  } finally {
    wh.close();
  }
}
