// Builds the whole site on a deliberately sparse synthetic data set (1,500 enrolments) in a copy
// of the project, then scans what a visitor can download: no count of 1–4 individuals in any data
// file under dist/_file, and no student key, enrolment id or mentorship id anywhere under dist/.
import {PROGRAMME_CHOICES} from "../../loaders/analysis/slices.ts";
import {existsSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {join, relative} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/index.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {openWarehouse, query} from "../../loaders/warehouse.ts";
import {buildSiteCopy} from "../helpers/site-copy.ts";
import {tempDir} from "../helpers/tmp.ts";

/** Keys whose small integer values are not counts of individuals. */
const NOT_COUNTS = new Set([
  "df",
  "level",
  "intake_year",
  "year",
  "start_year",
  "time",
  "median_day",
  "q1_day",
  "q3_day",
  "days",
  "min_cell",
  "first_weeks_days",
  "probation_days",
  "placement_gap_days",
  "strata",
  "mentor_fte",
  "target_hours_to_first_contact",
  "value"
]);
/** Keys that hold counts of individuals (or records). */
const COUNT_KEY =
  /^(n|n_.*|.*_n|students|mentored.*|mentees|mentorships|entered.*|dropped.*|completed|transferred|ongoing|events.*|at_risk|censored|rematched|within_target|rows_.*|count.*)$/;

const files = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
  );

/** Counts of 1–4 under count-like keys, in rows ({n: 3}) and in tables stored by column ({n: [12, 3]}). */
function smallCounts(value: unknown, path: string, out: string[], key = "") {
  const small = (v: unknown) =>
    typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 4 && COUNT_KEY.test(key) && !NOT_COUNTS.has(key);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (small(v)) out.push(`${path}[${i}] = ${v}`);
      else smallCounts(v, `${path}[${i}]`, out);
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 4 && COUNT_KEY.test(k) && !NOT_COUNTS.has(k))
        out.push(`${path}.${k} = ${v}`);
      else smallCounts(v, `${path}.${k}`, out, k);
    }
  }
}

let dist = "";
let identifiers: string[] = [];
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true});
});

beforeAll(async () => {
  const data = tempDir("sparse-data");
  temps.push(data);
  await generate({enrolments: 1500, seed: 11, out: data});
  const dbDir = tempDir("sparse-db");
  temps.push(dbDir);
  const db = join(dbDir, "warehouse.duckdb");
  await ingest({sources: [data], db});
  const wh = await openWarehouse(db);
  identifiers = [
    ...(
      await query<{v: string}>(wh.connection, "SELECT DISTINCT CAST(enrolment_id AS VARCHAR) AS v FROM enrolments")
    ).map((r) => r.v),
    ...(
      await query<{v: string}>(wh.connection, "SELECT DISTINCT CAST(student_key AS VARCHAR) AS v FROM enrolments")
    ).map((r) => r.v),
    ...(
      await query<{v: string}>(wh.connection, "SELECT DISTINCT CAST(mentorship_id AS VARCHAR) AS v FROM mentorships")
    ).map((r) => r.v)
  ];
  wh.close();
  const built = buildSiteCopy(db, "sparse-build");
  temps.push(built.project);
  dist = built.dist;
  expect(existsSync(dist)).toBe(true);
}, 600_000);

describe("site built on a sparse data set", () => {
  it("has data files", () => {
    const data = files(join(dist, "_file")).filter((f) => /\.(json|csv)$/.test(f));
    const names = data.map((f) => relative(dist, f));
    // the whole population always; narrower slices only where with and without a mentor both have 20 × k students
    // (analysis/detail.ts: the pages show the nearest wider slice otherwise)
    const slices = names.filter((n) => n.includes("/generated/slices/"));
    expect(
      slices.some((n) => /\/all\.all\.all\.[0-9a-f]{8}\.json$/.test(n)),
      "the whole population's slice"
    ).toBe(true);
    expect(slices.length, "slice files").toBeLessThanOrEqual(PROGRAMME_CHOICES.length * 5);
    for (const loader of [
      "overview",
      "transitions",
      "schemes",
      "benchmark",
      "cohorts",
      "external",
      "methods",
      "scenario"
    ]) {
      expect(
        names.some((n) => n.includes(`/${loader}.`)),
        `${loader}.json in ${names.join(", ")}`
      ).toBe(true);
    }
  });

  it("publishes no count of 1–4 in any data file", () => {
    const probe: string[] = [];
    smallCounts({rows: [{n: 3, dropped: 12, intake_year: 2}]}, "probe", probe);
    smallCounts({cells: {n: [12, 0, 2], intake_year: [2, 2, 2]}}, "columns", probe);
    expect(probe).toEqual(["probe.rows[0].n = 3", "columns.cells.n[2] = 2"]); // the scanner itself works
    const offenders: string[] = [];
    for (const file of files(join(dist, "_file"))) {
      const rel = relative(dist, file);
      if (file.endsWith(".json")) smallCounts(JSON.parse(readFileSync(file, "utf8")), rel, offenders);
      else if (file.endsWith(".csv")) {
        const [header, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
        const cols = header.split(",");
        lines.forEach((line, i) =>
          line.split(",").forEach((v, j) => {
            if (COUNT_KEY.test(cols[j]) && !NOT_COUNTS.has(cols[j]) && /^[1-4]$/.test(v))
              offenders.push(`${rel}:${i + 2} ${cols[j]} = ${v}`);
          })
        );
      }
    }
    expect(offenders).toEqual([]);
  });

  it("contains no student key, enrolment id or mentorship id from the warehouse", () => {
    expect(identifiers.length).toBeGreaterThan(1500);
    const offenders: string[] = [];
    // whole tokens only (not inside a longer run of letters/digits, e.g. a content hash)
    const pattern = new RegExp(
      `(?<![A-Za-z0-9])(?:${identifiers.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![A-Za-z0-9])`
    );
    expect(pattern.test(`{"x":"${identifiers[7]}"}`)).toBe(true); // the scanner itself works
    for (const file of files(dist)) {
      const text = readFileSync(file, "latin1");
      const m = text.match(pattern);
      if (m) offenders.push(`${relative(dist, file)}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
