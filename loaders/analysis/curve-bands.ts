/**
 * Retention curves on the site are life tables over fixed time bands, built
 * only from counts that pass the ordinary counts gate (see
 * loaders/privacy/README.md rule 5). This module holds the bands, the
 * measure names and the gate spec of the band counts, so the analysis, the
 * site and any audit model name the same cells.
 *
 * Bands: days from the origin (intake, or the placement start for the
 * workplace set). Band i is [CURVE_BANDS[i], CURVE_BANDS[i + 1]); the last
 * band is open. The first band [0, 42) includes day 0, so dropouts on the
 * first day count in it; they have no band of their own because that band
 * was a small count in almost every group and hid the whole curve
 * (privacy/model.ts CURVE_BREAKS). The survival of the curves from the intake
 * (sets "mentor", "scheme_type") starts at the landmark CURVE_LANDMARK_DAYS
 * (42, the end of the first weeks), when most mentors have started: it is
 * conditional on still being enrolled then (`survivalStart`).
 *
 * Per curve and band (rows of `CurveBandCounts`):
 *   at_risk  = number with time ≥ band start
 *   events   = dropouts with time in the band
 *   censored = others leaving the risk set in the band (time in the band, no dropout:
 *              the data date, since completers and transfers stay at risk until then)
 * (so at_risk of the next band = at_risk − events − censored).
 *
 * Measures and cell dimensions in the gate (the registry of the whole site):
 *
 *   at_risk  → `curve_at_risk:${origin}:${bandStart}`
 *   events   → `curve_events:${origin}:${bandStart}`    (of: at_risk)
 *   censored → `curve_censored:${origin}:${bandStart}`  (of: at_risk)
 *
 *   origin    "intake" (sets mentor, scheme_type) or "placement" (set workplace)
 *   bandStart one of CURVE_BANDS (0, 42, 91, …, 2557)
 *   cell dimensions (no dimension where the slice value is "all"):
 *     programme_group  "vocational" | "gymnasium" | "preparatory"
 *     main_area        vocational main area
 *     period           intake period key, e.g. "2014-2016"
 *     plus the curve's group:
 *       set "mentor"      → {mentor: "with" | "without"}
 *       set "scheme_type" → {mentor: "with", scheme_type: <scheme type>}; group "none" → {mentor: "without"}
 *       set "workplace"   → {workplace: "workplace" | "none"}
 *
 * The scheme-type cells name the same students as {scheme_type: <type>} /
 * {scheme_type: "none"} would, but say so in the gate's terms: the group
 * "none" (no mentor from intake) IS the mentor set's "without" curve (same
 * cells, so one hidden state), and the scheme types partition "with" (so the
 * gate protects their sum against the published "with" curve). With
 * {scheme_type: "none"} as a cell of its own, the sample site published 22 of
 * 297 band counts in one of the two identical curves that the gate had hidden
 * in the other.
 */
import type {CountColumn, CountsSpec, PublicationRegistry, Value} from "../privacy/index.ts";
import {PHASE_CUTOFFS} from "../contract/contract.ts";
import {CURVE_BREAKS} from "../privacy/model.ts";
import type {CurveBand} from "./types.ts";

/** Band starts in days from the origin; band i is [b_i, b_{i+1}), the last is open. */
export const CURVE_BANDS = CURVE_BREAKS; // one list: the privacy model's time bands (day 0 folded into the first) are the curves' bands

/**
 * The landmark of the curves from the intake (sets "mentor" and "scheme_type"): their survival starts here (S = 1 on
 * this day), among the students still enrolled and followed then. Mentors often start weeks after the intake; a curve
 * of mentees from day 0 credits them with the weeks before their mentor came (immortal time). The end of the first
 * weeks: most mentors have started by then. The band counts are published from day 0 as for every curve (the same
 * cells; the first band's counts are shown, and a hidden one still stops the curve), only the survival starts later.
 */
export const CURVE_LANDMARK_DAYS: number = PHASE_CUTOFFS.firstWeeksDays;
if (!CURVE_BANDS.includes(CURVE_LANDMARK_DAYS))
  throw new Error(`the curves' landmark (day ${CURVE_LANDMARK_DAYS}) must be a curve band start`);

/** Where a curve's survival starts: the landmark for the curves from the intake, else day 0. */
export const survivalStart = (r: Pick<CurveBand, "origin">): number =>
  r.origin === "intake" ? CURVE_LANDMARK_DAYS : 0;

/** End of the band that starts at `start` (exclusive), null for the last (open) band. */
export function bandEnd(start: number): number | null {
  const i = CURVE_BANDS.indexOf(start);
  if (i < 0) throw new Error(`${start} is not a curve band start`);
  return i + 1 < CURVE_BANDS.length ? CURVE_BANDS[i + 1] : null;
}

/** SQL VALUES list of the bands: (band_start, band_end) with NULL for the open end. */
export function bandValuesSql(): string {
  return CURVE_BANDS.map((b, i) => `(${b}, ${i + 1 < CURVE_BANDS.length ? CURVE_BANDS[i + 1] : "NULL::INTEGER"})`).join(
    ", "
  );
}

/** Band counts of one curve, before the gate. */
export type CurveBandCounts = Omit<CurveBand, "survival" | "lower" | "upper" | "suppressed"> & {
  at_risk: number;
  events: number;
  censored: number;
};

export const curveMeasure = {
  atRisk: (origin: string, bandStart: number) => `curve_at_risk:${origin}:${bandStart}`,
  events: (origin: string, bandStart: number) => `curve_events:${origin}:${bandStart}`,
  censored: (origin: string, bandStart: number) => `curve_censored:${origin}:${bandStart}`
};

/** The dimension that names the curve's group (see module comment). */
export function curveGroupDims(r: Pick<CurveBand, "set" | "group">): Record<string, Value> {
  if (r.set === "mentor") return {mentor: r.group};
  if (r.set === "scheme_type") return r.group === "none" ? {mentor: "without"} : {mentor: "with", scheme_type: r.group};
  return {workplace: r.group};
}

/** Cell dimensions of a curve row: the slice without its "all" values, and the group. */
export function curveCellDims(
  r: Pick<CurveBand, "set" | "group" | "programme" | "main_area" | "period">
): Record<string, Value> {
  const slice: Record<string, Value> = {programme_group: r.programme, main_area: r.main_area, period: r.period};
  return {...Object.fromEntries(Object.entries(slice).filter(([, v]) => v !== "all")), ...curveGroupDims(r)};
}

/** Gate spec of the band counts (a counts table like any other; same registry as the rest of the site). */
export function curveCountsSpec(table: string, registry?: PublicationRegistry): CountsSpec<CurveBandCounts> {
  return {
    table,
    registry,
    labels: ["set", "group", "programme", "main_area", "period", "origin", "time", "time_end"],
    cellDims: curveCellDims,
    counts: [
      {column: "at_risk", measure: (r) => curveMeasure.atRisk(r.origin, r.time)},
      {column: "events", measure: (r) => curveMeasure.events(r.origin, r.time), of: "at_risk"},
      {column: "censored", measure: (r) => curveMeasure.censored(r.origin, r.time), of: "at_risk"}
    ] as CountColumn<CurveBandCounts>[]
  };
}
