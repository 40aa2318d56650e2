/**
 * One enrolment's path through its programme, from a fixed vector of uniform
 * draws. Calling it twice with the same draws and different mentor
 * multipliers gives the same student with and without a mentor (common random
 * numbers): that is how truth.json knows each mentee's counterfactual.
 *
 * The mentor acts only from its start day (`mentorStart`, days after the
 * intake): every dropout time is drawn by inversion of the cumulative hazard
 * with one uniform per phase, and the multiplier scales the hazard only after
 * the start day. So the paths with and without the mentor are identical up to
 * the start day (a dropout drawn before it happens on the same day in both),
 * and differ only after it.
 */
import {PHASE_CUTOFFS, type Phase, type Programme} from "../contract/contract.ts";
import {FGU, GYMNASIUM, HF, TENTH_FORM, VOCATIONAL, type SchoolYears} from "./model.ts";
import {exponential, pick} from "./random.ts";

/**
 * Indices into the draw vector; each phase owns its own draws. Since generator
 * 1.2.0 the dropout day of a phase comes from its drop draw alone (inversion),
 * so fwTime, gf1Time, gf2Time, probTime, mainTime and finalTime are unused;
 * they keep their places so the other draws keep theirs.
 */
export const U = {
  direct: 0,
  fwDrop: 1,
  fwTime: 2,
  gf1Drop: 3,
  gf1Time: 4,
  gf2Drop: 5,
  gf2Time: 6,
  transfer: 7,
  placementNow: 8,
  placementWait: 9,
  skoleoplaering: 10,
  gapDrop: 11,
  hfLength: 12,
  probDrop: 13,
  probTime: 14,
  mainDrop: 15,
  mainTime: 16,
  finalDrop: 17,
  finalTime: 18,
  transferTime: 19,
  giveUp: 20
} as const;
export const DRAWS = 21;

export interface Trajectory {
  /** [stage, start day, end day (null: not ended)] as offsets from intake, in order. */
  stages: [string, number, number | null][];
  outcome: "completed" | "dropped" | "transferred";
  outcomeDay: number;
  /** Phase in which the student dropped out (null otherwise). */
  dropPhase: Phase | null;
  /** Phases the student entered (alive at their start), in order. */
  entered: Phase[];
  /** Entry day (offset from intake) of each phase in `entered`, same order. */
  entryDays: number[];
  /** Day a læreplads (apprenticeship) started, if any. */
  placementDay: number | null;
}

export interface Student {
  programme: Programme;
  age: number;
  /** Relative risk h = exp(lp). */
  h: number;
}

/** Hazard multiplier for a phase (1 = no mentor effect). */
export type Multiplier = (phase: Phase) => number;

/**
 * Simulate one enrolment. `mentorStart`: day (offset from intake) from which
 * the multiplier acts; before it the hazard is the one without a mentor.
 */
export function simulate(s: Student, u: Float64Array, m: Multiplier, mentorStart = 0): Trajectory {
  if (s.programme === "EUD" || s.programme === "EUX") return vocational(s, u, m, mentorStart);
  if (s.programme === "10K") return schoolYears(s, u, m, mentorStart, TENTH_FORM);
  if (s.programme === "HF") return schoolYears(s, u, m, mentorStart, HF);
  if (s.programme === "FGU") return fgu(s, u, m, mentorStart);
  return schoolYears(s, u, m, mentorStart, GYMNASIUM);
}

/**
 * Dropout day in a phase [from, to), or null if the student survives it.
 * Without a mentor the phase's dropout probability is q = 1 − (1 − p)^h,
 * spread evenly over the phase: survival S0(t) = 1 − q·(t − from)/(to − from).
 * A mentor from day d multiplies the hazard by m after d:
 * S(t) = S0(t) for t ≤ d, S0(d)·(S0(t)/S0(d))^m after (with d ≤ from this is
 * (1 − p)^(h·m) at the phase end, the proportional-hazards model). The day is
 * the inverse of S at 1 − u for the phase's one uniform u, so a dropout before
 * d is the same in both scenarios, and m = 1 gives exactly the path without.
 */
