/**
 * Naive and risk-adjusted mentor effects by scheme type, by named scheme and
 * overall. Adjustment: direct standardisation to the mentees (ATT) over strata
 * of institution × programme × main area × prior-attainment band × age band ×
 * gender (see README.md, "Adjustment").
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {SCHEME_TYPES} from "../contract/contract.ts";
import {standardisedDifference, type StandardisationStratum} from "../stats/standardised-difference.ts";
import {query} from "../warehouse.ts";
import {num, rate} from "./common.ts";
import {comparisonSql, eligibleSql, eventSql, prepareBase} from "./sql/base.ts";
import type {
  CohortFilters,
  EffectRow,
  HorizonKey,
  NumberNeededColumns,
  Origin,
  RiskBandEffectRow,
  RiskBandReachRow,
  RiskGroupEffectRow,
  SchemeTypeKey,
  Text2
} from "./types.ts";
import {RISK_BANDS, riskGroups, type RiskBand} from "../risk-bands.ts";
import {normalCritical, numberNeeded} from "../stats/index.ts";

/** Plain-language selection caveat shown next to every effect estimate. */
export const SELECTION_CAVEAT: Text2 = {
  da: "Mentorer tilbydes oftest de elever, der i forvejen har størst risiko for at falde fra. Den rå forskel (med minus uden mentor) undervurderer derfor typisk mentorernes betydning. Den justerede forskel sammenligner hver mentee med elever uden mentor på samme skole, uddannelse, hovedområde, karakterniveau, aldersgruppe og køn, som stadig gik på uddannelsen, da mentoren kom. Den kan kun tage højde for det, der er registreret — motivation, trivsel og hjemmeforhold kan stadig være forskellige — så tallene viser sammenhænge, ikke sikre virkninger.",
  en: "Mentors are usually offered to the students most at risk of dropping out. The crude difference (with minus without a mentor) therefore tends to understate what mentoring does. The adjusted difference compares each mentee with students without a mentor at the same school, in the same programme and main area, with the same grade band, age band and gender, who were still enrolled when the mentor came. It can only account for what is recorded — motivation, well-being and circumstances at home may still differ — so the figures show associations, not proven effects."
};

interface TargetCounts {
  target: string;
  origin: Origin;
  /** Value of the split expression (the baseline-risk band or group); null without a split. */
  part: string | null;
  /** Risk strata (institution × programme × main area × prior band × age band × gender). */
  strata: StandardisationStratum[];
  /** Comparison units (intake: institution × programme; workplace: programme × main area). */
  units: StandardisationStratum[];
  x1: number;
  n1: number;
  x0: number;
  n0: number;
}

const emptyTarget = (target: string, origin: Origin, part: string | null = null): TargetCounts => ({
  target,
  origin,
  part,
  strata: [],
  units: [],
  x1: 0,
  n1: 0,
  x0: 0,
  n0: 0
});

/** Stratum counts (mentees vs comparison) per analysis target at a horizon, optionally per value of an enrolment column. */
async function targetCounts(
  con: DuckDBConnection,
  enrol: string,
  by: "scheme_type" | "scheme_id" | "intake_all",
  horizon: HorizonKey,
  split?: string
): Promise<TargetCounts[]> {
  // aligned = still enrolled at the (pseudo-)start of the mentor (comparisonSql): only they are compared;
  // the totals (the published counts) are everyone eligible at the horizon
  const rows = await query<{
    target: string;
    origin: Origin;
    unit: string;
    stratum: string;
    treated: boolean;
    aligned: boolean;
    n: number;
    x: number;
    part: string | null;
  }>(
    con,
    `
    WITH c AS (${comparisonSql(enrol, by)}),
    flagged AS (
      SELECT target, origin, stratum, treated, aligned, ${split ? `CAST(${split} AS VARCHAR)` : "CAST(NULL AS VARCHAR)"} AS part,
        CASE WHEN origin = 'intake' THEN concat_ws('|', institution_id, programme) ELSE concat_ws('|', programme, main_area) END AS unit,
        CASE WHEN origin = 'intake' THEN ${eligibleSql(horizon, "intake")} ELSE ${eligibleSql(horizon, "placement")} END AS elig,
        CASE WHEN origin = 'intake' THEN ${eventSql(horizon, "dropout", "intake")} ELSE ${eventSql(horizon, "dropout", "placement")} END AS ev
      FROM c
    )
    SELECT target, origin, part, unit, stratum, treated, aligned, count(*) AS n, count(*) FILTER (WHERE ev) AS x
    FROM flagged WHERE elig ${split ? "AND part IS NOT NULL" : ""} GROUP BY ALL ORDER BY target, part, unit, stratum`
  );
  const byTarget = new Map<
    string,
    TargetCounts & {strataMap: Map<string, StandardisationStratum>; unitMap: Map<string, StandardisationStratum>}
  >();
  const cell = (map: Map<string, StandardisationStratum>, list: StandardisationStratum[], key: string) => {
    let s = map.get(key);
    if (!s) {
      map.set(key, (s = {x1: 0, n1: 0, x0: 0, n0: 0}));
      list.push(s);
    }
    return s;
  };
  for (const r of rows) {
    const key = `${r.target}|${r.part}`;
    let t = byTarget.get(key);
    if (!t)
      byTarget.set(key, (t = {...emptyTarget(r.target, r.origin, r.part), strataMap: new Map(), unitMap: new Map()}));
    if (r.treated) {
      t.x1 += r.x;
      t.n1 += r.n;
    } else {
      t.x0 += r.x;
      t.n0 += r.n;
    }
    if (!r.aligned) continue;
    const s = cell(t.strataMap, t.strata, r.stratum);
    const u = cell(t.unitMap, t.units, r.unit);
    if (r.treated) {
      s.x1 += r.x;
      s.n1 += r.n;
      u.x1 += r.x;
      u.n1 += r.n;
    } else {
      s.x0 += r.x;
      s.n0 += r.n;
      u.x0 += r.x;
      u.n0 += r.n;
    }
  }
  return [...byTarget.values()].map(({strataMap: _s, unitMap: _u, ...t}) => t);
}

