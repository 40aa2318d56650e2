// Validity against the planted truth: a synthetic data set with a fixed seed and 200,000
// enrolments, ingested like real data, analysed like real data, and compared with truth.json.
import {rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {overallEffect, schemeTypeEffects} from "../../loaders/analysis/effects.ts";
import type {EffectRow} from "../../loaders/analysis/types.ts";
import {SCHEME_TYPES} from "../../loaders/contract/contract.ts";
import {ingest} from "../../loaders/ingest/index.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {openWarehouse} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";

const SEED = 7;
const ENROLMENTS = 200_000;
/** The truth's cohorts_2014_2020: intakes 2014–2020, dropout ever (nearly all finished by the extraction date). */
const COHORTS = {intakeYears: [2014, 2020] as [number, number]};

type Truth = Awaited<ReturnType<typeof generate>>;
let truth: Truth;
let effects: EffectRow[];
let overall: EffectRow;
let horizonEffects: Record<string, EffectRow[]>;
const temps: string[] = [];

beforeAll(async () => {
  const data = tempDir("validity-data");
  const dbDir = tempDir("validity-db");
  temps.push(data, dbDir);
  truth = await generate({enrolments: ENROLMENTS, seed: SEED, out: data});
  const db = join(dbDir, "warehouse.duckdb");
  await ingest({sources: [data], db});
  rmSync(data, {recursive: true, force: true});
  const wh = await openWarehouse(db);
  effects = await schemeTypeEffects(wh.connection, {horizon: "ever"}, COHORTS);
  overall = await overallEffect(wh.connection, {horizon: "ever"}, COHORTS);
  horizonEffects = {};
  for (const h of ["3m", "1y", "2y", "5y"] as const) horizonEffects[h] = await schemeTypeEffects(wh.connection, {horizon: h});
  wh.close();
}, 600_000);
afterAll(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true});
});

const trueEffect = (type: string) => truth.mentored_population.by_scheme_type[type as keyof typeof truth.mentored_population.by_scheme_type].cohorts_2014_2020.risk_difference!;

describe(`validity against truth.json (seed ${SEED}, ${ENROLMENTS.toLocaleString("en")} enrolments)`, () => {
  it.each(SCHEME_TYPES)("the adjusted difference for %s covers the true effect within its 95% interval", (type) => {
    const e = effects.find((x) => x.scheme_type === type)!;
    const t = trueEffect(type);
    expect(e.n_mentored!).toBeGreaterThan(500);
    expect(e.support_share!).toBeGreaterThan(0.95);
    expect(t, `true ${t}, adjusted ${e.adjusted} [${e.adjusted_lower}, ${e.adjusted_upper}]`).toBeGreaterThanOrEqual(e.adjusted_lower!);
    expect(t, `true ${t}, adjusted ${e.adjusted} [${e.adjusted_lower}, ${e.adjusted_upper}]`).toBeLessThanOrEqual(e.adjusted_upper!);
  });

  it("the adjusted overall difference covers the true overall effect", () => {
    const t = truth.mentored_population.overall.cohorts_2014_2020.risk_difference!;
    expect(t).toBeGreaterThanOrEqual(overall.adjusted_lower!);
    expect(t).toBeLessThanOrEqual(overall.adjusted_upper!);
    // and the interval is informative: it excludes zero
    expect(overall.adjusted_upper!).toBeLessThan(0);
  });

  it("the naive difference is biased in the planted direction (less favourable to mentoring)", () => {
    // The estimated selection bias (naive − adjusted) has the planted sign for every scheme type …
    for (const e of effects) expect(e.naive! - e.adjusted!, e.scheme_type).toBeGreaterThan(0);
    expect(overall.naive! - overall.adjusted!).toBeGreaterThan(0);
    // … and the naive difference is less favourable than the truth overall and for every intake scheme type.
    expect(overall.naive!).toBeGreaterThan(truth.mentored_population.overall.cohorts_2014_2020.risk_difference!);
    for (const e of effects.filter((x) => x.scheme_type !== "workplace")) {
      expect(e.naive!, `${e.scheme_type}: naive ${e.naive}, true ${trueEffect(e.scheme_type)}`).toBeGreaterThan(trueEffect(e.scheme_type));
    }
  });

  it("the adjusted difference at fixed horizons covers the truth's horizons for intake schemes (≥ 14 of 16 intervals)", () => {
    const days = {"3m": "91", "1y": "365", "2y": "730", "5y": "1826"} as const;
    let covered = 0;
    let total = 0;
    for (const [h, rows] of Object.entries(horizonEffects)) {
      for (const e of rows.filter((x) => x.scheme_type !== "workplace")) {
        const type = e.scheme_type as keyof typeof truth.mentored_population.by_scheme_type;
        const t = truth.mentored_population.by_scheme_type[type].horizons[days[h as keyof typeof days]].risk_difference!;
        total++;
        if (t >= e.adjusted_lower! && t <= e.adjusted_upper!) covered++;
      }
    }
    expect(total).toBe(16);
    expect(covered).toBeGreaterThanOrEqual(14);
  });
});
