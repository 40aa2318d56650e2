// The what-if page's computation (src/scenarie.md): extra mentees a year placed in a target group, and the dropouts
// they would prevent a year if the published effects held for them. Pure: the page and its tests call it on the
// published data; the interval comes from `preventedEvents` (loaders/stats/prevented-events.ts), passed in because
// the browser reads it from the stats bundle (src/generated/stats.js) and the tests from loaders/stats.
import type {DataInfo, Gated, PhaseKey, ScenarioJson, SchemeTypeKey} from "../../loaders/analysis/types.ts";

export type ScenarioType = SchemeTypeKey | "all";

/** What the reader chose. */
export interface ScenarioInput {
  scheme_type: ScenarioType;
  /** "bands": baseline-risk bands within a programme (or all); "phase": one transition point (bands and programme not split). */
  target: "bands" | "phase";
  /** Risk bands 1–5 (target "bands"). */
  bands: readonly number[];
  /** "all" or a programme of the contract (target "bands"). */
  programme: string;
  /** The transition point (target "phase"). */
  phase: PhaseKey;
  /** What `amount` counts: extra mentees a year, or extra mentor full-time equivalents. */
  unit: "mentees" | "fte";
  amount: number;
  /** Cost of one mentor FTE a year (the reader's own figure); null: none given. */
  cost_per_fte: number | null;
}

/** The published data the computation reads (the what-if page's JSON). */
export type ScenarioData = Pick<
  ScenarioJson,
  "band_effects" | "group_effects" | "pools" | "phase_effects" | "mentees_per_fte"
> & {meta: Pick<DataInfo, "first_intake" | "mature_until">};

export interface AllocationCellInput {
  mentees: number;
  difference: number;
  lower: number;
  upper: number;
}
export type PreventedEventsFn = (cells: readonly AllocationCellInput[]) => {
  estimate: number;
  lower: number;
  upper: number;
  stdErr: number;
};

/** One place the extra mentees go: a risk band, or the transition point. */
export interface ScenarioCell {
  /** "band-3" or the phase key. */
  key: string;
  band: number | null;
  phase: PhaseKey | null;
  /** The risk group ("3-5") whose effect a scheme type's band uses (null: the overall band effect, a phase, or no group). */
  risk_group: string | null;
  /** Students of mature cohorts without a mentor in the programme × band (all of them for a phase); null: hidden. */
  pool: number | null;
  /** The same per intake year (one intake a year over the mature cohorts). */
  pool_per_year: number | null;
  /** Share of the extra mentees placed here. */
  share: number;
  mentees: number;
  /** The published adjusted difference (risk with − without a mentor) and its 95 % interval; null when hidden or missing. */
  difference: number | null;
  lower: number | null;
  upper: number | null;
  /** Mentees behind the effect (null: hidden). */
  n_mentored: number | null;
  /** Mentees needed to prevent one dropout (or per extra dropout, nnt_kind "harm"), as published; null: interval contains 0. */
  nnt: number | null;
  nnt_kind: "benefit" | "harm" | null;
  /** "used": the effect counts; "hidden": the privacy gate hid it; "missing": not estimable (too few to compare). */
  status: "used" | "hidden" | "missing";
  /** Expected dropouts prevented here a year: mentees × −difference (null when the effect is not used). */
  prevented: number | null;
}

export type ScenarioWarning =
  /** Cells whose effect is hidden or missing: their mentees prevent nothing in the result. */
  | {kind: "hidden_effect" | "missing_effect"; cells: string[]; mentees: number}
  /** Effects resting on fewer than MIN_EFFECT_MENTEES mentees (n null: the count is hidden). */
  | {kind: "few_mentees"; cells: {key: string; n: number | null}[]}
  /** The chosen scheme type has (almost) no mentees in the chosen programme: the effect is borrowed from elsewhere. */
  | {kind: "little_support"; programme: string; students: number | null}
  /** More extra mentees a year than students a year without a mentor in the target group. */
  | {kind: "exceeds_pool"; mentees: number; pool_per_year: number}
  /** A pool of the programme is hidden: the mentees are split by the bands' pools in all programmes (or evenly). */
  | {kind: "pool_hidden"; cells: string[]; split: "all_programmes" | "even"}
  /** FTE chosen, but no scheme of the type states its mentor FTE: nothing to convert with. */
  | {kind: "no_fte_rate"}
  /** No band chosen. */
  | {kind: "no_bands"};