interface Part {
  diff: number | null;
  lower: number | null;
  upper: number | null;
  variance: number | null;
  rate0: number | null;
  se0: number | null;
  support: number | null;
  strata: number | null;
}

interface Estimate {
  naive: Part;
  adjusted: Part;
}

function standardise(strata: StandardisationStratum[]): Part {
  const withMentees = strata.filter((s) => s.n1 > 0);
  const a = withMentees.length ? standardisedDifference(withMentees, {estimand: "sample"}) : null;
  return {
    diff: num(a?.estimate),
    lower: num(a?.lower),
    upper: num(a?.upper),
    variance: a && Number.isFinite(a.stdErr) ? a.stdErr ** 2 : null,
    rate0: num(a?.rate0),
    se0: num(a?.stdErr0),
    support: a ? a.supportShare : null,
    strata: a ? a.strata : null
  };
}

const estimate = (t: TargetCounts): Estimate => ({naive: standardise(t.units), adjusted: standardise(t.strata)});

const Z95 = normalCritical(0.95);

function row(
  level: EffectRow["level"],
  schemeType: EffectRow["scheme_type"],
  schemeId: string | null,
  schemeName: string | null,
  origin: EffectRow["origin"],
  horizon: HorizonKey,
  t: {x1: number; n1: number; x0: number; n0: number},
  e: Estimate
): EffectRow {
  const r1 = rate(t.x1, t.n1);
  const r0 = e.naive.rate0;
  const se0 = e.naive.se0;
  return {
    level,
    scheme_type: schemeType,
    scheme_id: schemeId,
    scheme_name: schemeName,
    origin,
    horizon,
    n_mentored: t.n1,
    dropped_mentored: t.x1,
    rate_mentored: r1.rate,
    rate_mentored_lower: r1.lower,
    rate_mentored_upper: r1.upper,
    n_comparison: t.n0,
    dropped_comparison: t.x0,
    rate_comparison: r0,
    rate_comparison_lower: r0 !== null && se0 !== null ? Math.max(0, r0 - Z95 * se0) : null,
    rate_comparison_upper: r0 !== null && se0 !== null ? Math.min(1, r0 + Z95 * se0) : null,
    naive: e.naive.diff,
    naive_lower: e.naive.lower,
    naive_upper: e.naive.upper,
    adjusted: e.adjusted.diff,
    adjusted_lower: e.adjusted.lower,
    adjusted_upper: e.adjusted.upper,
    adjusted_rate_without: e.adjusted.rate0,
    support_share: e.adjusted.support,
    strata: e.adjusted.strata
  };
}

export interface EffectOptions {
  /** Outcome: dropout within a horizon of the time origin, or "ever" (mature cohorts, loaders/horizons.ts). Default "ever". */
  horizon?: HorizonKey;
}

/**
 * Mentees of each scheme type vs students without a mentor: the naive
 * difference (mentees vs their schoolmates without a mentor — the comparison
 * standardised to the mentees' institutions × programmes, no risk adjustment)
 * and the adjusted difference (direct standardisation to the mentees over
 * risk strata), each with a Wald interval from the stratum binomial variances. Intake scheme types are
 * compared from intake within the institutions × programmes where they are
 * used; workplace from the læreplads start among apprentices (landmark).
 */