export function phaseDropDay(
  u: number,
  q: number,
  from: number,
  to: number,
  m: number,
  mentorStart: number
): number | null {
  if (!(u < 1) || !(q > 0)) return null;
  const length = to - from;
  if (length <= 0) return u < q ? from : null;
  const beforeShare = Math.min(1, Math.max(0, (mentorStart - from) / length));
  const before = q * beforeShare; // P(dropout before the mentor's start): the same with and without
  if (m === 1 || u < before) return u < q ? Math.floor(from + (length * u) / q) : null;
  const atStart = 1 - before;
  const survive = atStart * Math.pow((1 - q) / atStart, m);
  if (!(u < 1 - survive)) return null;
  const s0 = atStart * Math.pow((1 - u) / atStart, 1 / m);
  // on or after the start day (rounding must not move it before; the inverse is ≥ the start day exactly)
  const earliest = Math.max(from, Math.min(Math.ceil(mentorStart), to - 1));
  return Math.min(to - 1, Math.max(earliest, Math.floor(from + (length * (1 - s0)) / q)));
}

/**
 * A waiting time with constant hazard (`t0`: the time without a mentor, drawn
 * by inversion) when a mentor multiplies the hazard by m from `start` (offset
 * from the same origin): unchanged before the start, stretched by 1/m after.
 */
export function delayedTime(t0: number, m: number, start: number): number {
  if (m === 1) return t0;
  const s = Math.max(0, start);
  return t0 < s ? t0 : s + (t0 - s) / m;
}

class Path implements Trajectory {
  stages: [string, number, number | null][] = [];
  outcome: Trajectory["outcome"] = "completed";
  outcomeDay = 0;
  dropPhase: Phase | null = null;
  entered: Phase[] = [];
  entryDays: number[] = [];
  placementDay: number | null = null;
  constructor(
    private readonly s: Student,
    private readonly u: Float64Array,
    private readonly m: Multiplier,
    readonly mentorStart: number
  ) {}

  enter(phase: Phase, day: number) {
    if (this.entered[this.entered.length - 1] !== phase) {
      this.entered.push(phase);
      this.entryDays.push(day);
    }
  }

  /** Run a phase over [from, to); returns true if the student dropped out in it. */
  phase(phase: Phase, p: number, from: number, to: number, drop: number): boolean {
    this.enter(phase, from);
    const q = 1 - Math.pow(1 - p, this.s.h);
    const day = phaseDropDay(this.u[drop], q, from, to, this.m(phase), this.mentorStart);
    if (day === null) return false;
    this.end("dropped", day, phase);
    return true;
  }

  stage(name: string, day: number) {
    this.close(day);
    this.stages.push([name, day, null]);
  }

  /** End the current stage (if still open) on `day`. */
  close(day: number) {
    const last = this.stages[this.stages.length - 1];
    if (last && last[2] === null) last[2] = day;
  }

  end(outcome: Trajectory["outcome"], day: number, phase: Phase | null = null): this {
    this.outcome = outcome;
    this.outcomeDay = day;
    this.dropPhase = phase;
    if (outcome === "completed") {
      this.stage("completion", day);
      this.close(day);
    } else this.close(day);
    return this;
  }
}

const FIRST_WEEKS = PHASE_CUTOFFS.firstWeeksDays;

function vocational(s: Student, u: Float64Array, m: Multiplier, mentorStart: number): Trajectory {
  const v = VOCATIONAL;
  const t = new Path(s, u, m, mentorStart);
  const direct = s.age <= 17 && u[U.direct] < v.directShare;
  const gf2Days = v.gf2Days[s.programme];
  let day = 0;
  if (direct) {
    t.stage("gf1", 0);
    if (t.phase("first_weeks", v.firstWeeksGf1, 0, FIRST_WEEKS, U.fwDrop)) return t;
    if (t.phase("gf1_gf2", v.gf1Rest, FIRST_WEEKS, v.gf1Days, U.gf1Drop)) return t;
    day = v.gf1Days;
    t.stage("gf2", day);
    if (t.phase("gf1_gf2", v.gf2AfterGf1, day, day + gf2Days, U.gf2Drop)) return t;
  } else {
    t.stage("gf2", 0);
    if (t.phase("first_weeks", v.firstWeeksGf2, 0, FIRST_WEEKS, U.fwDrop)) return t;
    if (t.phase("gf1_gf2", v.gf2DirectRest, FIRST_WEEKS, gf2Days, U.gf2Drop)) return t;
  }
  day += gf2Days;
  t.close(day);
  if (u[U.transfer] < v.transferAtGfEnd) return t.end("transferred", day);

  // School → apprenticeship: wait for a contract while a small constant hazard
  // runs; after a long search, some move to skoleoplæring, the rest may give up.
  let track = "laereplads";
  let wait = 0;
  if (u[U.placementNow] >= v.placementImmediate) {
    wait = v.placementWaitMinDays + exponential(u[U.placementWait], v.placementWaitMeanDays);
    // constant hazards in the gap, multiplied by the mentor's from its start (offset from the gap's start)
    const gm = m("school_to_apprenticeship");
    const mentorFrom = mentorStart - day;
    let dropAfter = delayedTime(exponential(u[U.gapDrop], 1 / (v.gapHazardPerDay * s.h)), gm, mentorFrom);
    if (wait > v.skoleoplaeringAfterDays) {
      if (u[U.skoleoplaering] < v.skoleoplaeringShare) {
        wait = v.skoleoplaeringAfterDays;
        track = "skoleoplaering";
      } else {
        const giveUp = delayedTime(
          exponential(u[U.giveUp], v.giveUpMeanDays / s.h),
          gm,
          mentorFrom - v.skoleoplaeringAfterDays
        );
        dropAfter = Math.min(dropAfter, v.skoleoplaeringAfterDays + giveUp);
      }
    }
    t.enter("school_to_apprenticeship", day);
    if (dropAfter < wait) return t.end("dropped", day + Math.floor(dropAfter), "school_to_apprenticeship");
  }
  day += Math.floor(wait);
  t.stage(track, day);
  const [base, spread] = v.hovedforloebDays[s.programme];
  const length = Math.floor(base + u[U.hfLength] * spread);
  const finalStart = day + length - v.finalDays;
  if (track === "laereplads") {
    t.placementDay = day;
    if (t.phase("probation", v.probation, day, day + v.probationDays, U.probDrop)) return t;
    if (t.phase("main_course", v.main, day + v.probationDays, finalStart, U.mainDrop)) return t;
  } else if (t.phase("main_course", v.mainSkoleoplaering, day, finalStart, U.mainDrop)) return t;
  t.stage("final", finalStart);
  if (t.phase("final_stretch", v.final, finalStart, day + length, U.finalDrop)) return t;
  return t.end("completed", day + length);
}

