// The full analysis on the default sample (data/sample, 30,000 enrolments): every loader's JSON is
// complete, consistent, gated and small; summary and bench helpers work; warehouse_meta is read.
import {execFileSync} from "node:child_process";
import {copyFileSync, readdirSync, readFileSync, rmSync, utimesSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {benchAnalysis} from "../../loaders/analysis/analysis-timing.ts";
import {mentorComparison} from "../../loaders/analysis/comparisons.ts";
import {dataInfo, ingestLog} from "../../loaders/analysis/meta.ts";
import {CURVE_BANDS} from "../../loaders/analysis/curve-bands.ts";
import {siteData, siteKey} from "../../loaders/analysis/site-cache.ts";
import {type SiteData} from "../../loaders/analysis/site-build.ts";
import {MIN_CELL_ENV} from "../../loaders/privacy/settings.ts";
import {MATURE_ENV} from "../../loaders/horizons.ts";
import {publishSite, siteJson} from "../../loaders/site/publish.ts";
import {writeSliceFiles} from "../../loaders/site/slice-module.ts";
import {institutionBenchmark} from "../../loaders/analysis/benchmark.ts";
import {cohortCells, sliceOutcomes} from "../../loaders/analysis/outcome-counts.ts";
import {allSlices, sliceKey} from "../../loaders/analysis/slices.ts";
import {SCHEME_TYPES, PHASES} from "../../loaders/contract/contract.ts";
import {bandsOfLabel} from "../../loaders/risk-bands.ts";
import {ingest} from "../../loaders/ingest/index.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {DEFAULT_SOURCE, openWarehouse, PROJECT_ROOT, query} from "../../loaders/warehouse.ts";
import {DuckDBInstance} from "@duckdb/node-api";
import {tempDir} from "../helpers/tmp.ts";
import {SITE_BUILD_WAIT_MS, siteBuilt} from "../helpers/site-build.ts";
import {expectCurvesFromCounts} from "./curve-checks.ts";

let db = "";
let con: DuckDBConnection;
let close: () => void;
let site: SiteData;
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = tempDir(prefix);
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true});
});

beforeAll(async () => {
  // the built-in sample: the global setup's warehouse when it built the site from it (its analysis is cached under the same key), else a fresh one
  db = process.env.MENTOR_SAMPLE_WAREHOUSE ?? join(temp("sample-db"), "warehouse.duckdb");
  if (process.env.MENTOR_SAMPLE_WAREHOUSE) await siteBuilt();
  else await ingest({sources: [DEFAULT_SOURCE], db});
  // through the cache the loaders and `npm run summary` share, so the summary test below reads the same result
  site = await siteData(db);
  const wh = await openWarehouse(db);
  con = wh.connection;
  close = () => wh.close();
}, SITE_BUILD_WAIT_MS + 600_000);
afterAll(() => close?.());

