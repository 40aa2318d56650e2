// Round trip of the researcher export on a small synthetic warehouse: the exported tables read back
// with DuckDB equal the analysis layer's functions and a direct recomputation (from the microdata of the
// same export, and by re-running the exported SQL); CSV and Parquet agree; the codebook covers every
// column of every file; provenance.json says what was exported from what.
import {execFileSync} from "node:child_process";
import {createHash} from "node:crypto";
import {cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cohortCells} from "../../loaders/analysis/outcome-counts.ts";
import {stageHazardTable} from "../../loaders/analysis/transitions.ts";
import type {CohortFilters} from "../../loaders/analysis/types.ts";
import {CONTRACT_VERSION} from "../../loaders/contract/contract.ts";
import {WIDE_STEP} from "../../loaders/export/coarsen.ts";
import {exportCohort, type ExportResult} from "../../loaders/export/index.ts";
import {kaplanMeier, kaplanMeierFromTable, wilson} from "../../loaders/stats/index.ts";
import {openWarehouse, PROJECT_ROOT, query, type Warehouse} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";
import {riskBandEffects, riskGroupEffects, withNumberNeeded} from "../../loaders/analysis/effects.ts";
import {riskCalibration} from "../../loaders/analysis/risk-calibration.ts";
import {detailMin} from "../../loaders/analysis/detail.ts";
import {riskOf, riskScoresSql, type RiskModel} from "../../loaders/analysis/risk.ts";
import {prepareBase} from "../../loaders/analysis/sql/base.ts";
import type {EffectRow, NumberNeededColumns} from "../../loaders/analysis/types.ts";
import {CALIBRATION_COLUMNS, EFFECT_COLUMNS} from "../../loaders/export/risk-tables.ts";
import {RISK_TABLES} from "../../loaders/export/tables.ts";
import {
  compareGated,
  runSqlFile,
  makeWarehouse,
  personPeriodFromMicrodataSql,
  reader,
  readCsvText,
  readSql,
  type TestWarehouse
} from "./helpers.ts";

// The vocational programmes: a cohort that is a whole slice of the site (an export that differed from
// a site slice by fewer than 100 students would be refused, and this warehouse is small).
const COHORT = "programme=EUD,EUX";
const FILTERS: CohortFilters = {programmes: ["EUD", "EUX"]};
const TABLES = [
  "outcomes_by_mentor",
  "outcomes",
  "stage_hazards",
  "survival",
  "log_rank",
  "person_period_margins",
  "person_period",
  ...RISK_TABLES
];

let wh: TestWarehouse;
let outBase = "";
let out: string;
let outParquet: string;
let csv: ExportResult;
let r: Awaited<ReturnType<typeof reader>>;
let warehouse: Warehouse;
const file = (name: string, dir = out) => join(dir, name);
const rows = <T = Record<string, unknown>>(table: string, dir = out, ext = "csv") =>
  r.rows<T>(`SELECT * FROM ${readSql(file(`${table}.${ext}`, dir))}`);

beforeAll(async () => {
  wh = await makeWarehouse(6000, 3);
  outBase = tempDir("export-out");
  out = join(outBase, "csv");
  outParquet = join(outBase, "parquet");
  const outer = process.env.MENTOR_DUA;
  process.env.MENTOR_DUA = "Test agreement 1";
  try {
    csv = await exportCohort({db: wh.db, out, cohort: COHORT, microdata: true});
  } finally {
    if (outer === undefined) delete process.env.MENTOR_DUA;
    else process.env.MENTOR_DUA = outer;
  }
  await exportCohort({db: wh.db, out: outParquet, cohort: COHORT, format: "parquet"});
  r = await reader();
  warehouse = await openWarehouse(wh.db);
});

/**
 * share_<status> = <status>/n with Wilson 95 % limits; empty (and named in `suppressed`) when n or the status
 * count is hidden, empty when n = 0. Returns the number of shares compared with a recomputation.
 */
function expectShares(table: readonly Record<string, unknown>[]): number {
  let compared = 0;
  for (const g of table) {
    const hidden = String(g.suppressed ?? "").split(";");
    for (const o of ["completed", "dropped", "transferred", "ongoing"]) {
      const cols = [`share_${o}`, `share_${o}_lower`, `share_${o}_upper`];
      if (g.n === null || g[o] === null || g.n === 0) {
        for (const c of cols) expect(g[c]).toBeNull();
        if (g.n !== 0) for (const c of cols) expect(hidden).toContain(c);
        continue;
      }
      const w = wilson(g[o] as number, g.n as number);
      expect(cols.map((c) => g[c])).toEqual([w.estimate, w.lower, w.upper]);
      expect(g[`share_${o}`]).toBe((g[o] as number) / (g.n as number));
      compared++;
    }
  }
  return compared;
}

afterAll(() => {
  r?.close();
  warehouse?.close();
  wh?.cleanup();
  if (outBase) rmSync(outBase, {recursive: true, force: true});
});

describe("files", () => {
  it("writes every table, its SQL, the codebook and provenance.json", () => {
    const names = readdirSync(out).sort();
    const metadata = [
      "codebook.csv",
      "codebook.json",
      "datapackage.json",
      "CITATION.cff",
      "LICENSE.txt",
      "provenance.json",
      "README.md"
    ];
    expect(names).toEqual(
      [...TABLES.map((t) => `${t}.csv`), ...metadata, "labels.do", "labels.sps", "microdata.csv", "sql"].sort()
    );
    // Stata and SPSS labels in every export (a Parquet export's convert its tables to CSV first)
    expect(
      readdirSync(outParquet)
        .filter((f) => !f.endsWith(".parquet"))
        .sort()
    ).toEqual([...metadata, "labels.do", "labels.sps", "sql"].sort());
    expect(readdirSync(join(out, "sql")).sort()).toEqual(
      ["base.sql", "microdata.sql", "README.md", ...TABLES.map((t) => `${t}.sql`)].sort()
    );
    expect(
      readdirSync(outParquet)
        .filter((f) => f.endsWith(".parquet"))
        .sort()
    ).toEqual(TABLES.map((t) => `${t}.parquet`).sort());
    expect(readdirSync(join(out, "..")).filter((f) => f.includes("partial"))).toEqual([]);
  });
});

