/**
 * One enrolment's path: the mentor acts only from its start day, on common
 * random numbers, so the paths with and without a mentor coincide before it.
 */
import {describe, expect, it} from "vitest";
import {PHASES, PROGRAMMES, type Phase} from "../../loaders/contract/contract.ts";
import {stream} from "../../loaders/synth/random.ts";
import {DRAWS, delayedTime, phaseDropDay, simulate, type Trajectory} from "../../loaders/synth/trajectory.ts";

const NO_MENTOR = () => 1;
const strong = (m: number) => (_: Phase) => m;

/** The trajectory's own fields (not the simulator's state). */
const path = (t: Trajectory) => ({
  stages: t.stages,
  outcome: t.outcome,
  outcomeDay: t.outcomeDay,
  dropPhase: t.dropPhase,
  entered: t.entered,
  entryDays: t.entryDays,
  placementDay: t.placementDay
});

/** The part of a path before `day`: stages begun before it (their ends only if before it), and the outcome if before it. */
function before(t: Trajectory, day: number) {
  return {
    stages: t.stages.filter(([, s]) => s < day).map(([n, s, e]) => [n, s, e !== null && e < day ? e : null]),
    outcome: t.outcomeDay < day ? [t.outcome, t.outcomeDay] : null
  };
}

function students(count: number) {
  const out: {s: {programme: (typeof PROGRAMMES)[number]; age: number; h: number}; u: Float64Array}[] = [];
  for (let i = 0; i < count; i++) {
    const r = stream(99, i);
    const u = new Float64Array(DRAWS);
    for (let k = 0; k < DRAWS; k++) u[k] = r();
    out.push({
      s: {programme: PROGRAMMES[i % PROGRAMMES.length], age: 15 + Math.floor(r() * 12), h: Math.exp(2 * r() - 0.8)},
      u
    });
  }
  return out;
}

describe("phaseDropDay", () => {
  it("without a mentor (m = 1) drops with probability q, uniformly over the phase", () => {
    const q = 0.2;
    let drops = 0;
    const days: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const d = phaseDropDay((i + 0.5) / 10_000, q, 100, 200, 1, 0);
      if (d !== null) {
        drops++;
        days.push(d);
      }
    }
    expect(drops / 10_000).toBeCloseTo(q, 3);
    expect(Math.min(...days)).toBe(100);
    expect(Math.max(...days)).toBe(199);
    expect(days.filter((d) => d < 150).length / days.length).toBeCloseTo(0.5, 2);
  });

  it("a mentor from the phase start gives the proportional-hazards probability 1 − (1 − q)^m", () => {
    const q = 0.3,
      m = 0.5;
    let drops = 0;
    for (let i = 0; i < 20_000; i++) if (phaseDropDay((i + 0.5) / 20_000, q, 0, 365, m, 0) !== null) drops++;
    expect(drops / 20_000).toBeCloseTo(1 - Math.pow(1 - q, m), 3);
  });

  it("before the mentor's start the dropout is the one without; after it never earlier, and on or after the start", () => {
    for (let i = 0; i < 5000; i++) {
      const u = (i + 0.5) / 5000;
      for (const start of [0, 30, 120, 250, 400]) {
        const without = phaseDropDay(u, 0.4, 50, 300, 1, start);
        for (const m of [0.05, 0.4, 0.9, 1.5, 3]) {
          const withM = phaseDropDay(u, 0.4, 50, 300, m, start);
          if (without !== null && without < start) expect(withM).toBe(without);
          else if (withM !== null) {
            expect(withM).toBeGreaterThanOrEqual(Math.min(start, 299));
            if (m < 1 && without !== null) expect(withM).toBeGreaterThanOrEqual(without);
            if (m < 1) expect(without).not.toBeNull(); // a protective mentor adds no dropout
          }
          if (m > 1 && without !== null) expect(withM).not.toBeNull(); // a harmful one removes none
        }
      }
    }
  });

  it("delayedTime: unchanged before the start, stretched by 1/m after", () => {
    expect(delayedTime(10, 0.5, 20)).toBe(10);
    expect(delayedTime(30, 0.5, 20)).toBe(40);
    expect(delayedTime(30, 0.5, -5)).toBe(60);
    expect(delayedTime(30, 1, 0)).toBe(30);
  });
});

describe("simulate with a mentor from a start day", () => {
  const all = students(4000);

  it("multiplier 1 (effect scale 0) gives exactly the path without a mentor", () => {
    for (const {s, u} of all) expect(path(simulate(s, u, strong(1), 17))).toEqual(path(simulate(s, u, NO_MENTOR)));
  });

  it("a mentor from day 0 is the mentor of generator 1.1 (every phase)", () => {
    let fewer = 0,
      more = 0;
    for (const {s, u} of all) {
      const w = simulate(s, u, strong(0.5), 0),
        wo = simulate(s, u, NO_MENTOR);
      if (w.outcome === "dropped" && wo.outcome !== "dropped") more++;
      if (w.outcome !== "dropped" && wo.outcome === "dropped") fewer++;
    }
    expect(more).toBe(0);
    expect(fewer).toBeGreaterThan(50);
  });

  it("paths with and without the mentor are identical before its start; a path that ends before it is unchanged", () => {
    let changed = 0;
    for (const {s, u} of all) {
      for (const start of [10, 60, 200, 500]) {
        const without = simulate(s, u, NO_MENTOR);
        for (const m of [0.2, 2]) {
          const withM = simulate(s, u, strong(m), start);
          expect(before(withM, start)).toEqual(before(without, start));
          if (without.outcomeDay < start) expect(path(withM)).toEqual(path(without));
          else if (withM.outcome !== without.outcome || withM.outcomeDay !== without.outcomeDay) {
            changed++;
            expect(withM.outcomeDay).toBeGreaterThanOrEqual(start);
          }
        }
      }
    }
    expect(changed).toBeGreaterThan(100);
  });

  it("records the entry day of every phase entered", () => {
    for (const {s, u} of all.slice(0, 500)) {
      const t = simulate(s, u, NO_MENTOR);
      expect(t.entryDays).toHaveLength(t.entered.length);
      for (const p of t.entered) expect(PHASES).toContain(p);
      expect(t.entryDays[0]).toBe(0);
      for (let i = 1; i < t.entryDays.length; i++) expect(t.entryDays[i]).toBeGreaterThanOrEqual(t.entryDays[i - 1]);
      if (t.placementDay !== null) expect(t.entryDays[t.entered.indexOf("probation")]).toBe(t.placementDay);
    }
  });
});
