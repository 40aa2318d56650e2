/**
 * School benchmarking: each institution's dropout against what its student
 * mix would predict (indirect standardisation), O/E with an exact interval,
 * its position in a funnel of O/E against expected dropouts, peers and schemes.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {funnelOverdispersion, oeFunnelLimits, standardisedRatio} from "../stats/index.ts";
import {query} from "../warehouse.ts";
import {num, rate} from "./common.ts";
import {dataInfo} from "./meta.ts";
import {BENCHMARK_STRATA, eligibleSql, eventSql, prepareBase} from "./sql/base.ts";
import type {BenchmarkRow, CohortFilters, FunnelDispersion, FunnelPoint, HorizonKey} from "./types.ts";

export interface BenchmarkResult {
  horizon: HorizonKey;
  /** Overall dropout rate of all institutions (Σ O / Σ N). */
  target: number | null;
  strata: string[];
  institutions: BenchmarkRow[];
  /** The funnel's limits of O/E around 1 on a grid of expected dropouts (for drawing; each institution carries its own). */
  funnel: FunnelPoint[];
  dispersion: FunnelDispersion;
  /** Names of the schemes the institutions link to. */
  scheme_names: Record<string, string>;
}

/** Fewest peers an institution is shown with. */
export const MIN_PEERS = 4;

/** Which limits a position is taken against: the exact Poisson funnel, or the funnel widened for over-dispersion. */
export function funnelPosition(
  oe: number,
  l95: {lower: number; upper: number},
  l998: {lower: number; upper: number}
): string {
  return oe > l998.upper
    ? "above_998"
    : oe > l95.upper
      ? "above_95"
      : oe < l998.lower
        ? "below_998"
        : oe < l95.lower
          ? "below_95"
          : "within";
}

/**
 * Is an institution's dropout higher or lower than its student mix predicts?
 * Outcome: dropout within the horizon (default: the short horizon in force, meta.ts) among enrolments
 * followed for the whole horizon. Expected E = Σ over strata (programme × main
 * area × prior-attainment band × age band × gender) of the institution's
 * students × the stratum's dropout rate over all institutions (indirect
 * standardisation). O/E with the exact Poisson interval (`standardisedRatio`).
 * The funnel plots what the verdict uses: O/E against E, with limits around 1
 * (`oeFunnelLimits`: exact Poisson, or widened by the between-school variance
 * τ² when the schools vary more than chance allows, `funnelOverdispersion`).
 * The position against those limits (`funnel_position`) is computed here once,
 * for the dot and the verdict alike.
 * Peers: at least MIN_PEERS institutions, nearest in size, taken first from
 * the same profile (vocational / gymnasium / preparatory / mixed) and main
 * main area, then the same profile, then all (`peer_basis` says how far it went).
 * Schemes: those hosted by the institution or with at least `minSchemeMentees`
 * mentees there (a smaller number would be a small count by its presence).
 */
