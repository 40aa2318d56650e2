/**
 * From raw sources to one staging table per contract table (`stg_<table>`):
 * the source columns lined up with the contract (mapping.ts), the privacy
 * scan and the detection of date order and decimal comma in one aggregate
 * pass per source, then every contract column as trimmed text `v_<column>`
 * and, for typed columns, the typed value `t_<column>` (DATE, BIGINT, DOUBLE,
 * BOOLEAN; NULL when empty or unparseable), parsed once from the canonical
 * text of normalise.ts so later passes never cast text again.
 * Each row keeps its order `_o` = file index · 2⁴⁰ + line (both are read back from it).
 * Blank/all-empty rows and repeated header rows are dropped here (counted).
 */
import {tableSpec, type ColumnSpec, type TableName} from "../contract/contract.ts";
import {quoteIdent, quoteLiteral} from "../contract/checks.ts";
import {query} from "../warehouse.ts";
import {fail} from "./errors.ts";
import {expressionInputs, expressionSql, type Expr} from "./expressions.ts";
import {BIRTH_DATE, columnLookup, resolveColumns, type ResolvedColumn} from "./mapping.ts";
import {normaliseName} from "./names.ts";
import {
  dateProfileSql,
  decimalProfileSql,
  parsedSql,
  textSql,
  valueMapSql,
  type DateOrder,
  type ValueSettings
} from "./normalise.ts";
import {checkColumnNames, checkColumnValues, privacyProfileSql} from "./privacy.ts";
import type {SourceRead} from "./read.ts";
import type {SourceFile} from "./sources.ts";
import type {Ctx, Note} from "./types.ts";

export const ORDER_SHIFT = 40;
/** SQL mask that takes the line from an order number `_o` (the file index is `_o >> ORDER_SHIFT`). */
export const LINE_MASK = `${2 ** ORDER_SHIFT - 1}`;

/** SQL type of a staged typed value (integers as BIGINT until the range check). */
const STAGED_TYPES = {
  string: "VARCHAR",
  integer: "BIGINT",
  decimal: "DOUBLE",
  date: "DATE",
  boolean: "BOOLEAN"
} as const;

export interface StagedSource {
  read: SourceRead;
  columns: ResolvedColumn[];
  /** Contract columns the mapping computes (expressions.ts). */
  expressions: Map<string, Expr>;
  settings: ValueSettings;
  dateFormat: string | null;
  /** Rows that enter staging. */
  rows: number;
  skipped: number;
  notes: Note[];
}

const BIRTH_SPEC: ColumnSpec = {
  name: BIRTH_DATE,
  type: "date",
  required: false,
  description: "Birth date (reduced to age_at_start)"
};

/** Columns of a staging table: the contract's, plus birth_date for enrolments. */
export function stagedColumns(table: TableName): ColumnSpec[] {
  const cols = [...tableSpec(table).columns];
  if (table === "enrolments") cols.push(BIRTH_SPEC);
  return cols;
}

/** Header checks before the file is read in full: duplicates, names of personal data, required columns. */
export function checkHeader(ctx: Ctx, file: SourceFile, header: string[]): ResolvedColumn[] {
  const columns = resolveColumns(file.path, file.table, header, ctx.settings.mapping);
  checkColumnNames(file.path, file.table, columns);
  // a column the mapping computes with an expression is present
  const present = new Set([...columns.map((c) => c.target).filter(Boolean), ...expressionsOf(ctx, file.table).keys()]);
  const missing = tableSpec(file.table)
    .columns.filter(
      (c) => c.required && !present.has(c.name) && !(c.name === "age_at_start" && present.has(BIRTH_DATE))
    )
    .map((c) => c.name);
  if (missing.length > 0) {
    // columns the mapping uses (in an expression) or ignores are not offered as candidates
    const extra = columns
      .filter((c) => c.target === null && !c.mapped && c.source.trim() !== "")
      .map((c) => `"${c.source}"`);
    const hintDa = extra.length
      ? ` Filens øvrige kolonner: ${extra.join(", ")} — brug evt. en mapping-fil (--mapping).`
      : "";
    const hintEn = extra.length
      ? ` The file's other columns: ${extra.join(", ")} — a mapping file (--mapping) can map them.`
      : "";
    fail(
      "missing_columns",
      file.path,
      `Påkrævede kolonner mangler i ${file.table}: ${missing.join(", ")}.${hintDa}`,
      `Required columns are missing for ${file.table}: ${missing.join(", ")}.${hintEn}`
    );
  }
  return columns;
}