export interface ScenarioResult {
  input: ScenarioInput;
  /** Extra mentees a year (the amount, or FTE × mentees per FTE). */
  mentees: number;
  /** Extra mentor FTE (the amount, or mentees / mentees per FTE; null without a rate). */
  fte: number | null;
  /** Observed mentees a year per mentor FTE of the type (all types: pooled); null when no scheme states FTE. */
  per_fte: number | null;
  cells: ScenarioCell[];
  /** Extra mentees in cells whose effect counts. */
  used_mentees: number;
  /** Dropouts prevented a year with their 95 % interval (null: no mentee in a cell with an effect). */
  prevented: {estimate: number; lower: number; upper: number; stdErr: number} | null;
  /** Total cost a year and cost per prevented dropout (with the interval's bounds; an upper bound null = unbounded). */
  cost: {total: number; per_prevented: number | null; lower: number | null; upper: number | null} | null;
  /** Students a year without a mentor in the whole target group (null: a pool is hidden). */
  pool_per_year: number | null;
  warnings: ScenarioWarning[];
}

/** An effect resting on fewer mentees than this is flagged; so is a programme with fewer of the type's mentees. */
export const MIN_EFFECT_MENTEES = 100;

const EFFECT_COLUMNS = ["adjusted", "adjusted_lower", "adjusted_upper"];

/** An effect row's adjusted difference, or why it cannot be used. */
function effectOf(
  row: (Gated & {adjusted: number | null; adjusted_lower: number | null; adjusted_upper: number | null}) | undefined
): {status: "used" | "hidden" | "missing"; difference: number | null; lower: number | null; upper: number | null} {
  if (row?.suppressed?.some((c) => EFFECT_COLUMNS.includes(c)))
    return {status: "hidden", difference: null, lower: null, upper: null};
  const ok = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);
  if (!row || !ok(row.adjusted) || !ok(row.adjusted_lower) || !ok(row.adjusted_upper))
    return {status: "missing", difference: null, lower: null, upper: null};
  return {status: "used", difference: row.adjusted, lower: row.adjusted_lower, upper: row.adjusted_upper};
}

/**
 * Intake years of the mature cohorts (the pools' population): one intake a year from the first intake up to the last
 * mature one, i.e. the first intake's anniversaries up to `mature_until`, plus one. Null without a first intake.
 */
export function intakeYears(meta: Pick<DataInfo, "first_intake" | "mature_until">): number | null {
  if (!meta.first_intake) return null;
  const days = (Date.parse(meta.mature_until) - Date.parse(meta.first_intake)) / 86_400_000;
  if (!Number.isFinite(days) || days < 0) return null;
  return Math.floor(days / 365.25) + 1;
}

/** Observed mentees a year per mentor FTE: the type's, or for all types the pooled rate of the types that state FTE. */
export function menteesPerFteOf(data: Pick<ScenarioData, "mentees_per_fte">, type: ScenarioType): number | null {
  if (type !== "all") return data.mentees_per_fte.find((m) => m.scheme_type === type)?.per_fte ?? null;
  const known = data.mentees_per_fte.filter((m) => m.mentorships_per_year !== null && m.fte !== null && m.fte > 0);
  const fte = known.reduce((a, m) => a + m.fte!, 0);
  return fte > 0 ? known.reduce((a, m) => a + m.mentorships_per_year!, 0) / fte : null;
}