describe("round trip: same numbers as the analysis layer and a direct recomputation", () => {
  it("outcomes_by_mentor = the analysis layer's cohort cells summed by scheme type", async () => {
    const cells = await cohortCells(warehouse.connection, FILTERS);
    const sums = new Map<string, Record<string, number>>();
    for (const c of cells) {
      const s = sums.get(c.scheme_type) ?? {};
      for (const [k, v] of Object.entries(c)) if (typeof v === "number" && k !== "intake_year") s[k] = (s[k] ?? 0) + v;
      sums.set(c.scheme_type, s);
    }
    const got = await rows<Record<string, number | string | null>>("outcomes_by_mentor");
    // the full grid: every scheme type and none, with zeros where nobody is
    expect(got.map((g) => g.scheme_type).sort()).toEqual([
      "adult_volunteer",
      "group",
      "none",
      "peer",
      "professional",
      "workplace"
    ]);
    let compared = 0;
    for (const g of got) {
      const want = sums.get(g.scheme_type as string) ?? {n: 0};
      for (const [k, v] of Object.entries(want)) {
        if (g[k] === null) expect(String(g.suppressed).split(";")).toContain(k);
        else {
          expect(g[k]).toBe(v);
          compared++;
        }
      }
    }
    // the seal (audited with everything published before) hides a few more than the table's own rule
    expect(compared).toBeGreaterThan(20);
    expect(expectShares(got)).toBeGreaterThanOrEqual(5);
  });

  it("outcomes (strata cells) = a recomputation from the microdata", async () => {
    const want = await r.rows<
      Record<string, unknown>
    >(`SELECT programme, main_area, age_band, gender, prior_band, scheme_type, count(*) AS n,
        count(*) FILTER (WHERE outcome = 'completed') AS completed, count(*) FILTER (WHERE outcome = 'dropped') AS dropped,
        count(*) FILTER (WHERE drop_phase = 'probation') AS dropped_probation
      FROM ${readSql(file("microdata.csv"))} GROUP BY ALL`);
    const got = await rows<Record<string, unknown>>("outcomes");
    const key = (x: Record<string, unknown>) =>
      ["programme", "main_area", "age_band", "gender", "prior_band", "scheme_type"].map((c) => x[c]).join("|");
    const byKey = new Map(got.map((g) => [key(g), g]));
    // full grid: 2 programmes × their 4 main areas × 4 age bands × 3 genders × 5 prior bands × 6 scheme types
    expect(got.length).toBe(2 * 4 * 4 * 3 * 5 * 6);
    expect(byKey.size).toBe(got.length);
    for (const w of want) {
      const g = byKey.get(key(w))!;
      expect(g).toBeDefined();
      for (const c of ["n", "completed", "dropped", "dropped_probation"]) if (g[c] !== null) expect(g[c]).toBe(w[c]);
    }
    const present = new Set(want.map(key));
    for (const g of got) if (!present.has(key(g))) expect([g.n, g.dropped, g.suppressed]).toEqual([0, 0, null]);
    expect(expectShares(got)).toBeGreaterThan(50);
  });

  it("stage_hazards = the analysis layer's stageHazardTable (where not hidden)", async () => {
    const want = await stageHazardTable(warehouse.connection, FILTERS);
    const got = await rows<Record<string, unknown>>("stage_hazards");
    // full grid: programme group (all, vocational) × phase × (without, with all, with each of 5 types)
    expect(got.length).toBe(2 * 6 * 7);
    const hk = (x: object, pg: unknown) => {
      const r = x as Record<string, unknown>;
      return [r.phase, r.mentor, r.scheme_type, pg].join("|");
    };
    const byKey = new Map(got.map((g) => [hk(g, g.programme_group), g]));
    const wanted = new Set(want.map((w) => hk(w, w.programme)));
    for (const g of got)
      if (!wanted.has(hk(g, g.programme_group))) expect([g.entered, g.dropped, g.hazard]).toEqual([0, 0, null]);
    let compared = 0;
    want.forEach((w) => {
      const g = byKey.get(hk(w, w.programme))!;
      expect(g).toBeDefined();
      for (const c of ["entered", "dropped", "hazard", "hazard_lower", "hazard_upper"] as const) {
        if (g[c] !== null) {
          expect(g[c]).toBe(w[c]);
          compared++;
        }
      }
    });
    expect(compared).toBeGreaterThan(50);
  });

  it("survival: counts add up to each group, the estimate is the Kaplan-Meier of the exported table and follows the exact one", async () => {
    const got = await rows<{
      set: string;
      group: string;
      time: number;
      at_risk: number;
      events: number;
      censored: number;
      survival: number;
      std_err: number | null;
      lower: number | null;
      upper: number | null;
      wide_step: boolean;
    }>("survival");
    const micro = await r.rows<{
      mentor_intake: boolean;
      scheme_type: string;
      outcome: string;
      end_day: number | null;
      follow_days: number;
    }>(`SELECT mentor_intake, scheme_type, outcome, end_day, follow_days FROM ${readSql(file("microdata.csv"))}`);
    const groupsOf: Record<string, (m: (typeof micro)[number]) => string | null> = {
      mentor: (m) => (m.mentor_intake ? "with" : "without"),
      scheme_type: (m) => (m.mentor_intake ? m.scheme_type : "none")
    };
    let curves = 0;
    for (const [set, groupOf] of Object.entries(groupsOf)) {
      const groups = [...new Set(micro.map(groupOf))] as string[];
      for (const group of groups) {
        const members = micro.filter((m) => groupOf(m) === group);
        const curve = got.filter((g) => g.set === set && g.group === group).sort((a, b) => a.time - b.time);
        expect(curve.length).toBeGreaterThan(0); // every group of the grid has a row
        if (curve[0].at_risk === null) continue; // not published: one empty row
        curves++;
        const dropped = members.filter((m) => m.outcome === "dropped");
        expect(curve[0].at_risk).toBe(members.length);
        expect(curve.reduce((s, c) => s + c.events, 0)).toBe(dropped.length);
        expect(curve.reduce((s, c) => s + c.events + c.censored, 0)).toBe(members.length);
        // the exported estimate is exactly kaplanMeierFromTable of the exported counts
        const km = kaplanMeierFromTable(curve);
        expect(curve.map((c) => c.survival)).toEqual(km.map((k) => k.survival));
        expect(curve.map((c) => c.std_err)).toEqual(km.map((k) => (Number.isFinite(k.stdErr) ? k.stdErr : null)));
        expect(curve.map((c) => c.upper)).toEqual(km.map((k) => (Number.isFinite(k.upper) ? k.upper : null)));
        // and stays close to the exact Kaplan-Meier (time = dropout day, else follow-up) at the interval ends
        const exact = kaplanMeier(
          members.map((m) => (m.outcome === "dropped" ? m.end_day! : m.follow_days)),
          members.map((m) => m.outcome === "dropped")
        );
        // a row with dropouts ends on the day of its last one; wide_step is its drop above WIDE_STEP
        curve.forEach((c, i) => {
          if (c.events > 0)
            expect(
              dropped.some((m) => m.end_day === c.time),
              `${set} ${group} ${c.time}`
            ).toBe(true);
          expect(c.wide_step).toBe((i === 0 ? 1 : curve[i - 1].survival) - c.survival > WIDE_STEP);
        });
        for (const c of curve) {
          const at = exact.filter((e) => e.time <= c.time).pop()!;
          // (a few percentage points at most for the small scheme-type groups, whose intervals are long)
          expect(Math.abs(at.survival - c.survival)).toBeLessThan(members.length >= 1000 ? 0.02 : 0.05);
        }
      }
    }
    expect(curves).toBeGreaterThanOrEqual(4);
    const logRank = await rows<{set: string}>("log_rank");
    expect(logRank.map((l) => l.set).sort()).toEqual(["mentor", "scheme_type", "workplace"]);
  });

  it("person_period and its margins = a recomputation from the microdata", async () => {
    const prov = JSON.parse(readFileSync(file("provenance.json"), "utf8")) as {
      options: {period_breaks: number[]; covariates: string[]};
    };
    const b = prov.options.period_breaks;
    expect(prov.options.covariates).toEqual(["programme_group", "age_band"]);
    const want = await r.rows<Record<string, unknown>>(
      personPeriodFromMicrodataSql(readSql(file("microdata.csv")), b, ["programme_group", "age_band"])
    );
    const got = await rows<Record<string, unknown>>("person_period");
    const key = (x: Record<string, unknown>) => [x.period, x.programme_group, x.age_band, x.scheme_type].join("|");
    const byKey = new Map(got.map((g) => [key(g), g]));
    // full grid: every period × programme group (vocational) × 4 age bands × 6 scheme types at the period start
    expect(got.length).toBe((b.length - 1) * 4 * 6);
    const present = new Set(want.map(key));
    for (const g of got) if (!present.has(key(g))) expect([g.at_risk, g.events]).toEqual([0, 0]);
    let published = 0;
    for (const w of want) {
      const g = byKey.get(key(w))!;
      expect(g).toBeDefined();
      expect(g.start_day).toBe(b[w.period as number]);
      expect(g.end_day).toBe(b[(w.period as number) + 1] - 1);
      if (g.at_risk !== null) expect(g.at_risk).toBe(w.at_risk);
      if (g.events !== null) expect(g.events).toBe(w.events);
      if (g.at_risk !== null && g.events !== null) published++;
    }
    expect(published).toBeGreaterThan(20);
    const margins = await rows<Record<string, unknown>>("person_period_margins");
    for (const m of margins) {
      const cells = want.filter(
        (w) => w.period === m.period && (m.scheme_type === "all" || w.scheme_type === m.scheme_type)
      );
      if (m.at_risk !== null) expect(m.at_risk).toBe(cells.reduce((s, c) => s + (c.at_risk as number), 0));
      if (m.events !== null) expect(m.events).toBe(cells.reduce((s, c) => s + (c.events as number), 0));
    }
  });

  it("the exported SQL reproduces the tables on the warehouse", async () => {
    const w = await openWarehouse(wh.db);
    try {
      const run = async (name: string) => {
        const text = readFileSync(file(`sql/${name}.sql`), "utf8");
        const statements = text
          .split(/;\n\n/)
          .map((s) => s.replace(/^(--.*\n|\s*\n)*/, "").trim())
          .filter(Boolean);
        let last: Record<string, unknown>[] = [];
        for (const s of statements) last = await query(w.connection, s);
        return last;
      };
      await run("base");
      for (const table of ["outcomes", "person_period"]) {
        const fresh = await run(table);
        const got = await rows<Record<string, unknown>>(table);
        expect(fresh.length).toBe(got.length);
        fresh.forEach((f, i) => {
          for (const [k, v] of Object.entries(f)) if (got[i][k] !== null) expect(got[i][k]).toBe(v);
        });
      }
    } finally {
      w.close();
    }
  });

  it("risk_model: its coefficients and cut points give the warehouse's predicted risks and bands, also by sql/risk_model.sql", async () => {
    // the analysis layer's risk of every enrolment (the model is fitted on the whole warehouse)
    const con = warehouse.connection;
    const all = await prepareBase(con, {});
    const fitted = riskOf(con)!;
    const want = await query<Record<string, unknown>>(
      con,
      `SELECT enrolment_id, baseline_risk, risk_band, risk_decile FROM ${fitted.table} ORDER BY enrolment_id`
    );
    expect(want.length).toBeGreaterThan(5000);
    // the model rebuilt from risk_model.csv (as text: every number as written) and applied by the same SQL
    const m = await r.rows<Record<string, string | null>>(
      `SELECT * FROM read_csv('${file("risk_model.csv")}', header = true, all_varchar = true)`
    );
    const num = (x: string | null) => Number(x);
    const of = (term: string) => m.filter((x) => x.term === term);
    const list = (x: string | null) => (x === null ? [] : x.split(";"));
    const factors = [...new Set(of("reference").map((x) => x.factor!))];
    const rebuilt = {
      intercept: num(of("intercept")[0].coefficient),
      year: {centre: num(of("intake_year")[0].value), coefficient: num(of("intake_year")[0].coefficient)},
      factors: factors.map((factor) => {
        const ref = of("reference").find((x) => x.factor === factor)!;
        return {
          factor,
          reference: ref.level!,
          reference_pooled: list(ref.pooled_levels),
          levels: of("level")
            .filter((x) => x.factor === factor)
            .map((x) => ({
              level: x.level!,
              coefficient: num(x.coefficient),
              std_error: num(x.std_error),
              pooled: list(x.pooled_levels)
            }))
        };
      }),
      band_cuts: of("band_cut").map((x) => num(x.value)),
      decile_cuts: of("decile_cut").map((x) => num(x.value))
    } as unknown as RiskModel;
    const model = fitted.model!;
    expect(rebuilt.intercept).toBe(model.intercept);
    expect(rebuilt.factors.map((f) => f.levels.map((l) => l.coefficient))).toEqual(
      model.factors.map((f) => f.levels.map((l) => l.coefficient))
    );
    expect([rebuilt.band_cuts, rebuilt.decile_cuts]).toEqual([model.band_cuts, model.decile_cuts]);
    expect(num(of("c_statistic")[0].value)).toBe(model.c_statistic);
    expect(await query(con, riskScoresSql(rebuilt, all.enrol))).toEqual(want);
    // the recorded SQL, run on the warehouse after base.sql, gives the same risks and bands
    const w = await openWarehouse(wh.db);
    try {
      await runSqlFile(w.connection, file("sql/base.sql"));
      expect(await runSqlFile(w.connection, file("sql/risk_model.sql"))).toEqual(want);
    } finally {
      w.close();
    }
    // every band of the warehouse's fitting population is two deciles
    const bands = await query<{risk_band: number; deciles: number[]}>(
      con,
      `SELECT risk_band, list(DISTINCT risk_decile ORDER BY risk_decile) AS deciles FROM ${fitted.table} WHERE risk_decile IS NOT NULL GROUP BY 1 ORDER BY 1`
    );
    expect(bands.map((b) => b.deciles.map(Number))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10]
    ]);
  });

  it("band_effects, group_effects, risk_calibration = the analysis layer's for the cohort (where shown), NNT from the published interval", async () => {
    const con = warehouse.connection;
    const nnt = (g: Record<string, unknown>) =>
      withNumberNeeded(g as unknown as EffectRow & NumberNeededColumns) as unknown as Record<string, unknown>;
    const counts = ["n_mentored", "dropped_mentored", "n_comparison", "dropped_comparison"];
    const bands = compareGated(
      await rows("band_effects"),
      (await riskBandEffects(con, FILTERS)) as unknown as Record<string, unknown>[],
      ["risk_band"],
      EFFECT_COLUMNS,
      counts,
      nnt
    );
    compareGated(
      await rows("group_effects"),
      (await riskGroupEffects(con, {minMentees: detailMin(5)}, FILTERS)) as unknown as Record<string, unknown>[],
      ["scheme_type", "risk_group"],
      EFFECT_COLUMNS,
      counts,
      nnt
    );
    // a single programme group's bands hold few mentees: in this cohort most are hidden (r.test.ts compares the
    // whole warehouse's, mostly shown); every non-zero count is either shown and equal or hidden and flagged
    expect(bands.shown + bands.hidden).toBeGreaterThanOrEqual(8);
    const calibration = compareGated(
      await rows("risk_calibration"),
      (await riskCalibration(con, FILTERS)) as unknown as Record<string, unknown>[],
      ["risk_decile"],
      CALIBRATION_COLUMNS,
      ["students", "dropped"]
    );
    expect(calibration.shown + calibration.hidden).toBeGreaterThanOrEqual(6);
  });

  it("every recorded SQL file runs as written (base.sql first), statement by statement as DuckDB's parser splits it", async () => {
    const w = await openWarehouse(wh.db);
    try {
      const names = readdirSync(join(out, "sql"))
        .filter((n) => n.endsWith(".sql"))
        .sort((a, b) => (a === "base.sql" ? -1 : b === "base.sql" ? 1 : a.localeCompare(b)));
      expect(names[0]).toBe("base.sql");
      for (const name of names) {
        const text = readFileSync(file(`sql/${name}`), "utf8");
        const extracted = await w.connection.extractStatements(text).catch((e) => {
          throw new Error(`sql/${name} does not parse: ${e}`);
        });
        expect(extracted.count, name).toBeGreaterThan(0);
        for (let i = 0; i < extracted.count; i++) {
          const statement = await extracted.prepare(i);
          await statement.run().catch((e) => {
            throw new Error(`sql/${name}, statement ${i + 1}: ${e}`);
          });
        }
      }
    } finally {
      w.close();
    }
  });

  it("Parquet holds the same numbers as CSV", async () => {
    for (const t of TABLES) {
      const a = await rows(t, out, "csv");
      const p = await rows(t, outParquet, "parquet");
      expect(p).toEqual(a);
    }
    const schema = await r.rows<{name: string; type: string}>(
      `SELECT name, type FROM parquet_schema('${file("survival.parquet", outParquet)}') WHERE name IN ('time', 'at_risk', 'survival', 'set')`
    );
    expect(Object.fromEntries(schema.map((s) => [s.name, s.type]))).toEqual({
      set: "BYTE_ARRAY",
      time: "INT64",
      at_risk: "INT64",
      survival: "DOUBLE"
    });
  });
});

