// The attacker's tests: build the site once on the default sample (data/sample) in a copy of the project,
// then attack what a visitor can download — the page JSON under dist/_file/data/ and the slice files under
// dist/_file/generated/slices/ (the in-page CSV downloads are made in the browser from the same JSON).
// Only the built files are read. Each test fails when an attack recovers a hidden count or a count of
// 1 … min_cell − 1 students. Set MENTOR_ATTACK_DIST=<dist folder> to attack an existing build instead
// (faster while developing; the test then does not build).
import {existsSync, mkdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/index.ts";
import {DEFAULT_SOURCE} from "../../loaders/warehouse.ts";
import {SITE_BUILD_WAIT_MS, siteBuilt} from "../helpers/site-build.ts";
import {buildSiteCopy} from "../helpers/site-copy.ts";
import {tempDir} from "../helpers/tmp.ts";
import {
  attack,
  siteRelations,
  explain,
  kmLimits,
  label,
  loadSite,
  rows,
  rateAttack,
  scanIdentifierFields,
  scanSmallCounts,
  solve,
  solveLinear,
  type AttackReport,
  type Relation,
  type Site
} from "./attacker.ts";

/** How many findings a failure message lists. */
const SHOW = 12;

let dist = "";
let site: Site;
let report: AttackReport;
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true});
});

beforeAll(async () => {
  if (process.env.MENTOR_ATTACK_DIST) {
    await siteBuilt();
    dist = process.env.MENTOR_ATTACK_DIST;
  } else {
    const dbDir = tempDir("attacks-db");
    temps.push(dbDir);
    const db = join(dbDir, "warehouse.duckdb");
    await ingest({sources: [DEFAULT_SOURCE], db});
    const built = buildSiteCopy(db, "attacks-build");
    temps.push(built.project);
    dist = built.dist;
  }
  expect(existsSync(join(dist, "_file")), `${dist}/_file`).toBe(true);
  site = loadSite(dist);
  report = attack(site);
  const small = report.hidden.filter((r) => r.value >= 1 && r.value < site.minCell);
  console.info(
    `attacks on ${dist}: ${report.result.checked} believed relations (${report.result.withOneHidden} with one hidden term), ` +
      `${report.hidden.length} hidden figures recovered (${small.length} of 1–${site.minCell - 1}; ${report.viaCurves.length} with a curve) and ${report.linear.length} more by linear algebra ` +
      `(largest group ${report.linearStats.largest} hidden figures), ${report.result.contradictions.length} relations that gave an impossible value (not used), ` +
      `${report.curves.facts.length} exact curve figures, ${report.curves.pairs} point pairs and ${report.curves.lifeRows} life-table rows checked`
  );
}, SITE_BUILD_WAIT_MS + 600_000);

const show = (lines: string[]) => lines.slice(0, SHOW);
const families = (prefix: RegExp) => report.result.families.filter((f) => prefix.test(f.family));

describe("the attacker reads the published site", () => {
  it("parses the data files into many records and relations (the attacks are not vacuous)", () => {
    const count = (t: string) => rows(site, t).length;
    expect([...site.files.keys()].filter((k) => k.startsWith("slices/")).length, "slice files").toBeGreaterThan(15);
    for (const t of [
      "overview.comparisons",
      "overview.headline",
      "cohorts.cells",
      "slices.outcomes",
      "slices.hazards",
      "slices.curves",
      "schemes.facts",
      "schemes.process"
    ]) {
      expect(count(t), t).toBeGreaterThan(0);
    }
    expect(count("cohorts.cells"), "cohort cells").toBeGreaterThan(40);
    // relations the attacker could establish and believe (held wherever fully published), and ones with a hidden term
    expect(report.result.checked, "believed relation instances").toBeGreaterThan(500);
    expect(report.result.withHidden, "believed relations with a hidden term").toBeGreaterThan(50);
    expect(report.result.families.filter((f) => f.believed).length, "believed families").toBeGreaterThan(50);
  });
});