/** Students of mature cohorts without a mentor in a programme × band ("all" for either). */
function poolOf(data: Pick<ScenarioData, "pools">, programme: string, band: number | "all"): number | null {
  const row = data.pools.find((p) => p.programme === programme && p.risk_band === band && p.scheme_type === "none");
  return row && !row.suppressed?.includes("students") ? row.students : null;
}

/** Mentees of the scheme type in the programme (all types: the published types' sum; hidden counts left out). */
function supportOf(data: Pick<ScenarioData, "pools">, programme: string, type: ScenarioType): number | null {
  const rows = data.pools.filter(
    (p) =>
      p.programme === programme &&
      p.risk_band === "all" &&
      p.scheme_type !== "none" &&
      (type === "all" || p.scheme_type === type)
  );
  const shown = rows.filter((r) => r.students !== null && !r.suppressed?.includes("students"));
  if (type !== "all" && shown.length === 0) return null;
  return shown.reduce((a, r) => a + r.students!, 0);
}

/**
 * The scenario: the extra mentees (or FTE × the type's mentees per FTE) placed over the chosen bands in proportion to
 * the students without a mentor there (programme × band), each band's mentees times its published adjusted difference
 * (all types: the band's effect; a scheme type: its effect in the band's risk group), summed with their 95 % interval
 * by `preventedEvents`. For a transition point, all mentees take the point's adjusted hazard difference (the type's,
 * or all types'). Cells whose effect is hidden or missing prevent nothing, and the result says so (warnings).
 */
