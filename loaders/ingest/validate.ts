/**
 * Validation inside DuckDB, one table at a time in reference order
 * (institutions → schemes → enrolments → stage_events, mentorships;
 * external_aggregates). One pass over the staging table computes a bit mask
 * of every failing check per row — the contract's column checks (checks.ts),
 * the rules across columns and tables (rules.ts), references and duplicate
 * keys — and only the failing rows are kept and expanded into `rej`, one row
 * per problem, with reasons in Danish and English.
 *
 * Parents are summarised in `par_<table>` (one row per key: accepted or not,
 * with the typed columns the children's rules need), so a child row whose
 * parent was rejected is rejected too, naming the parent's file and line.
 */
import {tableSpec, type ColumnSpec, type TableName} from "../contract/contract.ts";
import {castSql, columnChecks, quoteLiteral} from "../contract/checks.ts";
import {MAX_STAGE_RANK, PARENT_COLUMNS, REFERENCES, ROW_RULES, stageRankSql} from "../contract/rules.ts";
import {query} from "../warehouse.ts";
import {hiddenColumns, maskSql} from "./privacy.ts";
import {ORDER_SHIFT, stagedColumns} from "./staging.ts";
import type {Ctx} from "./types.ts";

/** Tables in the order their references need. */
export const TABLE_ORDER: readonly TableName[] = ["institutions", "schemes", "enrolments", "stage_events", "mentorships", "external_aggregates"];

interface Check {
  column: string | null;
  rule: string;
  fails: string;
  /** SQL text expressions for the reasons (over the failing row). */
  da: string;
  en: string;
  /** SQL for the offending value (NULL when hidden). */
  value: string;
}

const LINE_MASK = `${2 ** ORDER_SHIFT - 1}`;

/** SQL text naming the file and line of an order number `_o`. */
function placeSql(o: string, files: readonly string[], lang: "da" | "en"): string {
  const file = `CASE (${o}) >> ${ORDER_SHIFT} ${files.map((f, i) => `WHEN ${i} THEN ${quoteLiteral(f)}`).join(" ")} END`;
  return lang === "da"
    ? `'linje ' || ((${o}) & ${LINE_MASK}) || ' i ' || ${file}`
    : `'line ' || ((${o}) & ${LINE_MASK}) || ' of ' || ${file}`;
}

/** Typed SQL of a staged column (NULL when empty or unparseable). */
export function typedSql(spec: ColumnSpec, prefix = ""): string {
  if (spec.type === "string") return `${prefix}v_${spec.name}`;
  return castSql(spec, `${prefix}n_${spec.name}`);
}

function valueSql(table: TableName, column: string): string {
  return hiddenColumns(table).has(column) ? "NULL::VARCHAR" : maskSql(`v_${column}`);
}

/** Key expressions of a table (typed values, so 2017-8-1 and 2017-08-01 are the same key). */
function keySql(table: TableName, prefix = ""): string[] {
  const spec = tableSpec(table);
  return spec.key.map((k) => {
    const c = spec.columns.find((x) => x.name === k)!;
    return c.type === "string" ? `${prefix}v_${k}` : `TRY_CAST(${prefix}n_${k} AS ${c.type === "date" ? "DATE" : c.type === "integer" ? "BIGINT" : c.type === "decimal" ? "DOUBLE" : "BOOLEAN"})`;
  });
}

