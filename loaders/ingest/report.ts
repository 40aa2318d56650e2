/** The human-readable summary of a run (stderr). The --json shape is IngestSummary (types.ts). */
import type {DuckDBConnection} from "@duckdb/node-api";
import {query} from "../warehouse.ts";
import {fileSql} from "./load.ts";
import type {CheckSummary, IngestSummary, RejectSummary} from "./types.ts";

/** Examples kept per group of rejects. */
export const REJECT_EXAMPLES = 3;

/**
 * The rejects (temp table rej) grouped by table, column, rule and reason, with
 * counts and the first few lines of each group. Reasons carry no line numbers,
 * so one kind of problem is one group however many rows have it.
 */
export async function rejectGroups(con: DuckDBConnection, files: readonly {path: string}[]): Promise<RejectSummary[]> {
  return query<RejectSummary>(
    con,
    `SELECT table_name AS "table", column_name AS "column", rule, reason_da, reason_en, count(*) AS count,
      list({'file': ${fileSql("_f", files)}, 'line': _l::DOUBLE} ORDER BY _o)[1:${REJECT_EXAMPLES}] AS examples
    FROM rej GROUP BY ALL ORDER BY count DESC, "table", "column", rule, reason_en`
  );
}

const n = (x: number) => x.toLocaleString("en");

export function formatSummary(s: IngestSummary | CheckSummary, {maxReasons = 10} = {}): string {
  const lines: string[] = [];
  for (const f of s.files) {
    const how = [
      f.format,
      f.encoding,
      f.delimiter === null ? null : f.delimiter === "\t" ? "tab" : `"${f.delimiter}"`,
      f.decimal_comma ? "decimal comma" : null,
      f.date_format,
      f.sheet ? `sheet "${f.sheet}"` : null
    ]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `${f.path} → ${f.table}: ${n(f.rows_read)} read = ${n(f.rows_accepted)} accepted + ${n(f.rows_rejected)} rejected (${how})`
    );
    for (const note of f.notes) lines.push(`    note: ${note.en} / ${note.da}`);
  }
  const where = "check" in s ? "checked only, nothing written" : `${s.ok ? "warehouse" : "NOT written"} ${s.db}`;
  lines.push(
    `${where} (contract ${s.contract_version}, data version ${s.data_version.slice(0, 12)}): ${s.tables.map((t) => `${t.table} ${n(t.rows)}`).join(", ")}`
  );
  if (s.rejects.rows > 0) {
    lines.push(
      `${n(s.rejects.rows)} rows rejected (${n(s.rejects.problems)} problems)${"check" in s ? "" : `, listed in ${s.rejects_csv}`}:`
    );
    for (const r of s.rejects.by_reason.slice(0, maxReasons)) {
      const where = r.examples.map((e) => `${e.file.split(/[\\/]/).pop()}:${e.line}`).join(", ");
      lines.push(
        `    ${String(r.count).padStart(7)} × ${r.table}${r.column ? `.${r.column}` : ""}: ${r.reason_en} / ${r.reason_da} (e.g. ${where}${r.count > r.examples.length ? ", …" : ""})`
      );
    }
    if (s.rejects.by_reason.length > maxReasons)
      lines.push(`    … and ${s.rejects.by_reason.length - maxReasons} more kinds`);
  } else {
    lines.push("check" in s ? "no rows rejected" : `no rows rejected (${s.rejects_csv})`);
  }
  lines.push(`done in ${s.seconds.toFixed(1)} s`);
  return lines.join("\n");
}
