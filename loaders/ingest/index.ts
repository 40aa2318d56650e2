/**
 * The ingest: source files → validated, pseudonymised DuckDB warehouse.
 *
 *   sources.ts   which files, which table          read.ts      file → raw VARCHAR rows with line numbers
 *   scan.ts      bytes, encoding, CSV structure    staging.ts   mapping, privacy scan, typed values
 *   validate.ts  checks + warehouse rows in SQL    load.ts      copy to the warehouse + bookkeeping
 *   lock.ts      one run per warehouse             pseudonymise.ts  HMAC key and SQL
 *   run.ts       the validation run ingest and check share (check.ts: the same, writing nothing)
 *
 * A run replaces the warehouse with exactly the sources given. It works in
 * an in-memory DuckDB, writes the result to a temp file beside the
 * warehouse and renames it over the old one only on success (then
 * rejects.csv, whose checksum the warehouse records: rejectsCsvBelongs), so
 * a failed or killed run leaves the previous warehouse as it was. Fatal
 * problems throw IngestError.
 */
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {createHash, randomBytes} from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync
} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {CONTRACT_VERSION, TABLE_NAMES} from "../contract/contract.ts";
import {quoteLiteral} from "../contract/checks.ts";
import {openWarehouse, query} from "../warehouse.ts";
import {IngestError} from "./errors.ts";
import {createBookkeeping, createRejects, loadTable, rejectsSelect, writeRejectsCsv} from "./load.ts";
import {acquireLock, pidAlive} from "./lock.ts";
import {keyId, loadHashKey} from "./pseudonymise.ts";
import {formatSummary} from "./report.ts";
import {mappingSha256Of, prepare, startWork, validateSources} from "./run.ts";
import type {IngestOptions, IngestSummary} from "./types.ts";

export {IngestError} from "./errors.ts";
export type {IngestOptions, IngestSummary, FileSummary} from "./types.ts";
export {dataVersionOf} from "./run.ts";
export {check} from "./check.ts";

/** Remove temp files and work folders left by killed runs (their pid is gone). */
function cleanStale(dir: string, base: string) {
  for (const name of readdirSync(dir)) {
    const m = name.startsWith(`.${base}.tmp-`)
      ? /\.tmp-(\d+)-/.exec(name)
      : name.startsWith(".ingest-")
        ? /^\.ingest-(\d+)-/.exec(name)
        : null;
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1])))
      rmSync(join(dir, name), {recursive: true, force: true});
  }
}

