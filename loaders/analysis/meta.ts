/**
 * Provenance of the warehouse: data version, contract version, data date
 * (the reference date for follow-up and censoring) and the ingest log.
 * warehouse_meta and ingest_log may be missing (older warehouses): then the
 * data version is "unknown" and the ingest log empty.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {CONTRACT_VERSION, STARTED_OUTCOMES} from "../contract/contract.ts";
import {
  FIXED_HORIZON_DAYS,
  MATURE_CHOICES,
  fixedHorizonsSetting,
  matureDaysSetting,
  shortHorizonSetting
} from "../horizons.ts";
import {minCell} from "../privacy/settings.ts";
import {query} from "../warehouse.ts";
import {detailMin} from "./detail.ts";
import {dataNotice, estimandWords, followUpWords} from "./notice.ts";
import type {DataInfo, IngestLogRow} from "./types.ts";

/** Tables (lower-case names) present in the main schema. */
export async function tableColumns(con: DuckDBConnection, table: string): Promise<string[]> {
  const rows = await query<{column_name: string}>(
    con,
    `SELECT column_name FROM information_schema.columns WHERE table_name = '${table.replace(/'/g, "''")}' AND table_schema = 'main' ORDER BY ordinal_position`
  );
  return rows.map((r) => r.column_name);
}

const infoCache = new WeakMap<DuckDBConnection, Promise<DataInfo>>();

/**
 * What data this is: warehouse_meta's data_version / contract_version (and
 * data_date or extraction_date, when recorded); otherwise "unknown", the
 * contract in code, and the latest date found anywhere in the warehouse
 * (intake, outcome and stage dates; mentorship dates can be planned ones) as the data date.
 */
export function dataInfo(con: DuckDBConnection): Promise<DataInfo> {
  let p = infoCache.get(con);
  if (!p) {
    p = readDataInfo(con);
    infoCache.set(con, p);
  }
  return p;
}

async function readDataInfo(con: DuckDBConnection): Promise<DataInfo> {
  const metaColumns = await tableColumns(con, "warehouse_meta");
  let meta: Record<string, unknown> = {};
  if (metaColumns.length > 0) {
    const rows = await query(con, "SELECT * FROM warehouse_meta LIMIT 1");
    meta = rows[0] ?? {};
  }
  const str = (v: unknown) => (v === null || v === undefined || v === "" ? null : String(v));
  const dateColumn = ["data_date", "extraction_date"].find((c) => metaColumns.includes(c) && str(meta[c]) !== null);
  let dataDate: string;
  let source: DataInfo["data_date_source"];
  if (dateColumn) {
    dataDate = isoDate(meta[dateColumn]);
    source = "warehouse_meta";
  } else {
    // Outcome-bearing dates only: mentorship records can carry planned (future) dates.
    const [row] = await query<{d: unknown}>(
      con,
      `SELECT greatest(
        (SELECT max(intake_date) FROM enrolments), (SELECT max(outcome_date) FROM enrolments),
        (SELECT max(greatest(start_date, coalesce(end_date, start_date))) FROM stage_events)) AS d`
    );
    dataDate = isoDate(row.d);
    source = "max_date";
  }
  const contract = str(meta.contract_version);
  const k = minCell();
  const facts: Omit<DataInfo, "notice" | "estimand" | "follow_up_words"> = {
    data_version: str(meta.data_version) ?? "unknown",
    contract_version: contract ?? CONTRACT_VERSION,
    contract_version_source: contract ? "warehouse" : "code",
    data_date: dataDate,
    data_date_source: source,
    min_cell: k,
    synthetic: typeof meta.synthetic === "boolean" ? meta.synthetic : null,
    provider: str(meta.provider),
    ...(await followUp(con, dataDate, detailMin(k)))
  };
  return {
    ...facts,
    notice: dataNotice(facts),
    estimand: estimandWords(facts),
    follow_up_words: {
      mature: followUpWords(facts.mature_days),
      setting: followUpWords(facts.mature_days_setting),
      longest: followUpWords(facts.follow_up_days),
      short: followUpWords(FIXED_HORIZON_DAYS[facts.short_horizon]),
      short_setting: followUpWords(FIXED_HORIZON_DAYS[facts.short_horizon_setting])
    }
  };
}