describe("attack 1: same people under different names (subtraction)", () => {
  it("checks the key relations: headline = Σ groups, hazards vs slice outcomes, slices = Σ slices", () => {
    // (the cohort cells by intake year that "comparisons by intake year" was checked against are no longer published)
    for (const re of [
      /^headline\./,
      /^hazards first weeks vs slice outcomes/,
      /^slice outcome\./,
      /^outcomes: slice = Σ slices/
    ]) {
      expect(
        families(re).reduce((a, f) => a + f.instances, 0),
        String(re)
      ).toBeGreaterThan(0);
    }
  });

  it("recovers no hidden count by subtracting published figures", () => {
    // A zero found through a relation that merely held elsewhere (not an identity of the definitions) is a guess, not a
    // deduction: the model behind the audit knows such students could exist (see loaders/privacy/README.md, limits).
    const documented = new Set(
      siteRelations(site)
        .filter((r) => r.documented)
        .map((r) => r.family)
    );
    const found = report.hidden.filter(
      (r) =>
        !report.viaCurves.includes(r) &&
        !r.family.startsWith("schemes:") &&
        !(r.value === 0 && !documented.has(r.family))
    );
    expect(
      show(found.map((r) => explain(site, r))),
      `${found.length} hidden figures recovered exactly (first ${SHOW} shown)`
    ).toEqual([]);
  });

  it("recovers no hidden count from a published rate next to it", () => {
    expect(report.ratesChecked, "rate/count triples checked").toBeGreaterThan(100);
    expect(show(report.rates.map((r) => explain(site, r))), `${report.rates.length} hidden counts from rates`).toEqual(
      []
    );
  });

  it("recovers no hidden count by solving the relations together (linear algebra, beyond one-at-a-time subtraction)", () => {
    expect(report.linearStats.skipped, "groups of linked hidden figures too large to solve").toBe(0);
    expect(
      show(report.linear.map((r) => explain(site, r))),
      `${report.linear.length} more hidden figures determined by the linear system (first ${SHOW} shown)`
    ).toEqual([]);
  });
});

describe("attack 2: curves carry more than their rounding", () => {
  it("finds the curves", () => {
    expect(report.curves.curves, "curves").toBeGreaterThan(20);
    expect(report.curves.points, "curve rows").toBeGreaterThan(50);
    expect(
      report.curves.pairs + report.curves.lifeRows,
      "point pairs inverted or life-table rows checked"
    ).toBeGreaterThan(50);
  });

  it("cannot solve Kaplan-Meier points for exact numbers at risk or events", () => {
    // a published at-risk figure is rounded; an exact count different from it is information the rounding was meant to hide
    const beyond = report.curves.facts.filter(
      (f) => f.kind !== "events" && f.published !== null && f.value !== f.published
    );
    expect(
      show(beyond.map((f) => `${f.ref} = ${f.value} (${f.how})`)),
      `${beyond.length} exact counts solved from curve points (first ${SHOW} shown)`
    ).toEqual([]);
  });

  it("recovers no hidden count from exact curve figures and the published tables", () => {
    expect(
      show(report.viaCurves.map((r) => explain(site, r))),
      `${report.viaCurves.length} hidden figures recovered with a curve (first ${SHOW} shown)`
    ).toEqual([]);
  });

  it("life tables: values reproducible from the published counts, no rows after a hidden count, no hidden events solvable", () => {
    // vacuous (and passing) while curves are published as Kaplan-Meier points without counts
    expect(show(report.curves.notReproducible), "survival/limits not reproducible from the published counts").toEqual(
      []
    );
    expect(show(report.curves.afterHidden), "rows after a hidden count").toEqual([]);
    expect(
      show(report.curves.solvedEvents.map((f) => `${label(site, f.ref)} = ${f.value} (${f.how})`)),
      "hidden events solved from survival"
    ).toEqual([]);
  });
});

describe("attack 3: scheme facts vs process bands", () => {
  it("checks the schemes' facts against their process bands", () => {
    expect(
      families(/^schemes:/).reduce((a, f) => a + f.instances, 0),
      "scheme relations"
    ).toBeGreaterThan(10);
  });

  it("recovers no hidden process band or scheme figure", () => {
    const found = report.hidden.filter((r) => r.family.startsWith("schemes:"));
    expect(show(found.map((r) => explain(site, r))), `${found.length} hidden scheme figures recovered`).toEqual([]);
  });
});

