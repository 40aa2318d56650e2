/**
 * labels.do: a Stata do-file that imports every CSV table of an export,
 * labels it from the codebook and saves it as <table>.dta beside it.
 *
 * - Variable labels in English and Danish, as Stata label languages
 *   (`label language en`, the default, and `label language da`), at most 80
 *   characters (`shortLabel`; the full texts are in codebook.csv).
 * - Coded text columns (scheme_type, mentor, phase, …) become numeric
 *   variables with value labels, as Stata expects of categorical variables:
 *   numbered 1, 2, … in the codebook's order, encoded with
 *   `encode …, noextend` so that a value that is not in the codebook stops
 *   the do-file; each such variable's notes list the codes
 *   (`notes list scheme_type`), which README.md and the SQL use. TRUE/FALSE
 *   columns become 0/1 labelled No/Yes. Other text columns stay strings.
 * - Names are the CSV column names (valid Stata names of at most 32
 *   characters; `checkStataName`).
 *
 * Pure (no Node APIs).
 */
import type {Code, Codebook, CodebookColumn, CodebookFile} from "./codebook.ts";
import {shortLabel} from "./short-label.ts";

export const STATA_LABEL_MAX = 80;
export const STATA_NAME_MAX = 32;
const RESERVED = new Set([
  "_all",
  "_b",
  "byte",
  "_coef",
  "_cons",
  "double",
  "float",
  "if",
  "in",
  "int",
  "long",
  "_n",
  "_N",
  "_pi",
  "_pred",
  "_rc",
  "_skip",
  "strL",
  "using",
  "with"
]);

/** Throws unless `name` is a valid Stata variable (or value-label) name. */
export function checkStataName(name: string, where: string): string {
  if (
    !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ||
    name.length > STATA_NAME_MAX ||
    RESERVED.has(name) ||
    /^str\d+$/.test(name)
  ) {
    throw new Error(
      `${where}: "${name}" is not a valid Stata name (letters, digits and _, not starting with a digit, at most ${STATA_NAME_MAX} characters, not reserved)`
    );
  }
  return name;
}

/**
 * A Stata string literal in compound quotes: `"…"'. Backticks become ' and $ is escaped (\$), so no
 * macro is expanded; a "' inside (which would close the quotes) gets a space.
 */
