/**
 * Small helpers shared by the SQL builders. All builders return plain SQL
 * strings for DuckDB; nothing here opens a connection.
 */

/** Quote an SQL identifier for DuckDB ("a""b" style escaping). */
export function quoteIdentifier(name: string): string {
  if (typeof name !== "string" || name.length === 0) throw new RangeError(`invalid column name ${String(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote an SQL string literal ('it''s' style escaping). */
export function quoteLiteral(value: string): string {
  return `'${String(value).replaceAll("'", "''")}'`;
}

/**
 * Turn a relation argument into something usable after FROM: a subquery
 * (anything starting with SELECT, WITH, FROM, VALUES, or "(") is wrapped in
 * parentheses; anything else is taken as a (possibly qualified, possibly
 * quoted) table or view name and inserted verbatim — quote it yourself if it
 * needs quoting. Never pass untrusted text.
 */
export function relationSql(relation: string): string {
  if (typeof relation !== "string" || relation.trim() === "")
    throw new RangeError("relation must be a non-empty string");
  const text = relation.trim();
  if (/^(\(|select\b|with\b|from\b|values\b)/i.test(text)) return `(${text})`;
  return text;
}

/** SQL expression that validates and converts an event column to INTEGER 0/1 (raises on anything else). */
export function eventExpression(column: string): string {
  const c = quoteIdentifier(column);
  return (
    `CASE WHEN ${c} IS NOT NULL AND CAST(${c} AS DOUBLE) IN (0.0, 1.0) THEN CAST(${c} AS INTEGER) ` +
    `ELSE error('event must be boolean or 0/1, got ' || coalesce(CAST(${c} AS VARCHAR), 'NULL')) END`
  );
}

/** SQL expression that validates and converts a time column to DOUBLE (raises on NULL/NaN/Inf). */
export function timeExpression(column: string): string {
  const c = quoteIdentifier(column);
  return (
    `CASE WHEN ${c} IS NOT NULL AND isfinite(CAST(${c} AS DOUBLE)) THEN CAST(${c} AS DOUBLE) ` +
    `ELSE error('time must be a finite number, got ' || coalesce(CAST(${c} AS VARCHAR), 'NULL')) END`
  );
}
