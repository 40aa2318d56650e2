/**
 * Settings of the privacy gate. The minimum cell size is 5 individuals by
 * default (Statistics Denmark's rule); some agencies use 3. Override with the
 * environment variable MENTOR_MIN_CELL or the `minCell` option of `publish`.
 */
export const MIN_CELL_ENV = "MENTOR_MIN_CELL";
export const DEFAULT_MIN_CELL = 5;

/** The minimum cell size in force: explicit value, else MENTOR_MIN_CELL, else 5. */
export function minCell(explicit?: number): number {
  const raw =
    explicit ??
    (process.env[MIN_CELL_ENV] !== undefined && process.env[MIN_CELL_ENV] !== ""
      ? Number(process.env[MIN_CELL_ENV])
      : DEFAULT_MIN_CELL);
  if (!Number.isInteger(raw) || raw < 2 || raw > 1000) {
    throw new RangeError(
      `minimum cell size must be an integer from 2 to 1000 (${MIN_CELL_ENV}), got ${String(explicit ?? process.env[MIN_CELL_ENV])}`
    );
  }
  return raw;
}
