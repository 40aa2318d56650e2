// Bring your own data, end to end (docs/own-data.md): a school administration's export shaped unlike the project's
// files (tab-separated, Danish headers and codes, composite keys, end dates as day counts, grade averages as numbers,
// programmes outside vocational education, no-shows, under 5 years of follow-up) goes through check → ingest with a
// mapping → summary → `npm run build -- --db` → export, with no preprocessing script. The built site says what the
// data are (never "synthetic"), names the data date and the follow-up the data support, and shows no "undefined".
import {existsSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {summarise, type Summary} from "../loaders/analysis/summary.ts";
import {exportCohort} from "../loaders/export/index.ts";
import {check} from "../loaders/ingest/check.ts";
import {ingest} from "../loaders/ingest/index.ts";
import {launch} from "../loaders/site/chromium.ts";
import {serve} from "../loaders/site/serve.ts";
import {generate} from "../loaders/synth/generate.ts";
import {openWarehouse, query} from "../loaders/warehouse.ts";
import {writeSchoolExport} from "./helpers/school-export.ts";
import {buildSiteCopy} from "./helpers/site-copy.ts";
import {tempDir} from "./helpers/tmp.ts";

const PROVIDER = "Testskolernes elevadministration";
const EXTRACTION = "2026-10-01";
let dir = "";
let source = "";
let mapping = "";
let db = "";
let summary: Summary;
let built: {project: string; dist: string};

beforeAll(async () => {
  dir = tempDir("own-data");
  await generate({enrolments: 16_000, seed: 4113, out: join(dir, "generated")});
  source = join(dir, "udtraek");
  // intakes from 2023 on: at the extraction date the longest follow-up is just over 3 years
  mapping = await writeSchoolExport(join(dir, "generated"), source, {
    fromYear: 2023,
    provider: PROVIDER,
    extractionDate: EXTRACTION
  });
  db = join(dir, "skole.duckdb");
}, 300_000);

afterAll(() => {
  if (built) rmSync(built.project, {recursive: true, force: true});
  if (dir) rmSync(dir, {recursive: true, force: true});
});

/** Every file under a folder, relative to it. */
function files(root: string): string[] {
  return readdirSync(root, {recursive: true})
    .map(String)
    .filter((f) => statSync(join(root, f)).isFile());
}

describe("a school's own export, end to end", () => {
  it("checks and ingests with the mapping alone: every row accepted, nothing written by the check", async () => {
    const checked = await check({sources: [source], mapping, quiet: true});
    expect(checked.rejects.rows).toBe(0);
    expect(existsSync(db)).toBe(false);
    const result = await ingest({sources: [source], db, mapping, quiet: true});
    expect(result.rejects.rows).toBe(0);
    expect(result.files.map((f) => f.rows_accepted)).toEqual(checked.files.map((f) => f.rows_accepted));

    const wh = await openWarehouse(db);
    const [e] = await query<{
      n: number;
      hf: number;
      fgu: number;
      no_show: number;
      before: number;
      mismatched: number;
      banded: number;
    }>(
      wh.connection,
      `SELECT
        CAST(count(*) AS INTEGER) AS n,
        CAST(count(*) FILTER (WHERE programme = 'HF') AS INTEGER) AS hf,
        CAST(count(*) FILTER (WHERE programme = 'FGU') AS INTEGER) AS fgu,
        CAST(count(*) FILTER (WHERE outcome = 'no_show') AS INTEGER) AS no_show,
        CAST(count(*) FILTER (WHERE outcome = 'no_show' AND outcome_date < intake_date) AS INTEGER) AS before,
        CAST(count(*) FILTER (WHERE outcome <> 'ongoing' AND outcome_date IS NULL) AS INTEGER) AS mismatched,
        CAST(count(DISTINCT prior_attainment_band) AS INTEGER) AS banded
      FROM enrolments`
    );
    wh.close();
    const rows = readFileSync(join(source, "elever.tsv"), "utf8").trim().split("\n").length - 1;
    expect(e.n).toBe(rows);
    // programmes outside vocational education, and no-shows, some of them withdrawn before the start date
    expect(e.hf).toBeGreaterThan(0);
    expect(e.fgu).toBeGreaterThan(0);
    expect(e.no_show).toBeGreaterThan(0);
    expect(e.before).toBeGreaterThan(0);
    // the end date is start + days for every finished course; the grade averages fall in all five bands
    expect(e.mismatched).toBe(0);
    expect(e.banded).toBe(5);
  }, 300_000);

  it("summarises on the horizon the data support, and says so", async () => {
    summary = await summarise(db);
    expect(summary.data.synthetic).toBe(false);
    expect(summary.data.provider).toBe(PROVIDER);
    expect(summary.data.data_date).toBe(EXTRACTION);
    expect(summary.data.mature_days_setting).toBe(1826);
    expect(summary.data.mature_days).toBe(1095);
    expect(summary.outcome).toContain("at least 1095 days");
    expect(summary.outcome).toContain("no intake has been followed for 1826 days yet");
  }, 600_000);

  it("builds with `npm run build -- --db`: no synthetic notice anywhere, the data date and horizon named, no undefined", async () => {
    built = buildSiteCopy(db, "own-data-build", {command: true});
    const all = files(built.dist);
    for (const f of all.filter((x) => /\.(html|js|json|css)$/.test(x))) {
      const text = readFileSync(join(built.dist, f), "utf8");
      expect(text, f).not.toMatch(/Syntetiske data|Synthetic data|syntetiske|data are synthetic/);
    }
    // our own pages, components and data files: no "undefined" (the libraries under _node/ may say it in code)
    for (const f of all.filter((x) => /\.(html|json)$/.test(x) || /^_import\/.*\.js$/.test(x))) {
      expect(readFileSync(join(built.dist, f), "utf8"), f).not.toMatch(/undefined/);
    }
    const overview = all.find((f) => /^_file\/data\/overview\.[0-9a-f]+\.json$/.test(f));
    const meta = JSON.parse(readFileSync(join(built.dist, overview!), "utf8")).meta;
    expect(meta.notice.da).toBe(
      `Data fra ${PROVIDER}, udtrukket 1. oktober 2026 (dataversion ${summary.data.data_version}). Ingen årgang er fulgt i 5 år endnu: tal for hele forløbet gælder årgange, der er fulgt i mindst 3 år.`
    );
    expect(meta.notice.en).toContain("extracted 1 October 2026");
    expect(meta.notice.en).toContain("followed for at least 3 years");
  }, 900_000);

  it("shows it on the page in a real browser: the notice, the horizon, no undefined, HF among the programmes", async () => {
    const {url, server} = await serve(built.dist);
    let browser: Browser | null = null;
    try {
      browser = await launch();
      for (const [path, notice] of [
        ["/", "udtrukket 1. oktober 2026"],
        ["/en/", "extracted 1 October 2026"]
      ] as const) {
        const page = await browser.newPage();
        await page.goto(`${url}${path}`);
        await page.locator("p.data-notice").waitFor();
        const text = await page.locator("p.data-notice").textContent();
        expect(text).toContain(notice);
        expect(text).toMatch(/mindst 3 år|at least 3 years/);
        await page.waitForTimeout(1500);
        expect(await page.locator("body").innerText()).not.toMatch(/undefined|NaN/);
        await page.close();
      }
    } finally {
      await browser?.close();
      server.close();
    }
  }, 300_000);

  it("exports a cohort that says what the data are and which follow-up it uses", async () => {
    const out = join(dir, "export");
    await exportCohort({db, out, cohort: ""});
    const provenance = JSON.parse(readFileSync(join(out, "provenance.json"), "utf8"));
    expect(provenance.data).toMatchObject({
      synthetic: false,
      provider: PROVIDER,
      data_date: EXTRACTION,
      mature_days: 1095
    });
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expect(readme).toContain(`Data from ${PROVIDER}, extracted 1 October 2026`);
    expect(readme).toContain("no intake has been followed that long yet");
    expect(readme).not.toMatch(/synthetic|syntetisk|undefined/i);
  }, 600_000);
});
