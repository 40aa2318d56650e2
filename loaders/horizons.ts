/**
 * The outcome horizons and the maturity rule: one definition for the analysis
 * (analysis/sql/base.ts), the privacy model (privacy/model.ts) and the pages.
 *
 * A fixed horizon ("3m", "1y", "2y", "5y") counts dropout within that many
 * days of the time origin among enrolments followed for the whole horizon.
 * "ever" counts dropout by the data date among *mature* cohorts: enrolments
 * whose intake is at least the maturity horizon before the data date, so
 * nearly every course has ended. The maturity horizon is a setting
 * (MENTOR_MATURE_DAYS, default 1826 days = 5 years); data with shorter
 * follow-up fall back to the longest horizon they support (analysis/meta.ts).
 */
/** Outcome horizon: dropout (completion) within 3 months, 1, 2, 5 years of the time origin, or "ever" = by the data date among mature cohorts. */
export type HorizonKey = "3m" | "1y" | "2y" | "5y" | "ever";

export const HORIZONS: readonly {key: HorizonKey; days: number | null}[] = [
  {key: "3m", days: 91},
  {key: "1y", days: 365},
  {key: "2y", days: 730},
  {key: "5y", days: 1826},
  {key: "ever", days: null}
];

export const MATURE_ENV = "MENTOR_MATURE_DAYS";
export const DEFAULT_MATURE_DAYS = 1826;
/**
 * Maturity horizons the privacy model can express (each a break of its time
 * bands, privacy/model.ts TIME_BREAKS): 3 months to 5 years.
 */
export const MATURE_CHOICES = [91, 182, 365, 730, 1095, 1461, 1826] as const;

/** The maturity horizon asked for: explicit value, else MENTOR_MATURE_DAYS, else 1826 days. */
export function matureDaysSetting(explicit?: number): number {
  const env = process.env[MATURE_ENV];
  const raw = explicit ?? (env !== undefined && env !== "" ? Number(env) : DEFAULT_MATURE_DAYS);
  if (!(MATURE_CHOICES as readonly number[]).includes(raw)) {
    throw new RangeError(`the maturity horizon (${MATURE_ENV}) must be one of ${MATURE_CHOICES.join(", ")} days, got ${String(explicit ?? env)}`);
  }
  return raw;
}

/** Days of a horizon (null for "ever"). */
export function horizonDays(key: HorizonKey): number | null {
  const h = HORIZONS.find((x) => x.key === key);
  if (!h) throw new RangeError(`Unknown horizon "${key}". Allowed: ${HORIZONS.map((x) => x.key).join(", ")}`);
  return h.days;
}
