/**
 * labels.sps: SPSS syntax that reads every CSV table of an export
 * (GET DATA, UTF-8), labels it from the codebook and saves it as
 * <table>.sav beside it.
 *
 * - English variable labels (at most 80 characters, `shortLabel`; the full
 *   texts are in codebook.csv); the Danish label of each variable is its
 *   custom attribute `label_da`.
 * - Coded text columns stay strings, with English value labels on their
 *   codes (SPSS labels string values, so the codes of README.md and the SQL
 *   stay the values); TRUE/FALSE columns likewise (Yes/No). Value labels are
 *   at most 120 bytes, SPSS's limit.
 * - Numbers are read with `F` formats without implied decimals and shown
 *   with 6 decimals (estimates) or none (counts).
 * - Every line is at most 256 characters (SPSS's limit for a syntax line).
 *
 * Pure (no Node APIs).
 */
import type {Codebook, CodebookColumn, CodebookFile} from "./codebook.ts";
import {shortLabel, utf8Bytes} from "./short-label.ts";
import {csvOf, labelledFiles, parquetToCsv} from "./stata.ts";

export const SPSS_VARIABLE_LABEL_MAX = 80;
export const SPSS_VALUE_LABEL_BYTES = 120;
export const SPSS_NAME_BYTES = 64;
export const SPSS_LINE_MAX = 256;
/** Free text columns without codes: wide enough for any value the export writes (ids, months, group lists). */
export const SPSS_TEXT_WIDTH = 255;
const RESERVED = new Set(["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]);

/** Throws unless `name` is a valid SPSS variable name. */
export function checkSpssName(name: string, where: string): string {
  if (
    !/^[A-Za-z][A-Za-z0-9_.]*$/.test(name) ||
    name.endsWith(".") ||
    utf8Bytes(name) > SPSS_NAME_BYTES ||
    RESERVED.has(name.toUpperCase())
  ) {
    throw new Error(
      `${where}: "${name}" is not a valid SPSS variable name (a letter, then letters, digits, _ or ., at most ${SPSS_NAME_BYTES} bytes, not reserved)`
    );
  }
  return name;
}

/** An SPSS string literal: "…" with " doubled (one line). */
export const spssString = (text: string): string => `"${text.replace(/[\r\n]+/g, " ").replace(/"/g, '""')}"`;

/** A comment line: SPSS ends a comment at the first line that ends with a period, so every one does. */
const comment = (text: string): string => `* ${text.replace(/[\r\n]+/g, " ").replace(/[\s.]+$/, "")}.`;

/** The A width of a text column: its longest code, the column names a `suppressed` flag can list, or the free-text width. */
function textWidth(c: CodebookColumn, f: CodebookFile): number {
  if (c.codes?.length) return Math.max(...c.codes.map((x) => utf8Bytes(x.code)));
  if (c.kind === "flag")
    return Math.max(
      1,
      utf8Bytes(
        f.columns
          .filter((x) => x.kind !== "flag")
          .map((x) => x.column)
          .join(";")
      )
    );
  return SPSS_TEXT_WIDTH;
}

const readFormat = (c: CodebookColumn, f: CodebookFile) =>
  c.type === "integer" || c.type === "number" ? "F40.0" : `A${textWidth(c, f)}`;

function fileBlock(f: CodebookFile): string[] {
  const cols = f.columns;
  cols.forEach((c) => checkSpssName(c.column, `${f.file} column`));
  const coded = cols.filter((c) => c.codes?.length);
  const integers = cols.filter((c) => c.type === "integer").map((c) => c.column);
  const numbers = cols.filter((c) => c.type === "number").map((c) => c.column);
  return [
    "",
    comment(`---- ${shortLabel(`${f.file}: ${f.description.en}`, 200)}`),
    "GET DATA /TYPE=TXT",
    `  /FILE=${spssString(csvOf(f))}`,
    "  /ENCODING='UTF8'",
    "  /DELCASE=LINE",
    '  /DELIMITERS=","',
    "  /QUALIFIER='\"'",
    "  /ARRANGEMENT=DELIMITED",
    "  /FIRSTCASE=2",
    "  /VARIABLES=",
    ...cols.map((c, i) => `    ${c.column} ${readFormat(c, f)}${i === cols.length - 1 ? "." : ""}`),
    ...(integers.length
      ? ["FORMATS", ...integers.map((v, i) => `  ${v} (F12.0)${i === integers.length - 1 ? "." : ""}`)]
      : []),
    ...(numbers.length
      ? ["FORMATS", ...numbers.map((v, i) => `  ${v} (F16.6)${i === numbers.length - 1 ? "." : ""}`)]
      : []),
    "VARIABLE LABELS",
    ...cols.map(
      (c, i) =>
        `  ${i ? "/" : ""}${c.column} ${spssString(shortLabel(c.en, SPSS_VARIABLE_LABEL_MAX))}${i === cols.length - 1 ? "." : ""}`
    ),
    "VARIABLE ATTRIBUTE",
    ...cols.map(
      (c, i) =>
        `  ${i ? "/" : ""}VARIABLES=${c.column} ATTRIBUTE=label_da(${spssString(shortLabel(c.da, SPSS_VARIABLE_LABEL_MAX))})${i === cols.length - 1 ? "." : ""}`
    ),
    ...(coded.length
      ? [
          "VALUE LABELS",
          ...coded.flatMap((c, j) => [
            `  ${j ? "/" : ""}${c.column}`,
            ...c.codes!.map(
              (x, i) =>
                `    ${spssString(x.code)} ${spssString(shortLabel(x.en, SPSS_VALUE_LABEL_BYTES, utf8Bytes))}` +
                `${j === coded.length - 1 && i === c.codes!.length - 1 ? "." : ""}`
            )
          ])
        ]
      : []),
    ...(coded.length ? [`VARIABLE LEVEL ${coded.map((c) => c.column).join(" ")} (NOMINAL).`] : []),
    `SAVE OUTFILE=${spssString(`${f.table}.sav`)}.`
  ];
}

/** labels.sps for the data tables of a codebook (the codebook itself left out); Parquet tables are read from their CSV conversion. */
export function spssLabels(codebook: Codebook, title: string): string {
  const files = labelledFiles(codebook, "labels.sps");
  return [
    "* Encoding: UTF-8.",
    comment(shortLabel(`labels.sps: SPSS labels for ${title}`, 200)),
    comment("Set the working directory to the export folder first (CD 'path/to/the/export/folder'.), then run all"),
    ...parquetToCsv(files, "").map(comment),
    comment(
      "Each CSV table is read (UTF-8; an empty field is system-missing or an empty string: hidden by the privacy gate, the suppressed column of the row names it, or not applicable), labelled and saved as <table>.sav"
    ),
    comment(
      `English variable labels (at most ${SPSS_VARIABLE_LABEL_MAX} characters; full texts in codebook.csv); the Danish label is the variable attribute label_da (Variable View, or DISPLAY ATTRIBUTES)`
    ),
    comment("Coded text columns keep their codes (as in README.md and sql/) with English value labels"),
    comment("Needs Unicode mode (the default since SPSS 21; also PSPP)"),
    ...files.flatMap(fileBlock),
    ""
  ].join("\n");
}