describe("attack 4: what is published as is", () => {
  it("publishes no count of 1 … min_cell − 1 under a count-like name", () => {
    expect(site.minCell).toBeGreaterThanOrEqual(3);
    const offenders = scanSmallCounts(site);
    expect(show(offenders), `${offenders.length} small counts (first ${SHOW} shown)`).toEqual([]);
  });

  it("publishes no field named like an identifier of a person or record", () => {
    expect(scanIdentifierFields(site)).toEqual([]);
  });

  it("the scanners themselves work", () => {
    const probe = loadSite(dist);
    probe.files = new Map([
      [
        "probe",
        {
          rows: [{n: 3, dropped: 12, intake_year: 2, rate_with: 1, student_key: "x"}],
          cells: {n: [12, 0, 2], intake_year: [2, 2, 2]},
          curves: [{at_risk: 5, events: 1, censored: 0}]
        }
      ]
    ]);
    expect(scanSmallCounts(probe, 4)).toEqual([
      "probe.rows[0].n = 3",
      "probe.cells.n[2] = 2",
      "probe.curves[0].events = 1"
    ]);
    expect(scanIdentifierFields(probe)).toEqual(["probe.rows[].student_key"]);
  });
});

// ---- The tools on a crafted site (so a passing attack above means the site resists, not that the tools are blind) ----

