/**
 * The outcome horizons and the maturity rule: one definition for the analysis
 * (analysis/sql/base.ts), the privacy model (privacy/model.ts) and the pages.
 *
 * A fixed horizon ("3m", "1y", "2y", "5y", …) counts dropout within that many
 * days of the time origin among enrolments followed for the whole horizon.
 * "ever" counts dropout by the data date among *mature* cohorts: enrolments
 * whose intake is at least the maturity horizon before the data date, so
 * nearly every course has ended. Three settings, each with today's value as
 * default and each limited to the privacy model's time bands (TIME_BREAKS):
 * - MENTOR_HORIZONS: the fixed horizons computed and published (default 3m,1y,2y,5y);
 * - MENTOR_SHORT_HORIZON: the one fixed horizon the benchmark, the trend by intake
 *   year and the per-scheme "recent" effects use (default 1y);
 * - MENTOR_MATURE_DAYS: the maturity horizon (default 1826 days = 5 years).
 * Data with shorter follow-up fall back to the longest horizon they support (analysis/meta.ts).
 */

/** Every fixed horizon the privacy model's time bands can express, in days (privacy/model.ts TIME_BREAKS). */
export const FIXED_HORIZON_DAYS = {
  "3m": 91,
  "6m": 182,
  "1y": 365,
  "2y": 730,
  "3y": 1095,
  "4y": 1461,
  "5y": 1826
} as const;
export type FixedHorizonKey = keyof typeof FIXED_HORIZON_DAYS;
/** Outcome horizon: dropout (completion) within a fixed number of days of the time origin, or "ever" = by the data date among mature cohorts. */
export type HorizonKey = FixedHorizonKey | "ever";

export const HORIZONS_ENV = "MENTOR_HORIZONS";
export const SHORT_HORIZON_ENV = "MENTOR_SHORT_HORIZON";
export const MATURE_ENV = "MENTOR_MATURE_DAYS";
export const DEFAULT_HORIZONS: readonly FixedHorizonKey[] = ["3m", "1y", "2y", "5y"];
export const DEFAULT_SHORT_HORIZON: FixedHorizonKey = "1y";
export const DEFAULT_MATURE_DAYS = 1826;
/** Maturity horizons the privacy model can express (each a break of its time bands): 3 months to 5 years. */
export const MATURE_CHOICES: readonly number[] = Object.values(FIXED_HORIZON_DAYS);

const FIXED_KEYS = Object.keys(FIXED_HORIZON_DAYS) as FixedHorizonKey[];

/** A fixed horizon from its key ("1y") or its days ("365"); null when it is neither. */
function fixedKey(token: string): FixedHorizonKey | null {
  const t = token.trim().toLowerCase();
  if ((FIXED_KEYS as string[]).includes(t)) return t as FixedHorizonKey;
  return FIXED_KEYS.find((k) => String(FIXED_HORIZON_DAYS[k]) === t) ?? null;
}

const choices = () => FIXED_KEYS.map((k) => `${k} (${FIXED_HORIZON_DAYS[k]})`).join(", ");

function envValue(name: string): string | undefined {
  const v = process.env[name];
  return v !== undefined && v.trim() !== "" ? v : undefined;
}

/** The fixed horizons asked for, shortest first: explicit list, else MENTOR_HORIZONS ("3m,1y" or "91,365"), else 3m, 1y, 2y, 5y. */
export function fixedHorizonsSetting(explicit?: readonly string[]): FixedHorizonKey[] {
  const raw = explicit ?? envValue(HORIZONS_ENV)?.split(",") ?? DEFAULT_HORIZONS;
  const keys = raw.map((token) => {
    const key = fixedKey(token);
    if (!key)
      throw new RangeError(
        `the fixed horizons (${HORIZONS_ENV}) must each be one of ${choices()}, got "${token.trim()}"`
      );
    return key;
  });
  if (keys.length === 0) throw new RangeError(`${HORIZONS_ENV} names no horizon; give e.g. 3m,1y,2y,5y`);
  return FIXED_KEYS.filter((k) => keys.includes(k));
}

/** The fixed horizon of the benchmark, the trend and the per-scheme recent effects: explicit, else MENTOR_SHORT_HORIZON, else 1y; one of the fixed horizons. */
export function shortHorizonSetting(explicit?: string): FixedHorizonKey {
  const token = explicit ?? envValue(SHORT_HORIZON_ENV) ?? DEFAULT_SHORT_HORIZON;
  const key = fixedKey(token);
  const fixed = fixedHorizonsSetting();
  if (!key || !fixed.includes(key)) {
    throw new RangeError(
      `the short horizon (${SHORT_HORIZON_ENV}) must be one of the fixed horizons (${HORIZONS_ENV}: ${fixed.join(", ")}), got "${token}"`
    );
  }
  return key;
}

/** The maturity horizon asked for: explicit value, else MENTOR_MATURE_DAYS, else 1826 days. */
export function matureDaysSetting(explicit?: number): number {
  const env = envValue(MATURE_ENV);
  const raw = explicit ?? (env !== undefined ? Number(env) : DEFAULT_MATURE_DAYS);
  if (!MATURE_CHOICES.includes(raw)) {
    throw new RangeError(
      `the maturity horizon (${MATURE_ENV}) must be one of ${MATURE_CHOICES.join(", ")} days, got ${String(explicit ?? env)}`
    );
  }
  return raw;
}

/** The horizons computed and published: the fixed ones asked for, then "ever". */
export function horizons(): {key: HorizonKey; days: number | null}[] {
  return [...fixedHorizonsSetting().map((key) => ({key, days: FIXED_HORIZON_DAYS[key]})), {key: "ever", days: null}];
}

/** Every horizon setting, for cache keys: a change of any of them must rebuild what depends on it. */
export function horizonSettings(): {fixed: FixedHorizonKey[]; short: FixedHorizonKey; mature: number} {
  return {fixed: fixedHorizonsSetting(), short: shortHorizonSetting(), mature: matureDaysSetting()};
}

/** Days of a horizon (null for "ever"). */
export function horizonDays(key: HorizonKey): number | null {
  if (key === "ever") return null;
  const days = FIXED_HORIZON_DAYS[key];
  if (days === undefined)
    throw new RangeError(`Unknown horizon "${String(key)}". Allowed: ${[...FIXED_KEYS, "ever"].join(", ")}`);
  return days;
}