/**
 * The horizons in force. Maturity: the setting when at least `least` enrolments have been followed that long,
 * else the longest shorter choice that has them (data with 3 years of follow-up get 2 years: "ever" then means
 * dropout by the data date among cohorts followed at least 2 years, and the pages say so). The short horizon
 * (benchmark, trend, recent scheme effects): the same rule over the fixed horizons asked for. Data too small for
 * any horizon keep the settings (the gate hides their figures anyway).
 */
async function followUp(
  con: DuckDBConnection,
  dataDate: string,
  least: number
): Promise<
  Pick<
    DataInfo,
    | "follow_up_days"
    | "mature_days_setting"
    | "mature_days"
    | "first_intake"
    | "mature_until"
    | "short_horizon_setting"
    | "short_horizon"
  >
> {
  const setting = matureDaysSetting();
  const shortSetting = shortHorizonSetting();
  const follow = `(DATE '${dataDate}' - intake_date)`;
  const [row] = await query<Record<string, number | null>>(
    con,
    `SELECT CAST(max(${follow}) AS INTEGER) AS longest,
    CAST(min(intake_date) AS VARCHAR) AS first_intake,
    ${MATURE_CHOICES.map((d) => `CAST(count(*) FILTER (WHERE ${follow} >= ${d}) AS INTEGER) AS d${d}`).join(", ")}
    FROM enrolments WHERE outcome IN (${STARTED_OUTCOMES.map((o) => `'${o}'`).join(", ")})`
  ); // no-shows never started: no follow-up
  const enough = (d: number) => (row[`d${d}`] ?? 0) >= least;
  const mature =
    [...MATURE_CHOICES]
      .filter((d) => d <= setting)
      .reverse()
      .find(enough) ?? setting;
  const short =
    fixedHorizonsSetting()
      .filter((h) => FIXED_HORIZON_DAYS[h] <= FIXED_HORIZON_DAYS[shortSetting])
      .reverse()
      .find((h) => enough(FIXED_HORIZON_DAYS[h])) ?? shortSetting;
  const matureUntil = new Date(Date.parse(`${dataDate}T00:00:00Z`) - mature * 86_400_000).toISOString().slice(0, 10);
  return {
    follow_up_days: Math.max(0, row.longest ?? 0),
    mature_days_setting: setting,
    mature_days: mature,
    first_intake: (row.first_intake as unknown as string | null) ?? null,
    mature_until: matureUntil,
    short_horizon_setting: shortSetting,
    short_horizon: short
  };
}

function isoDate(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s.slice(0, 10);
  throw new Error(`Cannot read a date from ${s}`);
}

/**
 * The ingest log, one row per file read (path, table, sha256, rows read /
 * accepted / rejected); empty when the warehouse has no ingest_log. Column
 * names are matched loosely (rows_read or read, …).
 */
export async function ingestLog(con: DuckDBConnection): Promise<IngestLogRow[]> {
  const cols = await tableColumns(con, "ingest_log");
  if (cols.length === 0) return [];
  const pick = (...names: string[]) => names.find((n) => cols.includes(n));
  const expr = (name: string | undefined, cast: string) =>
    name ? `CAST("${name}" AS ${cast})` : `CAST(NULL AS ${cast})`;
  const rows = await query<IngestLogRow>(
    con,
    `SELECT
      ${expr(pick("path", "file", "source"), "VARCHAR")} AS path,
      ${expr(pick("table", "table_name", "target_table"), "VARCHAR")} AS "table",
      ${expr(pick("sha256", "hash", "checksum"), "VARCHAR")} AS sha256,
      ${expr(pick("rows_read", "read", "rows"), "BIGINT")} AS rows_read,
      ${expr(pick("rows_accepted", "accepted"), "BIGINT")} AS rows_accepted,
      ${expr(pick("rows_rejected", "rejected"), "BIGINT")} AS rows_rejected
    FROM ingest_log ORDER BY 2, 1`
  );
  return rows.map((r) => ({...r, path: r.path ?? "", table: r.table ?? ""}));
}