export function computeScenario(
  input: ScenarioInput,
  data: ScenarioData,
  preventedEvents: PreventedEventsFn
): ScenarioResult {
  if (!Number.isFinite(input.amount) || input.amount < 0)
    throw new RangeError(`scenario: amount must be a number ≥ 0, got ${input.amount}`);
  if (input.cost_per_fte !== null && (!Number.isFinite(input.cost_per_fte) || input.cost_per_fte < 0))
    throw new RangeError(`scenario: cost_per_fte must be a number ≥ 0 or null, got ${input.cost_per_fte}`);
  const warnings: ScenarioWarning[] = [];
  const per_fte = menteesPerFteOf(data, input.scheme_type);
  let mentees: number;
  let fte: number | null;
  if (input.unit === "fte") {
    fte = input.amount;
    mentees = per_fte === null ? 0 : input.amount * per_fte;
    if (per_fte === null) warnings.push({kind: "no_fte_rate"});
  } else {
    mentees = input.amount;
    fte = per_fte ? input.amount / per_fte : null;
  }
  const years = intakeYears(data.meta);
  const perYear = (n: number | null) => (n === null || years === null ? null : n / years);

  let cells: ScenarioCell[];
  let support: {programme: string; students: number | null};
  if (input.target === "phase") {
    const row = data.phase_effects.find((p) => p.phase === input.phase && p.scheme_type === input.scheme_type);
    const effect = effectOf(row);
    const pool = poolOf(data, "all", "all");
    cells = [
      {
        key: input.phase,
        band: null,
        phase: input.phase,
        risk_group: null,
        pool,
        pool_per_year: perYear(pool),
        share: 1,
        mentees,
        ...effect,
        n_mentored: row && !row.suppressed?.includes("entered_with") ? row.entered_with : null,
        nnt: null,
        nnt_kind: null,
        prevented: null
      }
    ];
    support = {programme: "all", students: supportOf(data, "all", input.scheme_type)};
  } else {
    const bands = [...new Set(input.bands)].sort((a, b) => a - b);
    if (bands.length === 0) warnings.push({kind: "no_bands"});
    // split in proportion to the pools without a mentor: the programme's, else all programmes' (a pool hidden), else evenly
    const pools = bands.map((b) => poolOf(data, input.programme, b));
    const hidden = bands.filter((_, i) => pools[i] === null);
    let weights: number[];
    if (hidden.length === 0) weights = pools as number[];
    else {
      const wider = bands.map((b) => poolOf(data, "all", b));
      const split = wider.every((w) => w !== null) && input.programme !== "all" ? "all_programmes" : "even";
      weights = split === "all_programmes" ? (wider as number[]) : bands.map(() => 1);
      warnings.push({kind: "pool_hidden", cells: hidden.map((b) => `band-${b}`), split});
    }
    const total = weights.reduce((a, w) => a + w, 0);
    cells = bands.map((band, i) => {
      const share = total > 0 ? weights[i] / total : 1 / bands.length;
      // a scheme type's effect is published per risk group: contiguous bands (one group 1-5 when the type has few mentees)
      const groupRow = data.group_effects.find(
        (r) => r.scheme_type === input.scheme_type && r.band_from <= band && band <= r.band_to
      );
      const row = input.scheme_type === "all" ? data.band_effects.find((r) => r.risk_band === band) : groupRow;
      const effect = effectOf(row);
      const nntShown = row && !row.suppressed?.includes("nnt") ? row.nnt : null;
      return {
        key: `band-${band}`,
        band,
        phase: null,
        risk_group: input.scheme_type === "all" ? null : (groupRow?.risk_group ?? null),
        pool: pools[i],
        pool_per_year: perYear(pools[i]),
        share,
        mentees: mentees * share,
        ...effect,
        n_mentored: row && !row.suppressed?.includes("n_mentored") ? row.n_mentored : null,
        nnt: effect.status === "used" ? nntShown : null,
        nnt_kind: effect.status === "used" && nntShown !== null ? (row?.nnt_kind ?? null) : null,
        prevented: null
      };
    });
    support = {programme: input.programme, students: supportOf(data, input.programme, input.scheme_type)};
  }

  for (const c of cells) if (c.status === "used") c.prevented = c.mentees * -c.difference!;
  const used = cells.filter((c) => c.status === "used" && c.mentees > 0);
  const prevented = used.length
    ? preventedEvents(
        used.map((c) => ({mentees: c.mentees, difference: c.difference!, lower: c.lower!, upper: c.upper!}))
      )
    : null;

  for (const kind of ["hidden", "missing"] as const) {
    const lost = cells.filter((c) => c.status === kind);
    if (lost.length)
      warnings.push({
        kind: `${kind}_effect`,
        cells: lost.map((c) => c.key),
        mentees: lost.reduce((a, c) => a + c.mentees, 0)
      });
  }
  const few = cells.filter((c) => c.status === "used" && (c.n_mentored === null || c.n_mentored < MIN_EFFECT_MENTEES));
  if (few.length) warnings.push({kind: "few_mentees", cells: few.map((c) => ({key: c.key, n: c.n_mentored}))});
  if (input.scheme_type !== "all" && (support.students === null || support.students < MIN_EFFECT_MENTEES))
    warnings.push({kind: "little_support", ...support});
  const poolTotal = cells.every((c) => c.pool_per_year !== null)
    ? cells.reduce((a, c) => a + c.pool_per_year!, 0)
    : null;
  if (poolTotal !== null && cells.length > 0 && mentees > poolTotal)
    warnings.push({kind: "exceeds_pool", mentees, pool_per_year: poolTotal});

  let cost: ScenarioResult["cost"] = null;
  if (input.cost_per_fte !== null && fte !== null) {
    const total = input.cost_per_fte * fte;
    const positive = (x: number | undefined) => (x !== undefined && x > 0 ? total / x : null);
    cost = {
      total,
      per_prevented: positive(prevented?.estimate),
      // more prevented = cheaper: the interval's upper end gives the lower cost
      lower: positive(prevented?.upper),
      upper: positive(prevented?.lower)
    };
  }

  return {
    input,
    mentees,
    fte,
    per_fte,
    cells,
    used_mentees: used.reduce((a, c) => a + c.mentees, 0),
    prevented,
    cost,
    pool_per_year: poolTotal,
    warnings
  };
}