describe("the attacker's tools on a crafted site", () => {
  const six = (x: number) => Number(x.toPrecision(6));
  let crafted: AttackReport;
  beforeAll(() => {
    const root = tempDir("attacks-crafted");
    temps.push(root);
    const meta = {min_cell: 5, data_date: "2026-10-01"};
    const periods = [{key: "2014-2016", from: 2014, to: 2016}];
    const cellRow = (year: number, type: string, n: number | null, dropped: number | null) => ({
      intake_year: year,
      programme: "EUD",
      programme_group: "vocational",
      main_area: "X",
      scheme_type: type,
      n,
      dropped
    });
    const cells = [
      cellRow(2014, "none", 40, 10),
      cellRow(2015, "none", 30, 5),
      cellRow(2014, "peer", 20, 6),
      cellRow(2015, "peer", null, null)
    ];
    const byColumn = Object.fromEntries(
      Object.keys(cells[0]).map((k) => [k, cells.map((c) => c[k as keyof typeof c])])
    );
    mkdirSync(join(root, "_file", "data"), {recursive: true});
    mkdirSync(join(root, "_file", "generated", "slices"), {recursive: true});
    writeFileSync(
      join(root, "_file", "data", "cohorts.0123abcd.json"),
      JSON.stringify({meta, slices: {periods}, cells: byColumn})
    );
    // Kaplan-Meier points of 23 peers (published as 25 at risk): 5 drop out by day 10, 5 more by day 30, no censoring
    const km = (t: number, n: number, d: number, atRisk: number) => {
      const s = 1 - d / n;
      const [lower, upper] = d === 0 ? [1, 1] : kmLimits(s, d / (n * (n - d)), "log");
      return {
        set: "scheme_type",
        group: "peer",
        origin: "intake",
        time: t,
        survival: six(s),
        lower: six(lower),
        upper: six(upper),
        at_risk: atRisk
      };
    };
    // a life table of the 70 without a mentor: 5 events in the first band, a hidden count in the second, a row after it
    const s1 = 1 - 5 / 70;
    const [l1, u1] = kmLimits(s1, 5 / (70 * 65), "log");
    const life = [
      {
        set: "mentor",
        group: "without",
        origin: "intake",
        time: 0,
        time_end: 30,
        at_risk: 70,
        events: 5,
        censored: 0,
        survival: six(s1),
        lower: six(l1),
        upper: six(u1)
      },
      {
        set: "mentor",
        group: "without",
        origin: "intake",
        time: 30,
        time_end: 60,
        at_risk: 65,
        events: null,
        censored: 0,
        survival: six(s1 * (1 - 3 / 65)),
        lower: null,
        upper: null
      },
      {
        set: "mentor",
        group: "without",
        origin: "intake",
        time: 60,
        time_end: 90,
        at_risk: 62,
        events: 7,
        censored: 0,
        survival: 0.5,
        lower: null,
        upper: null
      }
    ];
    writeFileSync(
      join(root, "_file", "generated", "slices", "vocational.x.2014-2016.89abcdef.json"),
      JSON.stringify({
        key: "vocational.x.2014-2016",
        programme: "vocational",
        main_area: "X",
        period: "2014-2016",
        hazards: [],
        outcomes: [
          {scheme_type: "none", n: 70, dropped: 15},
          {scheme_type: "peer", n: null, dropped: 8}
        ],
        curves: [km(0, 23, 0, 25), km(10, 23, 5, 20), km(30, 23, 10, 15), ...life],
        log_rank: []
      })
    );
    writeFileSync(join(root, "_file", "data", "download.csv"), "programme,n,rate\nEUD,2,0.5\n");
    crafted = attack(loadSite(root));
  });

  it("subtracts: a slice's group from its cohort cells, a cell from the slice", () => {
    const found = Object.fromEntries(crafted.hidden.map((r) => [r.ref, r.value]));
    expect(found["data/cohorts:cells[3].dropped"]).toBe(2); // 8 − 6
    expect(found["slices/vocational.x.2014-2016:outcomes[1].n"]).toBe(23); // from the exact start of the peer curve
    expect(found["data/cohorts:cells[3].n"]).toBe(3); // 23 − 20
  });

  it("inverts Kaplan-Meier points for the exact number at risk", () => {
    const start = crafted.curves.facts.find((f) => f.kind === "start");
    expect(start?.value).toBe(23);
    expect(start?.published).toBe(25);
    expect(crafted.curves.facts.filter((f) => f.kind === "events").map((f) => f.value)).toEqual([5, 10]);
  });

  it("checks life tables: a value published with a hidden count, rows after it, the hidden events from the survival step", () => {
    expect(crafted.curves.lifeRows).toBe(3);
    expect(crafted.curves.afterHidden).toHaveLength(1);
    expect(crafted.curves.notReproducible.length).toBeGreaterThan(0);
    expect(crafted.curves.solvedEvents.map((f) => f.value)).toEqual([3]);
  });

  it("solves relations one at a time (peeling) and together (linear algebra)", () => {
    const values = new Map<string, number | null>([
      ["p1", 7],
      ["p2", 5],
      ["p3", 6],
      ["x", null],
      ["y", null],
      ["z", null],
      ["q", 9],
      ["a", 4],
      ["b", null]
    ]);
    const rels: Relation[] = [
      {family: "pair", left: ["p1"], right: ["x", "y"], documented: true},
      {family: "pair", left: ["p2"], right: ["x", "z"], documented: true},
      {family: "pair", left: ["p3"], right: ["y", "z"], documented: true},
      {family: "single", left: ["q"], right: ["a", "b"], documented: true}
    ];
    const peeled = solve(rels, values);
    const rateSite = loadSite(dist);
    rateSite.tables = new Map([
      [
        "t",
        [
          {file: "f", table: "t", ref: "f:t[0]", ctx: {}, row: {n: 30, dropped: null, rate: 0.1}},
          {file: "f", table: "t", ref: "f:t[1]", ctx: {}, row: {n: null, dropped: 3, rate: 0.142857}}
        ]
      ]
    ]);
    expect(rateAttack(rateSite).recovered.map((r) => [r.ref, r.value])).toEqual([
      ["f:t[0].dropped", 3],
      ["f:t[1].n", 21]
    ]);
    expect(peeled.recovered.map((r) => [r.ref, r.value])).toEqual([["b", 5]]);
    expect(
      solveLinear(rels, values, peeled)
        .recovered.map((r) => [r.ref, r.value])
        .sort()
    ).toEqual([
      ["x", 3],
      ["y", 4],
      ["z", 2]
    ]);
    // a family contradicted by a fully published instance is not believed
    const wrong = solve(
      [
        {family: "w", left: ["q"], right: ["a"]},
        {family: "w", left: ["q"], right: ["b"]}
      ],
      values
    );
    expect(wrong.families[0].believed).toBe(false);
    expect(wrong.recovered).toEqual([]);
  });

  it("scans CSV files too", () => {
    expect(scanSmallCounts(crafted.site)).toEqual(["_file/data/download.csv.rows[0].n = 2"]);
  });
});
