/**
 * From source text to the contract's canonical text, in SQL: trimming,
 * value codes from the mapping, and per type
 *  - date: ISO (yyyy-mm-dd, optionally with a time) or Danish dd-mm-yyyy,
 *    dd.mm.yyyy, dd/mm/yyyy (mm/dd/yyyy when detected or asked for) → yyyy-mm-dd;
 *  - decimal: point, or decimal comma with optional thousands dots → 12.5;
 *  - integer: digits (a zero fraction such as 17.0 or 17,0 is allowed;
 *    thousands dots with a decimal comma) → 17;
 *  - boolean: true/false/1/0/ja/nej/yes/no/sand/falsk → true/false.
 * A value outside these forms becomes "#" + value, so the cast of canonical
 * text in checks.ts (canonicalCastSql, done once in staging) fails on it
 * (DuckDB's own casts are lenient on other text: '2017-08-1x' → 2017-08-01,
 * '17.5' → 18) and it is rejected with the type's reason.
 */
import type {ColumnType} from "../contract/contract.ts";
import {canonicalCastSql, quoteLiteral} from "../contract/checks.ts";

export type DateOrder = "dmy" | "mdy" | "iso";

export interface ValueSettings {
  decimalComma: boolean;
  dateOrder: DateOrder;
}

const WS = " \t\r\n\u00a0";

/** Trimmed text, NULL when empty. Trims only when an end is whitespace (trim() is slow). */
export function textSql(raw: string): string {
  return `CASE WHEN ${raw} = '' THEN NULL WHEN ascii(${raw}) IN (9, 10, 13, 32, 160) OR ends_with(${raw}, ' ') OR ends_with(${raw}, chr(9)) OR ends_with(${raw}, chr(13)) OR ends_with(${raw}, chr(10)) OR ends_with(${raw}, chr(160)) THEN NULLIF(trim(${raw}, '${WS}'), '') ELSE ${raw} END`;
}

/**
 * Apply a value mapping (source code → contract code) to trimmed text. Codes
 * match regardless of case unless `matchCase` (lower() on both sides, so
 * Æ/æ match too); values not listed pass through unchanged.
 */
export function valueMapSql(v: string, values?: Record<string, string>, matchCase = false): string {
  if (!values || Object.keys(values).length === 0) return v;
  const code = (x: string) => (matchCase ? x : `lower(${x})`);
  const whens = Object.entries(values)
    .map(([from, to]) => `WHEN ${code(quoteLiteral(from.trim()))} THEN ${quoteLiteral(to)}`)
    .join(" ");
  return `CASE ${code(v)} ${whens} ELSE ${v} END`;
}

const DANISH_DATE = "[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{4}";
const TIME = "([ T][0-9]{1,2}[:.][0-9]{2}([:.][0-9]{2}([.,][0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?";

/** The common ISO form, tested with GLOB (much cheaper than a regular expression). */
const ISO_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]";

export function dateSql(v: string, order: DateOrder): string {
  const danish =
    order === "iso"
      ? ""
      : `WHEN regexp_full_match(${v}, '${DANISH_DATE}${TIME}') THEN regexp_replace(${v}, '^([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{4}).*$', '${order === "dmy" ? "\\3-\\2-\\1" : "\\3-\\1-\\2"}')`;
  return `CASE WHEN ${v} IS NULL THEN NULL
    WHEN ${v} GLOB '${ISO_GLOB}' THEN ${v}
    WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}') THEN ${v}
    WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}${TIME}') THEN regexp_extract(${v}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}')
    ${danish}
    ELSE '#' || ${v} END`;
}

export function decimalSql(v: string, decimalComma: boolean): string {
  const comma = decimalComma
    ? `WHEN regexp_full_match(${v}, '[+-]?[0-9]{1,3}([.][0-9]{3})+(,[0-9]*)?|[+-]?[0-9]*,[0-9]+|[+-]?[0-9]+,') THEN replace(replace(${v}, '.', ''), ',', '.')`
    : "";
  return `CASE WHEN ${v} IS NULL THEN NULL
    WHEN regexp_full_match(${v}, '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN ${v}
    ${comma}
    ELSE '#' || ${v} END`;
}

