/**
 * One replicate of the simulation study: generate a synthetic data set, ingest
 * it like real data, compute the estimates the summary shows (overall, by scheme
 * type, by transition point — the same analysis functions, without the privacy
 * gate, which only hides values), pair each with its truth, delete the temp files.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {overallEffect, schemeTypeEffects} from "../analysis/effects.ts";
import {phaseEffects} from "../analysis/transitions.ts";
import type {EffectRow} from "../analysis/types.ts";
import {PHASES, SCHEME_TYPES} from "../contract/contract.ts";
import {ingest} from "../ingest/index.ts";
import {HASH_KEY_ENV} from "../ingest/pseudonymise.ts";
import {generate, GENERATOR_VERSION, type SynthOptions} from "../synth/generate.ts";
import {openWarehouse} from "../warehouse.ts";
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
  /** Stable key: "overall", "type:<scheme type>", "phase:<phase>". */
  key: string;
  /** Mentees (phases: mentored entrants) behind the estimate. */
  n: number | null;
  truth: number | null;
  truth_source: TruthSource;
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
      const record = (
        key: string,
        r: Omit<EstimateRecord, "key" | "n" | "truth" | "truth_source">,
        n: number | null,
        t: {value: number | null; source: TruthSource}
      ): EstimateRecord => ({
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