/**
 * A programme of school years (gymnasium, HF, 10th form, FGU): first weeks,
 * main course up to the last stage, final stretch (if the programme has one);
 * a transfer may come before `transferUntil`.
 */
function schoolYears(s: Student, u: Float64Array, m: Multiplier, mentorStart: number, g: SchoolYears): Trajectory {
  const t = new Path(s, u, m, mentorStart);
  t.stage(g.schedule[0][0], 0);
  if (t.phase("first_weeks", g.firstWeeks, 0, FIRST_WEEKS, U.fwDrop)) return t;
  const finalStart = g.final === null ? g.completionDay : g.schedule[g.schedule.length - 1][1];
  const transferDay =
    u[U.transfer] < g.transfer
      ? Math.floor(FIRST_WEEKS + u[U.transferTime] * (g.transferUntil - FIRST_WEEKS))
      : Infinity;
  const dropped = t.phase("main_course", g.main, FIRST_WEEKS, finalStart, U.mainDrop);
  if (transferDay < (dropped ? t.outcomeDay : Infinity)) return staged(t, g.schedule, transferDay, "transferred");
  if (dropped) return staged(t, g.schedule, t.outcomeDay, "dropped");
  if (g.final === null) return staged(t, g.schedule, g.completionDay, "completed");
  for (const [stage, d] of g.schedule.slice(1)) t.stage(stage, d);
  if (t.phase("final_stretch", g.final, finalStart, g.completionDay, U.finalDrop)) return t;
  return t.end("completed", g.completionDay);
}

/** Rebuild the stages of a student whose course ended on `day` (the schedule's stages begun by then). */
function staged(t: Path, schedule: SchoolYears["schedule"], day: number, outcome: Trajectory["outcome"]): Trajectory {
  const phase = t.dropPhase;
  t.stages = [];
  for (const [stage, d] of schedule) if (d <= day) t.stage(stage, d);
  return t.end(outcome, day, outcome === "dropped" ? phase : null);
}

/** FGU: optional basisforløb, then a track of individual length (uniform draws reused: FGU has no placement). */
function fgu(s: Student, u: Float64Array, m: Multiplier, mentorStart: number): Trajectory {
  const f = FGU;
  const start = u[U.direct] < f.basisShare ? f.basisDays : 0;
  const track = pick(u[U.placementNow], f.tracks);
  const [base, spread] = f.trackDays[track];
  const end = start + Math.floor(base + u[U.hfLength] * spread);
  return schoolYears(s, u, m, mentorStart, {
    schedule:
      start > 0
        ? [
            ["fgu_basis", 0],
            [track, start]
          ]
        : [[track, 0]],
    completionDay: end,
    firstWeeks: f.firstWeeks,
    main: f.main,
    final: null,
    transfer: f.transfer,
    transferUntil: end
  });
}
