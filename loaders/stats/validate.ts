/**
 * Shared input validation for the estimators in `loaders/stats`. Every
 * function throws a `RangeError` with a message naming the offending argument.
 */

/** Throw unless `level` is a finite number strictly between 0 and 1. */
export function checkLevel(level: number, name = "level"): void {
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new RangeError(`${name} must be a number in (0, 1), got ${String(level)}`);
  }
}

/** Throw unless `value` is a non-negative integer count. */
export function checkCount(value: number, name: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Throw unless 0 ≤ x ≤ n are integer counts. */
export function checkProportion(x: number, n: number, xName = "x", nName = "n"): void {
  checkCount(x, xName);
  checkCount(n, nName);
  if (x > n) throw new RangeError(`${xName} (${x}) must not exceed ${nName} (${n})`);
}

/** Throw unless `value` is a finite number. */
export function checkFinite(value: number, name: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
}

/** Throw unless the arrays have the same length. */
export function checkSameLength(lengths: Record<string, {length: number}>): void {
  const entries = Object.entries(lengths);
  const [firstName, first] = entries[0];
  for (const [name, array] of entries.slice(1)) {
    if (array.length !== first.length) {
      throw new RangeError(
        `${name} has length ${array.length} but ${firstName} has length ${first.length}; they must match`
      );
    }
  }
}

/**
 * Convert a count coming from a table (number, bigint or numeric string, as
 * returned by DuckDB for BIGINT/HUGEINT) to a number, throwing unless it is a
 * non-negative integer.
 */
export function toCount(value: unknown, name: string): number {
  const n = typeof value === "bigint" ? Number(value) : typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return n;
}

/** Convert a numeric table value (number, bigint or numeric string) to a finite number. */
export function toFinite(value: unknown, name: string): number {
  const n =
    typeof value === "bigint"
      ? Number(value)
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : value;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
  return n;
}