const NO_EXPRESSIONS = new Map<string, Expr>();
const expressionsOf = (ctx: Ctx, table: TableName) => ctx.settings.mapping[table]?.expressions ?? NO_EXPRESSIONS;

/** The trimmed text of source column c<index> (NULL when empty). */
function sourceTextSql(read: SourceRead, index: number): string {
  // a file without whitespace or quotes needs no trimming, only empty → NULL
  return read.trimFree ? `NULLIF(c${index}, '')` : textSql(`c${index}`);
}

/**
 * The source columns whose values are parsed as dates or numbers — those
 * feeding a typed contract column and those an expression reads as one — for
 * the detection of date order and decimal comma.
 */
function parsedColumns(
  columns: ResolvedColumn[],
  expressions: Map<string, Expr>,
  specs: Map<string, ColumnSpec>
): {index: number; as: "date" | "number"}[] {
  const kind = (type: string) =>
    type === "date" ? "date" : type === "decimal" || type === "integer" ? "number" : null;
  const out = new Map<string, {index: number; as: "date" | "number"}>();
  for (const c of columns) {
    const as = c.target ? kind(specs.get(c.target)!.type) : null;
    if (as) out.set(`${c.index}:${as}`, {index: c.index, as});
  }
  const lookup = columnLookup(columns);
  for (const expr of expressions.values()) {
    for (const input of expressionInputs(expr)) {
      const index = lookup.get(normaliseName(input.name))!;
      if (input.as !== "text") out.set(`${index}:${input.as}`, {index, as: input.as});
    }
  }
  return [...out.values()];
}

function parseDateOrder(value: string): DateOrder | null {
  const v = value.toLowerCase().replace(/\s/g, "");
  if (
    ["dmy", "dd-mm-yyyy", "dd.mm.yyyy", "dd/mm/yyyy", "%d-%m-%y", "%d.%m.%y", "%d/%m/%y", "danish", "dansk"].includes(v)
  )
    return "dmy";
  if (["mdy", "mm/dd/yyyy", "mm-dd-yyyy", "%m/%d/%y", "us"].includes(v)) return "mdy";
  if (["iso", "yyyy-mm-dd", "%y-%m-%d"].includes(v)) return "iso";
  return null;
}
export {parseDateOrder};

/**
 * Profile one source (privacy scan, date and decimal detection, blank and
 * repeated-header rows) and decide its value settings.
 */