export async function schemeTypeEffects(
  con: DuckDBConnection,
  {horizon = "ever"}: EffectOptions = {},
  filters: CohortFilters = {}
): Promise<EffectRow[]> {
  const base = await prepareBase(con, filters);
  const targets = await targetCounts(con, base.enrol, "scheme_type", horizon);
  return SCHEME_TYPES.map((type) => {
    const t =
      targets.find((x) => x.target === type) ?? emptyTarget(type, type === "workplace" ? "placement" : "intake");
    return row("scheme_type", type, null, null, t.origin, horizon, t, estimate(t));
  });
}

/** The same comparison per named scheme (each scheme against the students where and when it is used). */
export async function schemeEffects(
  con: DuckDBConnection,
  {horizon = "ever"}: EffectOptions = {},
  filters: CohortFilters = {}
): Promise<EffectRow[]> {
  const base = await prepareBase(con, filters);
  const targets = await targetCounts(con, base.enrol, "scheme_id", horizon);
  const schemes = await query<{scheme_id: string; name: string; scheme_type: SchemeTypeKey}>(
    con,
    "SELECT scheme_id, name, scheme_type FROM schemes ORDER BY scheme_id"
  );
  return schemes.map((s) => {
    const t =
      targets.find((x) => x.target === s.scheme_id) ??
      emptyTarget(s.scheme_id, s.scheme_type === "workplace" ? "placement" : "intake");
    return row("scheme", s.scheme_type, s.scheme_id, s.name, t.origin, horizon, t, estimate(t));
  });
}

/**
 * All mentees: intake mentees pooled (one standardisation over every intake
 * scheme's institutions × programmes) and workplace mentees (landmark), each
 * estimated as above and combined with weights = number of mentees with
 * comparison students. Interval: Wald, summing the
 * two parts' variances (the parts share a few comparison students; the small
 * covariance is ignored).
 */
export async function overallEffect(
  con: DuckDBConnection,
  {horizon = "ever"}: EffectOptions = {},
  filters: CohortFilters = {}
): Promise<EffectRow> {
  const base = await prepareBase(con, filters);
  const [intake] = await targetCounts(con, base.enrol, "intake_all", horizon);
  const workplace = (await targetCounts(con, base.enrol, "scheme_type", horizon)).find((t) => t.target === "workplace");
  return overallRow([intake, workplace], horizon);
}

/**
 * The overall row from its intake and workplace parts (weights: mentees with comparison students). The counts
 * are of both parts, also one without eligible mentees (its comparison students are the privacy model's cell
 * all the same: privacy/model.ts effectTerms); the estimates are of the parts with mentees.
 */
function overallRow(found: (TargetCounts | undefined)[], horizon: HorizonKey): EffectRow {
  const parts = found.filter((p): p is TargetCounts => p !== undefined && p.n1 > 0);
  const totals = found
    .filter((p): p is TargetCounts => p !== undefined)
    .reduce((a, p) => ({x1: a.x1 + p.x1, n1: a.n1 + p.n1, x0: a.x0 + p.x0, n0: a.n0 + p.n0}), {
      x1: 0,
      n1: 0,
      x0: 0,
      n0: 0
    });
  const estimates = parts.map(estimate);
  const combine = (pick: (e: Estimate) => Part): Part => {
    const ok = parts
      .map((p, i) => ({w: p.n1 * (pick(estimates[i]).support ?? 0), v: pick(estimates[i])}))
      .filter((x) => x.w > 0 && x.v.diff !== null && x.v.variance !== null);
    const W = ok.reduce((a, x) => a + x.w, 0);
    if (W === 0)
      return {
        diff: null,
        lower: null,
        upper: null,
        variance: null,
        rate0: null,
        se0: null,
        support: null,
        strata: null
      };
    const diff = ok.reduce((a, x) => a + (x.w / W) * x.v.diff!, 0);
    const variance = ok.reduce((a, x) => a + (x.w / W) ** 2 * x.v.variance!, 0);
    const rate0 = ok.reduce((a, x) => a + (x.w / W) * (x.v.rate0 ?? 0), 0);
    const se0 = Math.sqrt(ok.reduce((a, x) => a + (x.w / W) ** 2 * (x.v.se0 ?? 0) ** 2, 0));
    const se = Math.sqrt(variance);
    return {
      diff,
      lower: diff - Z95 * se,
      upper: diff + Z95 * se,
      variance,
      rate0,
      se0,
      support: totals.n1 ? W / totals.n1 : null,
      strata: ok.reduce((a, x) => a + (x.v.strata ?? 0), 0)
    };
  };
  const e: Estimate = {naive: combine((x) => x.naive), adjusted: combine((x) => x.adjusted)};
  return row(
    "overall",
    "all",
    null,
    null,
    parts.length > 1 ? "mixed" : (parts[0]?.origin ?? "intake"),
    horizon,
    totals,
    e
  );
}

const NO_NNT: NumberNeededColumns = {nnt: null, nnt_lower: null, nnt_upper: null, nnt_kind: null};