export function stataString(text: string): string {
  return '`"' + text.replace(/`/g, "'").replace(/\$/g, "\\$").replace(/"'/g, "\" '") + "\"'";
}

/** A label for Stata: one line, at most 80 characters. */
export const stataLabel = (text: string): string => stataString(shortLabel(text, STATA_LABEL_MAX));

/** Name of a column's value label in one language (at most 32 characters). */
export const valueLabelName = (column: string, lang: "en" | "da"): string =>
  `${column.slice(0, STATA_NAME_MAX - 3)}_${lang}`;

const encoded = (c: CodebookColumn) => c.type === "string" && !!c.codes?.length;
const isBoolean = (c: CodebookColumn) => c.type === "boolean";

function defineLabel(name: string, codes: readonly Code[], text: (c: Code) => string, modify = false): string[] {
  const lines = codes.map(
    (c, i) => `    ${i + 1} ${stataLabel(text(c))}${i === codes.length - 1 ? (modify ? ", modify" : "") : " ///"}`
  );
  return [...(modify ? [] : [`capture label drop ${name}`]), `label define ${name} ///`, ...lines];
}

/** The data files a label file covers: every table of the export but the codebook, CSV or Parquet. */
export function labelledFiles(codebook: Codebook, what: string): CodebookFile[] {
  const files = codebook.files.filter((f) => /\.(csv|parquet)$/.test(f.file) && f.table !== "codebook");
  if (!files.length) throw new Error(`${what}: the export has no data tables`);
  return files;
}

/** The CSV a label file reads for a table: the table itself, or its conversion from Parquet (`parquetToCsv`). */
export const csvOf = (f: CodebookFile): string => `${f.table}.csv`;

/**
 * Neither Stata nor SPSS reads Parquet: the comment lines that convert a Parquet export's tables to CSV first,
 * with DuckDB's command line (one COPY per table). Empty for a CSV export.
 */
export function parquetToCsv(files: readonly CodebookFile[], prefix: string): string[] {
  const parquet = files.filter((f) => f.file.endsWith(".parquet"));
  if (!parquet.length) return [];
  return [
    `${prefix}This export is in Parquet, which this program does not read: convert the tables to CSV first, in the`,
    `${prefix}export folder, e.g. with DuckDB's command line (https://duckdb.org/docs/installation):`,
    ...parquet.map((f) => {
      // DuckDB writes booleans as true/false; the CSV of an export (and so these files) has TRUE/FALSE
      const flags = f.columns.filter(isBoolean).map((c) => `upper(CAST(${c.column} AS VARCHAR)) AS ${c.column}`);
      const from = flags.length ? `SELECT * REPLACE (${flags.join(", ")}) FROM '${f.file}'` : `FROM '${f.file}'`;
      return `${prefix}  duckdb -c "COPY (${from}) TO '${csvOf(f)}' (HEADER)"`;
    })
  ];
}

/** The do-file lines of one table (read from its CSV). */
function fileBlock(f: CodebookFile): string[] {
  const cols = f.columns;
  cols.forEach((c) => checkStataName(c.column, `${f.file} column`));
  const numbers = (pick: (c: CodebookColumn) => boolean) =>
    cols
      .map((c, i) => (pick(c) ? i + 1 : 0))
      .filter((i) => i > 0)
      .join(" ");
  const strings = numbers((c) => c.type === "string" || c.type === "boolean");
  const numeric = numbers((c) => c.type === "integer" || c.type === "number");
  const lines = [
    "",
    `* ---- ${f.file}: ${shortLabel(f.description.en, 200)}`,
    `import delimited using "${csvOf(f)}", varnames(1) case(preserve) encoding("utf-8") bindquotes(strict) asdouble` +
      `${strings ? ` stringcols(${strings})` : ""}${numeric ? ` numericcols(${numeric})` : ""} clear`,
    "label language en, rename",
    `label data ${stataLabel(`${f.table}: ${f.description.en}`)}`,
    // value labels belong to the dataset (import … clear drops them): defined for each file
    ...(cols.some(isBoolean)
      ? [
          `label define yesno_en 0 ${stataString("No")} 1 ${stataString("Yes")}`,
          `label define yesno_da 0 ${stataString("Nej")} 1 ${stataString("Ja")}`
        ]
      : [])
  ];
  for (const c of cols) {
    const v = c.column;
    if (encoded(c)) {
      const en = valueLabelName(v, "en");
      lines.push(
        ...defineLabel(en, c.codes!, (x) => x.code),
        `encode ${v}, generate(__coded) label(${en}) noextend`,
        `order __coded, after(${v})`,
        `drop ${v}`,
        `rename __coded ${v}`,
        ...defineLabel(en, c.codes!, (x) => x.en, true),
        `notes ${v}: codes ${c
          .codes!.map((x, i) => `${i + 1} = ${x.code}`)
          .join("; ")
          .replace(/`/g, "'")
          .replace(/\$/g, "\\$")}`
      );
    } else if (isBoolean(c)) {
      lines.push(
        `assert inlist(${v}, "TRUE", "FALSE", "")`,
        `generate byte __coded = cond(${v} == "TRUE", 1, cond(${v} == "FALSE", 0, .))`,
        `order __coded, after(${v})`,
        `drop ${v}`,
        `rename __coded ${v}`,
        `label values ${v} yesno_en`
      );
    }
  }
  for (const c of cols) lines.push(`label variable ${c.column} ${stataLabel(c.en)}`);
  lines.push("label language da, new", `label data ${stataLabel(`${f.table}: ${f.description.da}`)}`);
  for (const c of cols) {
    if (encoded(c))
      lines.push(
        ...defineLabel(valueLabelName(c.column, "da"), c.codes!, (x) => x.da),
        `label values ${c.column} ${valueLabelName(c.column, "da")}`
      );
    else if (isBoolean(c)) lines.push(`label values ${c.column} yesno_da`);
  }
  for (const c of cols) lines.push(`label variable ${c.column} ${stataLabel(c.da)}`);
  lines.push("label language en", `save "${f.table}.dta", replace`);
  return lines;
}

/** labels.do for the data tables of a codebook (the codebook itself left out); Parquet tables are read from their CSV conversion. */
export function stataLabels(codebook: Codebook, title: string): string {
  const files = labelledFiles(codebook, "labels.do");
  return [
    `* labels.do: Stata labels for ${title}`,
    '* Run it in the export folder:   cd "<the export folder>"   then   do labels.do',
    ...parquetToCsv(files, "* "),
    "* Each CSV table is imported (UTF-8; an empty field is missing: hidden by the privacy gate, the row's",
    "* suppressed column names it, or not applicable), labelled and saved as <table>.dta in the same folder.",
    "* Variable labels in English (label language en, the default) and Danish (label language da); labels",
    `* longer than ${STATA_LABEL_MAX} characters are shortened, the full texts are in codebook.csv.`,
    "* Coded text columns (scheme_type, mentor, phase, ...) become numeric variables with value labels, numbered",
    "* 1, 2, ... in the codebook's order; a value not in the codebook stops the do-file (encode ..., noextend).",
    "* The codes themselves (as in README.md and sql/) are in each variable's notes: notes list scheme_type.",
    "* TRUE/FALSE columns become 0/1 labelled No/Yes. Other text columns stay strings.",
    "version 14",
    ...files.flatMap(fileBlock),
    ""
  ].join("\n");
}
