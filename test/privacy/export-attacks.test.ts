// The attacker's test against the site and researcher exports together: an outsider holding the built site of the
// default sample AND several aggregated exports of the same warehouse (narrow cohorts: one institution, one programme
// and main area, cohorts identical to site slices) must not recover any hidden count exactly, nor confine a hidden
// count of 1 … k − 1 to fewer than k values. The attack reads only the published files (dist/_file/…, the export
// folders); the warehouse is read afterwards only to confirm that what was found is true.
//
// The exports are written to a copy of the warehouse (an export appends to its export_log), in the order listed;
// a refused export (ExportRefused) is allowed and reported. Set MENTOR_ATTACK_DIST=<dist> to attack an existing
// build of the default warehouse (MENTOR_WAREHOUSE, else .cache/warehouse.duckdb) instead of building one.
import type {DuckDBConnection} from "@duckdb/node-api";
import {copyFileSync, existsSync, rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {horizons, type HorizonKey} from "../../loaders/horizons.ts";
import {prepareBase} from "../../loaders/analysis/sql/base.ts";
import {institutionBenchmark} from "../../loaders/analysis/benchmark.ts";
import {mentorComparison} from "../../loaders/analysis/comparisons.ts";
import {OUTCOME_COUNTS_SQL, sliceOutcomes} from "../../loaders/analysis/outcome-counts.ts";
import {periodsOf} from "../../loaders/analysis/slices.ts";
import {lifeTableCounts, retentionCurves, stageHazardTable} from "../../loaders/analysis/transitions.ts";
import type {CohortFilters} from "../../loaders/analysis/types.ts";
import {coarsenSurvivalTable, dailyCounts} from "../../loaders/export/coarsen.ts";
import {exportCohort, ExportRefused} from "../../loaders/export/index.ts";
import {ingest} from "../../loaders/ingest/index.ts";
import {DEFAULT_SOURCE, openWarehouse, query, warehousePath} from "../../loaders/warehouse.ts";
import {siteRecordPath} from "../../loaders/privacy/record.ts";
import {SITE_BUILD_WAIT_MS, siteBuilt} from "../helpers/site-build.ts";
import {buildSiteCopy} from "../helpers/site-copy.ts";
import {tempDir} from "../helpers/tmp.ts";
import {loadSite, rows, type Site} from "./attacker.ts";
import {
  attackCombined,
  describeRef,
  EXPORT_COUNTS,
  loadExport,
  type CombinedReport,
  type ExportPub
} from "./export-attacker.ts";

/** How many findings a failure message lists. */
const SHOW = 15;

let site: Site;
let report: CombinedReport;
const exports: ExportPub[] = [];
const refused: {cohort: string; message: string}[] = [];
/** True values of published cells (site and exports), from the warehouse: to confirm findings. */
const truth = new Map<string, number>();
const truthNotes: string[] = [];
const temps: string[] = [];
let started = 0;
afterAll(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true});
});