/**
 * The mentor effect per baseline-risk band (risk.ts): the overall comparison ("ever"; intake and workplace
 * parts as in overallEffect) restricted to the mentees and comparison students of one band. A band is a
 * function of the stratum covariates and the intake year, so within a stratum mentees and comparison
 * students of a band are compared as before; the comparison units are the target's, as in the overall row.
 * NNT columns are left null here: they come from the published interval (withNumberNeeded, after the gate).
 */
export async function riskBandEffects(
  con: DuckDBConnection,
  filters: CohortFilters = {}
): Promise<RiskBandEffectRow[]> {
  const base = await prepareBase(con, filters);
  const workplace = await targetCounts(con, base.enrol, "scheme_type", "ever", "risk_band");
  const intake = await targetCounts(con, base.enrol, "intake_all", "ever", "risk_band");
  return RISK_BANDS.map((band) => ({
    ...overallRow(
      [
        intake.find((x) => x.part === String(band)),
        workplace.find((x) => x.target === "workplace" && x.part === String(band))
      ],
      "ever"
    ),
    // the pooling rule, not the content: "intake" or "placement" alone would say a hidden part is empty
    origin: "mixed" as const,
    risk_band: band,
    ...NO_NNT
  }));
}

/**
 * Each scheme type's effect ("ever") per risk group, as schemeTypeEffects within the group. The groups are the
 * type's bands merged until each holds `minMentees` of its mentees (riskGroups); a type with one group gets one row
 * ("1-5": its whole effect, so that a what-if for the type has an effect in every band).
 */
export async function riskGroupEffects(
  con: DuckDBConnection,
  {minMentees}: {minMentees: number},
  filters: CohortFilters = {}
): Promise<RiskGroupEffectRow[]> {
  const base = await prepareBase(con, filters);
  const byBand = await targetCounts(con, base.enrol, "scheme_type", "ever", "risk_band");
  const groupsOf = new Map(
    SCHEME_TYPES.map((type) => [
      type,
      riskGroups(
        (band: RiskBand) => byBand.find((x) => x.target === type && x.part === String(band))?.n1 ?? 0,
        minMentees
      )
    ])
  );
  const split = `CASE ${[...groupsOf]
    .flatMap(([type, groups]) =>
      groups.map((g) => `WHEN target = '${type}' AND risk_band BETWEEN ${g.from} AND ${g.to} THEN '${g.label}'`)
    )
    .join(" ")} END`;
  const byGroup = await targetCounts(con, base.enrol, "scheme_type", "ever", split);
  return [...groupsOf].flatMap(([type, groups]) =>
    groups.map((g) => {
      const t =
        byGroup.find((x) => x.target === type && x.part === g.label) ??
        emptyTarget(type, type === "workplace" ? "placement" : "intake", g.label);
      return {
        ...row("scheme_type", type, null, null, t.origin, "ever", t, estimate(t)),
        risk_group: g.label,
        band_from: g.from,
        band_to: g.to,
        ...NO_NNT
      };
    })
  );
}

/** Number needed to mentor from a row's published adjusted difference and interval (null where hidden or the interval contains 0). */
export function withNumberNeeded<R extends EffectRow & NumberNeededColumns>(r: R): R {
  const ok = r.adjusted !== null && r.adjusted_lower !== null && r.adjusted_upper !== null;
  const n = ok ? numberNeeded(r.adjusted!, r.adjusted_lower!, r.adjusted_upper!) : null;
  return {
    ...r,
    nnt: n?.estimate ?? null,
    nnt_lower: n?.lower ?? null,
    nnt_upper: n?.upper ?? null,
    nnt_kind: n?.kind ?? null
  };
}

/**
 * Reach: students of mature cohorts (the effects' population) per baseline-risk band and first mentorship's
 * scheme type, with "none" and the band total ("all"): the share mentored today, as far as the estimates reach.
 */
export async function riskBandReach(con: DuckDBConnection, filters: CohortFilters = {}): Promise<RiskBandReachRow[]> {
  const base = await prepareBase(con, filters);
  const rows = await query<{risk_band: number; scheme_type: string; students: number}>(
    con,
    `SELECT risk_band, coalesce(scheme_type, 'none') AS scheme_type, CAST(count(*) AS INTEGER) AS students
     FROM ${base.enrol} WHERE mature AND risk_band IS NOT NULL GROUP BY ALL`
  );
  const count = (band: number, type: string) =>
    rows
      .filter((r) => r.risk_band === band && (type === "all" || r.scheme_type === type))
      .reduce((a, r) => a + r.students, 0);
  return RISK_BANDS.flatMap((band) =>
    (["all", ...SCHEME_TYPES, "none"] as const).map((type) => ({
      risk_band: band,
      scheme_type: type,
      students: count(band, type)
    }))
  );
}
