// The privacy gate bites on a small cohort with fine cells: no count of 1–4 individuals in any count
// column of any exported file (hidden values are empty and named in the row's "suppressed" column),
// survival intervals and person-period chains reveal no small numbers, and no pseudonymised key
// appears anywhere outside microdata.
import {readdirSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {exportCohort} from "../../loaders/export/index.ts";
import {openWarehouse, query} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";
import {makeWarehouse, readCsvText, type TestWarehouse} from "./helpers.ts";

let wh: TestWarehouse;
let dirs: {dir: string; k: number}[] = [];
let identifiers: string[] = [];
let base = "";

beforeAll(async () => {
  wh = await makeWarehouse(900, 17);
  base = tempDir("export-small");
  const fine = {
    strata: "programme,main_area,age_band,gender,prior_band",
    covariates: "programme,age_band,gender,prior_band",
    periods: "91"
  };
  dirs = [
    {dir: join(base, "k5"), k: 5},
    {dir: join(base, "k3"), k: 3}
  ];
  await exportCohort({db: wh.db, out: dirs[0].dir, cohort: "all", ...fine});
  await exportCohort({db: wh.db, out: dirs[1].dir, cohort: "all", ...fine, minCell: 3});
  const w = await openWarehouse(wh.db);
  identifiers = [
    ...(await query<{v: string}>(w.connection, "SELECT enrolment_id AS v FROM enrolments")).map((x) => x.v),
    ...(await query<{v: string}>(w.connection, "SELECT student_key AS v FROM enrolments")).map((x) => x.v),
    ...(await query<{v: string}>(w.connection, "SELECT mentorship_id AS v FROM mentorships")).map((x) => x.v)
  ];
  w.close();
});

afterAll(() => {
  wh?.cleanup();
  if (base) rmSync(base, {recursive: true, force: true});
});

type Book = {files: {file: string; columns: {column: string; kind: string}[]}[]};

describe("suppression on every exported file", () => {
  it("no count column holds 1 … k − 1; every empty count is flagged in `suppressed`", () => {
    for (const {dir, k} of dirs) {
      const book = JSON.parse(readFileSync(join(dir, "codebook.json"), "utf8")) as Book;
      let hidden = 0;
      let counts = 0;
      for (const f of book.files.filter((x) => x.file !== "codebook.csv")) {
        const {header, rows} = readCsvText(readFileSync(join(dir, f.file), "utf8"));
        const countCols = f.columns.filter((c) => c.kind === "count").map((c) => c.column);
        const flag = header.indexOf("suppressed");
        for (const row of rows) {
          const flagged = flag >= 0 && row[flag] !== null ? row[flag]!.split(";") : [];
          for (const c of countCols) {
            const v = row[header.indexOf(c)];
            if (v === null) {
              expect(flagged, `${f.file} ${c}`).toContain(c);
              hidden++;
            } else {
              const n = Number(v);
              expect(Number.isInteger(n) && n >= 0, `${f.file} ${c} = ${v}`).toBe(true);
              expect(n === 0 || n >= k, `${f.file} ${c} = ${v} (k = ${k})`).toBe(true);
              counts++;
            }
          }
          // estimates computed from a hidden count are hidden too
          for (const c of flagged) expect(row[header.indexOf(c)], `${f.file} ${c} flagged but shown`).toBeNull();
          // an outcome share and its limits are shown only with both of its counts
          for (const c of header.filter((x) => /^share_[a-z]+$/.test(x))) {
            const sources = ["n", c.slice("share_".length)].map((x) => row[header.indexOf(x)]);
            if (sources.includes(null))
              for (const x of [c, `${c}_lower`, `${c}_upper`])
                expect(row[header.indexOf(x)], `${f.file} ${x}`).toBeNull();
          }
        }
      }
      expect(counts).toBeGreaterThan(100);
      expect(hidden).toBeGreaterThan(100); // the cohort is small enough for the gate to bite
    }
  });

  it("survival intervals and their differences describe 0 or ≥ k people", () => {
    for (const {dir, k} of dirs) {
      const {header, rows} = readCsvText(readFileSync(join(dir, "survival.csv"), "utf8"));
      const col = (row: (string | null)[], c: string) => Number(row[header.indexOf(c)]);
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) {
        // a group that cannot be published is one row with every value empty (and flagged)
        if (row[header.indexOf("at_risk")] === null) {
          expect(row[header.indexOf("time")]).toBeNull();
          expect(row[header.indexOf("suppressed")]!.split(";")).toEqual(
            expect.arrayContaining(["at_risk", "events", "censored", "survival"])
          );
          continue;
        }
        const left = col(row, "at_risk") - col(row, "events") - col(row, "censored");
        for (const x of [col(row, "events"), col(row, "censored"), left]) expect(x === 0 || x >= k).toBe(true);
        expect(col(row, "at_risk")).toBeGreaterThanOrEqual(k);
      }
    }
  });

  it("person-period chains: published at-risk values never drop by 1 … k − 1 beyond the published dropouts", () => {
    for (const {dir, k} of dirs) {
      for (const [name, chainCols] of [
        ["person_period.csv", ["programme", "age_band", "gender", "prior_band", "scheme_type"]],
        ["person_period_margins.csv", ["scheme_type"]]
      ] as const) {
        const {header, rows} = readCsvText(readFileSync(join(dir, name), "utf8"));
        const get = (row: (string | null)[], c: string) => row[header.indexOf(c)];
        const chains = new Map<string, (string | null)[][]>();
        for (const row of rows) {
          const key = chainCols.map((c) => get(row, c)).join("|");
          chains.set(key, [...(chains.get(key) ?? []), row]);
        }
        for (const chain of chains.values()) {
          chain.sort((a, b) => Number(get(a, "period")) - Number(get(b, "period")));
          let last: number | null = null;
          let events = 0;
          for (let i = 0; i <= chain.length; i++) {
            const gap =
              i < chain.length && i > 0 && Number(get(chain[i], "period")) !== Number(get(chain[i - 1], "period")) + 1;
            const a =
              i === chain.length || gap
                ? 0
                : get(chain[i], "at_risk") === null
                  ? null
                  : Number(get(chain[i], "at_risk"));
            if (a !== null && last !== null) {
              const d = last - a - events;
              expect(d <= 0 || d >= k, `${name} drop of ${d}`).toBe(true);
            }
            if (i === chain.length) break;
            if (gap) {
              last = null;
              events = 0;
            }
            const here = get(chain[i], "at_risk");
            if (here !== null) {
              last = Number(here);
              events = 0;
            }
            if (last !== null && get(chain[i], "events") !== null) events += Number(get(chain[i], "events"));
          }
        }
      }
    }
  });

  it("no pseudonymised key appears in any file of an aggregate export", () => {
    expect(identifiers.length).toBeGreaterThan(900);
    for (const {dir} of dirs) {
      const files = [
        ...readdirSync(dir).filter((f) => f !== "sql"),
        ...readdirSync(join(dir, "sql")).map((f) => `sql/${f}`)
      ];
      expect(files.some((f) => f.startsWith("microdata"))).toBe(false);
      const text = files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
      for (const id of identifiers) expect(text.includes(id), id).toBe(false);
      for (const f of files.filter((x) => x.endsWith(".csv") && x !== "codebook.csv")) {
        const header = readFileSync(join(dir, f), "utf8").split("\n")[0].split(",");
        for (const c of ["enrolment_id", "student_key", "mentorship_id"]) expect(header).not.toContain(c);
      }
    }
  });

  it("records the threshold in provenance.json", () => {
    for (const {dir, k} of dirs) {
      const p = JSON.parse(readFileSync(join(dir, "provenance.json"), "utf8"));
      expect(p.privacy.min_cell).toBe(k);
      expect(p.privacy.rule).toContain(`1 to ${k - 1}`);
    }
  });
});
