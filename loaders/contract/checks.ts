/**
 * Column checks of the data contract as SQL predicates over text columns.
 * Each predicate is TRUE when a value breaks the rule, so a validator can
 * select the failing rows (with their reason) in one pass inside DuckDB.
 * Used by the ingest validation and by the contract conformance test.
 */
import type {ColumnSpec, TableSpec} from "./contract.ts";
import {quoteIdentifier as quoteIdent, quoteLiteral} from "../stats/sql/common.ts";

export interface ColumnCheck {
  column: string;
  rule: "required" | "type" | "allowed" | "range";
  /** SQL boolean expression, TRUE for a failing value. */
  failsSql: string;
  reasonDa: string;
  reasonEn: string;
}

// One quoting implementation for the whole project (the statistics core's SQL helpers).
export {quoteIdentifier as quoteIdent, quoteLiteral} from "../stats/sql/common.ts";

/**
 * SQL cast of text already in the contract's canonical form (digits, a point
 * decimal, yyyy-mm-dd, true/false), NULL when it does not parse. On canonical
 * text DuckDB's TRY_CAST is exact; on other text it is lenient ('17.5' → 18,
 * '1e3' → 1000, '2017-08-1x' → a date), so use castSql for raw text.
 */
export function canonicalCastSql(column: ColumnSpec, expr: string): string {
  switch (column.type) {
    case "integer":
      return `TRY_CAST(${expr} AS BIGINT)`;
    case "decimal":
      return `TRY_CAST(${expr} AS DOUBLE)`;
    case "date":
      return `TRY_CAST(${expr} AS DATE)`;
    case "boolean":
      return `CASE lower(${expr}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE WHEN '1' THEN TRUE WHEN '0' THEN FALSE END`;
    default:
      return expr;
  }
}

/** The text forms castSql accepts per type (booleans: the words in canonicalCastSql). */
const STRICT_FORMS: Partial<Record<ColumnSpec["type"], string>> = {
  integer: "[+-]?[0-9]+",
  decimal: "[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?",
  date: "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
};

/**
 * Strict SQL cast of a (trimmed, non-empty) text value to the contract type;
 * NULL when it does not parse or is not in the type's form (so '17.5', '1e3'
 * and '0x10' are not whole numbers and '2017-08-1x' is not a date).
 */
export function castSql(column: ColumnSpec, expr: string): string {
  const form = STRICT_FORMS[column.type];
  const cast = canonicalCastSql(column, expr);
  return form ? `CASE WHEN regexp_full_match(${expr}, '${form}') THEN ${cast} END` : cast;
}

const TYPE_WORDS: Record<ColumnSpec["type"], [string, string]> = {
  string: ["tekst", "text"],
  integer: ["et helt tal", "a whole number"],
  decimal: ["et tal", "a number"],
  date: ["en dato (åååå-mm-dd)", "a date (yyyy-mm-dd)"],
  boolean: ["true eller false", "true or false"]
};

/**
 * The checks of one column; `expr` is the SQL of its (text) value, NULL when empty.
 * `typed`, when given, is the SQL of the value already parsed to the column's
 * type (NULL when empty or unparseable), so the checks do not cast again.
 */
export function columnChecks(
  column: ColumnSpec,
  expr = quoteIdent(column.name),
  typed = castSql(column, expr)
): ColumnCheck[] {
  const checks: ColumnCheck[] = [];
  const name = column.name;
  if (column.required) {
    checks.push({
      column: name,
      rule: "required",
      failsSql: `${expr} IS NULL`,
      reasonDa: `${name} mangler, men skal udfyldes`,
      reasonEn: `${name} is empty but required`
    });
  }
  if (column.type !== "string") {
    const [da, en] = TYPE_WORDS[column.type];
    checks.push({
      column: name,
      rule: "type",
      failsSql: `${expr} IS NOT NULL AND ${typed} IS NULL`,
      reasonDa: `${name} skal være ${da}`,
      reasonEn: `${name} must be ${en}`
    });
  }
  if (column.values) {
    const list = column.values.map(quoteLiteral).join(", ");
    checks.push({
      column: name,
      rule: "allowed",
      failsSql: `${expr} IS NOT NULL AND ${expr} NOT IN (${list})`,
      reasonDa: `${name} skal være en af: ${column.values.join(" | ")}`,
      reasonEn: `${name} must be one of: ${column.values.join(" | ")}`
    });
  }
  if (column.min !== undefined || column.max !== undefined) {
    const cast = typed;
    const parts = [
      column.min !== undefined ? `${cast} < ${column.min}` : null,
      column.max !== undefined ? `${cast} > ${column.max}` : null
    ].filter(Boolean);
    checks.push({
      column: name,
      rule: "range",
      failsSql: `${cast} IS NOT NULL AND (${parts.join(" OR ")})`,
      reasonDa: `${name} skal ligge mellem ${column.min ?? "-∞"} og ${column.max ?? "∞"}`,
      reasonEn: `${name} must be between ${column.min ?? "-∞"} and ${column.max ?? "∞"}`
    });
  }
  return checks;
}

export function tableChecks(table: TableSpec): ColumnCheck[] {
  return table.columns.flatMap((c) => columnChecks(c));
}