export async function validateTable(ctx: Ctx, table: TableName, files: readonly string[]): Promise<void> {
  const {con} = ctx;
  const spec = tableSpec(table);
  const staged = stagedColumns(table);
  const stg = `stg_${table}`;
  const checks: Check[] = [];
  // 1. the contract's column checks
  for (const col of staged) {
    const expr = col.type === "string" ? `v_${col.name}` : `n_${col.name}`;
    for (const c of columnChecks(col, expr)) {
      checks.push({column: c.column, rule: c.rule, fails: c.failsSql, da: quoteLiteral(c.reasonDa), en: quoteLiteral(c.reasonEn),
        value: valueSql(table, c.column)});
    }
  }
  // 2. rules across columns and tables
  for (const r of ROW_RULES.filter((r) => r.table === table)) {
    checks.push({column: r.column, rule: r.id, fails: r.failsSql, da: quoteLiteral(r.reasonDa), en: quoteLiteral(r.reasonEn), value: valueSql(table, r.column)});
  }
  // 3. references
  const refs = REFERENCES.filter((r) => r.table === table);
  for (const r of refs) {
    checks.push({column: r.column, rule: "reference_unknown",
      fails: `v_${r.column} IS NOT NULL AND ${r.alias}_found IS NULL`,
      da: quoteLiteral(`${r.column} findes ikke i ${r.parent}`), en: quoteLiteral(`${r.column} not found in ${r.parent}`),
      value: valueSql(table, r.column)});
    checks.push({column: r.column, rule: "reference_rejected",
      fails: `${r.alias}_found AND NOT ${r.alias}_ok`,
      da: `'refererer til en afvist række i ${r.parent} (' || ${placeSql(`${r.alias}_o`, files, "da")} || ')'`,
      en: `'refers to a rejected row of ${r.parent} (' || ${placeSql(`${r.alias}_o`, files, "en")} || ')'`,
      value: valueSql(table, r.column)});
  }
  // 4. duplicate keys (the first occurrence is kept)
  const keyCols = spec.key;
  checks.push({column: keyCols.join(", "), rule: "duplicate",
    fails: `_dup_first IS NOT NULL AND _o <> _dup_first`,
    da: `'samme nøgle (${keyCols.join(", ")}) som ' || ${placeSql("_dup_first", files, "da")} || '; den første beholdes'`,
    en: `'same key (${keyCols.join(", ")}) as ' || ${placeSql("_dup_first", files, "en")} || '; the first is kept'`,
    value: keyCols.length === 1 ? valueSql(table, keyCols[0]) : "NULL::VARCHAR"});
  if (checks.length > 63) throw new Error(`too many checks for ${table} (${checks.length})`);

  // duplicate keys: candidates by a 64-bit hash of the key (one integer GROUP BY), then exact on the candidates
  const keys = keySql(table);
  const notNull = keys.map((k) => `${k} IS NOT NULL`).join(" AND ");
  await con.run(`CREATE TEMP TABLE cand_${table} AS SELECT hash(${keys.join(", ")}) AS h FROM ${stg} WHERE ${notNull} GROUP BY 1 HAVING count(*) > 1`);
  const [{candidates}] = await query<{candidates: number}>(con, `SELECT count(*) AS candidates FROM cand_${table}`);
  await con.run(`CREATE TEMP TABLE dup_${table} AS
    SELECT ${keys.map((k, i) => `${k} AS k${i}`).join(", ")}, min(_o) AS first_o
    FROM ${stg} WHERE ${candidates > 0 ? `${notNull} AND hash(${keys.join(", ")}) IN (SELECT h FROM cand_${table})` : "false"} GROUP BY ALL HAVING count(*) > 1`);
  const [{dups}] = await query<{dups: number}>(con, `SELECT count(*) AS dups FROM dup_${table}`);

  // the row relation the checks see
  const typedCols = staged.map((c) => `${typedSql(c, "s.")} AS ${c.name}`);
  const joins: string[] = [];
  const extra: string[] = [];
  for (const r of refs) {
    joins.push(`LEFT JOIN par_${r.parent} ${r.alias} ON ${r.alias}.id = s.v_${r.column}`);
    extra.push(`${r.alias}.id IS NOT NULL OR NULL AS ${r.alias}_found`, `${r.alias}.ok AS ${r.alias}_ok`, `${r.alias}._o AS ${r.alias}_o`);
    for (const c of PARENT_COLUMNS[r.alias]) extra.push(`${r.alias}.${c} AS ${r.alias}_${c}`);
  }
  if (dups > 0) {
    joins.push(`LEFT JOIN dup_${table} d ON ${keySql(table, "s.").map((k, i) => `d.k${i} = ${k}`).join(" AND ")}`);
    extra.push("d.first_o AS _dup_first");
  } else {
    extra.push("NULL::BIGINT AS _dup_first");
  }
  if (table === "stage_events") {
    // latest start of each rank per enrolment, for the sequence rule
    const rank = stageRankSql("v_stage");
    const maxes = Array.from({length: MAX_STAGE_RANK - 1}, (_, i) => `max(start) FILTER (WHERE rank = ${i + 1}) AS m${i + 1}`);
    await con.run(`CREATE TEMP TABLE seq_stage AS SELECT v_enrolment_id AS id, ${maxes.join(", ")}
      FROM (SELECT v_enrolment_id, ${rank} AS rank, TRY_CAST(n_start_date AS DATE) AS start FROM ${stg}) WHERE rank < ${MAX_STAGE_RANK} GROUP BY 1`);
    joins.push("LEFT JOIN seq_stage q ON q.id = s.v_enrolment_id");
    const lower = Array.from({length: MAX_STAGE_RANK - 1}, (_, i) =>
      `WHEN ${i + 2} THEN greatest(${Array.from({length: i + 1}, (_, j) => `q.m${j + 1}`).join(", ")})`).join(" ");
    extra.push(`${rank.replaceAll("v_stage", "s.v_stage")} AS stage_rank`, `CASE ${rank.replaceAll("v_stage", "s.v_stage")} ${lower} END AS lower_stage_max_start`);
  }
  const rows = `SELECT s.*, ${typedCols.join(", ")}, ${extra.join(", ")} FROM ${stg} s ${joins.join(" ")}`;
  const mask = checks.map((c, bit) => `CASE WHEN COALESCE((${c.fails}), false) THEN ${(1n << BigInt(bit)).toString()}::BIGINT ELSE 0 END`).join(" + ");
  await con.run(`CREATE TEMP TABLE fail_${table} AS SELECT * FROM (SELECT r.*, (${mask})::BIGINT AS _mask FROM (${rows}) r) WHERE _mask <> 0`);
  const [{failing}] = await query<{failing: number}>(con, `SELECT count(*) AS failing FROM fail_${table}`);
  if (failing > 0) {
    const parts = checks.map((c, bit) => `SELECT _o, _f, _l, ${quoteLiteral(table)}, ${c.column === null ? "NULL" : quoteLiteral(c.column)}, ${c.value},
      ${quoteLiteral(c.rule)}, ${c.da}, ${c.en}, ${bit} FROM fail_${table} WHERE (_mask >> ${bit}) & 1 = 1`);
    await con.run(`INSERT INTO rej ${parts.join("\nUNION ALL\n")}`);
  }
  await con.run(`CREATE TEMP TABLE rejrows_${table} AS SELECT DISTINCT _o FROM rej WHERE table_name = ${quoteLiteral(table)}`);
}

/**
 * par_<table>: one row per key of a parent table — accepted (ok) with the
 * typed columns, or only rejected rows (ok = false, _o of the first).
 */
export async function buildParent(ctx: Ctx, table: TableName, extraColumns: string[] = []): Promise<void> {
  const spec = tableSpec(table);
  const key = spec.key[0];
  const typed = stagedColumns(table).filter((c) => c.name !== "birth_date").map((c) => `${typedSql(c, "s.")} AS ${c.name}`);
  await ctx.con.run(`CREATE TEMP TABLE par_${table} AS
    SELECT s.v_${key} AS id, true AS ok, s._o, ${typed.join(", ")}${extraColumns.length ? ", " + extraColumns.join(", ") : ""}
      FROM stg_${table} s ANTI JOIN rejrows_${table} r ON r._o = s._o WHERE s.v_${key} IS NOT NULL`);
  await ctx.con.run(`INSERT INTO par_${table} BY NAME
    SELECT s.v_${key} AS id, false AS ok, min(s._o) AS _o FROM stg_${table} s SEMI JOIN rejrows_${table} r ON r._o = s._o
      WHERE s.v_${key} IS NOT NULL AND s.v_${key} NOT IN (SELECT id FROM par_${table}) GROUP BY 1`);
}
