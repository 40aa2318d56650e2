/** Shared test helpers for test/stats. */
import {expect} from "vitest";

/**
 * Assert |actual − expected| ≤ max(rel·|expected|, abs), treating NaN as
 * equal to NaN and ±Infinity as equal to itself.
 */
export function expectClose(actual: number, expected: number, rel = 1e-9, abs = 1e-12, label = ""): void {
  if (Number.isNaN(expected)) {
    expect(actual, `${label}: expected NaN`).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
    return;
  }
  const tolerance = Math.max(rel * Math.abs(expected), abs);
  const ok = Math.abs(actual - expected) <= tolerance;
  expect(ok, `${label}: ${actual} vs ${expected} (tolerance ${tolerance})`).toBe(true);
}

/** Element-wise `expectClose` on two arrays of equal length. */
export function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  rel = 1e-9,
  abs = 1e-12,
  label = ""
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  actual.forEach((a, i) => expectClose(a, expected[i], rel, abs, `${label}[${i}]`));
}

/** Round to `digits` decimals (for comparing with published, rounded figures). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Small deterministic PRNG (mulberry32) for reproducible random data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** AML data from R `survival::aml` (Miller 1981). */
export const AML = {
  maintained: {
    time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
    event: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0] as (0 | 1)[]
  },
  nonmaintained: {
    time: [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
    event: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1] as (0 | 1)[]
  }
};

/** Random survival data: integer times (many ties), censoring, several groups. */
export function randomSurvivalData(
  seed: number,
  n: number,
  groups: readonly string[] = ["A", "B", "C"]
): {time: number[]; event: (0 | 1)[]; group: string[]} {
  const random = mulberry32(seed);
  const time: number[] = [];
  const event: (0 | 1)[] = [];
  const group: string[] = [];
  for (let i = 0; i < n; i++) {
    const gi = Math.floor(random() * groups.length);
    const scale = 20 + 10 * gi;
    const eventTime = Math.ceil(-Math.log(1 - random()) * scale);
    const censorTime = Math.ceil(random() * 90);
    time.push(Math.min(eventTime, censorTime));
    event.push(eventTime <= censorTime ? 1 : 0);
    group.push(groups[gi]);
  }
  return {time, event, group};
}

/** CSV text with header time,event,grp. */
export function toCsv(data: {time: number[]; event: (0 | 1 | boolean)[]; group: (string | number)[]}): string {
  const lines = ["time,event,grp"];
  data.time.forEach((t, i) =>
    lines.push(`${t},${data.event[i] === true || data.event[i] === 1 ? 1 : 0},${data.group[i]}`)
  );
  return lines.join("\n") + "\n";
}