function fsyncPath(path: string) {
  try {
    const fd = openSync(path, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort (directories cannot always be fsynced)
  }
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const db = resolve(options.db);
  const dir = dirname(db);
  const rejectsPath = resolve(options.rejectsPath ?? join(dir, "rejects.csv"));
  const progress =
    options.onProgress ?? (options.quiet ? () => {} : (line: string) => process.stderr.write(`ingest: ${line}\n`));
  const {files, dataset, settings} = prepare(options);
  const key = loadHashKey();
  mkdirSync(dir, {recursive: true});
  const lock = await acquireLock(db, {
    wait: options.wait,
    onWait: (pid) => progress(`waiting for the running ingest (pid ${pid ?? "?"}) to finish`)
  });
  let instance: DuckDBInstance | null = null;
  let con: DuckDBConnection | null = null;
  const tmpDb = join(dir, `.${basename(db)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const tmpRejects = `${tmpDb}.rejects.csv`;
  let workDir: string | null = null;
  try {
    cleanStale(dir, basename(db));
    workDir = mkdtempSync(join(dir, `.ingest-${process.pid}-`));
    instance = await DuckDBInstance.create(":memory:", {
      temp_directory: join(workDir, "duckdb"),
      preserve_insertion_order: "true"
    });
    con = await instance.connect();
    const ctx = await startWork(con, workDir, settings, progress, options.progressRows);
    const {ok, ...result} = await validateSources(ctx, files, key.key, options.mapping);
    const summary: IngestSummary = {ok, db, rejects_csv: rejectsPath, ...result};
    const rejectedRows = summary.rejects.rows;

    // 5. --strict: any reject fails the run before anything is written
    if (options.strict && rejectedRows > 0) {
      const failedCsv = rejectsPath.replace(/\.csv$/i, "") + ".failed.csv";
      await writeRejectsCsv(ctx, failedCsv, rejectsSelect(files));
      summary.ok = false;
      summary.rejects_csv = failedCsv;
      summary.seconds = (performance.now() - started) / 1000;
      if (!options.quiet) process.stderr.write(formatSummary(summary).replace(/^/gm, "ingest: ") + "\n");
      const error = new IngestError(
        "strict",
        null,
        `${rejectedRows} ${rejectedRows === 1 ? "række er afvist" : "rækker er afvist"}, og --strict er sat: lageret er ikke ændret. Afviste rækker: ${failedCsv}`,
        `${rejectedRows} ${rejectedRows === 1 ? "row was" : "rows were"} rejected and --strict is set: the warehouse was not changed. Rejected rows: ${failedCsv}`
      );
      error.summary = summary;
      throw error;
    }

    // 6. write the warehouse into a temp file, then swap it in
    if (summary.files.reduce((n, f) => n + f.rows_read, 0) >= ctx.progressRows) progress("writing the warehouse");
    await con.run(`ATTACH ${sqlText(tmpDb)} AS wh`);
    for (const t of TABLE_NAMES) await loadTable(ctx, t);
    // rejects.csv is written first so that warehouse_meta records its checksum (see rejectsCsvBelongs)
    await createRejects(ctx, files);
    await writeRejectsCsv(ctx, tmpRejects);
    const rejectsSha256 = createHash("sha256").update(readFileSync(tmpRejects)).digest("hex");
    await createBookkeeping(ctx, summary.files, {
      contractVersion: CONTRACT_VERSION,
      dataVersion: summary.data_version,
      ingestedAt: summary.ingested_at,
      keyId: keyId(key.key),
      mappingSha256: options.mapping ? mappingSha256Of(options.mapping) : null,
      rejectsSha256,
      dataset
    });
    // the log of researcher exports (loaders/export) outlives a re-ingest: the differencing check of a
    // later export compares with it, so replacing the warehouse must not reset it
    await carryExportLog(con, db);
    const counts = await query<{t: string; n: number}>(
      con,
      TABLE_NAMES.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM wh.${t}`).join(" UNION ALL ")
    );
    summary.tables = TABLE_NAMES.map((t) => ({table: t, rows: counts.find((c) => c.t === t)!.n}));
    await con.run("CHECKPOINT wh");
    await con.run("DETACH wh");
    con.closeSync();
    instance.closeSync();
    con = null;
    instance = null;
    if (existsSync(`${tmpDb}.wal`)) {
      throw new IngestError(
        "internal",
        null,
        "Intern fejl: lageret blev ikke skrevet helt færdigt.",
        "Internal error: the warehouse was not completely written."
      );
    }
    fsyncPath(tmpDb);
    fsyncPath(tmpRejects);
    rmSync(`${db}.wal`, {force: true});
    renameSync(tmpDb, db);
    renameSync(tmpRejects, rejectsPath);
    fsyncPath(dir);
    summary.seconds = (performance.now() - started) / 1000;
    if (!options.quiet) process.stderr.write(formatSummary(summary).replace(/^/gm, "ingest: ") + "\n");
    return summary;
  } finally {
    try {
      con?.closeSync();
      instance?.closeSync();
    } catch {
      // closing after a failure
    }
    for (const p of [tmpDb, `${tmpDb}.wal`, tmpRejects]) {
      try {
        if (existsSync(p) && statSync(p).isFile()) unlinkSync(p);
      } catch {
        // best effort
      }
    }
    if (workDir) rmSync(workDir, {recursive: true, force: true});
    lock.release();
  }
}

/**
 * Whether a rejects.csv belongs to a warehouse: its SHA-256 is the warehouse's
 * warehouse_meta.rejects_sha256. The warehouse and rejects.csv are swapped by
 * two renames (warehouse first); a run killed between them leaves the new
 * warehouse beside the previous rejects.csv, which this tells apart (the
 * warehouse's own `rejects` table is always right; the next run replaces both).
 */
export async function rejectsCsvBelongs(db: string, csv = join(dirname(resolve(db)), "rejects.csv")): Promise<boolean> {
  if (!existsSync(csv)) return false;
  const wh = await openWarehouse(resolve(db));
  try {
    const [meta] = await query<{sha: string | null}>(wh.connection, "SELECT rejects_sha256 AS sha FROM warehouse_meta");
    return meta?.sha === createHash("sha256").update(readFileSync(csv)).digest("hex");
  } finally {
    wh.close();
  }
}

const sqlText = quoteLiteral;

/** Copy `export_log` from the warehouse being replaced (if it has one) into the new one (attached as wh). */
async function carryExportLog(con: DuckDBConnection, db: string): Promise<void> {
  if (!existsSync(db)) return;
  try {
    await con.run(`ATTACH ${sqlText(db)} AS old_wh (READ_ONLY)`);
  } catch {
    return; // not a readable warehouse: nothing to carry over
  }
  try {
    const [{n}] = await query<{n: number}>(
      con,
      "SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'old_wh' AND table_name = 'export_log'"
    );
    if (n > 0) await con.run("CREATE TABLE wh.export_log AS SELECT * FROM old_wh.export_log");
  } finally {
    await con.run("DETACH old_wh");
  }
}
