/**
 * Validation inside DuckDB, one table at a time in reference order
 * (institutions → schemes → enrolments → stage_events, mentorships;
 * external_aggregates). One pass over the typed staging table computes a bit
 * mask of every failing check per row — the contract's column checks
 * (checks.ts), the rules across columns and tables (rules.ts), references and
 * duplicate keys — and, in the same pass, the row as the warehouse stores it
 * (typed, identifiers hashed): chk_<table>. Writing the warehouse is then a
 * plain copy of its rows with mask 0. Only the failing rows (usually none) are
 * looked at again, to expand them into `rej`, one row per problem, with
 * reasons in Danish and English.
 *
 * Parents are summarised in `par_<table>` (one row per key: accepted or not,
 * with the columns the children's rules need and, for enrolments, the hashed
 * id), so a child row whose parent was rejected is rejected too, with the
 * parent's file and line in `ref_file`/`ref_line` (not in the reason, so equal
 * reasons group), and each enrolment id is hashed once.
 * For stage_events one aggregate per enrolment serves both the sequence rule
 * and the search for duplicate keys.
 */
import {tableSpec, type ColumnSpec, type TableName} from "../contract/contract.ts";
import {columnChecks, quoteIdent, quoteLiteral} from "../contract/checks.ts";
import {MAX_STAGE_RANK, PARENT_COLUMNS, REFERENCES, ROW_RULES, STAGE_RANK, stageRankSql} from "../contract/rules.ts";
import {query} from "../warehouse.ts";
import {hiddenColumns, maskSql, PSEUDONYMISED} from "./privacy.ts";
import {hmacSql, type IdDomain} from "./pseudonymise.ts";
import {LINE_MASK, ORDER_SHIFT, stagedColumns} from "./staging.ts";
import type {Ctx} from "./types.ts";

/** Tables in the order their references need. */
export const TABLE_ORDER: readonly TableName[] = [
  "institutions",
  "schemes",
  "enrolments",
  "stage_events",
  "mentorships",
  "external_aggregates"
];

interface Check {
  column: string | null;
  rule: string;
  fails: string;
  /** SQL text expressions for the reasons (over the failing row). */
  da: string;
  en: string;
  /** SQL for the offending value (NULL when hidden). */
  value: string;
  /** SQL for the order number `_o` of the row this one refers to or repeats (kept apart from the reason, so reasons group). */
  ref?: string;
}

/** Typed SQL of a staged column (NULL when empty or unparseable): parsed once in staging. */
export function typedSql(spec: ColumnSpec, prefix = ""): string {
  return spec.type === "string" ? `${prefix}v_${spec.name}` : `${prefix}t_${spec.name}`;
}

function valueSql(table: TableName, column: string): string {
  return hiddenColumns(table).has(column) ? "NULL::VARCHAR" : maskSql(`v_${column}`);
}

/** Key expressions of a table (typed values, so 2017-8-1 and 2017-08-01 are the same key). */
function keySql(table: TableName, prefix = ""): string[] {
  const spec = tableSpec(table);
  return spec.key.map((k) =>
    typedSql(
      spec.columns.find((x) => x.name === k)!,
      prefix
    )
  );
}

/** Tables whose rows other tables refer to: their validated keys go into par_<table>. */
const PARENTS = new Set(REFERENCES.map((r) => r.parent));

/**
 * The warehouse value of each contract column over the checked row relation:
 * typed, with identifiers replaced by their keyed hash (children take the
 * enrolment's hash from par_enrolments, so each id is hashed once).
 */
function finalColumns(table: TableName, key: Buffer): string[] {
  return tableSpec(table).columns.map((c) => {
    let expr: string;
    if (c.name === "enrolment_id" && table !== "enrolments") expr = "enr_h";
    else if (isHashed(table, c.name)) expr = hmacSql(key, c.name as IdDomain, `v_${c.name}`);
    else if (c.type === "integer")
      expr = `TRY_CAST(${c.name} AS INTEGER)`; // the range check keeps accepted values in INTEGER
    else expr = quoteIdent(c.name);
    return `${expr} AS ${quoteIdent(c.name)}`;
  });
}

const isHashed = (table: TableName, column: string) => (PSEUDONYMISED[table] ?? []).includes(column);

/**
 * Validate stg_<table> into chk_<table>: one row per staged row with `_o`, the
 * bit mask of its failing checks (`_mask`, 0 = accepted), the warehouse
 * columns (finalColumns) and what the reasons need; the failing rows are
 * expanded into `rej`. Parents also get par_<table>.
 */
