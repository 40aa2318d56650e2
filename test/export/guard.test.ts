// What an aggregated export may describe: a cohort below the floor is refused and nothing is written;
// every table lists its full grid (the same rows whichever combinations exist); the linked measures
// stop the subtractions an attacker would try between tables (survival's first at_risk and summed
// events, the first person-period against outcomes), and a second export that differs from an earlier
// one (or from a site slice) by a few students is refused; every export is logged without identifiers.
import {execFileSync} from "node:child_process";
import {existsSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {exportCohort, ExportRefused, MIN_EXPORT_COHORT, minExportCohort} from "../../loaders/export/index.ts";
import {PROGRAMME_GROUP_OF} from "../../loaders/contract/contract.ts";
import {checkCohortSize} from "../../loaders/export/guard.ts";
import {ingest} from "../../loaders/ingest/index.ts";
import {openWarehouse, PROJECT_ROOT, query} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";
import {makeWarehouse, readCsvText, type TestWarehouse} from "./helpers.ts";

let a: TestWarehouse;
let b: TestWarehouse;
let base = "";
const SMALL = "years=2014-2016;programme=EUD,EUX"; // the site's slice vocational.all.2014-2016

beforeAll(async () => {
  a = await makeWarehouse(1600, 11); // large enough that the slice-minus cohort below passes the size floor
  b = await makeWarehouse(1200, 12);
  base = tempDir("export-guard");
});

afterAll(() => {
  a?.cleanup();
  b?.cleanup();
  if (base) rmSync(base, {recursive: true, force: true});
});

type Table = {header: string[]; rows: (string | null)[][]};
const table = (dir: string, name: string): Table => readCsvText(readFileSync(join(dir, `${name}.csv`), "utf8"));
const col = (t: Table, row: (string | null)[], c: string) => {
  const v = row[t.header.indexOf(c)];
  return v === null ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
};
const hidden = (t: Table, row: (string | null)[], c: string) =>
  (row[t.header.indexOf("suppressed")] ?? "").split(";").includes(c);

async function logRows(db: string): Promise<Record<string, unknown>[]> {
  const w = await openWarehouse(db);
  try {
    const has = await query<{n: number}>(
      w.connection,
      "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'export_log'"
    );
    return has[0].n ? await query(w.connection, "SELECT * FROM export_log ORDER BY exported_at") : [];
  } finally {
    w.close();
  }
}

describe("minimum cohort", () => {
  it("is 20 × the minimum cell size", () => {
    expect(MIN_EXPORT_COHORT).toBe(100);
    expect(minExportCohort(3)).toBe(60);
    expect(minExportCohort(10)).toBe(200);
  });

  it("refuses a cohort below the floor, writes nothing and logs nothing", async () => {
    const out = join(base, "tiny");
    await expect(exportCohort({db: a.db, out, cohort: "years=2014;programme=HTX"})).rejects.toThrow(ExportRefused);
    await expect(exportCohort({db: a.db, out, cohort: "years=2014;programme=HTX"})).rejects.toThrow(
      /fewer than 100 enrolments/
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(base).filter((f) => f.includes("partial"))).toEqual([]);
    // the floor follows MENTOR_MIN_CELL: with k = 10 the same cohort needs 200
    await expect(
      exportCohort({db: a.db, out, cohort: "years=2014-2016;programme=STX,HHX,HTX", minCell: 10})
    ).rejects.toThrow(/fewer than 200 enrolments/);
    expect(await logRows(a.db)).toEqual([]);
  });

  it("the command line exits with status 2 and a clear message", () => {
    const out = join(base, "tiny-cli");
    let status = 0;
    let stderr = "";
    try {
      execFileSync(
        join(PROJECT_ROOT, "node_modules", ".bin", "tsx"),
        [
          join(PROJECT_ROOT, "loaders", "cli", "export.ts"),
          "--db",
          a.db,
          "--out",
          out,
          "--cohort",
          "years=2014;programme=HTX"
        ],
        {encoding: "utf8", stdio: "pipe", env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}}
      );
    } catch (error) {
      status = (error as {status: number}).status;
      stderr = String((error as {stderr: string}).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/Export refused: the cohort "years=2014;programme=HTX" has fewer than 100 enrolments/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses 1 … k − 1 students with or without a mentor, but not none", () => {
    const size = {
      enrolments: 500,
      with_mentor: 3,
      without_mentor: 497,
      with_intake_mentor: 3,
      without_intake_mentor: 497
    };
    expect(() => checkCohortSize(size, 5, "x")).toThrow(/fewer than 5 students are with a mentor/);
    expect(() =>
      checkCohortSize(
        {...size, with_mentor: 0, without_mentor: 500, with_intake_mentor: 0, without_intake_mentor: 500},
        5,
        "mentor=no"
      )
    ).not.toThrow();
    expect(() =>
      checkCohortSize(
        {...size, with_mentor: 496, without_mentor: 4, with_intake_mentor: 400, without_intake_mentor: 100},
        5,
        "x"
      )
    ).toThrow(/without a mentor/);
    expect(() => checkCohortSize({...size, enrolments: 99}, 5, "x")).toThrow(/fewer than 100 enrolments/);
  });
});

describe("full grids", () => {
  let outA = "";
  let outB = "";
  beforeAll(async () => {
    outA = join(base, "small-a");
    outB = join(base, "small-b");
    const ra = await exportCohort({db: a.db, out: outA, cohort: SMALL});
    const rb = await exportCohort({db: b.db, out: outB, cohort: SMALL});
    // small but allowed
    for (const r of [ra, rb]) {
      expect(r.enrolments).toBeGreaterThanOrEqual(100);
      expect(r.enrolments).toBeLessThan(400);
    }
  });

  it("outcomes has one row per combination of the domains: 2 programmes × 4 main areas × 4 age bands × 3 genders × 5 prior bands × 6 scheme types", () => {
    for (const dir of [outA, outB]) {
      expect(table(dir, "outcomes").rows.length).toBe(2 * 4 * 4 * 3 * 5 * 6);
      expect(table(dir, "outcomes_by_mentor").rows.length).toBe(6);
      expect(table(dir, "stage_hazards").rows.length).toBe(2 * 6 * 7);
      const periods = JSON.parse(readFileSync(join(dir, "provenance.json"), "utf8")).options.period_breaks.length - 1;
      expect(table(dir, "person_period").rows.length).toBe(periods * 1 * 4 * 6);
      expect(table(dir, "person_period_margins").rows.length).toBe(periods * 7);
    }
  });

  it("two warehouses with different students give the same rows (dimension columns) in every table", () => {
    const dims: Record<string, string[]> = {
      outcomes: ["programme", "main_area", "age_band", "gender", "prior_band", "scheme_type", "mentor"],
      outcomes_by_mentor: ["scheme_type", "mentor"],
      stage_hazards: ["phase", "mentor", "scheme_type", "programme_group"],
      person_period: ["period", "start_day", "end_day", "programme_group", "age_band", "scheme_type", "mentor"],
      person_period_margins: ["period", "start_day", "end_day", "scheme_type", "mentor"],
      log_rank: ["set", "groups"]
    };
    let differentCounts = 0;
    for (const [name, cols] of Object.entries(dims)) {
      const ta = table(outA, name);
      const tb = table(outB, name);
      const keys = (t: Table) => t.rows.map((r) => cols.map((c) => r[t.header.indexOf(c)]).join("|"));
      expect(keys(ta), name).toEqual(keys(tb));
      if (name === "outcomes")
        differentCounts = ta.rows.filter(
          (r, i) => r[ta.header.indexOf("n")] !== tb.rows[i][tb.header.indexOf("n")]
        ).length;
    }
    // the data differ: many cells are empty in one warehouse and not in the other
    expect(differentCounts).toBeGreaterThan(50);
    // survival: every group of the grid has rows in both
    const groups = (dir: string) => [...new Set(table(dir, "survival").rows.map((r) => `${r[0]}|${r[1]}`))].sort();
    expect(groups(outA)).toEqual(groups(outB));
    expect(groups(outA)).toEqual(
      [
        "mentor|with",
        "mentor|without",
        "scheme_type|adult_volunteer",
        "scheme_type|group",
        "scheme_type|none",
        "scheme_type|peer",
        "scheme_type|professional",
        "workplace|none",
        "workplace|workplace"
      ].sort()
    );
  });
});

describe("attacker arithmetic", () => {
  let dir = "";
  beforeAll(async () => {
    dir = join(base, "attack");
    // a cohort of its own (the other exports of warehouse a are of other cohorts): the whole warehouse
    await exportCohort({db: a.db, out: dir, cohort: "all"});
  });

  /** An attacker's recovery: total − Σ published parts, when exactly one part is hidden. */
  function recover(total: number | null, parts: {value: number | null}[]): number | null {
    if (total === null) return null;
    const unknown = parts.filter((p) => p.value === null);
    if (unknown.length !== 1) return null;
    return total - parts.reduce((s, p) => s + (p.value ?? 0), 0);
  }

  it("survival's first at_risk and summed events give back no hidden count of outcomes_by_mentor", () => {
    const om = table(dir, "outcomes_by_mentor");
    const sv = table(dir, "survival");
    const byType = new Map(om.rows.map((r) => [String(col(om, r, "scheme_type")), r]));
    const curve = (set: string, group: string) =>
      sv.rows
        .filter((r) => r[0] === set && r[1] === group && r[sv.header.indexOf("at_risk")] !== null)
        .sort((x, y) => Number(col(sv, x, "time")) - Number(col(sv, y, "time")));
    const intake = ["peer", "adult_volunteer", "professional", "group"];
    const tries: number[] = [];
    let published = 0;
    for (const [set, group, types] of [
      ["mentor", "with", intake],
      ["mentor", "without", ["none", "workplace"]],
      ["scheme_type", "none", ["none", "workplace"]],
      ...intake.map((t) => ["scheme_type", t, [t]])
    ] as [string, string, string[]][]) {
      const c = curve(set, group);
      if (c.length === 0) continue;
      published++;
      const n = Number(col(sv, c[0], "at_risk"));
      const events = c.reduce((s, r) => s + Number(col(sv, r, "events")), 0);
      for (const [measure, total] of [
        ["n", n],
        ["dropped", events]
      ] as [string, number][]) {
        const parts = types.map((t) => ({value: col(om, byType.get(t)!, measure) as number | null}));
        const got = recover(total, parts);
        if (got !== null) tries.push(got);
        // where nothing is hidden the two tables agree
        if (parts.every((p) => p.value !== null)) expect(parts.reduce((s, p) => s + p.value!, 0)).toBe(total);
      }
    }
    expect(published).toBeGreaterThan(0);
    expect(tries).toEqual([]);
  });

  it("the first person-period's counts give back no hidden count of outcomes_by_mentor", () => {
    const om = table(dir, "outcomes_by_mentor");
    const mg = table(dir, "person_period_margins");
    const first = mg.rows.filter((r) => col(mg, r, "period") === 0);
    const tries: number[] = [];
    let compared = 0;
    for (const t of ["peer", "adult_volunteer", "professional", "group"]) {
      const m = first.find((r) => r[mg.header.indexOf("scheme_type")] === t)!;
      const o = om.rows.find((r) => r[om.header.indexOf("scheme_type")] === t)!;
      for (const [pc, oc] of [
        ["at_risk", "n"],
        ["events", "dropped_first_weeks"]
      ]) {
        const pv = col(mg, m, pc);
        const ov = col(om, o, oc);
        // n − at_risk(0) is the number not followed through period 0 (none here: the last intake is a year before the data date)
        if (pv !== null && ov === null) tries.push(pv as number);
        if (pv !== null && ov !== null) {
          expect(pv).toBe(ov);
          compared++;
        }
      }
    }
    // the total at risk in period 0 minus the published types: a hidden type's count?
    const all = first.find((r) => r[mg.header.indexOf("scheme_type")] === "all")!;
    for (const [pc, oc] of [
      ["at_risk", "n"],
      ["events", "dropped_first_weeks"]
    ]) {
      const parts = om.rows
        .filter((r) => r[om.header.indexOf("scheme_type")] !== "workplace")
        .map((r) => ({value: col(om, r, oc) as number | null}));
      const workplaceAtStart = first.find((r) => r[mg.header.indexOf("scheme_type")] === "workplace")!;
      // workplace mentees count as "none" at intake unless their mentor started on day 0
      const total = col(mg, all, pc) as number | null;
      const wp = col(mg, workplaceAtStart, pc) as number | null;
      const wpOutcome = col(
        om,
        om.rows.find((r) => r[om.header.indexOf("scheme_type")] === "workplace")!,
        oc
      ) as number | null;
      if (total !== null && wp !== null && wpOutcome !== null) {
        const got = recover(total - wpOutcome, parts);
        if (got !== null && got > 0 && got < 5) tries.push(got);
      }
    }
    expect(tries.filter((x) => x > 0 && x < 5)).toEqual([]);
    expect(tries).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });

  it("the first person-period cells give back no hidden outcomes cell (sums over programmes, main areas, genders, prior bands)", () => {
    const oc = table(dir, "outcomes");
    const pp = table(dir, "person_period");
    const group: Record<string, string> = PROGRAMME_GROUP_OF;
    const tries: number[] = [];
    let sums = 0;
    for (const r of pp.rows.filter((x) => col(pp, x, "period") === 0)) {
      const t = String(col(pp, r, "scheme_type"));
      if (!["peer", "adult_volunteer", "professional", "group"].includes(t)) continue;
      const cells = oc.rows.filter(
        (o) =>
          group[String(col(oc, o, "programme"))] === col(pp, r, "programme_group") &&
          col(oc, o, "age_band") === col(pp, r, "age_band") &&
          col(oc, o, "scheme_type") === t
      );
      for (const [pc, c] of [
        ["at_risk", "n"],
        ["events", "dropped_first_weeks"]
      ]) {
        const total = col(pp, r, pc) as number | null;
        const parts = cells.map((o) => ({value: col(oc, o, c) as number | null}));
        if (total !== null && parts.every((p) => p.value !== null)) {
          expect(parts.reduce((x, p) => x + p.value!, 0)).toBe(total);
          sums++;
        }
        const got = recover(total, parts);
        if (got !== null) tries.push(got);
      }
    }
    expect(sums).toBeGreaterThan(0);
    expect(tries.filter((x) => x > 0 && x < 5)).toEqual([]);
    expect(tries).toEqual([]);
  });

  it("a second export that differs from an earlier one by a few students is refused and not logged", async () => {
    const before = (await logRows(a.db)).length;
    // the small cohort minus the students of gender "other": a few students
    const out = join(base, "minus-a-few");
    const attempt = exportCohort({db: a.db, out, cohort: `${SMALL};gender=female,male`});
    await expect(attempt).rejects.toThrow(ExportRefused);
    await expect(exportCohort({db: a.db, out, cohort: `${SMALL};gender=female,male`})).rejects.toThrow(
      /differs from the export of \d{4}-\d\d-\d\dT[\d:.]+Z \(cohort "years=2014-2016;programme=EUD,EUX"\) by fewer than 100 students/
    );
    expect(existsSync(out)).toBe(false);
    // so the attacker's subtraction has nothing to subtract
    const small = table(join(base, "small-a"), "outcomes_by_mentor");
    expect(small.rows.length).toBe(6);
    expect((await logRows(a.db)).length).toBe(before);
  });

  it("an export that differs from a site slice by a few students is refused", async () => {
    // the site publishes vocational.all.2017-2019; the same without the 15-16-year-olds is a few students less
    const w = await openWarehouse(a.db);
    const [{n}] = await query<{n: number}>(
      w.connection,
      `SELECT count(*) AS n FROM enrolments WHERE programme IN ('EUD', 'EUX') AND year(intake_date) BETWEEN 2017 AND 2019 AND age_at_start <= 16`
    );
    w.close();
    const cohort = "years=2017-2019;programme=EUD,EUX;age=17-19,20-24,25+";
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(100);
    await expect(exportCohort({db: a.db, out: join(base, "slice-minus"), cohort})).rejects.toThrow(
      /differs from the site's slice vocational\.all\.2017-2019 by fewer than 100 students/
    );
    expect(existsSync(join(base, "slice-minus"))).toBe(false);
  });

  it("the same cohort again (--overwrite) is allowed: a difference of 0", async () => {
    const before = (await logRows(a.db)).length;
    await exportCohort({db: a.db, out: join(base, "small-a"), cohort: SMALL, overwrite: true});
    expect((await logRows(a.db)).length).toBe(before + 1);
  });
});

describe("export_log", () => {
  it("has one row per successful export, with the cohort and what was published, and no identifiers", async () => {
    const log = await logRows(a.db);
    expect(log.map((l) => l.cohort)).toEqual([SMALL, "all", SMALL]);
    const w = await openWarehouse(a.db);
    const ids = [
      ...(await query<{v: string}>(w.connection, "SELECT enrolment_id AS v FROM enrolments")).map((x) => x.v),
      ...(await query<{v: string}>(w.connection, "SELECT student_key AS v FROM enrolments")).map((x) => x.v),
      ...(await query<{v: string}>(w.connection, "SELECT mentorship_id AS v FROM mentorships")).map((x) => x.v)
    ];
    const [meta] = await query<{data_version: string}>(w.connection, "SELECT data_version FROM warehouse_meta");
    const columns = (
      await query<{column_name: string}>(
        w.connection,
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'export_log'"
      )
    ).map((c) => c.column_name);
    w.close();
    expect(columns).toEqual([
      "exported_at",
      "data_version",
      "cohort",
      "filters",
      "enrolments",
      "min_cell",
      "microdata",
      "out",
      "options",
      "published",
      "cells"
    ]);
    for (const c of columns) expect(c).not.toMatch(/student|enrolment_id|mentorship_id|cpr/);
    expect(ids.length).toBeGreaterThan(1500);
    const text = JSON.stringify(log);
    for (const id of ids) expect(text.includes(id), id).toBe(false);
    const [first] = log;
    expect(first.data_version).toBe(meta.data_version);
    expect(JSON.parse(first.filters as string)).toEqual({intakeYears: [2014, 2016], programmes: ["EUD", "EUX"]});
    expect(first.enrolments).toBeGreaterThanOrEqual(100);
    expect(first.microdata).toBe(false);
    const published = JSON.parse(first.published as string) as Record<string, {columns: string[]; rows: unknown[][]}>;
    expect(Object.keys(published).sort()).toEqual([
      "band_effects",
      "group_effects",
      "log_rank",
      "outcomes",
      "outcomes_by_mentor",
      "person_period",
      "person_period_margins",
      "risk_calibration",
      "risk_model",
      "stage_hazards",
      "survival"
    ]);
    expect(published.outcomes.columns).toEqual([
      "programme",
      "main_area",
      "age_band",
      "gender",
      "prior_band",
      "scheme_type",
      "n",
      "completed",
      "dropped",
      "transferred",
      "ongoing",
      "dropped_first_weeks",
      "dropped_gf1_gf2",
      "dropped_school_to_apprenticeship",
      "dropped_probation",
      "dropped_main_course",
      "dropped_final_stretch",
      "suppressed"
    ]);
    expect(published.survival.columns).toEqual(["set", "group", "time", "at_risk", "events", "censored", "suppressed"]);
    expect(published.stage_hazards.columns).toEqual([
      "phase",
      "mentor",
      "scheme_type",
      "programme_group",
      "entered",
      "dropped",
      "suppressed"
    ]);
    expect(published.person_period.columns).toEqual([
      "period",
      "programme_group",
      "age_band",
      "scheme_type",
      "at_risk",
      "events",
      "suppressed"
    ]);
    // the exported file's non-empty rows, cell for cell (hidden = null, with the flag)
    const file = table(join(base, "small-a"), "outcomes_by_mentor");
    const logged = published.outcomes_by_mentor;
    expect(logged.rows.length).toBe(file.rows.filter((r) => col(file, r, "n") !== 0).length);
    for (const row of logged.rows) {
      const f = file.rows.find((r) => r[0] === row[0])!;
      logged.columns.forEach((c, i) => {
        if (c === "suppressed") expect(row[i]).toBe(f[file.header.indexOf(c)]);
        else expect(row[i]).toBe(col(file, f, c));
      });
    }
  });

  it("survives a re-ingest of the warehouse, so the differencing check still sees the earlier exports", async () => {
    const before = await logRows(a.db);
    await ingest({sources: [join(a.dir, "data")], db: a.db, quiet: true});
    const after = await logRows(a.db);
    expect(after.map((l) => [l.cohort, l.published])).toEqual(before.map((l) => [l.cohort, l.published]));
    await expect(
      exportCohort({db: a.db, out: join(base, "after-reingest"), cohort: `${SMALL};gender=female,male`})
    ).rejects.toThrow(/differs from the export of/);
  });
});
