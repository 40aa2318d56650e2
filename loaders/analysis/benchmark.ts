/**
 * School benchmarking: each institution's dropout against what its student
 * mix would predict (indirect standardisation), O/E with an exact interval,
 * funnel-plot limits and a peer group.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {funnelLimits, standardisedRatio} from "../stats/index.ts";
import {query} from "../warehouse.ts";
import {num, rate} from "./common.ts";
import {dataInfo} from "./meta.ts";
import {BENCHMARK_STRATA, eligibleSql, eventSql, prepareBase} from "./sql/base.ts";
import type {BenchmarkRow, CohortFilters, FunnelPoint, HorizonKey} from "./types.ts";

export interface BenchmarkResult {
  horizon: HorizonKey;
  /** Overall dropout rate of all institutions (the funnel's target). */
  target: number | null;
  strata: string[];
  institutions: BenchmarkRow[];
  funnel: FunnelPoint[];
}

/**
 * Is an institution's dropout higher or lower than its student mix predicts?
 * Outcome: dropout within the horizon (default: the short horizon in force, meta.ts) among enrolments
 * followed for the whole horizon. Expected = Σ over strata (programme × main
 * area × prior-attainment band × age band × gender) of the institution's
 * students × the stratum's dropout rate over all institutions (indirect
 * standardisation). O/E with the exact Poisson interval (`standardisedRatio`);
 * the adjusted rate O/E × overall rate is placed in a funnel around the
 * overall rate with 95% and 99.8% limits (`funnelLimits`, exact binomial).
 * Peers: institutions with the same profile (vocational / gymnasium /
 * preparatory / mixed) and main main area, nearest in size (up to 4).
 */
export async function institutionBenchmark(con: DuckDBConnection, options: {horizon?: HorizonKey} = {}, filters: CohortFilters = {}): Promise<BenchmarkResult> {
  const horizon = options.horizon ?? (await dataInfo(con)).short_horizon;
  const base = await prepareBase(con, filters);
  const rows = await query<{institution_id: string; name: string; n: number; x: number; expected: number; size: number; programmes: string; areas: string; top_area: string}>(con, `
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
    ORDER BY mix.institution_id`);
  const N = rows.reduce((a, r) => a + r.n, 0);
  const X = rows.reduce((a, r) => a + r.x, 0);
  const target = N > 0 ? X / N : null;
  const sizes = rows.map((r) => r.size).sort((a, b) => a - b);
  const median = sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0;
  const profile = (p: string) => (p.includes(",") ? "mixed" : p);
  const peerGroup = (r: (typeof rows)[number]) => `${profile(r.programmes)}:${r.top_area}`;
  const institutions: BenchmarkRow[] = rows.map((r) => {
    const rr = rate(r.x, r.n);
    const oe = r.expected > 0 ? standardisedRatio(r.x, r.expected) : null;
    const adjusted = oe && target !== null ? oe.estimate * target : null;
    let position: string | null = null;
    if (adjusted !== null && target !== null && r.n > 0) {
      const l95 = funnelLimits(target, r.n, {level: 0.95});
      const l998 = funnelLimits(target, r.n, {level: 0.998});
      position = adjusted > l998.upper ? "above_998" : adjusted > l95.upper ? "above_95"
        : adjusted < l998.lower ? "below_998" : adjusted < l95.lower ? "below_95" : "within";
    }
    const group = peerGroup(r);
    const peers = rows.filter((o) => o !== r && peerGroup(o) === group)
      .sort((a, b) => Math.abs(Math.log(a.size / r.size)) - Math.abs(Math.log(b.size / r.size)))
      .slice(0, 4).map((o) => o.institution_id).sort();
    return {
      institution_id: r.institution_id, name: r.name, profile: profile(r.programmes), main_areas: r.areas,
      size_band: r.size < median / 2 ? "small" : r.size > median * 2 ? "large" : "medium",
      n: r.n, dropped: r.x, rate: rr.rate, rate_lower: rr.lower, rate_upper: rr.upper,
      expected: r.n > 0 ? r.expected : null,
      oe: num(oe?.estimate), oe_lower: num(oe?.lower), oe_upper: num(oe?.upper),
      adjusted_rate: num(adjusted), funnel_position: position, peer_group: group, peers: peers.join(",")
    };
  });
  const funnel: FunnelPoint[] = [];
  const maxN = Math.max(0, ...rows.map((r) => r.n));
  if (target !== null && maxN > 0) {
    const ns = new Set<number>();
    for (let i = 0; i <= 60; i++) ns.add(Math.max(10, Math.round(10 * Math.pow(Math.max(maxN * 1.1, 20) / 10, i / 60))));
    for (const n of [...ns].sort((a, b) => a - b)) {
      const a = funnelLimits(target, n, {level: 0.95});
      const b = funnelLimits(target, n, {level: 0.998});
      funnel.push({n, lower95: a.lower, upper95: a.upper, lower998: b.lower, upper998: b.upper});
    }
  }
  return {horizon, target, strata: [...BENCHMARK_STRATA], institutions, funnel};
}