export async function validateTable(ctx: Ctx, table: TableName, key: Buffer): Promise<void> {
  const {con} = ctx;
  const spec = tableSpec(table);
  const staged = stagedColumns(table);
  const stg = `stg_${table}`;
  const checks: Check[] = [];
  // 1. the contract's column checks
  for (const col of staged) {
    const cs =
      col.type === "string" ? columnChecks(col, `v_${col.name}`) : columnChecks(col, `v_${col.name}`, `t_${col.name}`);
    for (const c of cs) {
      checks.push({
        column: c.column,
        rule: c.rule,
        fails: c.failsSql,
        da: quoteLiteral(c.reasonDa),
        en: quoteLiteral(c.reasonEn),
        value: valueSql(table, c.column)
      });
    }
  }
  // 2. rules across columns and tables
  for (const r of ROW_RULES.filter((r) => r.table === table)) {
    checks.push({
      column: r.column,
      rule: r.id,
      fails: r.failsSql,
      da: quoteLiteral(r.reasonDa),
      en: quoteLiteral(r.reasonEn),
      value: valueSql(table, r.column)
    });
  }
  // 3. references
  const refs = REFERENCES.filter((r) => r.table === table);
  for (const r of refs) {
    checks.push({
      column: r.column,
      rule: "reference_unknown",
      fails: `v_${r.column} IS NOT NULL AND ${r.alias}_found IS NULL`,
      da: quoteLiteral(`${r.column} findes ikke i ${r.parent}`),
      en: quoteLiteral(`${r.column} not found in ${r.parent}`),
      value: valueSql(table, r.column)
    });
    checks.push({
      column: r.column,
      rule: "reference_rejected",
      fails: `${r.alias}_found AND NOT ${r.alias}_ok`,
      da: quoteLiteral(`refererer til en afvist række i ${r.parent}`),
      en: quoteLiteral(`refers to a rejected row of ${r.parent}`),
      value: valueSql(table, r.column),
      ref: `${r.alias}_o`
    });
  }
  // 4. duplicate keys (the first occurrence is kept)
  const keyCols = spec.key;
  checks.push({
    column: keyCols.join(", "),
    rule: "duplicate",
    fails: `_dup_first IS NOT NULL AND _o <> _dup_first`,
    da: quoteLiteral(`samme nøgle (${keyCols.join(", ")}) som en tidligere række; den første beholdes`),
    en: quoteLiteral(`same key (${keyCols.join(", ")}) as an earlier row; the first is kept`),
    value: keyCols.length === 1 ? valueSql(table, keyCols[0]) : "NULL::VARCHAR",
    ref: "_dup_first"
  });
  if (checks.length > 63) throw new Error(`too many checks for ${table} (${checks.length})`);

  const joins: string[] = [];
  const extra: string[] = [];
  const keys = keySql(table);
  const notNull = keys.map((k) => `${k} IS NOT NULL`).join(" AND ");
  let candidates: string;
  if (table === "stage_events") {
    // One aggregate per enrolment serves the sequence rule (latest start of each rank) and finds
    // the enrolments that may hold a duplicate key: more keyed rows than distinct stages.
    const rank = stageRankSql("v_stage");
    const stages = Object.keys(STAGE_RANK);
    const code = `CASE v_stage ${stages.map((st, i) => `WHEN ${quoteLiteral(st)} THEN ${i}`).join(" ")} ELSE ${stages.length} END`;
    const maxes = Array.from(
      {length: MAX_STAGE_RANK - 1},
      (_, i) => `max(start) FILTER (WHERE rank = ${i + 1}) AS m${i + 1}`
    );
    await con.run(`CREATE TEMP TABLE seq_stage AS SELECT v_enrolment_id AS id, ${maxes.join(", ")},
        count(*) FILTER (WHERE keyed) AS n, bit_count(bit_or(1::BIGINT << code) FILTER (WHERE keyed)) AS nd
      FROM (SELECT v_enrolment_id, ${rank} AS rank, t_start_date AS start, ${code} AS code, ${notNull} AS keyed FROM ${stg}) GROUP BY 1`);
    joins.push("LEFT JOIN seq_stage q ON q.id = s.v_enrolment_id");
    const lower = Array.from(
      {length: MAX_STAGE_RANK - 1},
      (_, i) => `WHEN ${i + 2} THEN greatest(${Array.from({length: i + 1}, (_, j) => `q.m${j + 1}`).join(", ")})`
    ).join(" ");
    extra.push(
      `${rank.replaceAll("v_stage", "s.v_stage")} AS stage_rank`,
      `CASE ${rank.replaceAll("v_stage", "s.v_stage")} ${lower} END AS lower_stage_max_start`
    );
    candidates = `v_enrolment_id IN (SELECT id FROM seq_stage WHERE n > nd)`;
  } else {
    // candidates by a 64-bit hash of the key (one integer GROUP BY), then exact on the candidates
    await con.run(
      `CREATE TEMP TABLE cand_${table} AS SELECT hash(${keys.join(", ")}) AS h FROM ${stg} WHERE ${notNull} GROUP BY 1 HAVING count(*) > 1`
    );
    candidates = `hash(${keys.join(", ")}) IN (SELECT h FROM cand_${table})`;
  }
  const [{n: candidateCount}] = await query<{n: number}>(
    con,
    table === "stage_events"
      ? `SELECT count(*) AS n FROM seq_stage WHERE n > nd`
      : `SELECT count(*) AS n FROM cand_${table}`
  );
  let dups = 0;
  if (candidateCount > 0) {
    await con.run(`CREATE TEMP TABLE dup_${table} AS
      SELECT ${keys.map((k, i) => `${k} AS k${i}`).join(", ")}, min(_o) AS first_o
      FROM ${stg} WHERE ${notNull} AND ${candidates} GROUP BY ALL HAVING count(*) > 1`);
    [{dups}] = await query<{dups: number}>(con, `SELECT count(*) AS dups FROM dup_${table}`);
  }

  // the row relation the checks see
  const typedCols = staged.map((c) => `${typedSql(c, "s.")} AS ${c.name}`);
  for (const r of refs) {
    joins.push(`LEFT JOIN par_${r.parent} ${r.alias} ON ${r.alias}.id = s.v_${r.column}`);
    extra.push(
      `${r.alias}.id IS NOT NULL OR NULL AS ${r.alias}_found`,
      `${r.alias}.ok AS ${r.alias}_ok`,
      `${r.alias}._o AS ${r.alias}_o`
    );
    for (const c of PARENT_COLUMNS[r.alias]) extra.push(`${r.alias}.${c} AS ${r.alias}_${c}`);
    if (r.parent === "enrolments") extra.push(`${r.alias}.h_enrolment_id AS enr_h`);
  }
  if (dups > 0) {
    joins.push(
      `LEFT JOIN dup_${table} d ON ${keySql(table, "s.")
        .map((k, i) => `d.k${i} = ${k}`)
        .join(" AND ")}`
    );
    extra.push("d.first_o AS _dup_first");
  } else {
    extra.push("NULL::BIGINT AS _dup_first");
  }
  const rows = `SELECT s.*, ${typedCols.join(", ")}, ${extra.join(", ")} FROM ${stg} s ${joins.join(" ")}`;
  const mask = checks
    .map(
      (c, bit) => `CASE WHEN COALESCE((${c.fails}), false) THEN ${(1n << BigInt(bit)).toString()}::BIGINT ELSE 0 END`
    )
    .join(" + ");
  const id = PARENTS.has(table) ? [`v_${spec.key[0]} AS _id`] : [];
  await con.run(`CREATE TEMP TABLE chk_${table} AS SELECT _o, _mask, ${[...id, ...finalColumns(table, key)].join(", ")}
    FROM (SELECT r.*, (${mask})::BIGINT AS _mask FROM (${rows}) r)`);
  const [{failing}] = await query<{failing: number}>(
    con,
    `SELECT count(*) AS failing FROM chk_${table} WHERE _mask <> 0`
  );
  if (failing > 0) {
    // the failing rows again, with the values and referred rows their rejects need (few rows: not kept in chk)
    const failed = `(SELECT _o, _mask FROM chk_${table} WHERE _mask <> 0) c JOIN (${rows} WHERE s._o IN (SELECT _o FROM chk_${table} WHERE _mask <> 0)) r USING (_o)`;
    const parts = checks.map(
      (
        c,
        bit
      ) => `SELECT _o, (_o >> ${ORDER_SHIFT})::INTEGER, _o & ${LINE_MASK}, ${quoteLiteral(table)}, ${c.column === null ? "NULL" : quoteLiteral(c.column)}, ${c.value},
      ${quoteLiteral(c.rule)}, ${c.da}, ${c.en}, ${bit}, ${c.ref ?? "NULL::BIGINT"} FROM ${failed} WHERE (_mask >> ${bit}) & 1 = 1`
    );
    await con.run(`INSERT INTO rej ${parts.join("\nUNION ALL\n")}`);
  }
  if (PARENTS.has(table)) await buildParent(ctx, table, failing > 0);
}

/**
 * par_<table>: one row per key of a parent table — accepted (ok) with the
 * columns its children's rules need, or only rejected rows (ok = false, _o of the first).
 */
async function buildParent(ctx: Ctx, table: TableName, anyFailing: boolean): Promise<void> {
  const cols = [...new Set(REFERENCES.filter((r) => r.parent === table).flatMap((r) => PARENT_COLUMNS[r.alias]))];
  if (table === "enrolments") cols.push("enrolment_id AS h_enrolment_id");
  await ctx.con
    .run(`CREATE TEMP TABLE par_${table} AS SELECT _id AS id, true AS ok, _o${cols.map((c) => `, ${c}`).join("")}
    FROM chk_${table} WHERE _mask = 0 AND _id IS NOT NULL`);
  if (!anyFailing) return;
  await ctx.con.run(`INSERT INTO par_${table} BY NAME
    SELECT _id AS id, false AS ok, min(_o) AS _o FROM chk_${table}
      WHERE _mask <> 0 AND _id IS NOT NULL AND _id NOT IN (SELECT id FROM par_${table}) GROUP BY 1`);
}