export async function institutionBenchmark(
  con: DuckDBConnection,
  options: {horizon?: HorizonKey; minSchemeMentees?: number} = {},
  filters: CohortFilters = {}
): Promise<BenchmarkResult> {
  const horizon = options.horizon ?? (await dataInfo(con)).short_horizon;
  const minSchemeMentees = options.minSchemeMentees ?? 5;
  const base = await prepareBase(con, filters);
  const rows = await query<{
    institution_id: string;
    name: string;
    n: number;
    x: number;
    expected: number;
    size: number;
    programmes: string;
    areas: string;
    top_area: string;
  }>(
    con,
    `
    WITH b AS (
      SELECT institution_id, bench_stratum, CAST(${eventSql(horizon)} AS INTEGER) AS ev FROM ${base.enrol} WHERE ${eligibleSql(horizon)}
    ),
    s AS (SELECT bench_stratum, avg(ev) AS r FROM b GROUP BY 1),
    o AS (
      SELECT institution_id, count(*) AS n, sum(ev) AS x, sum(s.r) AS expected
      FROM b JOIN s USING (bench_stratum) GROUP BY 1
    ),
    mix AS (
      SELECT institution_id, count(*) AS size,
        string_agg(DISTINCT programme_group, ',' ORDER BY programme_group) AS programmes,
        string_agg(DISTINCT main_area, ', ' ORDER BY main_area) FILTER (WHERE main_area <> 'none') AS areas,
        mode(main_area) AS top_area
      FROM ${base.enrol} GROUP BY 1
    )
    SELECT mix.institution_id, coalesce(i.name, mix.institution_id) AS name, coalesce(o.n, 0) AS n, coalesce(o.x, 0) AS x,
      coalesce(o.expected, 0) AS expected, mix.size, mix.programmes, coalesce(mix.areas, '') AS areas, mix.top_area
    FROM mix LEFT JOIN o USING (institution_id) LEFT JOIN institutions i ON i.institution_id = mix.institution_id
    ORDER BY mix.institution_id`
  );
  const schemeRows = await query<{institution_id: string; scheme_id: string; name: string}>(
    con,
    `
    SELECT DISTINCT institution_id, scheme_id, name FROM (
      SELECT e.institution_id, e.scheme_id FROM ${base.enrol} e WHERE e.scheme_id IS NOT NULL GROUP BY ALL HAVING count(*) >= ${Number(minSchemeMentees)}
      UNION SELECT host_institution_id, scheme_id FROM schemes
    ) JOIN schemes USING (scheme_id) ORDER BY 1, 2`
  );
  const N = rows.reduce((a, r) => a + r.n, 0);
  const X = rows.reduce((a, r) => a + r.x, 0);
  const target = N > 0 ? X / N : null;
  const sizes = rows.map((r) => r.size).sort((a, b) => a - b);
  const median = sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0;
  const profile = (p: string) => (p.includes(",") ? "mixed" : p);
  const peerGroup = (r: (typeof rows)[number]) => `${profile(r.programmes)}:${r.top_area}`;
  const nearest = (r: (typeof rows)[number]) => (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    Math.abs(Math.log(a.size / r.size)) - Math.abs(Math.log(b.size / r.size)) ||
    a.institution_id.localeCompare(b.institution_id);
  const institutions: BenchmarkRow[] = rows.map((r) => {
    const rr = rate(r.x, r.n);
    const oe = r.expected > 0 ? standardisedRatio(r.x, r.expected) : null;
    const adjusted = oe && target !== null ? oe.estimate * target : null;
    // peers: the tightest group first, widened (same profile, then all) until there are enough
    const group = peerGroup(r);
    const others = rows.filter((o) => o !== r);
    const steps: [string, (o: (typeof rows)[number]) => boolean][] = [
      ["profile_area", (o) => peerGroup(o) === group],
      ["profile", (o) => profile(o.programmes) === profile(r.programmes)],
      ["all", () => true]
    ];
    const peers: string[] = [];
    let basis = "profile_area";
    for (const [name, test] of steps) {
      if (peers.length >= MIN_PEERS) break;
      basis = name;
      for (const o of others.filter((o) => test(o) && !peers.includes(o.institution_id)).sort(nearest(r))) {
        if (peers.length >= MIN_PEERS) break;
        peers.push(o.institution_id);
      }
    }
    return {
      institution_id: r.institution_id,
      name: r.name,
      profile: profile(r.programmes),
      main_areas: r.areas,
      size_band: r.size < median / 2 ? "small" : r.size > median * 2 ? "large" : "medium",
      n: r.n,
      dropped: r.x,
      rate: rr.rate,
      rate_lower: rr.lower,
      rate_upper: rr.upper,
      expected: r.n > 0 ? r.expected : null,
      expected_rate: r.n > 0 ? r.expected / r.n : null,
      oe: num(oe?.estimate),
      oe_lower: num(oe?.lower),
      oe_upper: num(oe?.upper),
      adjusted_rate: num(adjusted),
      limit95_lower: null,
      limit95_upper: null,
      limit998_lower: null,
      limit998_upper: null,
      funnel_position: null,
      peer_group: group,
      peer_basis: basis,
      peers: peers.join(","),
      schemes: schemeRows
        .filter((s) => s.institution_id === r.institution_id)
        .map((s) => s.scheme_id)
        .join(",")
    };
  });
  const scheme_names = Object.fromEntries(schemeRows.map((s) => [s.scheme_id, s.name]));
  const placed = placeInFunnel(institutions);
  return {
    horizon,
    target,
    strata: [...BENCHMARK_STRATA],
    institutions: placed.rows,
    funnel: placed.funnel,
    dispersion: placed.dispersion,
    scheme_names
  };
}

/**
 * Place schools in the O/E funnel: the over-dispersion of their O/E, each school's limits at its expected dropouts
 * and its position against them, and the limits on a grid for drawing. Uses only the rows' `dropped` and `expected`
 * as given, so run on the gated rows (site.ts) it is a function of published figures alone: a hidden school's
 * dropouts then take no part in φ or τ² (from which, with the others known, they could be solved for).
 */
export function placeInFunnel<R extends BenchmarkRow>(
  rows: readonly R[]
): {rows: R[]; funnel: FunnelPoint[]; dispersion: FunnelDispersion} {
  const known = rows.filter((r) => r.dropped !== null && r.expected !== null && r.expected > 0);
  const od = funnelOverdispersion(known.map((r) => ({observed: r.dropped!, expected: r.expected!})));
  const tau2 = od.tau2;
  const limits = (e: number) => ({
    l95: oeFunnelLimits(e, {level: 0.95, tau2}),
    l998: oeFunnelLimits(e, {level: 0.998, tau2})
  });
  const placed = rows.map((r) => {
    const lim = r.expected !== null && r.expected > 0 ? limits(r.expected) : null;
    const oe = r.dropped !== null && r.expected !== null && r.expected > 0 ? r.dropped / r.expected : null;
    return {
      ...r,
      limit95_lower: num(lim?.l95.lower),
      limit95_upper: num(lim?.l95.upper),
      limit998_lower: num(lim?.l998.lower),
      limit998_upper: num(lim?.l998.upper),
      funnel_position: oe !== null && lim ? funnelPosition(oe, lim.l95, lim.l998) : null
    };
  });
  const funnel: FunnelPoint[] = [];
  const es = rows.map((r) => r.expected).filter((e): e is number => e !== null && e > 0);
  if (es.length) {
    const lo = Math.max(0.5, Math.min(...es) * 0.8);
    const hi = Math.max(...es) * 1.2;
    for (let i = 0; i <= 80; i++) {
      const e = lo * Math.pow(hi / lo, i / 80);
      const {l95, l998} = limits(e);
      funnel.push({expected: e, lower95: l95.lower, upper95: l95.upper, lower998: l998.lower, upper998: l998.upper});
    }
  }
  return {
    rows: placed,
    funnel,
    dispersion: {schools: od.units, phi: num(od.phi), tau2, p: num(od.p), method: tau2 > 0 ? "random_effects" : "exact"}
  };
}
