// Microdata: refused without the --microdata flag AND the MENTOR_DUA agreement, written with both (with
// the agreement and a warning in provenance.json), never reachable from the site.
import {existsSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {afterAll, afterEach, beforeAll, describe, expect, it} from "vitest";
import {exportCohort} from "../../loaders/export/index.ts";
import {MICRODATA_COLUMNS, MicrodataRefused, microdataAgreement} from "../../loaders/export/microdata.ts";
import {openWarehouse, PROJECT_ROOT, query} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";
import {makeWarehouse, reader, type TestWarehouse} from "./helpers.ts";

let wh: TestWarehouse;
let base: string;
const outer = process.env.MENTOR_DUA;
beforeAll(async () => {
  delete process.env.MENTOR_DUA;
  wh = await makeWarehouse(600, 23);
  base = tempDir("export-micro");
});
afterAll(() => {
  wh?.cleanup();
  if (base) rmSync(base, {recursive: true, force: true}); // the microdata too
  if (outer !== undefined) process.env.MENTOR_DUA = outer;
});
afterEach(() => {
  delete process.env.MENTOR_DUA;
});

describe("microdata", () => {
  it("needs both the flag and MENTOR_DUA", () => {
    expect(() => microdataAgreement(false, {MENTOR_DUA: "DUA 1"})).toThrow(MicrodataRefused);
    expect(() => microdataAgreement(true, {})).toThrow(
      /set the environment variable MENTOR_DUA to the name of the data-use agreement/
    );
    expect(() => microdataAgreement(true, {MENTOR_DUA: "  "})).toThrow(MicrodataRefused);
    expect(microdataAgreement(true, {MENTOR_DUA: "DUA 2026-014"})).toBe("DUA 2026-014");
  });

  it("an export without the flag has no microdata, even when MENTOR_DUA is set", async () => {
    process.env.MENTOR_DUA = "DUA 2026-014";
    const out = join(base, "plain");
    await exportCohort({db: wh.db, out});
    expect(readdirSync(out).filter((f) => f.startsWith("microdata"))).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, "provenance.json"), "utf8")).microdata).toEqual({included: false});
  });

  it("with the flag but no agreement the export is refused before anything is written", async () => {
    const out = join(base, "refused");
    await expect(exportCohort({db: wh.db, out, microdata: true})).rejects.toThrow(MicrodataRefused);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(base).filter((f) => f.includes("partial"))).toEqual([]);
  });

  it("with both it writes pseudonymised rows, months for dates, and the agreement and a warning in provenance.json", async () => {
    process.env.MENTOR_DUA = "DUA 2026-014 Region Hovedstaden / KU";
    const out = join(base, "micro");
    await exportCohort({db: wh.db, out, microdata: true, cohort: "years=2015-2020"});
    const text = readFileSync(join(out, "microdata.csv"), "utf8");
    expect(text.split("\n")[0]).toBe(MICRODATA_COLUMNS.join(","));
    const p = JSON.parse(readFileSync(join(out, "provenance.json"), "utf8"));
    expect(p.microdata.included).toBe(true);
    expect(p.microdata.data_use_agreement).toBe("DUA 2026-014 Region Hovedstaden / KU");
    expect(p.microdata.warning.en).toMatch(/pseudonymised personal data/);
    expect(p.microdata.warning.da).toMatch(/databehandleraftale/);
    expect(p.files.map((f: {file: string}) => f.file)).toContain("microdata.csv");
    const book = JSON.parse(readFileSync(join(out, "codebook.json"), "utf8"));
    expect(
      book.files.find((f: {file: string}) => f.file === "microdata.csv").columns.map((c: {column: string}) => c.column)
    ).toEqual([...MICRODATA_COLUMNS]);

    const r = await reader();
    const w = await openWarehouse(wh.db);
    try {
      const rows = await r.rows<Record<string, unknown>>(
        `SELECT * FROM read_csv('${join(out, "microdata.csv")}', header = true, all_varchar = true)`
      );
      const want = await query<{enrolment_id: string; student_key: string; intake: string}>(
        w.connection,
        // the cohort's students who started: no-shows are in no export
        "SELECT enrolment_id, student_key, strftime(intake_date, '%Y-%m') AS intake FROM enrolments WHERE year(intake_date) BETWEEN 2015 AND 2020 AND outcome <> 'no_show'"
      );
      expect(rows.length).toBe(want.length);
      const keys = new Map(want.map((x) => [x.enrolment_id, x]));
      for (const row of rows) {
        // the warehouse's hashed keys, not the source ids
        const w0 = keys.get(row.enrolment_id as string)!;
        expect(w0).toBeDefined();
        expect(row.student_key).toBe(w0.student_key);
        expect(row.enrolment_id).toMatch(/^[0-9a-f]{32,}$/);
        expect(row.intake_month).toBe(w0.intake);
        expect(String(row.intake_month)).toMatch(/^\d{4}-\d{2}$/);
        if (row.outcome_month !== null) expect(String(row.outcome_month)).toMatch(/^\d{4}-\d{2}$/);
      }
      // no exact dates anywhere in the file
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    } finally {
      r.close();
      w.close();
    }
  });

  it("is not reachable from the site: nothing under src/ (or the site's loaders) imports loaders/export", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        if (f === "node_modules" || f === ".observablehq" || f === "generated") return [];
        return statSync(p).isDirectory() ? walk(p) : /\.(ts|js|md)$/.test(f) ? [p] : [];
      });
    const offenders = [
      ...walk(join(PROJECT_ROOT, "src")),
      ...walk(join(PROJECT_ROOT, "loaders", "analysis")),
      ...walk(join(PROJECT_ROOT, "loaders", "site"))
    ]
      .filter((f) => /from\s+["'][^"']*\/export\/|import\(["'][^"']*\/export\//.test(readFileSync(f, "utf8")))
      .map((f) => relative(PROJECT_ROOT, f));
    expect(offenders).toEqual([]);
    // and the export loads the microdata module only when microdata are asked for
    expect(readFileSync(join(PROJECT_ROOT, "loaders", "export", "index.ts"), "utf8")).not.toMatch(
      /^import .*microdata/m
    );
  });
});