export async function profileSource(ctx: Ctx, read: SourceRead, columns: ResolvedColumn[]): Promise<StagedSource> {
  const {con} = ctx;
  const file = read.file;
  const specs = new Map(stagedColumns(file.table).map((c) => [c.name, c]));
  const expressions = expressionsOf(ctx, file.table);
  const parsed = parsedColumns(columns, expressions, specs);
  const parts = ["count(*) AS total", ...privacyProfileSql(file.table, columns)];
  const all = columns.map((c) => quoteIdent(`c${c.index}`));
  parts.push(`count_if(coalesce(${all.join(", ")}) IS NULL) AS empty_rows`);
  const headerCols = columns.filter((c) => c.source.trim() !== "");
  const headerRow =
    headerCols.length > 0
      ? headerCols.map((c) => `c${c.index} IS NOT DISTINCT FROM ${quoteLiteral(c.source)}`).join(" AND ")
      : "false";
  parts.push(`count_if(${headerRow}) AS header_rows`);
  for (const c of parsed) {
    if (c.as === "date") parts.push(...dateProfileSql(`c${c.index}`, `p${c.index}`));
    else parts.push(...decimalProfileSql(`c${c.index}`, `p${c.index}`));
  }
  const trailing = columns.filter((c) => c.source.trim() === "" && c.target === null);
  for (const c of trailing) parts.push(`count(c${c.index}) AS "filled_${c.index}"`);
  const [p] = await query<Record<string, number>>(con, `SELECT ${parts.join(", ")} FROM ${read.relation}`);
  checkColumnValues(file.path, file.table, columns, p);

  const notes: Note[] = [...read.notes];
  // dates
  let iso = 0,
    danish = 0,
    dayFirst = 0,
    monthFirst = 0;
  for (const c of parsed.filter((c) => c.as === "date")) {
    iso += p[`p${c.index}_iso`];
    danish += p[`p${c.index}_danish`];
    dayFirst += p[`p${c.index}_day_first`];
    monthFirst += p[`p${c.index}_month_first`];
  }
  let dateOrder: DateOrder = ctx.settings.dateOrder ?? "dmy";
  if (!ctx.settings.dateOrder && monthFirst > 0 && dayFirst === 0) {
    dateOrder = "mdy";
    notes.push({
      da: "Datoer læst som måned/dag/år (amerikansk rækkefølge fundet)",
      en: "Dates read as month/day/year (US order detected)"
    });
  }
  const dateFormat =
    danish === 0 && iso === 0
      ? null
      : danish === 0
        ? "yyyy-mm-dd"
        : iso === 0
          ? dateOrder === "mdy"
            ? "mm/dd/yyyy"
            : "dd-mm-yyyy"
          : `mixed (yyyy-mm-dd, ${dateOrder === "mdy" ? "mm/dd/yyyy" : "dd-mm-yyyy"})`;
  if (iso > 0 && danish > 0)
    notes.push({da: "Blandede datoformater (ISO og dansk)", en: "Mixed date formats (ISO and Danish)"});
  // decimals
  let comma = 0,
    point = 0;
  for (const c of parsed.filter((c) => c.as === "number")) {
    comma += p[`p${c.index}_comma`];
    point += p[`p${c.index}_point`];
  }
  // semicolon files come from Danish settings: decimal comma unless the values clearly use points
  const decimalComma = ctx.settings.decimalComma ?? (comma > point || (point === 0 && read.delimiter === ";"));
  if (comma > 0 && point > 0)
    notes.push({da: "Både decimalkomma og decimalpunktum fundet", en: "Both decimal commas and decimal points found"});
  // blank rows, repeated header rows, extra columns
  const empty = p.empty_rows;
  const headerRows = p.header_rows;
  if (read.blankLines + empty > 0) {
    notes.push({
      da: `${read.blankLines + empty} tomme linjer sprunget over`,
      en: `${read.blankLines + empty} blank lines skipped`
    });
  }
  if (headerRows > 0)
    notes.push({
      da: `${headerRows} gentagne overskriftslinjer sprunget over`,
      en: `${headerRows} repeated header rows skipped`
    });
  const extras = columns.filter((c) => c.target === null && c.source.trim() !== "" && !c.mapped);
  if (extras.length > 0) {
    const names = extras.map((c) => `"${c.source}"`).join(", ");
    notes.push({da: `Ukendte kolonner ignoreret: ${names}`, en: `Unknown columns ignored: ${names}`});
  }
  for (const c of trailing) {
    if (p[`filled_${c.index}`] > 0) {
      notes.push({
        da: `En kolonne uden navn (nr. ${c.index + 1}) med værdier ignoreret`,
        en: `An unnamed column (no. ${c.index + 1}) with values ignored`
      });
    } else if (!read.notes.some((n) => n.en.startsWith("Rows end with"))) {
      notes.push({
        da: "Tom kolonne uden navn (afsluttende skilletegn) ignoreret",
        en: "Empty unnamed column (trailing delimiter) ignored"
      });
    }
  }
  if (columns.some((c) => c.target === BIRTH_DATE) || expressions.has(BIRTH_DATE)) {
    notes.push({
      da: "Fødselsdato omregnet til alder ved start og ikke gemt",
      en: "Birth date reduced to age at start and not stored"
    });
  }
  const rows = p.total - empty - headerRows;
  if (rows === 0 && read.structural.length === 0) {
    fail(
      "no_rows",
      file.path,
      "Filen har kun en overskrift og ingen rækker. Eksportér den igen med data.",
      "The file has a header but no rows. Export it again with data."
    );
  }
  return {
    read,
    columns,
    expressions,
    settings: {decimalComma, dateOrder},
    dateFormat,
    rows,
    skipped: read.blankLines + empty + headerRows,
    notes
  };
}

