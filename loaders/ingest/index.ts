/**
 * Ingest (first cut): load the contract's CSV files from a folder into a new
 * DuckDB file and swap it in. The full ingest (formats, mapping, validation,
 * rejects, pseudonymisation, locking) replaces this.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {existsSync, mkdirSync, renameSync, rmSync} from "node:fs";
import {dirname, join} from "node:path";
import {TABLE_NAMES} from "../contract/contract.ts";

export interface IngestOptions {
  sources: string[];
  db: string;
}

export async function ingest({sources, db}: IngestOptions): Promise<void> {
  mkdirSync(dirname(db), {recursive: true});
  const tmp = `${db}.tmp-${process.pid}`;
  rmSync(tmp, {force: true});
  const instance = await DuckDBInstance.create(tmp);
  const con = await instance.connect();
  for (const table of TABLE_NAMES) {
    const file = join(sources[0], `${table}.csv`);
    if (!existsSync(file)) throw new Error(`${file}: missing`);
    await con.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true)`);
  }
  con.closeSync();
  instance.closeSync();
  renameSync(tmp, db);
}
