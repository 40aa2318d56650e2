/**
 * One replicate of the simulation study: generate a synthetic data set, ingest
 * it like real data, compute the estimates the summary shows (overall, by scheme
 * type, by transition point — the same analysis functions, without the privacy
 * gate, which only hides values), pair each with its truth, delete the temp files.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {
  overallEffect,
  riskBandEffects,
  riskBandReach,
  riskGroupEffects,
  schemeTypeEffects
} from "../analysis/effects.ts";
import {riskOf} from "../analysis/risk.ts";
import {phaseEffects} from "../analysis/transitions.ts";
import type {EffectRow} from "../analysis/types.ts";
import {PHASES, SCHEME_TYPES} from "../contract/contract.ts";
import {ingest} from "../ingest/index.ts";
import {HASH_KEY_ENV} from "../ingest/pseudonymise.ts";
import {generate, GENERATOR_VERSION, type SynthOptions} from "../synth/generate.ts";
import {openWarehouse} from "../warehouse.ts";
import {RISK_BANDS} from "../risk-bands.ts";
import {detailMin} from "../analysis/detail.ts";
import {minCell} from "../privacy/settings.ts";
import {
  allocateByPool,
  bandTruths,
  groupTruth,
  SCENARIO_KEY,
  SCENARIO_MENTEES,
  scenarioEstimate,
  scenarioTruth,
  type BandTruths
} from "./risk-bands.ts";
import {effectTruth, phaseTruth, type TruthJson, type TruthSource} from "./truth.ts";

export interface SeedOptions {
  seed: number;
  enrolments: number;
  /** Multiplies the planted mentor effects (generator option, branch i14-G); omitted = the generator's default. */
  effectScale?: number;
  /** false = mentors start at intake, no delays (generator option, branch i14-G); omitted = the generator's default. */
  mentorDelays?: boolean;
  /** Parent of the temp folder (default: the OS temp folder). */
  tmp?: string;
}

/** One estimate paired with its truth. Differences are proportions (with − without mentor). */
export interface EstimateRecord extends Pick<
  EffectRow,
  "naive" | "naive_lower" | "naive_upper" | "adjusted" | "adjusted_lower" | "adjusted_upper"
> {
  /**
   * Stable key: "overall", "type:<scheme type>", "phase:<phase>", "band:<1..5>", "group:<scheme type>:<bands, e.g. 1-3>",
   * "scenario:all:bands3-5" (prevented dropouts, a count of students, not a proportion).
   */
  key: string;
  /** Mentees (phases: mentored entrants; the scenario: its extra mentees) behind the estimate. */
  n: number | null;
  truth: number | null;
  truth_source: TruthSource;
  /** Band and group records: the mentees behind the truth (equals n when estimate and truth count the same mentees). */
  truth_n?: number | null;
}

export interface SeedResult {
  seed: number;
  enrolments: number;
  generator_version: string;
  effect_scale: number | null;
  mentor_delays: boolean | null;
  /** Seconds: generate, ingest, analysis, total. */
  seconds: {generate: number; ingest: number; analysis: number; total: number};
  estimates: EstimateRecord[];
}

type RecordOf = (
  key: string,
  r: Omit<EstimateRecord, "key" | "n" | "truth" | "truth_source">,
  n: number | null,
  t: {value: number | null; source: TruthSource}
) => EstimateRecord;

/**
 * The records of the baseline-risk band effects (riskBandEffects, riskGroupEffects) and of the fixed
 * scenario (loaders/validate/risk-bands.ts), each with its truth from `estimands.risk_cells` classified by
 * the model fitted on this data set; null truths when the truth.json has no risk cells or no model was fitted.
 */