describe("the steps after the SQL, as documented, give the published values", () => {
  // The formulas of sql/README.md (loaders/export/post-sql.ts), written out again here from the text.
  const z = 1.959964;
  const wilsonDoc = (x: number, n: number) => {
    const centre = (x + (z * z) / 2) / (n + z * z);
    const half = (z * Math.sqrt((x * (n - x)) / n + (z * z) / 4)) / (n + z * z);
    return [x === 0 ? 0 : centre - half, x === n ? 1 : centre + half];
  };

  it("every SQL file of a table lists its steps after the SQL, and sql/README.md has them all", () => {
    const readme = readFileSync(file("sql/README.md"), "utf8");
    for (const t of [...TABLES, "microdata"]) {
      const text = readFileSync(file(`sql/${t}.sql`), "utf8");
      expect(text, t).toMatch(
        /^-- After this SQL \(in TypeScript; formulas and functions also in sql\/README\.md\):\n-- {3}1\. /m
      );
      expect(readme).toContain(`## ${t}\n`);
    }
    for (const name of [
      "wilson",
      "coarsenSurvivalTable",
      "kaplanMeierFromTable",
      "logRankFromTable",
      "guardPeriodChains",
      "publish",
      "publishLinked",
      "sealExport"
    ]) {
      expect(readme).toContain(`\`${name}\``);
    }
  });

  it("stage_hazards: the SQL's counts with hazard = dropped / entered and the Wilson formula", async () => {
    const w = await openWarehouse(wh.db);
    let fresh: {stage: string; entered: number; dropped: number}[] = [];
    try {
      for (const name of ["base", "stage_hazards"]) {
        const statements = readFileSync(file(`sql/${name}.sql`), "utf8")
          .split(/;\n\n/)
          .map((s) => s.replace(/^(--.*\n|\s*\n)*/, "").trim())
          .filter(Boolean);
        for (const s of statements) fresh = await query(w.connection, s);
      }
    } finally {
      w.close();
    }
    const bySql = new Map(fresh.map((f) => [f.stage, f]));
    const got = await rows<{
      phase: string;
      mentor: string;
      scheme_type: string;
      programme_group: string;
      entered: number | null;
      dropped: number | null;
      hazard: number | null;
      hazard_lower: number | null;
      hazard_upper: number | null;
    }>("stage_hazards");
    let checked = 0;
    for (const g of got) {
      if (g.hazard === null) continue;
      const f = bySql.get([g.mentor, g.scheme_type, g.programme_group, "all", "all", g.phase].join("|"));
      const [entered, dropped] = f ? [Number(f.entered), Number(f.dropped)] : [0, 0];
      expect([g.entered, g.dropped]).toEqual([entered, dropped]);
      expect(g.hazard).toBeCloseTo(dropped / entered, 12);
      const [lower, upper] = wilsonDoc(dropped, entered);
      expect(g.hazard_lower).toBeCloseTo(lower, 6);
      expect(g.hazard_upper).toBeCloseTo(upper, 6);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8); // mature cohorts of a small warehouse: 12 published
  });

  it("survival: the product-limit, Greenwood and log-limit formulas on the published counts", async () => {
    const got = await rows<{
      set: string;
      group: string;
      time: number | null;
      at_risk: number;
      events: number;
      survival: number;
      std_err: number | null;
      lower: number | null;
      upper: number | null;
    }>("survival");
    let checked = 0;
    for (const key of new Set(got.map((g) => `${g.set}|${g.group}`))) {
      const curve = got
        .filter((g) => `${g.set}|${g.group}` === key && g.time !== null)
        .sort((a, b) => (a.time as number) - (b.time as number));
      let s = 1;
      let sum = 0;
      for (const c of curve) {
        s *= 1 - c.events / c.at_risk;
        if (c.events > 0) sum += c.at_risk > c.events ? c.events / (c.at_risk * (c.at_risk - c.events)) : Infinity;
        const sigma = Math.sqrt(sum);
        expect(c.survival).toBeCloseTo(s, 12);
        if (s === 0 || !Number.isFinite(sigma)) {
          expect([c.lower, c.upper]).toEqual([null, null]);
          continue;
        }
        expect(c.std_err).toBeCloseTo(s * sigma, 12);
        expect(c.lower).toBeCloseTo(s * Math.exp(-z * sigma), 5);
        expect(c.upper).toBeCloseTo(Math.min(1, s * Math.exp(z * sigma)), 5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("codebook", () => {
  it("covers every column of every file, in order, with type, kind, coding and Danish and English labels", async () => {
    const codebook = JSON.parse(readFileSync(file("codebook.json"), "utf8")) as {
      contract_version: string;
      files: {file: string; columns: {column: string; type: string; kind: string; da: string; en: string}[]}[];
    };
    const csvBook = await r.rows<{
      file: string;
      column: string;
      type: string;
      kind: string;
      coding: string | null;
      label_da: string;
      label_en: string;
    }>(`SELECT * FROM read_csv('${file("codebook.csv")}', header = true, all_varchar = true)`);
    expect(codebook.contract_version).toBe(CONTRACT_VERSION);
    const tabular = readdirSync(out).filter((f) => f.endsWith(".csv"));
    expect(codebook.files.map((f) => f.file).sort()).toEqual(tabular.sort());
    for (const f of tabular) {
      const header = readFileSync(file(f), "utf8").split("\n")[0].split(",");
      const entry = codebook.files.find((x) => x.file === f)!;
      expect(entry.columns.map((c) => c.column)).toEqual(header);
      expect(csvBook.filter((c) => c.file === f).map((c) => c.column)).toEqual(header);
      for (const c of entry.columns) {
        expect(["integer", "number", "string", "boolean"]).toContain(c.type);
        expect(c.da.length).toBeGreaterThan(2);
        expect(c.en.length).toBeGreaterThan(2);
      }
    }
    for (const c of csvBook) if (c.kind === "dimension" || c.kind === "count") expect(c.coding).toBeTruthy();
    // Parquet files are documented with the same columns
    const pq = JSON.parse(readFileSync(file("codebook.json", outParquet), "utf8")) as typeof codebook;
    for (const f of pq.files.filter((x) => x.file.endsWith(".parquet"))) {
      const cols = await r.rows<{name: string}>(
        `SELECT name FROM parquet_schema('${file(f.file, outParquet)}') WHERE name <> 'duckdb_schema'`
      );
      expect(f.columns.map((c) => c.column)).toEqual(cols.map((c) => c.name));
    }
    // coded columns carry their codes
    const scheme = codebook.files
      .find((x) => x.file === "outcomes.csv")!
      .columns.find((c) => c.column === "scheme_type") as unknown as {codes: {code: string; da: string; en: string}[]};
    expect(scheme.codes.map((c) => c.code)).toEqual([
      "peer",
      "adult_volunteer",
      "professional",
      "group",
      "workplace",
      "none"
    ]);
  });
});

describe("datapackage.json, labels.do, labels.sps", () => {
  type Resource = {
    name: string;
    path: string;
    profile: string;
    hash: string;
    schema: {
      fields: {name: string; type: string; constraints?: {enum?: string[]}}[];
      primaryKey: string[];
      missingValues: string[];
    };
  };
  it("describes every CSV file with its hash and columns; keys are unique, coded values are in the enum, values have their type", () => {
    const pkg = JSON.parse(readFileSync(file("datapackage.json"), "utf8")) as {
      profile: string;
      version: string;
      resources: Resource[];
    };
    const prov = JSON.parse(readFileSync(file("provenance.json"), "utf8"));
    expect(pkg.profile).toBe("tabular-data-package");
    expect(pkg.version).toBe(prov.data.data_version);
    expect(pkg.resources.map((x) => x.path).sort()).toEqual(
      readdirSync(out)
        .filter((f) => f.endsWith(".csv"))
        .sort()
    );
    for (const res of pkg.resources) {
      const bytes = readFileSync(file(res.path));
      expect(res.hash).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
      const {header, rows: records} = readCsvText(bytes.toString("utf8"));
      expect(res.schema.fields.map((f) => f.name)).toEqual(header);
      expect(res.schema.missingValues).toEqual([""]);
      const at = res.schema.primaryKey.map((k) => header.indexOf(k));
      expect(at).not.toContain(-1);
      const keys = records.map((row) => JSON.stringify(at.map((i) => row[i])));
      expect(new Set(keys).size, res.name).toBe(records.length);
      for (const row of records) {
        const emptyKey = res.schema.primaryKey.filter((_, j) => row[at[j]] === null);
        // only a survival curve that is not published has an empty key cell (time), and then every value is empty
        if (emptyKey.length) {
          expect([res.name, emptyKey]).toEqual(["survival", ["time"]]);
          for (const c of ["at_risk", "events", "censored", "survival"]) expect(row[header.indexOf(c)]).toBeNull();
        }
      }
      res.schema.fields.forEach((f, i) => {
        const values = records.map((row) => row[i]).filter((v): v is string => v !== null);
        if (f.constraints?.enum)
          for (const v of values) expect(f.constraints.enum, `${res.path} ${f.name}`).toContain(v);
        if (f.type === "integer") for (const v of values) expect(v, `${res.path} ${f.name}`).toMatch(/^-?\d+$/);
        if (f.type === "number")
          for (const v of values) expect(Number.isFinite(Number(v)), `${res.path} ${f.name} ${v}`).toBe(true);
        if (f.type === "boolean") for (const v of values) expect(["TRUE", "FALSE"]).toContain(v);
      });
    }
    const pq = JSON.parse(readFileSync(file("datapackage.json", outParquet), "utf8")) as {
      profile: string;
      resources: Resource[];
    };
    expect(pq.profile).toBe("data-package");
    for (const res of pq.resources)
      expect(res.hash).toBe(
        `sha256:${createHash("sha256")
          .update(readFileSync(file(res.path, outParquet)))
          .digest("hex")}`
      );
    expect(pq.resources.map((x) => x.path).sort()).toEqual(
      [...TABLES.map((t) => `${t}.parquet`), "codebook.csv"].sort()
    );
  });

  it("labels.do and labels.sps read and label every column of every CSV table", () => {
    const doFile = readFileSync(file("labels.do"), "utf8");
    const sps = readFileSync(file("labels.sps"), "utf8");
    for (const f of [...TABLES, "microdata"]) {
      const header = readFileSync(file(`${f}.csv`), "utf8")
        .split("\n")[0]
        .split(",");
      expect(doFile).toContain(`import delimited using "${f}.csv"`);
      expect(doFile).toContain(`save "${f}.dta", replace`);
      expect(sps).toContain(`/FILE="${f}.csv"`);
      const block = doFile.slice(doFile.indexOf(`"${f}.csv"`), doFile.indexOf(`save "${f}.dta"`));
      for (const c of header)
        expect(block.split("\n").filter((l) => l.startsWith(`label variable ${c} `)).length, `${f}.${c}`).toBe(2);
    }
  });
});

/** Whether PSPP (the free SPSS clone) is installed: then labels.sps is run, not only checked. */
const hasPspp = (() => {
  try {
    execFileSync("pspp", ["--version"], {stdio: "ignore"});
    return true;
  } catch {
    return false;
  }
})();

describe("labels.sps in PSPP", () => {
  it.skipIf(!hasPspp)("runs without an error or warning, and every .sav holds the CSV's values", () => {
    const dir = join(outBase, "pspp");
    cpSync(out, dir, {recursive: true});
    execFileSync("pspp", ["-O", "format=txt", "-o", "log.txt", "labels.sps"], {cwd: dir});
    expect(readFileSync(join(dir, "log.txt"), "utf8")).not.toMatch(/error|warning/i);
    for (const t of [...TABLES, "microdata"]) {
      writeFileSync(
        join(dir, "back.sps"),
        `GET FILE='${t}.sav'.\nSAVE TRANSLATE /OUTFILE='back.csv' /TYPE=CSV /FIELDNAMES /REPLACE.\n`
      );
      execFileSync("pspp", ["back.sps"], {cwd: dir});
      const types = new Map(
        (
          JSON.parse(readFileSync(join(dir, "datapackage.json"), "utf8")) as {
            resources: {name: string; schema: {fields: {name: string; type: string}[]}}[];
          }
        ).resources
          .find((x) => x.name === t)!
          .schema.fields.map((f) => [f.name, f.type])
      );
      const original = readCsvText(readFileSync(join(dir, `${t}.csv`), "utf8"));
      const back = readCsvText(readFileSync(join(dir, "back.csv"), "utf8"));
      expect(back.header).toEqual(original.header);
      expect(back.rows.length).toBe(original.rows.length);
      original.rows.forEach((row, i) =>
        row.forEach((v, j) => {
          const b = back.rows[i][j]?.trim() || null;
          const numeric = ["integer", "number"].includes(types.get(original.header[j])!);
          const value = v === null || v === "" ? null : numeric ? Number(v) : v;
          // booleans are read as text with Yes/No labels
          expect(
            b === null ? null : typeof value === "number" ? Number(b) : b,
            `${t} row ${i + 1} ${original.header[j]}`
          ).toBe(value);
        })
      );
    }
  });

  it.skipIf(!hasPspp)(
    "a Parquet export: the conversion commands at the top of labels.sps, then labels.sps, give the CSV export's .sav files",
    async () => {
      const dir = join(outBase, "pspp-parquet");
      cpSync(outParquet, dir, {recursive: true});
      const sps = readFileSync(join(dir, "labels.sps"), "utf8");
      const commands = [...sps.matchAll(/duckdb -c "(.+)"\.?$/gm)].map((m) =>
        m[1].replace(/'([a-z_]+\.(?:parquet|csv))'/g, (_, f: string) => `'${join(dir, f)}'`)
      );
      expect(commands.length).toBe(TABLES.length);
      for (const c of commands) await r.con.run(c);
      execFileSync("pspp", ["-O", "format=txt", "-o", "log.txt", "labels.sps"], {cwd: dir});
      expect(readFileSync(join(dir, "log.txt"), "utf8")).not.toMatch(/error|warning/i);
      const back = (d: string, t: string) => {
        writeFileSync(
          join(d, "back.sps"),
          `GET FILE='${t}.sav'.\nSAVE TRANSLATE /OUTFILE='back.csv' /TYPE=CSV /FIELDNAMES /REPLACE.\n`
        );
        execFileSync("pspp", ["back.sps"], {cwd: d});
        return readFileSync(join(d, "back.csv"), "utf8");
      };
      const fromCsv = join(outBase, "pspp-csv-again");
      cpSync(out, fromCsv, {recursive: true});
      execFileSync("pspp", ["labels.sps"], {cwd: fromCsv});
      for (const t of TABLES) expect(back(dir, t), t).toBe(back(fromCsv, t));
    }
  );
});

describe("provenance.json", () => {
  it("records data version, ingested files, contract, software, time, threshold, filters and the files", async () => {
    const p = JSON.parse(readFileSync(file("provenance.json"), "utf8"));
    const [meta] = await query<{data_version: string; contract_version: string}>(
      warehouse.connection,
      "SELECT data_version, contract_version FROM warehouse_meta"
    );
    expect(p.data.data_version).toBe(meta.data_version);
    expect(p.data.data_version).toMatch(/^[0-9a-f]{16,}$/);
    const log = await query<{path: string; sha256: string}>(
      warehouse.connection,
      'SELECT path, sha256 FROM ingest_log ORDER BY "table", path'
    );
    expect(p.data.ingested_files.map((f: {sha256: string}) => f.sha256)).toEqual(log.map((l) => l.sha256));
    expect(p.data.ingested_files.map((f: {file: string}) => f.file)).toContain("enrolments.csv");
    expect(p.data.data_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.contract).toMatchObject({warehouse: meta.contract_version, code: CONTRACT_VERSION});
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
    expect(p.software).toMatchObject({name: pkg.name, version: pkg.version});
    let inGit = false;
    try {
      inGit =
        execFileSync("git", ["rev-parse", "--is-inside-work-tree"], {cwd: PROJECT_ROOT, encoding: "utf8"}).trim() ===
        "true";
    } catch {
      inGit = false;
    }
    if (inGit) {
      // a commit of this repository (others may commit while the test runs, so not necessarily HEAD now)
      expect(p.software.git_commit).toMatch(/^[0-9a-f]{40}$/);
      expect(
        execFileSync("git", ["cat-file", "-t", p.software.git_commit], {cwd: PROJECT_ROOT, encoding: "utf8"}).trim()
      ).toBe("commit");
      expect(typeof p.software.git_dirty).toBe("boolean");
    } else expect(p.software.git_commit).toBeNull();
    expect(typeof p.software.duckdb).toBe("string");
    expect(Date.now() - Date.parse(p.created_at)).toBeLessThan(10 * 60_000);
    expect(p.privacy.min_cell).toBe(5);
    expect(p.cohort).toEqual({argument: COHORT, canonical: "programme=EUD,EUX", filters: FILTERS});
    expect(p.options).toMatchObject({
      format: "csv",
      strata: ["programme", "main_area", "age_band", "gender", "prior_band"],
      covariates: ["programme_group", "age_band"]
    });
    // every file written is listed with its sha256 (provenance.json itself excepted)
    const listed = new Map(p.files.map((f: {file: string; sha256: string}) => [f.file, f.sha256]));
    for (const f of [
      ...readdirSync(out).filter((x) => x !== "sql" && x !== "provenance.json"),
      ...readdirSync(join(out, "sql")).map((x) => `sql/${x}`)
    ]) {
      const {createHash} = await import("node:crypto");
      expect(listed.get(f)).toBe(
        createHash("sha256")
          .update(readFileSync(file(f)))
          .digest("hex")
      );
    }
    expect(p.files.find((f: {file: string}) => f.file === "outcomes.csv").suppressed_cells).toBe(
      csv.suppressed.outcomes
    );
    expect(p.microdata).toMatchObject({included: true, data_use_agreement: "Test agreement 1"});
    const plain = JSON.parse(readFileSync(file("provenance.json", outParquet), "utf8"));
    expect(plain.microdata).toEqual({included: false});
    expect(existsSync(file("microdata.parquet", outParquet))).toBe(false);
  });

  it("says what the data are, in provenance.json and the README, from what the warehouse records", async () => {
    const p = JSON.parse(readFileSync(file("provenance.json"), "utf8"));
    const [meta] = await query<{synthetic: boolean}>(warehouse.connection, "SELECT synthetic FROM warehouse_meta");
    expect(meta.synthetic).toBe(true); // the generator's output says it is synthetic
    expect(p.data.synthetic).toBe(true);
    expect(p.data.notice).toMatch(/^Synthetic data/);
    expect(p.data.notice).toContain("Syntetiske data");
    expect(p.data.mature_days).toBe(1826);
    const readme = readFileSync(file("README.md"), "utf8");
    expect(readme).toContain(p.data.notice);
    expect(readme).toContain("`programme=EUD,EUX`");
    expect(readme).toContain("1826");
    for (const f of ["outcomes.csv", "survival.csv", "microdata.csv"]) expect(readme).toContain(`\`${f}\``);
    expect(readme).not.toMatch(/undefined|null|NaN/);
    // how to cite, the licence (not for microdata) and the data statement
    expect(readme).toContain("## Sådan citeres / How to cite");
    expect(readme).toContain(
      `Region Hovedstaden (${new Date(p.created_at).getUTCFullYear()}). Mentoring schemes and dropout`
    );
    expect(readme).toContain(
      "Creative Commons Attribution 4.0 International (CC-BY-4.0, https://creativecommons.org/licenses/by/4.0/)"
    );
    expect(readme).toContain(
      '`microdata.*` are not openly licensed: they are governed by the data-use agreement "Test agreement 1"'
    );
    expect(readme).toContain(
      `- Dataversion / data version: \`${p.data.data_version}\`; datadato / data date: ${p.data.data_date}`
    );
    expect(readme).toContain("k = 5");
    expect(p.publication).toEqual({
      publisher: "Region Hovedstaden",
      license: {
        spdx: "CC-BY-4.0",
        title: "Creative Commons Attribution 4.0 International",
        url: "https://creativecommons.org/licenses/by/4.0/"
      },
      applies_to: "every file except microdata.* (microdata: the data-use agreement)",
      citation: "CITATION.cff"
    });
    expect(readFileSync(file("CITATION.cff"), "utf8")).toContain(`version: "${p.data.data_version}"`);
    expect(readFileSync(file("LICENSE.txt"), "utf8")).toContain(
      'governed by the data-use agreement "Test agreement 1"'
    );
    expect(readFileSync(file("LICENSE.txt", outParquet), "utf8")).not.toMatch(/microdata/i);
    // a Parquet export has the label files too, which first convert its tables to CSV with DuckDB
    expect(readFileSync(file("README.md", outParquet), "utf8")).toContain("convert the Parquet files to CSV first");
    const doParquet = readFileSync(file("labels.do", outParquet), "utf8");
    const spsParquet = readFileSync(file("labels.sps", outParquet), "utf8");
    for (const t of TABLES) {
      // (a table with TRUE/FALSE columns selects them upper-cased: SELECT * REPLACE (…) FROM '<t>.parquet')
      const convert = new RegExp(
        `^\\*   duckdb -c "COPY \\((SELECT \\* REPLACE \\(.+\\) )?FROM '${t}\\.parquet'\\) TO '${t}\\.csv' \\(HEADER\\)"\\.?$`,
        "m"
      );
      expect(doParquet).toMatch(convert);
      expect(spsParquet).toMatch(convert);
      expect(doParquet).toContain(`import delimited using "${t}.csv"`);
    }
    expect(doParquet).toContain(
      "SELECT * REPLACE (upper(CAST(wide_step AS VARCHAR)) AS wide_step) FROM 'survival.parquet'"
    );
  });
});
