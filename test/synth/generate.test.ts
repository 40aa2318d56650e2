import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {NO_MAIN_AREA} from "../../loaders/analysis/filters.ts";
import {ageBandSql} from "../../loaders/contract/contract.ts";
import {generate, RISK_CELL_COLUMNS} from "../../loaders/synth/generate.ts";
import {memoryDb, query} from "../helpers/duckdb.ts";
import {tempDir} from "../helpers/tmp.ts";

const digest = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash("sha256")
          .update(readFileSync(join(dir, f)))
          .digest("hex")
      ])
  );

describe("synthetic generator", () => {
  it("gives byte-identical files for the same seed and size", async () => {
    const a = tempDir("synth-a"),
      b = tempDir("synth-b");
    await generate({enrolments: 4000, seed: 7, out: a});
    await generate({enrolments: 4000, seed: 7, out: b});
    const da = digest(a);
    expect(Object.keys(da)).toEqual([
      "dataset.json",
      "enrolments.csv",
      "external_aggregates.csv",
      "institutions.csv",
      "mentorships.csv",
      "schemes.csv",
      "stage_events.csv",
      "truth.json"
    ]);
    expect(digest(b)).toEqual(da);
    // the set says what it is, for the ingest and the pages
    expect(JSON.parse(readFileSync(join(a, "dataset.json"), "utf8"))).toEqual({
      synthetic: true,
      provider: "mentor-retention-dashboard synthetic generator 1.3.0 (seed 7, effect scale 1, mentor delays on)",
      extraction_date: "2026-10-01"
    });
  });

  it("gives different data for another seed, and the first rows do not depend on N", async () => {
    const a = tempDir("synth-c"),
      b = tempDir("synth-d");
    await generate({enrolments: 2000, seed: 7, out: a});
    await generate({enrolments: 2000, seed: 8, out: b});
    expect(readFileSync(join(a, "enrolments.csv"), "utf8")).not.toEqual(
      readFileSync(join(b, "enrolments.csv"), "utf8")
    );
    const c = tempDir("synth-e");
    await generate({enrolments: 3000, seed: 7, out: c});
    const firstRows = (dir: string) =>
      readFileSync(join(dir, "enrolments.csv"), "utf8")
        .split("\n")
        .slice(1, 500)
        .map((l) => l.split(",").slice(1).join(","));
    expect(firstRows(c)).toEqual(firstRows(a));
  });

  it("plants selection: mentees are riskier, so the naive comparison hides the benefit", async () => {
    const dir = tempDir("synth-f");
    const truth = await generate({enrolments: 20000, seed: 3, out: dir});
    const overall = truth.mentored_population.overall;
    // The true effect is a reduction of dropout …
    expect(overall.risk_difference!).toBeLessThan(-0.02);
    for (const type of ["peer", "adult_volunteer", "professional", "group", "workplace"]) {
      expect(truth.mentored_population.by_scheme_type[type]?.n ?? 0).toBeGreaterThan(50);
    }
  });

  it("rejects a nonsensical size or seed", async () => {
    await expect(generate({enrolments: 0, seed: 1, out: tempDir("synth-g")})).rejects.toThrow(/enrolments/);
    await expect(generate({enrolments: 10, seed: 1.5, out: tempDir("synth-h")})).rejects.toThrow(/seed/);
  });
});

// ---- Truth for the published estimands, mentor delays, effect scale --------------------------

type Count = {n: number; dropped_with: number; dropped_without: number};
type Truth = Awaited<ReturnType<typeof generate>>;
type Target = Record<string, Count> & {
  phases: Record<
    string,
    {entered_with: number; dropped_with: number; entered_without: number; dropped_without: number}
  >;
};
const HORIZON_KEYS = ["ever", "3m", "1y", "2y", "5y"];
const targetsOf = (truth: Truth) => truth.estimands.by_intake_year as Record<string, Record<string, Target>>;

/** Σ over intake years of a target's count at a horizon. */
function total(truth: Truth, target: string, horizon: string): Count {
  const sum: Count = {n: 0, dropped_with: 0, dropped_without: 0};
  for (const year of Object.values(targetsOf(truth))) {
    const c = year[target]?.[horizon] as Count | undefined;
    if (c) for (const k of Object.keys(sum) as (keyof Count)[]) sum[k] += c[k];
  }
  return sum;
}