async function bandRecords(
  con: Parameters<typeof overallEffect>[0],
  truth: TruthJson,
  record: RecordOf
): Promise<EstimateRecord[]> {
  const bands = await riskBandEffects(con);
  // the groups as the site forms them (20 × k of the type's mentees per group)
  const groups = await riskGroupEffects(con, {minMentees: detailMin(minCell())});
  const model = riskOf(con)?.model ?? null;
  const cells = truth.estimands?.risk_cells;
  const truths: BandTruths | null = cells && model ? await bandTruths(con, cells, model) : null;
  const source: TruthSource = "estimands";
  const out: EstimateRecord[] = [];
  for (const band of RISK_BANDS) {
    const r = bands.find((x) => x.risk_band === band);
    if (r)
      out.push({
        ...record(`band:${band}`, r, r.n_mentored, {value: truths?.bands[band] ?? null, source}),
        truth_n: truths ? truths.n[band] : null
      });
  }
  for (const r of groups) {
    const g = truths ? groupTruth(truths, r.scheme_type, r.band_from, r.band_to) : null;
    out.push({
      ...record(`group:${r.scheme_type}:${r.risk_group}`, r, r.n_mentored, {value: g?.value ?? null, source}),
      truth_n: g ? g.n : null
    });
  }
  // the scenario: extra mentees over bands 3–5 in proportion to the students without a mentor there
  const reach = await riskBandReach(con);
  const pool = Object.fromEntries(
    reach.filter((r) => r.scheme_type === "none").map((r) => [r.risk_band, r.students ?? 0])
  );
  const allocation = allocateByPool(pool);
  if (allocation) {
    const effect = (band: number, method: "adjusted" | "naive") => {
      const r = bands.find((x) => x.risk_band === band);
      return {
        difference: r?.[method] ?? null,
        lower: r?.[`${method}_lower`] ?? null,
        upper: r?.[`${method}_upper`] ?? null
      };
    };
    const adjusted = scenarioEstimate(allocation, (b) => effect(b, "adjusted"));
    const naive = scenarioEstimate(allocation, (b) => effect(b, "naive"));
    out.push(
      record(
        SCENARIO_KEY,
        {
          adjusted: adjusted?.estimate ?? null,
          adjusted_lower: adjusted?.lower ?? null,
          adjusted_upper: adjusted?.upper ?? null,
          naive: naive?.estimate ?? null,
          naive_lower: naive?.lower ?? null,
          naive_upper: naive?.upper ?? null
        },
        SCENARIO_MENTEES,
        {value: truths ? scenarioTruth(allocation, truths.bands) : null, source}
      )
    );
  }
  return out;
}

/** Temp folders of the seeds running in this process (removed by removeTempFolders when the process is stopped). */
const running = new Set<string>();

/** Remove the temp folders of the seeds still running (for a process stopped by a signal). */
export function removeTempFolders() {
  for (const dir of running) rmSync(dir, {recursive: true, force: true});
  running.clear();
}

export async function runSeed(opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(opts.tmp ?? tmpdir(), `mentor-validate-${opts.seed}-`));
  running.add(dir);
  // a throwaway pseudonymisation key: no key file is written, and parallel runs do not share one
  process.env[HASH_KEY_ENV] ||= `validate-${process.pid}-${Date.now()}-key`;
  try {
    const data = join(dir, "data");
    const synth: SynthOptions = {
      enrolments: opts.enrolments,
      seed: opts.seed,
      out: data,
      effectScale: opts.effectScale,
      mentorDelays: opts.mentorDelays
    };
    const truth: TruthJson = await generate(synth);
    const generated = performance.now();
    const db = join(dir, "warehouse.duckdb");
    await ingest({sources: [data], db, quiet: true});
    rmSync(data, {recursive: true, force: true});
    const ingested = performance.now();
    const wh = await openWarehouse(db);
    let estimates: EstimateRecord[];
    try {
      const con = wh.connection;
      const overall = await overallEffect(con, {horizon: "ever"});
      const types = await schemeTypeEffects(con, {horizon: "ever"});
      const phases = (await phaseEffects(con)).filter((r) => r.scheme_type === "all");
      const record: RecordOf = (key, r, n, t) => ({
        key,
        naive: r.naive,
        naive_lower: r.naive_lower,
        naive_upper: r.naive_upper,
        adjusted: r.adjusted,
        adjusted_lower: r.adjusted_lower,
        adjusted_upper: r.adjusted_upper,
        n,
        truth: t.value,
        truth_source: t.source
      });
      estimates = [record("overall", overall, overall.n_mentored, effectTruth(truth, "overall"))];
      for (const type of SCHEME_TYPES) {
        const r = types.find((x) => x.scheme_type === type);
        if (r) estimates.push(record(`type:${type}`, r, r.n_mentored, effectTruth(truth, type)));
      }
      for (const phase of PHASES) {
        const r = phases.find((x) => x.phase === phase);
        if (r) estimates.push(record(`phase:${phase}`, r, r.entered_with, phaseTruth(truth, "overall", phase)));
      }
      estimates.push(...(await bandRecords(con, truth, record)));
    } finally {
      wh.close();
    }
    const done = performance.now();
    const secs = (from: number, to: number) => Math.round((to - from) / 10) / 100;
    return {
      seed: opts.seed,
      enrolments: opts.enrolments,
      generator_version: truth.generator?.version ?? GENERATOR_VERSION,
      effect_scale: opts.effectScale ?? null,
      mentor_delays: opts.mentorDelays ?? null,
      seconds: {
        generate: secs(started, generated),
        ingest: secs(generated, ingested),
        analysis: secs(ingested, done),
        total: secs(started, done)
      },
      estimates
    };
  } finally {
    rmSync(dir, {recursive: true, force: true});
    running.delete(dir);
  }
}