/** The SELECT that brings one profiled source into its table's staging shape. */
function stagingSelect(source: StagedSource, table: TableName): string {
  const specs = stagedColumns(table);
  const byTarget = new Map(source.columns.filter((c) => c.target).map((c) => [c.target!, c]));
  const f = source.read.index;
  const all = source.columns.map((c) => quoteIdent(`c${c.index}`));
  const headerCols = source.columns.filter((c) => c.source.trim() !== "");
  const headerRow =
    headerCols.length > 0
      ? headerCols.map((c) => `c${c.index} IS NOT DISTINCT FROM ${quoteLiteral(c.source)}`).join(" AND ")
      : "false";
  // the columns expressions read, trimmed once in a layer below (an expression uses a value several times)
  const lookup = columnLookup(source.columns);
  const inputs = [
    ...new Set(
      [...source.expressions.values()].flatMap((e) =>
        expressionInputs(e).map((i) => lookup.get(normaliseName(i.name))!)
      )
    )
  ];
  const column = (name: string) => `s${lookup.get(normaliseName(name))!}`;
  const layer1 = specs.map((spec) => {
    const expr = source.expressions.get(spec.name);
    if (expr) return `${expressionSql(expr, column, source.settings)} AS v_${spec.name}`;
    const c = byTarget.get(spec.name);
    if (!c) return `NULL::VARCHAR AS v_${spec.name}`;
    return `${valueMapSql(sourceTextSql(source.read, c.index), c.values, c.matchCase)} AS v_${spec.name}`;
  });
  const hasBirth = byTarget.has(BIRTH_DATE) || source.expressions.has(BIRTH_DATE);
  const layer2 = specs.map((spec) => {
    if (spec.type === "string") return `v_${spec.name}`;
    // canonical text is in the strict form or marked "#…", so the exact (cheap) cast is enough
    return `v_${spec.name}, ${parsedSql(spec.type, `v_${spec.name}`, source.settings)} AS t_${spec.name}`;
  });
  const rows = `${source.read.relation} WHERE coalesce(${all.join(", ")}) IS NOT NULL AND NOT (${headerRow})`;
  let sql = `SELECT (${f}::BIGINT << ${ORDER_SHIFT}) | _line AS _o, ${layer1.join(",\n  ")}
    FROM ${inputs.length === 0 ? rows : `(SELECT *, ${inputs.map((i) => `${sourceTextSql(source.read, i)} AS s${i}`).join(", ")} FROM ${rows})`}`;
  sql = `SELECT _o, ${layer2.join(",\n  ")} FROM (${sql})`;
  if (hasBirth) {
    // age at start from the birth date where the source has no age
    const age = `date_sub('year', t_birth_date, t_intake_date)`;
    sql = `SELECT * REPLACE (
        CASE WHEN v_age_at_start IS NULL THEN CAST(${age} AS VARCHAR) ELSE v_age_at_start END AS v_age_at_start,
        CASE WHEN v_age_at_start IS NULL THEN ${age} ELSE t_age_at_start END AS t_age_at_start)
      FROM (${sql})`;
  }
  return sql;
}

/** Create stg_<table> from its sources (an empty table when it has none). */
export async function buildStaging(ctx: Ctx, table: TableName, sources: StagedSource[]): Promise<void> {
  const specs = stagedColumns(table);
  if (sources.length === 0) {
    const cols = specs.flatMap((s) =>
      s.type === "string" ? [`v_${s.name} VARCHAR`] : [`v_${s.name} VARCHAR`, `t_${s.name} ${STAGED_TYPES[s.type]}`]
    );
    await ctx.con.run(`CREATE TEMP TABLE stg_${table} (_o BIGINT, ${cols.join(", ")})`);
    return;
  }
  const union = sources.map((s) => stagingSelect(s, table)).join("\nUNION ALL\n");
  await ctx.con.run(`CREATE TEMP TABLE stg_${table} AS ${union}`);
  // the raw text is not needed any more
  for (const s of sources)
    await ctx.con.run(`DROP VIEW IF EXISTS src_${s.read.index}; DROP TABLE IF EXISTS raw_${s.read.index}`);
}
