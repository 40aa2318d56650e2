// The site and the researcher exports are sealed together, in either order: a site build leaves its
// record of every count beside the warehouse (never in the site's data); an export of the same students
// as a site slice then hides every count the site hides and agrees with it where both publish; and a
// site built after the export is sealed against the export in the same way. Real warehouse, real LPs.
import {existsSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {siteData} from "../../loaders/analysis/site-cache.ts";
import {type SiteData} from "../../loaders/analysis/site-build.ts";
import {exportCohort} from "../../loaders/export/index.ts";
import {ingest} from "../../loaders/ingest/index.ts";
import {siteRecordPath, type RecordedCell, type SiteRecord} from "../../loaders/privacy/record.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {openWarehouse, query} from "../../loaders/warehouse.ts";
import {readCsvText} from "../export/helpers.ts";
import {tempDir} from "../helpers/tmp.ts";

let dir = "";
let db = "";
let first: SiteData;
/** The slice the export copies: the main area with most enrolments if the site publishes it, else all vocational programmes. */
let slice: {group: string; programmes: string[]; area: string | undefined; areaKey: string | null};
let out = "";

beforeAll(async () => {
  dir = tempDir("joint");
  await generate({enrolments: 6000, seed: 31, out: join(dir, "data")});
  db = join(dir, "w.duckdb");
  await ingest({sources: [join(dir, "data")], db, quiet: true});
  first = await siteData(db);
  const wh = await openWarehouse(db);
  const [top] = await query<{area: string; n: number}>(
    wh.connection,
    "SELECT main_area AS area, count(*) AS n FROM enrolments WHERE programme IN ('EUD', 'EUX') GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
  );
  wh.close();
  const keys: Record<string, string> = {
    "Omsorg, sundhed og pædagogik": "omsorg",
    "Kontor, handel og forretningsservice": "kontor",
    "Fødevarer, jordbrug og oplevelser": "foedevarer",
    "Teknologi, byggeri og transport": "teknologi"
  };
  // (a slice of few mentees is not published on its own: analysis/detail.ts)
  slice = first.slices[`vocational.${keys[top.area]}.all`]
    ? {group: "vocational", programmes: ["EUD", "EUX"], area: top.area, areaKey: keys[top.area]}
    : {group: "vocational", programmes: ["EUD", "EUX"], area: undefined, areaKey: null};
  expect(
    first.slices[`vocational.${slice.areaKey ?? "all"}.all`],
    "the exported students are a slice of the site"
  ).toBeDefined();
  out = join(dir, "export");
  await exportCohort({
    db,
    out,
    cohort: `programme=${slice.programmes.join(",")}${slice.areaKey ? `;area=${slice.areaKey}` : ""}`
  });
}, 900_000);
afterAll(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
});

const readRecord = (): SiteRecord => JSON.parse(readFileSync(siteRecordPath(db), "utf8")) as SiteRecord;

/** The site's hazard cells of the slice, by phase|mentor|scheme type (scheme type "all" = the mentor group's total). */
function siteHazards(record: SiteRecord): Map<string, {entered: RecordedCell; dropped?: RecordedCell}> {
  const out = new Map<string, {entered: RecordedCell; dropped?: RecordedCell}>();
  for (const cell of record.cells) {
    const m = /^phase_(entered|dropped):(.+)$/.exec(cell[0]);
    const d = cell[1];
    if (
      !m ||
      d.programme !== slice.group ||
      d.main_area !== slice.area ||
      d.period !== undefined ||
      d.mentor === undefined
    )
      continue;
    const key = `${m[2]}|${d.mentor}|${d.scheme_type ?? "all"}`;
    const entry = out.get(key) ?? ({} as {entered: RecordedCell; dropped?: RecordedCell});
    entry[m[1] as "entered" | "dropped"] = cell;
    out.set(key, entry);
  }
  return out;
}

/** Every count of the export's stage_hazards for the slice's programme group, by phase|mentor|scheme type. */
function exportHazards(): Map<string, {entered: number | null; dropped: number | null}> {
  const {header, rows} = readCsvText(readFileSync(join(out, "stage_hazards.csv"), "utf8"));
  const at = (r: (string | null)[], c: string) => r[header.indexOf(c)];
  const num = (v: string | null) => (v === null ? null : Number(v));
  return new Map(
    rows
      .filter((r) => at(r, "programme_group") === slice.group)
      .map((r) => [
        `${at(r, "phase")}|${at(r, "mentor")}|${at(r, "scheme_type")}`,
        {entered: num(at(r, "entered")), dropped: num(at(r, "dropped"))}
      ])
  );
}

/** Pairs (site cell, export value) of the same students; both hidden, or both published and equal. */
function compare(record: SiteRecord) {
  const site = siteHazards(record);
  const exported = exportHazards();
  let pairs = 0,
    hiddenBySite = 0;
  const wrong: string[] = [];
  for (const [key, cells] of site) {
    const x = exported.get(key);
    if (!x) continue;
    for (const what of ["entered", "dropped"] as const) {
      const cell = cells[what];
      if (!cell) continue;
      pairs++;
      const [, , value, hidden] = cell;
      if (hidden) hiddenBySite++;
      if (hidden && x[what] !== null) wrong.push(`${key} ${what}: hidden on the site, ${x[what]} in the export`);
      if (!hidden && x[what] !== null && x[what] !== value)
        wrong.push(`${key} ${what}: ${value} on the site, ${x[what]} in the export`);
    }
  }
  return {pairs, hiddenBySite, wrong};
}

describe("the site and the exports are one publication", () => {
  it("a site build keeps its record of every count beside the warehouse, not in the site's data", async () => {
    expect(existsSync(siteRecordPath(db))).toBe(true);
    const record = readRecord();
    const wh = await openWarehouse(db);
    const [meta] = await query<{v: string}>(wh.connection, "SELECT data_version AS v FROM warehouse_meta");
    wh.close();
    expect(record.data_version).toBe(meta.v);
    expect(record.cells.length).toBeGreaterThan(500);
    expect(record.cells.filter((c) => c[3]).length, "hidden cells recorded").toBeGreaterThan(50);
    // the record is not a part of what the loaders write
    const {record: kept, ...pages} = first;
    expect(kept.cells.length).toBe(record.cells.length);
    expect(JSON.stringify(pages)).not.toContain('"cells":[[');
  });

  it("an export of a site slice's students hides every hazard count the site hides, and agrees where both publish", () => {
    const provenance = JSON.parse(readFileSync(join(out, "provenance.json"), "utf8"));
    expect(provenance.privacy.audit.site).toBe(true);
    const {pairs, hiddenBySite, wrong} = compare(readRecord());
    expect(pairs).toBeGreaterThan(20);
    expect(hiddenBySite, "the site hides some of these counts (the check is not vacuous)").toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });

  it("the export is logged with its cells, and a site built afterwards is sealed against it", async () => {
    const wh = await openWarehouse(db);
    const [log] = await query<{n: number; cells: number}>(
      wh.connection,
      "SELECT count(*) AS n, max(length(cells)) AS cells FROM export_log"
    );
    wh.close();
    expect(log.n).toBe(1);
    expect(log.cells).toBeGreaterThan(1000);
    // logging the export changed the warehouse file: the site's data are built again, with the export frozen
    const second = await siteData(db);
    expect(second.record.built_at).not.toBe(first.record.built_at);
    const {pairs, wrong} = compare(second.record);
    expect(pairs).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  }, 600_000); // a whole site analysis and its audit against the export: minutes when the machine is shared with the other suites
});
