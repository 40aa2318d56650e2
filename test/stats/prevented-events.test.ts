// Tests of loaders/stats/prevented-events.ts (events prevented by an allocation, with the estimates' uncertainty).
import {describe, expect, it} from "vitest";
import {normalCritical} from "../../loaders/stats/index.ts";
import {preventedEvents} from "../../loaders/stats/prevented-events.ts";

describe("preventedEvents", () => {
  const z = normalCritical(0.95);
  it("matches the worked example in its doc comment", () => {
    const r = preventedEvents([
      {mentees: 100, difference: -0.05, lower: -0.08, upper: -0.02},
      {mentees: 50, difference: -0.1, lower: -0.2, upper: 0}
    ]);
    const se = Math.sqrt((100 * (0.06 / (2 * z))) ** 2 + (50 * (0.2 / (2 * z))) ** 2);
    expect(r.estimate).toBeCloseTo(10, 12);
    expect(r.stdErr).toBeCloseTo(se, 12);
    expect(r.lower).toBeCloseTo(10 - z * se, 12);
    expect(r.upper).toBeCloseTo(10 + z * se, 12);
  });
  it("one cell: the cell's interval scaled by its mentees", () => {
    const r = preventedEvents([{mentees: 40, difference: -0.05, lower: -0.09, upper: -0.01}]);
    expect(r.estimate).toBeCloseTo(2, 12);
    expect(r.lower).toBeCloseTo(0.4, 10);
    expect(r.upper).toBeCloseTo(3.6, 10);
  });
  it("a harmful estimate prevents a negative number; empty and zero allocations prevent none", () => {
    expect(preventedEvents([{mentees: 10, difference: 0.1, lower: 0.05, upper: 0.15}]).estimate).toBeCloseTo(-1, 12);
    expect(preventedEvents([])).toEqual({estimate: 0, lower: 0, upper: 0, stdErr: 0});
    expect(preventedEvents([{mentees: 0, difference: NaN, lower: NaN, upper: NaN}]).estimate).toBe(0);
  });
  it("rejects bad input with the cell named", () => {
    expect(() => preventedEvents([{mentees: -1, difference: 0, lower: 0, upper: 0}])).toThrow(/cells\[0\]\.mentees/);
    expect(() => preventedEvents([{mentees: 5, difference: NaN, lower: 0, upper: 0}])).toThrow(
      /cells\[0\]\.difference/
    );
    expect(() => preventedEvents([{mentees: 5, difference: 0.2, lower: 0, upper: 0.1}])).toThrow(
      /lower ≤ difference ≤ upper/
    );
  });
});
