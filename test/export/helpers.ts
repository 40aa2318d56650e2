// Shared helpers of the export tests: a small synthetic warehouse, reading exported files back with DuckDB.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {expect} from "vitest";
import {ingest} from "../../loaders/ingest/index.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {query} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";

export interface TestWarehouse {
  dir: string;
  db: string;
  cleanup(): void;
}

/** Generate `enrolments` synthetic enrolments and ingest them into a warehouse in a temp folder. */
export async function makeWarehouse(enrolments: number, seed: number): Promise<TestWarehouse> {
  const dir = tempDir("export");
  const data = join(dir, "data");
  await generate({enrolments, seed, out: data});
  const db = join(dir, "warehouse.duckdb");
  await ingest({sources: [data], db, quiet: true});
  return {dir, db, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/** An in-memory DuckDB for reading exported files. */
export async function reader(): Promise<{
  con: DuckDBConnection;
  close(): void;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  return {
    con,
    close: () => {
      con.closeSync();
      instance.closeSync();
    },
    rows: <T>(sql: string) => query<T>(con, sql)
  };
}

/** SQL to read an exported table file (CSV with detected types, or Parquet). */
export function readSql(path: string): string {
  const p = path.replace(/'/g, "''");
  return path.endsWith(".parquet") ? `read_parquet('${p}')` : `read_csv('${p}', header = true)`;
}

/** Every row of a CSV as text fields (empty field = null). */
export function readCsvText(text: string): {header: string[]; rows: (string | null)[][]} {
  const records: (string | null)[][] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let record: (string | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ",") {
      record.push(field === "" && !wasQuoted ? null : field);
      field = "";
      wasQuoted = false;
    } else if (ch === "\n") {
      record.push(field === "" && !wasQuoted ? null : field);
      records.push(record);
      record = [];
      field = "";
      wasQuoted = false;
    } else field += ch;
  }
  const [header, ...rows] = records;
  return {header: header as string[], rows};
}

/**
 * SQL of the person-period cells recomputed from an export's microdata (`readSql` of microdata.*): per
 * period (`breaks`, days from intake) × `covariates` × scheme type at the period start, at_risk and events
 * (the definitions of loaders/export/README.md; only cells with someone at risk).
 */
export function personPeriodFromMicrodataSql(
  microdata: string,
  breaks: readonly number[],
  covariates: readonly string[]
): string {
  const periods = breaks
    .slice(0, -1)
    .map((s, i) => `(${i}, ${s}, ${breaks[i + 1]})`)
    .join(", ");
  const covs = covariates.map((c) => `m.${c}, `).join("");
  return `WITH p(period, s, e) AS (VALUES ${periods}),
      x AS (
        SELECT p.period, ${covs}
          CASE WHEN m.mentor_intake THEN m.scheme_type WHEN m.mentor_workplace AND m.mentor_start_day <= p.s THEN m.scheme_type ELSE 'none' END AS scheme_type,
          m.outcome = 'dropped' AND m.end_day >= p.s AND m.end_day < p.e AS ev
        FROM ${microdata} m JOIN p ON m.follow_days >= p.e AND (m.end_day IS NULL OR m.end_day >= p.s)
      )
      SELECT period, ${covariates.map((c) => `${c}, `).join("")}scheme_type, count(*) AS at_risk, count(*) FILTER (WHERE ev) AS events FROM x GROUP BY ALL`;
}

/** Run an exported SQL file statement by statement (as the README says); the last statement's rows. */
export async function runSqlFile(con: DuckDBConnection, path: string): Promise<Record<string, unknown>[]> {
  const statements = readFileSync(path, "utf8")
    .split(/;\n\n/)
    .map((s) => s.replace(/^(--.*\n|\s*\n)*/, "").trim())
    .filter(Boolean);
  let last: Record<string, unknown>[] = [];
  for (const s of statements) last = await query(con, s);
  return last;
}

/**
 * Published rows of an effect or calibration table against the analysis layer's rows (matched on `keys`): every
 * shown value equals the analysis value, every value the analysis has but the file does not is named in
 * `suppressed`, and the NNT columns are `withNumberNeeded` of the published interval. Returns the number of
 * non-zero counts of the analysis rows shown (and equal) and hidden (and flagged).
 */
export function compareGated(
  got: readonly Record<string, unknown>[],
  want: readonly Record<string, unknown>[],
  keys: readonly string[],
  columns: readonly string[],
  counts: readonly string[],
  nnt?: (row: Record<string, unknown>) => Record<string, unknown>
): {shown: number; hidden: number} {
  const key = (r: Record<string, unknown>) => keys.map((k) => String(r[k])).join("|");
  const byKey = new Map(want.map((w) => [key(w), w]));
  expect(got.length).toBe(want.length);
  let shown = 0;
  let hidden = 0;
  for (const g of got) {
    const w = byKey.get(key(g));
    expect(w, key(g)).toBeDefined();
    const flagged = g.suppressed === null || g.suppressed === undefined ? [] : String(g.suppressed).split(";");
    for (const c of columns) {
      if (c.startsWith("nnt")) continue;
      if (g[c] === null) {
        if (w![c] !== null) expect(flagged, `${key(g)} ${c}`).toContain(c);
        if (counts.includes(c) && w![c] !== 0) hidden++;
        continue;
      }
      expect(g[c], `${key(g)} ${c}`).toBe(w![c]);
      if (counts.includes(c) && g[c] !== 0) shown++;
    }
    if (nnt) {
      const n = nnt(g);
      for (const c of ["nnt", "nnt_lower", "nnt_upper", "nnt_kind"]) expect(g[c], `${key(g)} ${c}`).toBe(n[c]);
    }
  }
  return {shown, hidden};
}