describe("site data on the default sample", () => {
  it("keeps every loader output under 150 KB, and each slice file under 60 KB", () => {
    const {slices, record: _record, key: _key, ...parts} = site;
    for (const [part, value] of Object.entries(parts))
      expect(JSON.stringify(value).length, part).toBeLessThan(150 * 1024);
    for (const [key, value] of Object.entries(slices))
      expect(JSON.stringify(value).length, key).toBeLessThan(60 * 1024);
  });

  it("reports data provenance on every part", async () => {
    const [meta] = await query<{data_version: string}>(con, "SELECT data_version FROM warehouse_meta");
    const {slices: _, record: _record, key: _key, ...parts} = site;
    for (const value of Object.values(parts)) {
      expect(value.meta).toMatchObject({
        data_version: meta.data_version,
        contract_version: "1.1.0",
        contract_version_source: "warehouse",
        data_date: "2026-10-01",
        min_cell: 5
      });
    }
    expect(site.methods.ingest_log.map((r) => r.table).sort()).toEqual([
      "enrolments",
      "external_aggregates",
      "institutions",
      "mentorships",
      "schemes",
      "stage_events"
    ]);
    expect(site.methods.ingest_log.every((r) => !r.path.includes("/"))).toBe(true);
  });

  it("has an overall effect and one per scheme type, with intervals around the estimates", () => {
    const effects = site.overview.effects;
    expect(effects.map((e) => e.scheme_type)).toEqual(["all", ...SCHEME_TYPES]);
    for (const e of effects) {
      expect(e.adjusted_lower!).toBeLessThan(e.adjusted!);
      expect(e.adjusted_upper!).toBeGreaterThan(e.adjusted!);
      expect(e.naive_lower!).toBeLessThan(e.naive!);
      expect(e.support_share!).toBeGreaterThan(0.9);
      expect(e.rate_mentored! - e.rate_comparison!).toBeCloseTo(e.naive!, 10);
    }
    expect(effects.find((e) => e.scheme_type === "workplace")!.origin).toBe("placement");
    expect(site.overview.caveat.da).toMatch(/mentor/);
    expect(site.overview.caveat.en).toMatch(/not proven effects/);
  });

  it("gives scheme-level effects that add up to the scheme types", () => {
    const rows = site.schemes.effects.filter((e) => e.horizon === "ever");
    let checked = 0;
    for (const type of SCHEME_TYPES) {
      const t = rows.find((e) => e.level === "scheme_type" && e.scheme_type === type)!;
      const schemes = rows.filter((e) => e.level === "scheme" && e.scheme_type === type);
      // where the privacy seal hid one of them, the sum cannot be checked (nor worked out)
      if (t.n_mentored === null || schemes.some((x) => x.n_mentored === null)) continue;
      expect(
        schemes.reduce((a, x) => a + x.n_mentored!, 0),
        type
      ).toBe(t.n_mentored);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it("compares mentor vs no mentor consistently across dimensions (before the gate)", async () => {
    const rows = await mentorComparison(con, {horizons: ["1y"], measures: ["dropout"]});
    const overall = rows.find((r) => r.dimension === "overall")!;
    for (const dim of ["intake_year", "programme", "main_area", "institution"] as const) {
      const part = rows.filter((r) => r.dimension === dim);
      expect(
        part.reduce((a, r) => a + r.n_with!, 0),
        dim
      ).toBe(overall.n_with);
      expect(
        part.reduce((a, r) => a + r.events_without!, 0),
        dim
      ).toBe(overall.events_without);
    }
    // censoring: the 2025 intake has < 1 year of follow-up only in part — never more than its size
    const cells = await cohortCells(con);
    const n2025 = cells.filter((c) => c.intake_year === 2025).reduce((a, c) => a + c.n!, 0);
    const y2025 = rows.find((r) => r.dimension === "intake_year" && r.group === "2025")!;
    expect(y2025.n_with! + y2025.n_without!).toBeLessThanOrEqual(n2025);
  });

  it("benchmarks institutions: expected dropouts add up to observed ones, the O/E funnel brackets 1, positions follow the limits, enough peers", async () => {
    const b = await institutionBenchmark(con);
    const O = b.institutions.reduce((a, r) => a + (r.dropped ?? 0), 0);
    const E = b.institutions.reduce((a, r) => a + (r.expected ?? 0), 0);
    expect(E).toBeCloseTo(O, 6);
    expect(b.funnel.length).toBeGreaterThan(10);
    for (const p of b.funnel) {
      expect(p.lower998).toBeLessThanOrEqual(p.lower95);
      expect(p.lower95).toBeLessThanOrEqual(1);
      expect(p.upper95).toBeGreaterThanOrEqual(1);
      expect(p.upper998).toBeGreaterThanOrEqual(p.upper95);
    }
    for (const r of b.institutions.filter((r) => r.oe !== null)) {
      const outside998 = r.oe! > r.limit998_upper! || r.oe! < r.limit998_lower!;
      const outside95 = r.oe! > r.limit95_upper! || r.oe! < r.limit95_lower!;
      expect(r.funnel_position, r.institution_id).toBe(
        outside998
          ? r.oe! > 1
            ? "above_998"
            : "below_998"
          : outside95
            ? r.oe! > 1
              ? "above_95"
              : "below_95"
            : "within"
      );
      expect(r.peers.split(",").length, r.institution_id).toBeGreaterThanOrEqual(4);
      expect(r.peers.split(",")).not.toContain(r.institution_id);
    }
    expect(["exact", "random_effects"]).toContain(b.dispersion.method);
    expect(b.dispersion.method === "random_effects").toBe(b.dispersion.tau2 > 0);
    // the fictitious high-risk school stands out
    const i11 = b.institutions.find((r) => r.institution_id === "I11")!;
    expect(i11.oe!).toBeGreaterThan(1);
    expect(i11.funnel_position!.startsWith("above")).toBe(true);
    expect(site.benchmark.institutions.every((r) => r.peer_group.length > 0)).toBe(true);
    const shown = site.benchmark.institutions.filter(
      (r) => r.funnel_position && !r.suppressed?.includes("funnel_position")
    ).length;
    expect(Object.values(site.benchmark.positions).reduce((a, v) => a + v, 0)).toBe(shown);
  });

  it("has a slice file per programme × main area (all intakes) and per period where the groups are large enough, with hazards, life-table curves (one row per band) and log-rank tests, plus stage timing", async () => {
    const t = site.transitions;
    const all = site.slices[t.slices.slices[0].key];
    expect([all.programme, all.main_area, all.period]).toEqual(["all", "all", "all"]);
    expect(t.slices.periods.length).toBeGreaterThanOrEqual(3);
    expect(new Set(t.slices.slices.map((s) => s.key))).toEqual(new Set(Object.keys(site.slices)));
    // coarsening (detail.ts), from the group sizes: a period only where with and without a mentor both reach detail_min,
    // mentor groups one by one only where each has detail_min students
    const min = t.slices.detail_min;
    expect(min).toBe(20 * site.overview.meta.min_cell);
    const merged = await sliceOutcomes(con, t.slices.periods, "mentor");
    const byType = await sliceOutcomes(con, t.slices.periods);
    const size = (key: string, group: string) =>
      merged.find((r) => sliceKey(r) === key && r.scheme_type === group)?.n ?? 0;
    const every = allSlices(t.slices.periods);
    const root = (id: {programme: string; main_area: string; period: string}) =>
      id.programme === "all" && id.main_area === "all" && id.period === "all";
    const expected = every
      .filter((id) => root(id) || (size(sliceKey(id), "with") >= min && size(sliceKey(id), "without") >= min))
      .map(sliceKey);
    expect(new Set(Object.keys(site.slices))).toEqual(new Set(expected));
    expect(expected.filter((key) => !key.endsWith(".all")).length).toBeGreaterThan(3); // some periods stand on their own
    expect(expected.length).toBeLessThan(every.length); // and some are too small on the sample
    for (const slice of Object.values(site.slices)) {
      const groups = byType.filter((r) => sliceKey(r) === slice.key && r.scheme_type !== "none" && r.n! > 0);
      expect(slice.groups, slice.key).toBe(groups.every((r) => r.n! >= min) ? "types" : "mentor");
      const outcomeGroups = new Set(slice.outcomes.map((r) => r.scheme_type));
      if (slice.groups === "mentor") {
        expect([...outcomeGroups].sort(), slice.key).toEqual(["with", "without"]);
        expect(
          slice.hazards.every((r) => r.scheme_type === "all"),
          slice.key
        ).toBe(true);
        expect(
          slice.curves.some((r) => r.set === "scheme_type"),
          slice.key
        ).toBe(false);
      } else {
        expect(outcomeGroups.has("with") || outcomeGroups.has("without"), slice.key).toBe(false);
      }
    }
    expect(Object.values(site.slices).some((s) => s.groups === "types")).toBe(true);
    expect(Object.values(site.slices).some((s) => s.groups === "mentor")).toBe(true);
    for (const phase of PHASES) {
      expect(all.hazards.some((h) => h.phase === phase && h.mentor === "with" && h.scheme_type === "all")).toBe(true);
      expect(t.phase_effects.some((h) => h.phase === phase && h.scheme_type === "all")).toBe(true);
    }
    for (const slice of Object.values(site.slices)) {
      for (const rows of [slice.hazards, slice.curves, slice.log_rank]) {
        expect(rows.every((r) => !("programme" in r) && !("main_area" in r) && !("period" in r))).toBe(true);
      }
    }
    // a period slice has its own hazards; curves are published for all intakes only
    const period = Object.values(site.slices).find((s) => s.period !== "all" && s.hazards.length > 0)!;
    expect(period.curves).toEqual([]);
    expect(all.curves.some((p) => p.set === "mentor" && p.group === "with")).toBe(true);
    const curves = new Map<string, number>();
    for (const slice of Object.values(site.slices)) {
      for (const p of slice.curves)
        curves.set(`${slice.key}|${p.set}|${p.group}`, (curves.get(`${slice.key}|${p.set}|${p.group}`) ?? 0) + 1);
    }
    // (scheme-type curves only in slices whose groups are shown one by one: detail.ts)
    expect(curves.size).toBeGreaterThan(20);
    for (const [k, n] of curves) expect(n, k).toBeLessThanOrEqual(CURVE_BANDS.length);
    // every curve value is the life table of the published band counts; nothing after a hidden count
    let values = 0;
    for (const slice of Object.values(site.slices)) values += expectCurvesFromCounts(slice.curves);
    expect(values).toBeGreaterThan(20);
    // the largest curve (no mentor, whole population) runs through every band; its day-0 dropouts lower the first point
    // (on the sample the seal hides the whole population's day-0 dropouts, so the largest curve with day-0 dropouts is checked)
    const withDay0 = Object.values(site.slices)
      .flatMap((x) => x.curves)
      .filter((p) => p.time === 0 && p.events !== null && p.events > 0 && p.survival !== null);
    expect(withDay0.length).toBeGreaterThan(0);
    const first = withDay0.sort((a, b) => b.at_risk! - a.at_risk!)[0];
    expect(first.survival).toBe(Math.round((1 - first.events! / (first.at_risk! - first.censored! / 2)) * 1e4) / 1e4);
    expect(first.survival).toBeLessThan(1);
    expect(all.curves.every((p) => p.survival === null || Number(p.survival.toFixed(4)) === p.survival)).toBe(true);
    // the tests use the published band counts; a set is tested only when all its groups are published to the end
    for (const slice of Object.values(site.slices)) {
      for (const test of slice.log_rank) {
        expect(
          slice.curves
            .filter((c) => c.set === test.set)
            .every((c) => c.at_risk !== null && c.events !== null && c.censored !== null),
          `${slice.key} ${test.set}`
        ).toBe(true);
      }
    }
    const laere = t.stage_timing.find((s) => s.programme === "vocational" && s.stage === "laereplads")!;
    expect(laere.phase).toBe("probation");
    // (its timing is hidden when the seal hid the number of starts)
    if (laere.entered !== null) expect(laere.median_day!).toBeGreaterThan(140);
    expect(t.stage_timing.some((x) => x.median_day !== null)).toBe(true);
  });

  it("never lets a slice total and its cohort cells reveal a hidden cell by subtraction", () => {
    const cells = site.cohorts.cells;
    const periods = site.transitions.slices.periods;
    let checked = 0;
    for (const slice of Object.values(site.slices)) {
      // the finest slices inside this one: the subtraction needs all of them, with the same mentor groups
      const leaves = allSlices(periods).filter(
        (id) =>
          id.period !== "all" &&
          id.programme !== "all" &&
          (id.programme !== "vocational" || id.main_area !== "all") &&
          (slice.programme === "all" || id.programme === slice.programme) &&
          (slice.main_area === "all" || id.main_area === slice.main_area) &&
          (slice.period === "all" || id.period === slice.period)
      );
      if (!leaves.every((id) => site.slices[sliceKey(id)]?.groups === slice.groups)) continue;
      for (const o of slice.outcomes) {
        for (const column of ["n", "dropped", "completed"] as const) {
          if (o[column] === null) continue;
          // the finest cells: one programme group (and main area, within vocational) and one period
          const leaf = (i: number) =>
            cells.period[i] !== "all" &&
            cells.programme_group[i] !== "all" &&
            (cells.programme_group[i] !== "vocational" || cells.main_area[i] !== "all");
          const members = cells.n
            .map((_, i) => i)
            .filter(
              (i) =>
                leaf(i) &&
                (slice.programme === "all" || cells.programme_group[i] === slice.programme) &&
                (slice.main_area === "all" || cells.main_area[i] === slice.main_area) &&
                (slice.period === "all" || cells.period[i] === slice.period) &&
                cells.scheme_type[i] === o.scheme_type
            );
          const hidden = members.filter((i) => cells[column][i] === null).length;
          expect(hidden, `${slice.key} ${o.scheme_type} ${column}`).not.toBe(1);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("publishes cohort cells that partition the students, and process measures per scheme", async () => {
    const cells = site.cohorts.cells;
    expect(new Set(Object.values(cells).map((c) => c.length)).size).toBe(1);
    // the cells are the slice outcomes, one row per mentor group (one by one, or merged into with/without): each slice's
    // groups partition its students, and every published count is the warehouse's
    const periods = site.transitions.slices.periods;
    const truth = [...(await sliceOutcomes(con, periods)), ...(await sliceOutcomes(con, periods, "mentor"))];
    const truthOf = (key: string, group: string) => truth.filter((r) => sliceKey(r) === key && r.scheme_type === group);
    for (const slice of Object.values(site.slices)) {
      const rows = cells.n
        .map((_, i) => i)
        .filter(
          (i) =>
            cells.programme_group[i] === slice.programme &&
            cells.main_area[i] === slice.main_area &&
            cells.period[i] === slice.period
        );
      const groups = rows.map((i) => cells.scheme_type[i]);
      expect(
        groups.every((g) => (slice.groups === "mentor") === (g === "with" || g === "without")),
        slice.key
      ).toBe(true);
      const whole = truth.filter(
        (r) =>
          sliceKey(r) === slice.key &&
          (slice.groups === "mentor") === (r.scheme_type === "with" || r.scheme_type === "without")
      );
      expect(new Set(groups), slice.key).toEqual(new Set(whole.map((r) => r.scheme_type)));
      for (const i of rows) {
        const [t] = truthOf(slice.key, cells.scheme_type[i]);
        for (const column of ["n", "dropped", "completed", "ongoing"] as const)
          if (cells[column][i] !== null)
            expect(cells[column][i], `${slice.key} ${cells.scheme_type[i]} ${column}`).toBe(t[column]);
      }
    }
    const top = truth.filter((r) => sliceKey(r) === "all.all.all");
    // the 30,000 enrolments are the students who started plus the no-shows, who are counted apart and in no cell
    const {students, no_shows: noShows} = site.overview.headline;
    expect(noShows).toBeGreaterThan(0);
    expect(students! + noShows!).toBe(30000);
    expect(
      top.filter((r) => r.scheme_type !== "with" && r.scheme_type !== "without").reduce((a, r) => a + r.n!, 0)
    ).toBe(students);
    expect(new Set(site.schemes.process.map((p) => p.measure))).toEqual(new Set(["contact", "meetings", "rematched"]));
    const sopu = site.schemes.facts.find((f) => f.scheme_id === "S02")!;
    expect(sopu.target_hours_to_first_contact).toBe(24);
    // (the share is hidden when the seal hid the scheme's mentorships)
    if (sopu.within_target_share !== null) expect(sopu.within_target_share).toBeGreaterThan(0.5);
    expect(site.external.rows.length).toBeGreaterThan(10);
    expect(site.external.rows.every((r) => r.source.length > 0)).toBe(true);
  });

  it("passes every count through the gate: no published count of 1–4", () => {
    const small: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          if (
            /^(n|n_.*|students|mentored.*|mentorships|entered.*|dropped.*|completed|transferred|ongoing|events_.*|at_risk|rematched|within_target)$/.test(
              k
            ) &&
            typeof x === "number" &&
            x >= 1 &&
            x <= 4
          )
            small.push(`${path}.${k}`);
          else walk(x, `${path}.${k}`);
        }
      }
    };
    walk(site, "site");
    expect(small).toEqual([]);
  });

  it("the benchmark runs the whole analysis with the privacy audit (its duration is for npm run bench)", async () => {
    // on a small synthetic set: the whole analysis, privacy seal included, again on the sample would take minutes
    const dir = temp("bench-small");
    await generate({enrolments: 1500, seed: 7, out: join(dir, "data")});
    await ingest({sources: [join(dir, "data")], db: join(dir, "w.duckdb")});
    const wh = await openWarehouse(join(dir, "w.duckdb"));
    const reported = await benchAnalysis(wh.connection);
    wh.close();
    expect(reported.audit.lps).toBeGreaterThan(0);
    expect(reported.audit.atoms).toBeGreaterThan(100);
  });

  it("prints the summary as text and as a stable JSON object", () => {
    const env = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"};
    const tsx = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
    const json = JSON.parse(
      execFileSync(tsx, ["loaders/cli/summary.ts", "--db", db, "--json"], {cwd: PROJECT_ROOT, env, encoding: "utf8"})
    );
    expect(Object.keys(json)).toEqual([
      "data",
      "outcome",
      "estimand",
      "students",
      "no_shows",
      "mentored",
      "overall",
      "by_scheme_type",
      "by_transition_point",
      "risk_model",
      "by_risk_band",
      "by_risk_group"
    ]);
    // the baseline-risk model and the effects per band, as the what-if page publishes them
    expect(json.risk_model).toEqual(site.scenario.model);
    expect(json.risk_model.band_cuts).toHaveLength(4);
    expect(json.by_risk_band.map((b: {risk_band: number}) => b.risk_band)).toEqual([1, 2, 3, 4, 5]);
    expect(json.by_risk_band[0].risk_to).toBeCloseTo(json.risk_model.band_cuts[0], 5);
    for (const b of json.by_risk_band) {
      const row = site.scenario.band_effects.find((r) => r.risk_band === b.risk_band)!;
      expect(b.overall.mentees).toBe(row.n_mentored);
      if (row.adjusted === null) expect(b.overall.adjusted.estimate).toBeNull();
      else expect(b.overall.adjusted.estimate).toBeCloseTo(row.adjusted, 5);
      // NNT only where the published interval excludes 0
      expect(b.overall.nnt === null).toBe(
        row.adjusted_upper === null || (row.adjusted_lower! <= 0 && row.adjusted_upper >= 0)
      );
    }
    expect(Object.keys(json.by_risk_group)).toEqual([...SCHEME_TYPES]);
    for (const [type, groups] of Object.entries(json.by_risk_group) as [
      string,
      {risk_group: string; mentees: number | null}[]
    ][]) {
      const rows = site.scenario.group_effects.filter((r) => r.scheme_type === type);
      expect(groups.map((g) => g.risk_group).sort()).toEqual(rows.map((r) => r.risk_group).sort());
      // the groups in band order, contiguous bands 1..5 when the type is split at all
      if (rows.length) expect(groups.flatMap((g) => bandsOfLabel(g.risk_group))).toEqual([1, 2, 3, 4, 5]);
      for (const g of groups) expect(g.mentees).toBe(rows.find((r) => r.risk_group === g.risk_group)!.n_mentored);
    }
    // the estimand in fields and words: whose effect, which intakes, which horizon, from when
    expect(json.estimand).toMatchObject({
      population: "mentees",
      horizon: "ever",
      outcome_until: "2026-10-01",
      mature_days: 1826,
      intake_until: "2021-10-01",
      origin: {intake_schemes: "mentor_start", workplace: "placement_start"}
    });
    expect(json.estimand.intake_from).toMatch(/^2014-/);
    expect(json.estimand.words).toEqual(site.overview.meta.estimand);
    expect(json.estimand.words.en).toContain("up to 1 October 2021");
    expect(json.no_shows).toBe(site.overview.headline.no_shows);
    expect(Object.keys(json.by_scheme_type)).toEqual([...SCHEME_TYPES]);
    expect(Object.keys(json.by_transition_point)).toEqual([...PHASES]);
    expect(Object.keys(json.overall)).toEqual(["mentees", "dropout_mentored", "naive", "adjusted"]);
    expect(json.overall.adjusted).toEqual({
      estimate: expect.any(Number),
      lower: expect.any(Number),
      upper: expect.any(Number)
    });
    expect(json.data).toEqual({
      data_version: site.overview.meta.data_version,
      contract_version: "1.1.0",
      data_date: "2026-10-01",
      min_cell: 5,
      synthetic: true,
      provider: site.overview.meta.provider,
      mature_days: 1826,
      mature_days_setting: 1826
    });
    expect(json.outcome).toContain("intakes followed for at least 1826 days");
    const text = execFileSync(tsx, ["loaders/cli/summary.ts", "--db", db], {cwd: PROJECT_ROOT, env, encoding: "utf8"});
    expect(text).toContain(`data version ${site.overview.meta.data_version}`);
    expect(text).toMatch(/professional/);
    expect(text).toMatch(/probation/);
  });

  it("reaches the pages by one route: the slice files come from the cached data of one key, and a new key rewrites them", async () => {
    const root = temp("publish-root");
    const published = await publishSite(db, root);
    expect(published.key).toBe(siteKey(db));
    expect(published.key).toBe(site.key);
    const module = join(root, "src", "generated", "slices.js");
    expect(readFileSync(module, "utf8").split("\n")[0]).toContain(`of key ${site.key}:`);
    const files = readdirSync(join(root, "src", "generated", "slices")).sort();
    expect(files).toEqual(
      Object.keys(site.slices)
        .map((k) => `${k}.json`)
        .sort()
    );
    const one = join(root, "src", "generated", "slices", files[0]);
    expect(JSON.parse(readFileSync(one, "utf8"))).toEqual(
      JSON.parse(siteJson(site.slices[files[0].replace(/\.json$/, "")]))
    );
    // the same key: nothing is computed or written again
    let asked = 0;
    writeSliceFiles(root, site.key, () => (asked++, {}));
    expect(asked).toBe(0);
    // another key (another warehouse state or code): the files are replaced, the old slices removed
    writeSliceFiles(root, "0123456789abcdef", () => (asked++, {"all.all.all": "{}"}));
    expect(asked).toBe(1);
    expect(readdirSync(join(root, "src", "generated", "slices"))).toEqual(["all.all.all.json"]);
    expect(readFileSync(module, "utf8")).toContain("of key 0123456789abcdef:");
  });

  it("keys the cache on the warehouse file, the minimum cell, the maturity horizon and the code", () => {
    const copy = join(temp("key-db"), "warehouse.duckdb");
    copyFileSync(db, copy);
    utimesSync(copy, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const before = siteKey(copy);
    expect(siteKey(copy)).toBe(before);
    utimesSync(copy, new Date(2021, 0, 1), new Date(2021, 0, 1));
    expect(siteKey(copy)).not.toBe(before);
    const old = process.env[MIN_CELL_ENV];
    process.env[MIN_CELL_ENV] = "10";
    try {
      expect(siteKey(db)).not.toBe(site.key);
    } finally {
      if (old === undefined) delete process.env[MIN_CELL_ENV];
      else process.env[MIN_CELL_ENV] = old;
    }
    process.env[MATURE_ENV] = "1095";
    try {
      expect(siteKey(db)).not.toBe(site.key);
    } finally {
      delete process.env[MATURE_ENV];
    }
    expect(siteKey(db)).toBe(site.key);
  });
});

describe("warehouse metadata", () => {
  it('falls back to "unknown" without warehouse_meta and reads it (incl. an extraction date) when present', async () => {
    const data = temp("meta-data");
    await generate({enrolments: 500, seed: 5, out: data});
    const file = join(temp("meta-db"), "w.duckdb");
    await ingest({sources: [data], db: file});
    const edit = async (sql: string) => {
      const instance = await DuckDBInstance.create(file);
      const rw = await instance.connect();
      await rw.run(sql);
      rw.closeSync();
      instance.closeSync();
    };
    const read = async () => {
      const wh = await openWarehouse(file);
      const info = await dataInfo(wh.connection);
      const log = await ingestLog(wh.connection);
      wh.close();
      return {info, log};
    };
    await edit("DROP TABLE IF EXISTS warehouse_meta; DROP TABLE IF EXISTS ingest_log");
    const before = await read();
    expect(before.info).toMatchObject({
      data_version: "unknown",
      contract_version: "1.1.0",
      contract_version_source: "code",
      data_date_source: "max_date"
    });
    expect(before.log).toEqual([]);
    await edit(
      "CREATE TABLE warehouse_meta (contract_version VARCHAR, data_version VARCHAR, extraction_date DATE); INSERT INTO warehouse_meta VALUES ('1.0.0', 'sha256:abc123', DATE '2026-09-30')"
    );
    const after = await read();
    expect(after.info).toMatchObject({
      data_version: "sha256:abc123",
      contract_version: "1.0.0",
      contract_version_source: "warehouse",
      data_date: "2026-09-30",
      data_date_source: "warehouse_meta"
    });
  });
});