export function integerSql(v: string, decimalComma: boolean): string {
  const special = decimalComma
    ? `WHEN regexp_full_match(${v}, '[+-]?[0-9]{1,3}([.][0-9]{3})+') THEN replace(${v}, '.', '')
       WHEN regexp_full_match(${v}, '[+-]?[0-9]+,0*') THEN regexp_extract(${v}, '^[+-]?[0-9]+')`
    : `WHEN regexp_full_match(${v}, '[+-]?[0-9]{1,3}([.][0-9]{3})+') THEN '#' || ${v}
       WHEN regexp_full_match(${v}, '[+-]?[0-9]+[.]0*') THEN regexp_extract(${v}, '^[+-]?[0-9]+')`;
  return `CASE WHEN ${v} IS NULL THEN NULL
    WHEN regexp_full_match(${v}, '[+-]?[0-9]+') THEN ${v}
    ${special}
    ELSE '#' || ${v} END`;
}

const TRUE_WORDS = ["true", "1", "ja", "j", "yes", "y", "sand"];
const FALSE_WORDS = ["false", "0", "nej", "n", "no", "falsk"];

export function booleanSql(v: string): string {
  return `CASE WHEN ${v} IS NULL THEN NULL WHEN lower(${v}) IN (${TRUE_WORDS.map(quoteLiteral).join(", ")}) THEN 'true'
    WHEN lower(${v}) IN (${FALSE_WORDS.map(quoteLiteral).join(", ")}) THEN 'false' ELSE '#' || ${v} END`;
}

/** Canonical text of a typed value (NULL when empty). */
export function canonicalSql(type: ColumnType, v: string, settings: ValueSettings): string {
  switch (type) {
    case "date":
      return dateSql(v, settings.dateOrder);
    case "decimal":
      return decimalSql(v, settings.decimalComma);
    case "integer":
      return integerSql(v, settings.decimalComma);
    case "boolean":
      return booleanSql(v);
    default:
      return v;
  }
}

/** The typed value of text (DATE, BIGINT, DOUBLE, BOOLEAN; NULL when empty or not of the type): cast of the canonical text. */
export function parsedSql(type: ColumnType, v: string, settings: ValueSettings): string {
  return canonicalCastSql({name: "", type, required: false, description: ""}, canonicalSql(type, v, settings));
}

/** Aggregates that detect the date order and the decimal comma (used by the profile query). */
export function dateProfileSql(v: string, key: string): string[] {
  // A value that starts like ISO (four digits and "-") cannot be a Danish date: run the
  // regular expressions only on the others (GLOB is much cheaper than a cast or a regex).
  const isoLike = `${v} GLOB '[0-9][0-9][0-9][0-9]-*'`;
  const notIso = (re: string) =>
    `count_if(CASE WHEN ${v} IS NULL OR ${isoLike} THEN false ELSE regexp_full_match(trim(${v}), '${re}') END)`;
  return [
    `count_if(${isoLike}) AS "${key}_iso"`,
    `${notIso(`${DANISH_DATE}.*`)} AS "${key}_danish"`,
    `${notIso("(1[3-9]|2[0-9]|3[01])[-./][0-9]{1,2}[-./][0-9]{4}.*")} AS "${key}_day_first"`,
    `${notIso("[0-9]{1,2}[-./](1[3-9]|2[0-9]|3[01])[-./][0-9]{4}.*")} AS "${key}_month_first"`
  ];
}

export function decimalProfileSql(v: string, key: string): string[] {
  return [
    `count_if(CASE WHEN contains(${v}, ',') THEN regexp_full_match(trim(${v}), '[+-]?[0-9]*,[0-9]+') ELSE false END) AS "${key}_comma"`,
    // a value like 2.400 may be a thousands dot: it does not count as a decimal point
    `count_if(CASE WHEN contains(${v}, '.') THEN regexp_full_match(trim(${v}), '[+-]?[0-9]*[.][0-9]+') AND NOT regexp_full_match(trim(${v}), '[+-]?[0-9]{1,3}([.][0-9]{3})+') ELSE false END) AS "${key}_point"`
  ];
}
