/**
 * The whole landscape in the generator: HF and FGU with their own stages and
 * transition points, and no-shows in every programme, flagged as such and
 * never started (no stages, no mentor, outcome date on or before the intake).
 */
import {beforeAll, describe, expect, it} from "vitest";
import {PHASES_BY_PROGRAMME, PROGRAMMES, STAGES_BY_PROGRAMME} from "../../loaders/contract/contract.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {FGU_FIRST_INTAKE} from "../../loaders/synth/model.ts";
import {memoryDb, query} from "../helpers/duckdb.ts";
import {tempDir} from "../helpers/tmp.ts";

const dir = tempDir("landscape");
const csv = (t: string) => `read_csv('${dir}/${t}.csv', header = true, auto_detect = true)`;
let truth: Awaited<ReturnType<typeof generate>>;
type Row = Record<string, unknown>;
let ask: (sql: string) => Promise<Row[]>;

beforeAll(async () => {
  truth = await generate({enrolments: 20000, seed: 5, out: dir});
  const db = await memoryDb();
  ask = (sql) => query<Row>(db.con, sql);
});

describe("HF and FGU in the generator", () => {
  it("generates every programme, HF and FGU about 12 % together", async () => {
    const rows = await ask(`SELECT programme, count(*)::INTEGER AS n FROM ${csv("enrolments")} GROUP BY ALL`);
    const share = Object.fromEntries(rows.map((r) => [r.programme, Number(r.n) / 20000]));
    expect(Object.keys(share).sort()).toEqual([...PROGRAMMES].sort());
    expect(share.HF + share.FGU).toBeGreaterThan(0.09);
    expect(share.HF + share.FGU).toBeLessThan(0.15);
  });

  it("uses only each programme's own stages", async () => {
    const rows = await ask(
      `SELECT DISTINCT e.programme, s.stage FROM ${csv("stage_events")} s JOIN ${csv("enrolments")} e USING (enrolment_id)`
    );
    for (const r of rows)
      expect(
        STAGES_BY_PROGRAMME[r.programme as keyof typeof STAGES_BY_PROGRAMME],
        `${r.programme}: ${r.stage}`
      ).toContain(r.stage);
    const stagesOf = (p: string) =>
      rows
        .filter((r) => r.programme === p)
        .map((r) => r.stage)
        .sort();
    expect(stagesOf("HF")).toEqual(["completion", "hf1", "hf2"]);
    expect(stagesOf("FGU")).toEqual(["agu", "completion", "egu", "fgu_basis", "pgu"]);
  });

  it("places HF and FGU dropouts only in their programmes' transition points", () => {
    // truth.json's phases come from the simulated paths themselves
    const entered = (type: string) =>
      Object.entries(truth.mentored_population.by_scheme_type[type]?.phases ?? {})
        .filter(([, c]) => (c as {entered_without: number}).entered_without > 0)
        .map(([p]) => p);
    // FGU mentees are all in the professional scheme at the FGU schools (S13)
    const fgu = truth.mentored_population.by_scheme.S13;
    expect(fgu?.n ?? 0).toBeGreaterThan(20);
    const fguPhases = Object.entries(fgu!.phases)
      .filter(([, c]) => c.entered_without > 0)
      .map(([p]) => p);
    expect(fguPhases.sort()).toEqual([...PHASES_BY_PROGRAMME.FGU].sort());
    expect(entered("peer")).not.toContain("probation");
  });

  it("starts FGU no earlier than August 2019 and all year round", async () => {
    const [r] =
      await ask(`SELECT min(intake_date)::VARCHAR AS first, count(DISTINCT month(intake_date))::INTEGER AS months
      FROM ${csv("enrolments")} WHERE programme = 'FGU'`);
    expect(String(r.first) >= `${FGU_FIRST_INTAKE.year}-0${FGU_FIRST_INTAKE.month}-01`).toBe(true);
    expect(r.months).toBe(12);
  });
});

describe("no-shows in the generator", () => {
  it("flags a small share of no-shows in every programme, withdrawn 0–30 days before the start, with no stages or mentor", async () => {
    const rows = await ask(`SELECT programme, avg((outcome = 'no_show')::INTEGER) AS share,
        count(*) FILTER (WHERE outcome = 'no_show' AND (outcome_date > intake_date OR outcome_date < intake_date - 30))::INTEGER AS misdated
      FROM ${csv("enrolments")} GROUP BY ALL`);
    for (const r of rows) {
      expect(Number(r.share), String(r.programme)).toBeGreaterThan(0.005);
      expect(Number(r.share), String(r.programme)).toBeLessThan(0.06);
      expect(r.misdated).toBe(0);
    }
    const [linked] = await ask(`SELECT
        (SELECT count(*) FROM ${csv("stage_events")} s JOIN ${csv("enrolments")} e USING (enrolment_id) WHERE e.outcome = 'no_show')::INTEGER AS stages,
        (SELECT count(*) FROM ${csv("mentorships")} m JOIN ${csv("enrolments")} e USING (enrolment_id) WHERE e.outcome = 'no_show')::INTEGER AS mentorships,
        (SELECT count(*) FROM ${csv("enrolments")} WHERE outcome = 'no_show')::INTEGER AS n`);
    expect(linked).toEqual({stages: 0, mentorships: 0, n: truth.no_shows});
  });
});