/** Copy a DuckDB file (and its write-ahead log, if any). */
function copyWarehouse(from: string, to: string) {
  copyFileSync(from, to);
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`);
  // the site's record of what it published belongs with the warehouse (exports are audited against it)
  if (existsSync(siteRecordPath(from))) copyFileSync(siteRecordPath(from), siteRecordPath(to));
}

beforeAll(async () => {
  started = performance.now();
  let dist: string;
  let warehouse: string;
  if (process.env.MENTOR_ATTACK_DIST) {
    await siteBuilt();
    dist = process.env.MENTOR_ATTACK_DIST;
    warehouse = warehousePath();
  } else {
    const dbDir = tempDir("export-attacks-db");
    temps.push(dbDir);
    warehouse = join(dbDir, "warehouse.duckdb");
    await ingest({sources: [DEFAULT_SOURCE], db: warehouse});
    const built = buildSiteCopy(warehouse, "export-attacks-build");
    temps.push(built.project);
    dist = built.dist;
  }
  expect(existsSync(join(dist, "_file")), `${dist}/_file`).toBe(true);
  expect(existsSync(warehouse), warehouse).toBe(true);
  site = loadSite(dist);
  const k = site.minCell;

  const work = tempDir("export-attacks");
  temps.push(work);
  const attackDb = join(work, "attack.duckdb");
  copyWarehouse(warehouse, attackDb);

  // A mid-sized institution whose students are all vocational (so it is not a slice, and the benchmark has its row).
  const wh = await openWarehouse(attackDb);
  let institution: string;
  try {
    const sizes = await query<{id: string; n: number; vocational: boolean}>(
      wh.connection,
      "SELECT institution_id AS id, count(*) AS n, bool_and(programme IN ('EUD', 'EUX')) AS vocational FROM enrolments GROUP BY 1 ORDER BY 2, 1"
    );
    const mid = sizes.filter((s) => s.n >= 600 && s.n <= 1500);
    institution = (
      mid.find((s) => s.vocational) ??
      mid[Math.floor(mid.length / 2)] ??
      sizes[Math.floor(sizes.length / 2)]
    ).id;
  } finally {
    wh.close();
  }
  const first = site.periods[0];
  const cohorts = [
    `institution=${institution}`,
    "programme=EUD;area=omsorg", // one programme and main area (the EUX part of the slice is small: may be refused)
    "programme=EUD,EUX;area=omsorg", // = the site's slice vocational.omsorg.all
    // every export is sealed against the site and all earlier ones (about a minute each on the sample): the rest run
    // with MENTOR_ATTACK_FULL=1
    ...(process.env.MENTOR_ATTACK_FULL
      ? [
          ...(first ? [`programme=EUD,EUX;area=omsorg;years=${first.from}-${first.to}`] : []), // = vocational.omsorg.<first period>
          "programme=EUD;area=kontor",
          "programme=EUX;area=kontor", // together = vocational.kontor.all
          `programme=STX,HHX,HTX${site.periods[1] ? `;years=${site.periods[1].from}-${site.periods[1].to}` : ""}` // = gymnasium.all.<second period>
        ]
      : [])
  ];
  for (const [i, cohort] of cohorts.entries()) {
    const out = join(work, "exports", String(i + 1));
    try {
      await exportCohort({out, cohort, db: attackDb, format: "csv", minCell: k}); // the site's k
      exports.push(loadExport(out, `E${i + 1}`));
    } catch (error) {
      if (!(error instanceof ExportRefused)) throw error;
      refused.push({cohort, message: (error as Error).message.split(". ")[0]});
    }
  }

  report = await attackCombined(site, exports);

  // ---- the truth, to confirm findings (the attack above has only the published files) ----
  await warehouseTruth(attackDb);
  const hidden = [...report.values].filter(([, v]) => v === null).length;
  console.info(
    `site + exports attack: ${exports.length} exports (${exports.map((e) => `${e.name}: ${e.cohort}`).join("; ")}), refused: ${refused.map((r) => r.cohort).join("; ") || "none"}; ` +
      `${report.exportChecked} believed relations with an export figure (${report.exportWithHidden} with a hidden term), ${report.crossChecked} between publications (${report.crossWithHidden} with a hidden term); ` +
      `${report.exact.filter((f) => !f.siteAlone).length} hidden counts recovered exactly, LP: ${report.lp.lps} LPs over ${report.lp.variables} hidden figures in ${report.lp.groups} groups; ` +
      `true values known for ${[...report.values].filter(([r, v]) => v === null && truth.has(r)).length} of ${hidden} hidden figures; ${Math.round((performance.now() - started) / 1000)} s`
  );
}, SITE_BUILD_WAIT_MS + 1_800_000);

// ---- Truth -------------------------------------------------------------------------------------------------

/** True values: site cells from the analysis layer without the gate (slices, cohort cells, hazards, curves, benchmark, comparisons), then the exports' cells. */
async function warehouseTruth(db: string) {
  const wh = await openWarehouse(db);
  try {
    const con = wh.connection;
    const base = await prepareBase(con);
    const periods = await periodsOf(con, base.enrol);
    const set = (ref: string, v: unknown) => {
      if (typeof v === "number" || typeof v === "bigint") truth.set(ref, Number(v));
    };
    // (slices of few students publish merged groups "with"/"without": site detail.ts)
    const outcomes = new Map(
      [...(await sliceOutcomes(con, periods)), ...(await sliceOutcomes(con, periods, "mentor"))].map((r) => [
        `${r.programme}|${r.main_area}|${r.period}|${r.scheme_type}`,
        r as unknown as Record<string, unknown>
      ])
    );
    const hazards = new Map(
      (await stageHazardTable(con, {}, {periods})).map((r) => [
        `${r.programme}|${r.main_area}|${r.period}|${r.phase}|${r.mentor}|${r.scheme_type}`,
        r as unknown as Record<string, unknown>
      ])
    );
    const curves = new Map(
      (await lifeTableCounts(con, {}, {periods})).map((r) => {
        const c = r as unknown as Record<string, unknown>;
        return [`${c.set}|${c.group}|${c.origin}|${c.programme}|${c.main_area}|${c.period}|${c.time}`, c];
      })
    );
    const fill = (
      list: ReturnType<typeof rows>,
      key: (r: ReturnType<typeof rows>[number]) => string,
      source: Map<string, Record<string, unknown>>
    ) => {
      for (const rec of list) {
        const t = source.get(key(rec));
        if (t) for (const f of Object.keys(rec.row)) if (EXPORT_COUNTS.has(f)) set(`${rec.ref}.${f}`, t[f]);
      }
    };
    fill(
      rows(site, "slices.outcomes"),
      (r) => `${r.ctx.programme}|${r.ctx.main_area}|${r.ctx.period}|${r.row.scheme_type}`,
      outcomes
    );
    fill(
      rows(site, "cohorts.cells"),
      (r) => `${r.row.programme_group}|${r.row.main_area}|${r.row.period}|${r.row.scheme_type}`,
      outcomes
    );
    fill(
      rows(site, "slices.hazards"),
      (r) =>
        `${r.ctx.programme}|${r.ctx.main_area}|${r.ctx.period}|${r.row.phase}|${r.row.mentor}|${r.row.scheme_type}`,
      hazards
    );
    fill(
      rows(site, "slices.curves"),
      (r) =>
        `${r.row.set}|${r.row.group}|${r.row.origin}|${r.ctx.programme}|${r.ctx.main_area}|${r.ctx.period}|${r.row.time}`,
      curves
    );
    const horizon = String((site.files.get("data/benchmark") as Record<string, unknown> | undefined)?.horizon ?? "1y");
    if (horizons().some((h) => h.key === horizon)) {
      const bench = await institutionBenchmark(con, {horizon: horizon as HorizonKey});
      const byId = new Map(
        bench.institutions.map((r) => [String(r.institution_id), r as unknown as Record<string, unknown>])
      );
      for (const rec of rows(site, "benchmark.institutions")) {
        const t = byId.get(String(rec.row.institution_id));
        if (t) for (const f of ["n", "dropped"]) set(`${rec.ref}.${f}`, t[f]);
      }
    }
    const comps = new Map(
      (await mentorComparison(con)).map((r) => [
        `${r.dimension}|${r.group}|${r.measure}|${r.horizon}`,
        r as unknown as Record<string, unknown>
      ])
    );
    for (const rec of [...rows(site, "benchmark.comparisons"), ...rows(site, "overview.comparisons")]) {
      const t = comps.get(`${rec.row.dimension}|${rec.row.group}|${rec.row.measure}|${rec.row.horizon}`);
      if (t) for (const f of ["n_with", "events_with", "n_without", "events_without"]) set(`${rec.ref}.${f}`, t[f]);
    }
  } catch (error) {
    truthNotes.push(`site cells from the analysis layer: ${(error as Error).message}`);
  }
  try {
    for (const e of exports) await exportTruth(wh.connection, e);
  } catch (error) {
    truthNotes.push(`export cells from the warehouse: ${(error as Error).message}`);
  } finally {
    wh.close();
  }
}

/**
 * Cells of an export recomputed from the warehouse with the definitions of loaders/export/README.md (the analysis
 * layer's per-enrolment table of the cohort; stage hazards and survival from the analysis layer itself).
 */
async function exportTruth(con: DuckDBConnection, e: ExportPub) {
  const filters = e.filters as CohortFilters;
  const base = await prepareBase(con, filters);
  const q = (c: string) => `"${c}"`;
  const key = (r: Record<string, unknown>, cols: string[]) => cols.map((c) => String(r[c])).join("|");
  const fill = (table: string, cols: string[], source: Record<string, unknown>[]) => {
    const by = new Map(source.map((r) => [key(r, cols), r]));
    for (const rec of e.tables.get(table) ?? []) {
      const t = by.get(key(rec.row, cols));
      for (const f of Object.keys(rec.row)) {
        if (!EXPORT_COUNTS.has(f)) continue;
        // a grid row the cohort has nobody in: zeros
        const v = t ? t[f] : 0;
        if (typeof v === "number" || typeof v === "bigint") truth.set(`${rec.ref}.${f}`, Number(v));
      }
    }
  };
  const strata = (e.options.strata as string[] | undefined) ?? [];
  const outcomes = async (dims: string[]) =>
    query(
      con,
      `SELECT ${dims.map((d) => `${q(d)}, `).join("")}coalesce(scheme_type, 'none') AS scheme_type, ${OUTCOME_COUNTS_SQL}
    FROM ${base.enrol} GROUP BY ALL`
    );
  fill("outcomes_by_mentor", ["scheme_type"], await outcomes([]));
  fill("outcomes", [...strata, "scheme_type"], await outcomes(strata));
  fill(
    "stage_hazards",
    ["programme_group", "phase", "mentor", "scheme_type"],
    (await stageHazardTable(con, filters)).map((h) => ({...h, programme_group: h.programme}) as Record<string, unknown>)
  );
  // person-period: at risk in a period = enrolled at its start and followed for all of it; mentor status at its start
  const breaks = (e.options.period_breaks as number[] | undefined) ?? [];
  const covs = (e.options.covariates as string[] | undefined) ?? [];
  if (breaks.length > 1) {
    const cells = `WITH periods(period, start_day, stop_day) AS (VALUES ${breaks
      .slice(0, -1)
      .map((b, i) => `(${i}, ${b}, ${breaks[i + 1]})`)
      .join(", ")}),
      cells AS (
        SELECT p.period, ${covs.map((c) => `b.${q(c)}, `).join("")}
          CASE WHEN b.mentor_intake THEN b.scheme_type WHEN b.mentor_workplace AND b.m_start <= b.intake_date + p.start_day THEN b.scheme_type ELSE 'none' END AS scheme_type,
          b.dropped AND b.drop_day >= p.start_day AND b.drop_day < p.stop_day AS event
        FROM ${base.enrol} b JOIN periods p ON b.follow_days >= p.stop_day AND (b.end_day IS NULL OR b.end_day >= p.start_day))`;
    const counts = "count(*) AS at_risk, count(*) FILTER (WHERE event) AS events";
    fill(
      "person_period",
      ["period", ...covs, "scheme_type"],
      await query(
        con,
        `${cells} SELECT period, ${covs.map((c) => `${q(c)}, `).join("")}scheme_type, ${counts} FROM cells GROUP BY ALL`
      )
    );
    fill(
      "person_period_margins",
      ["period", "scheme_type"],
      await query(
        con,
        `${cells}
      SELECT period, coalesce(scheme_type, 'all') AS scheme_type, ${counts} FROM cells GROUP BY GROUPING SETS ((period), (period, scheme_type))`
      )
    );
  }
  // survival: the daily table of the analysis layer, summed over each published interval
  const {curves} = await retentionCurves(con, filters);
  const survival = e.tables.get("survival") ?? [];
  for (const [set, group] of [...new Set(survival.map((r) => `${r.row.set}\u0001${r.row.group}`))].map((x) =>
    x.split("\u0001")
  )) {
    const daily = curves
      .filter((c) => c.programme === "all" && c.set === set && c.group === group)
      .sort((a, b) => a.time - b.time);
    const mine = survival
      .filter((r) => r.row.set === set && r.row.group === group && r.row.time !== null)
      .sort((a, b) => Number(a.row.time) - Number(b.row.time));
    // a row ends at its last dropout (`time`) but holds the censorings merged into it up to its last day (`through`,
    // not published): the export's cut points, recomputed; the counts between them are summed from the daily table here
    const through = new Map((coarsenSurvivalTable(dailyCounts(daily), k()) ?? []).map((r) => [r.time, r.through]));
    const lastDay = (rec: (typeof mine)[number]) => through.get(Number(rec.row.time)) ?? Number(rec.row.time);
    mine.forEach((rec, i) => {
      const from = i === 0 ? 0 : lastDay(mine[i - 1]) + 1;
      const to = lastDay(rec);
      const atStart = daily.find((d) => d.time >= from)?.at_risk ?? 0;
      const next = daily.find((d) => d.time > to)?.at_risk ?? 0;
      const events = daily.filter((d) => d.time >= from && d.time <= to).reduce((a, d) => a + d.events, 0);
      truth.set(`${rec.ref}.at_risk`, atStart);
      truth.set(`${rec.ref}.events`, events);
      truth.set(`${rec.ref}.censored`, atStart - events - next);
    });
  }
}

// ---- Findings ----------------------------------------------------------------------------------------------

const show = (lines: string[]) => lines.slice(0, SHOW);
const k = () => site.minCell;
const describe_ = (ref: string) => describeRef(site, exports, ref);
const verified = (ref: string, value: number) =>
  truth.has(ref)
    ? truth.get(ref) === value
      ? "confirmed by the warehouse"
      : `NOT the true value ${truth.get(ref)}`
    : "true value not known";

/**
 * Hidden counts recovered exactly with the exports (not by the site alone: that is attacks.test.ts). A value the warehouse
 * contradicts is the attacker's error, not a leak: listed by the soundness test below instead.
 */
const exactFindings = () =>
  report.exact.filter((f) => !f.siteAlone && (!truth.has(f.ref) || truth.get(f.ref) === f.value));

/** Hidden counts confined to fewer than k values: a true value of 1 … k − 1 (from the warehouse, or the range itself within 1 … k − 1). */
function narrowFindings() {
  const exact = new Set(report.exact.map((f) => f.ref));
  return report.ranges.filter((r) => {
    if (exact.has(r.ref) || r.upper - r.lower >= k() - 1) return false;
    const v = truth.get(r.ref);
    return (r.lower >= 1 && r.upper <= k() - 1) || (v !== undefined && v >= 1 && v <= k() - 1);
  });
}
/** Narrow ranges whose true value is not known (reported, not counted). */
function unverifiedNarrow() {
  const exact = new Set(report.exact.map((f) => f.ref));
  return report.ranges.filter(
    (r) =>
      !exact.has(r.ref) &&
      r.upper - r.lower < k() - 1 &&
      !(r.lower >= 1 && r.upper <= k() - 1) &&
      !truth.has(r.ref) &&
      r.lower <= k() - 1
  );
}

describe("the attacker reads the site and the exports", () => {
  it("runs exports of narrow cohorts and cohorts identical to site slices (refusals allowed)", () => {
    console.info(`refused exports: ${refused.map((r) => `${r.cohort} (${r.message})`).join("; ") || "none"}`);
    if (truthNotes.length) console.info(`truth: ${truthNotes.join("; ")}`);
    expect(exports.length, "exports written").toBeGreaterThan(0);
    for (const e of exports)
      expect(e.tables.get("outcomes_by_mentor")?.length ?? 0, `${e.name} outcomes_by_mentor`).toBeGreaterThan(0);
  });

  it("believes enough relations between the exports and the site, with hidden terms (the attack is not vacuous)", () => {
    expect(report.exportChecked, "believed relations with an export figure").toBeGreaterThan(500);
    expect(report.exportWithHidden, "… with a hidden term").toBeGreaterThan(50);
    // publications that describe the same students: the benchmark's row of the exported institution, site slices
    console.info(`same students: ${report.matches.join("; ")}`);
    expect(
      report.matches.length,
      "exports that describe the students of a site slice, the benchmark's institution or another export"
    ).toBeGreaterThan(0);
    expect(report.crossChecked, "believed relations between two publications").toBeGreaterThan(
      report.matches.some((m) => m.includes("slices/")) ? 25 : 2
    );
    expect(report.crossWithHidden, "… with a hidden term").toBeGreaterThan(0);
    const families = report.believedFamilies.map((f) => f.family);
    if (report.matches.some((m) => /^slices\/\S+ ≡ export\//.test(m))) {
      expect(
        families.some((f) => f.startsWith("same students (site slice ≡ export)")),
        "a site slice and an export of the same students"
      ).toBe(true);
    }
    expect(report.lp.infeasible, "believed relations contradict each other (a wrong belief)").toEqual([]);
    // every believed relation holds for the true values too (the attacker's beliefs are right, so its findings are)
    const wrong = report.relations.filter(
      (r) =>
        report.believed.has(r.family) &&
        [...r.left, ...r.right].every((x) => truth.has(x) || typeof report.values.get(x) === "number") &&
        Math.abs(
          r.left.reduce((a, x) => a + (truth.get(x) ?? (report.values.get(x) as number)), 0) -
            r.right.reduce((a, x) => a + (truth.get(x) ?? (report.values.get(x) as number)), 0)
        ) > 1e-9
    );
    expect(
      show(wrong.map((r) => `${r.family}: ${r.left.join(" + ")} = ${r.right.join(" + ")}`)),
      "believed relations that do not hold for the true values"
    ).toEqual([]);
  });
});

describe("site and exports together", () => {
  it("recover no hidden count exactly", () => {
    const found = exactFindings();
    const lines = found.map(
      (f) => `${describe_(f.ref)} = ${f.value} [${verified(f.ref, f.value)}] (${f.how.slice(0, 300)})`
    );
    const by = (where: string) => found.filter((f) => f.where === where).length;
    const summary = ["site", ...exports.map((e) => `export/${e.name}`)].map((w) => `${w}: ${by(w)}`).join(", ");
    const small = found.filter((f) => f.value >= 1 && f.value <= k() - 1).length;
    const alone = found.filter((f) => f.exportAlone).length;
    expect(
      show(lines),
      `${found.length} hidden counts recovered exactly (${summary}; ${small} of them 1 … ${k() - 1}; ${alone} from one export alone, ` +
        `${found.length - alone} only with the site or another export; first ${SHOW} shown)`
    ).toEqual([]);
  });

  it("confine no hidden count of 1 … k − 1 to fewer than k values", () => {
    const found = narrowFindings();
    const unknown = unverifiedNarrow();
    if (unknown.length)
      console.info(
        `${unknown.length} hidden figures confined to fewer than ${k()} values whose true value is not known (not counted): ${unknown
          .slice(0, 5)
          .map((r) => `${describe_(r.ref)} ∈ [${r.lower}, ${r.upper}]`)
          .join("; ")}`
      );
    const lines = found.map(
      (r) => `${describe_(r.ref)} ∈ [${r.lower}, ${r.upper}] (true value ${truth.get(r.ref) ?? "1 … " + (k() - 1)})`
    );
    const where = ["site", ...exports.map((e) => `export/${e.name}`)]
      .map(
        (w) =>
          `${w}: ${found.filter((r) => (r.ref.startsWith("export/") ? r.ref.slice(0, r.ref.indexOf(":")) : "site") === w).length}`
      )
      .join(", ");
    const alone = found.filter((r) => report.narrowAlone.has(r.ref)).length;
    expect(
      show(lines),
      `${found.length} hidden counts of 1 … ${k() - 1} confined to fewer than ${k()} values by the linear programme (${where}; ${alone} from one export alone; first ${SHOW} shown)`
    ).toEqual([]);
  });

  it("the warehouse gives the true value of most hidden counts the LP bounds (so narrow ranges are judged by it)", () => {
    expect(truthNotes, "true values that could not be computed").toEqual([]);
    const known = report.ranges.filter((r) => truth.has(r.ref)).length;
    expect(
      known / Math.max(1, report.ranges.length),
      `${known} of ${report.ranges.length} hidden counts with a true value`
    ).toBeGreaterThan(0.8);
  });

  it("every exact finding above is true (the attack is sound)", () => {
    const wrong = report.exact.filter((f) => truth.has(f.ref) && truth.get(f.ref) !== f.value);
    expect(
      show(wrong.map((f) => `${describe_(f.ref)} = ${f.value} but is ${truth.get(f.ref)} (${f.how.slice(0, 200)})`))
    ).toEqual([]);
  });
});