describe("truth.json estimands (what the summary and the pages estimate)", () => {
  const dir = tempDir("synth-estimands");
  let truth: Truth;
  let ask: (sql: string) => Promise<Record<string, unknown>[]>;
  const csv = (t: string) => `read_csv('${dir}/${t}.csv', header = true, auto_detect = true)`;

  beforeAll(async () => {
    truth = await generate({enrolments: 3000, seed: 21, out: dir});
    const db = await memoryDb();
    ask = (sql) => query<Record<string, unknown>>(db.con, sql);
  });

  it("has the published shape: data date, maturity, horizons, per intake year and target", () => {
    expect(truth.generator).toMatchObject({version: "1.3.0", effectScale: 1, mentorDelays: true});
    expect(truth.estimands).toMatchObject({
      data_date: "2026-10-01",
      mature_days: 1826,
      horizon_days: {"3m": 91, "1y": 365, "2y": 730, "5y": 1826}
    });
    const years = Object.keys(targetsOf(truth));
    expect(years.length).toBeGreaterThan(8);
    for (const targets of Object.values(targetsOf(truth))) {
      expect(Object.keys(targets)).toContain("overall");
      for (const t of Object.values(targets)) {
        expect(Object.keys(t).sort()).toEqual([...HORIZON_KEYS, "phases"].sort());
        for (const h of HORIZON_KEYS) {
          expect(t[h].dropped_with).toBeLessThanOrEqual(t[h].n);
          expect(t[h].dropped_without).toBeLessThanOrEqual(t[h].n);
        }
      }
    }
  });

  it("sums: overall = Σ scheme types = Σ schemes, at every horizon and in every phase", () => {
    const types = ["peer", "adult_volunteer", "professional", "group", "workplace"];
    const schemes = [
      ...new Set(Object.values(targetsOf(truth)).flatMap((t) => Object.keys(t).filter((k) => /^S\d/.test(k))))
    ];
    for (const h of HORIZON_KEYS) {
      const overall = total(truth, "overall", h);
      const sum = (keys: string[]) =>
        keys
          .map((k) => total(truth, k, h))
          .reduce((a, b) => ({
            n: a.n + b.n,
            dropped_with: a.dropped_with + b.dropped_with,
            dropped_without: a.dropped_without + b.dropped_without
          }));
      expect(sum(types), h).toEqual(overall);
      expect(sum(schemes), h).toEqual(overall);
    }
    for (const targets of Object.values(targetsOf(truth))) {
      for (const [phase, c] of Object.entries(targets.overall.phases)) {
        for (const k of Object.keys(c) as (keyof typeof c)[]) {
          expect(
            types.reduce((s, t) => s + (targets[t]?.phases[phase][k] ?? 0), 0),
            `${phase} ${k}`
          ).toBe(c[k]);
        }
      }
    }
    // every mentee is in exactly one scheme; the mentees are the mentorship rows
    expect(truth.mentored_population.overall.n).toBe(truth.mentored);
  });

  it("n and dropped_with recount from the CSV files by the analysis's rules (the data show the with-scenario)", async () => {
    const d = `DATE '${truth.estimands.data_date}'`;
    const base = `
      WITH m AS (SELECT ms.enrolment_id, ms.scheme_id, s.scheme_type FROM ${csv("mentorships")} ms JOIN ${csv("schemes")} s USING (scheme_id) WHERE ms.start_date <= ${d}),
      place AS (SELECT enrolment_id, min(start_date) AS placement_date FROM ${csv("stage_events")} WHERE stage = 'laereplads' GROUP BY ALL),
      b AS (
        SELECT year(e.intake_date)::INTEGER AS y, m.scheme_id, m.scheme_type, m.scheme_type = 'workplace' AS wp,
          (${d} - e.intake_date)::INTEGER AS follow, (${d} - p.placement_date)::INTEGER AS place_follow,
          CASE WHEN e.outcome = 'dropped' THEN (e.outcome_date - e.intake_date)::INTEGER END AS drop_day,
          CASE WHEN e.outcome = 'dropped' AND e.outcome_date >= p.placement_date THEN (e.outcome_date - p.placement_date)::INTEGER END AS place_drop_day
        FROM ${csv("enrolments")} e JOIN m USING (enrolment_id) LEFT JOIN place p USING (enrolment_id)
        WHERE e.outcome <> 'no_show' AND e.intake_date <= ${d}
      ),
      t AS (SELECT y, 'overall' AS target, * FROM b UNION ALL SELECT y, scheme_type, * FROM b UNION ALL SELECT y, scheme_id, * FROM b)`;
    const counts = (h: string, days: number | null) => {
      const eligible =
        days === null
          ? `follow >= ${truth.estimands.mature_days} AND (NOT wp OR place_follow IS NOT NULL)`
          : `CASE WHEN wp THEN place_follow >= ${days} ELSE follow >= ${days} END`;
      const event =
        days === null
          ? `CASE WHEN wp THEN place_drop_day IS NOT NULL ELSE drop_day IS NOT NULL END`
          : `CASE WHEN wp THEN place_drop_day < ${days} ELSE drop_day < ${days} END`;
      return `SELECT y, target, '${h}' AS h, count(*) FILTER (WHERE ${eligible})::INTEGER AS n,
        count(*) FILTER (WHERE ${eligible} AND coalesce(${event}, FALSE))::INTEGER AS dropped FROM t GROUP BY ALL`;
    };
    const hs: [string, number | null][] = [["ever", null], ...Object.entries(truth.estimands.horizon_days)];
    const rows = await ask(`${base} ${hs.map(([h, days]) => counts(h, days)).join(" UNION ALL ")}`);
    const expected: Record<string, [number, number]> = {};
    for (const r of rows) expected[`${r.y}|${r.target}|${r.h}`] = [Number(r.n), Number(r.dropped)];
    const actual: Record<string, [number, number]> = {};
    for (const [y, targets] of Object.entries(targetsOf(truth))) {
      for (const [target, c] of Object.entries(targets))
        for (const h of HORIZON_KEYS) actual[`${y}|${target}|${h}`] = [c[h].n, c[h].dropped_with];
    }
    expect(actual).toEqual(expected);
    expect(total(truth, "overall", "ever").n).toBeGreaterThan(50);
    expect(total(truth, "workplace", "1y").n).toBeGreaterThan(10);
  });

  it('risk cells: per intake year and scheme type they sum to the "ever" counts, and overall to the overall ones', () => {
    const cells = truth.estimands.risk_cells;
    expect(cells.columns).toEqual([...RISK_CELL_COLUMNS]);
    const sums: Record<string, Count> = {};
    const keys = new Set<string>();
    for (const row of cells.rows) {
      const r = Object.fromEntries(cells.columns.map((c, i) => [c, row[i]])) as Record<string, string | number>;
      const id = row.slice(0, 8).join("|");
      expect(keys.has(id), `duplicate cell ${id}`).toBe(false);
      keys.add(id);
      expect(r.n as number).toBeGreaterThan(0);
      for (const target of [r.target as string, "overall"]) {
        const s = (sums[`${r.intake_year}|${target}`] ??= {n: 0, dropped_with: 0, dropped_without: 0});
        s.n += r.n as number;
        s.dropped_with += r.dropped_with as number;
        s.dropped_without += r.dropped_without as number;
      }
    }
    const expected: Record<string, Count> = {};
    for (const [y, targets] of Object.entries(targetsOf(truth)))
      for (const [target, c] of Object.entries(targets))
        if (!/^S\d/.test(target) && c.ever.n > 0) expected[`${y}|${target}`] = c.ever;
    expect(sums).toEqual(expected);
    expect(total(truth, "overall", "ever").n).toBeGreaterThan(50);
  });

  it("risk cells: the covariates are the analysis's (main area 'none' when missing, contract age bands), recounted from the CSV files", async () => {
    const d = `DATE '${truth.estimands.data_date}'`;
    const rows = await ask(`
      SELECT year(e.intake_date)::INTEGER AS intake_year, e.institution_id, e.programme,
        coalesce(e.main_area, '${NO_MAIN_AREA}') AS main_area, e.prior_attainment_band AS prior_band,
        ${ageBandSql("e.age_at_start")} AS age_band, e.gender, s.scheme_type AS target,
        count(*)::INTEGER AS n, count(*) FILTER (WHERE e.outcome = 'dropped' AND e.outcome_date <= ${d})::INTEGER AS dropped_with
      FROM ${csv("enrolments")} e JOIN ${csv("mentorships")} ms USING (enrolment_id) JOIN ${csv("schemes")} s USING (scheme_id)
      WHERE ${d} - e.intake_date >= ${truth.estimands.mature_days}
      GROUP BY ALL`);
    const key = (r: readonly unknown[]) => r.slice(0, 8).join("|");
    const expected = Object.fromEntries(
      rows.map((r) => [key(RISK_CELL_COLUMNS.slice(0, 8).map((c) => r[c])), [r.n, r.dropped_with]])
    );
    const actual = Object.fromEntries(truth.estimands.risk_cells.rows.map((r) => [key(r), [r[8], r[9]]]));
    expect(actual).toEqual(expected);
    expect(rows.some((r) => r.main_area === NO_MAIN_AREA)).toBe(true);
  });

  it("intake mentorships start after a delay; none after the outcome or the data date; workplace ones at the placement start", async () => {
    const [r] = await ask(`
      WITH x AS (
        SELECT s.scheme_type, ms.start_date, e.intake_date, e.outcome_date,
          (SELECT min(st.start_date) FROM ${csv("stage_events")} st WHERE st.enrolment_id = e.enrolment_id AND st.stage = 'laereplads') AS placement_date
        FROM ${csv("mentorships")} ms JOIN ${csv("schemes")} s USING (scheme_id) JOIN ${csv("enrolments")} e USING (enrolment_id))
      SELECT count(*)::INTEGER AS n,
        count(*) FILTER (WHERE scheme_type <> 'workplace')::INTEGER AS intake,
        count(*) FILTER (WHERE scheme_type <> 'workplace' AND start_date > intake_date)::INTEGER AS delayed,
        count(*) FILTER (WHERE scheme_type <> 'workplace' AND start_date = intake_date)::INTEGER AS day0,
        count(*) FILTER (WHERE start_date < intake_date OR start_date > outcome_date OR start_date > DATE '${truth.estimands.data_date}')::INTEGER AS misdated,
        count(*) FILTER (WHERE scheme_type = 'workplace' AND start_date IS DISTINCT FROM placement_date)::INTEGER AS wp_off
      FROM x`);
    expect(r.n).toBe(truth.mentored);
    expect(Number(r.delayed) / Number(r.intake)).toBeGreaterThan(0.5);
    expect(r.day0).toBeGreaterThan(0);
    expect(r.misdated).toBe(0);
    expect(r.wp_off).toBe(0);
  });

  it("phases count only with the mentor at entry: the first weeks only for mature mentees whose mentor started on the intake day", async () => {
    const [r] =
      await ask(`SELECT count(*)::INTEGER AS n FROM ${csv("mentorships")} ms JOIN ${csv("enrolments")} e USING (enrolment_id)
      WHERE ms.start_date = e.intake_date AND DATE '${truth.estimands.data_date}' - e.intake_date >= ${truth.estimands.mature_days}`);
    const entered = Object.values(targetsOf(truth)).reduce((s, t) => s + t.overall.phases.first_weeks.entered_with, 0);
    expect(entered).toBe(r.n);
    expect(entered).toBeGreaterThan(0);
  });

  it("without delays every intake mentorship starts on the intake day, and the options are recorded", async () => {
    const out = tempDir("synth-nodelay");
    const t = await generate({enrolments: 3000, seed: 21, out, mentorDelays: false});
    expect(t.generator).toMatchObject({mentorDelays: false, effectScale: 1});
    expect(JSON.parse(readFileSync(join(out, "dataset.json"), "utf8")).provider).toContain("mentor delays off");
    const [r] =
      await ask(`SELECT count(*) FILTER (WHERE s.scheme_type <> 'workplace' AND ms.start_date <> e.intake_date)::INTEGER AS delayed,
        count(*)::INTEGER AS n
      FROM read_csv('${out}/mentorships.csv') ms JOIN read_csv('${out}/schemes.csv') s USING (scheme_id) JOIN read_csv('${out}/enrolments.csv') e USING (enrolment_id)`);
    expect(r.delayed).toBe(0);
    // no one leaves before a day-0 start, so there are at least as many mentees as with delays
    expect(Number(r.n)).toBeGreaterThanOrEqual(truth.mentored);
  });

  it("effect scale 0: with and without are the same for every mentee (every count, every phase)", async () => {
    const t = await generate({enrolments: 3000, seed: 21, out: tempDir("synth-null"), effectScale: 0});
    expect(t.generator.effectScale).toBe(0);
    for (const targets of Object.values(targetsOf(t))) {
      for (const c of Object.values(targets)) {
        for (const h of HORIZON_KEYS) expect(c[h].dropped_with).toBe(c[h].dropped_without);
        for (const p of Object.values(c.phases)) {
          expect(p.entered_with).toBe(p.entered_without);
          expect(p.dropped_with).toBe(p.dropped_without);
        }
      }
    }
    expect(t.mentored_population.overall.risk_difference).toBe(0);
    for (const s of Object.values(t.mentored_population.by_scheme)) expect(s.risk_difference).toBe(0);
  });

  it("a negative effect scale plants harm: more dropouts with the mentor", async () => {
    const t = await generate({enrolments: 3000, seed: 21, out: tempDir("synth-harm"), effectScale: -1});
    for (const h of ["ever", "1y"]) {
      const c = total(t, "overall", h);
      expect(c.dropped_with, h).toBeGreaterThan(c.dropped_without);
    }
    expect(t.mentored_population.overall.risk_difference!).toBeGreaterThan(0);
    // a large positive scale is floored (no negative hazard) and still protects
    const big = await generate({enrolments: 1000, seed: 21, out: tempDir("synth-big"), effectScale: 5});
    expect(total(big, "overall", "ever").dropped_with).toBeLessThan(total(big, "overall", "ever").dropped_without);
  });

  it("rejects an effect scale that is not a finite number", async () => {
    await expect(generate({enrolments: 10, seed: 1, out: tempDir("synth-i"), effectScale: Number.NaN})).rejects.toThrow(
      /effect-scale/
    );
    await expect(generate({enrolments: 10, seed: 1, out: tempDir("synth-j"), effectScale: Infinity})).rejects.toThrow(
      /effect-scale/
    );
  });
});
