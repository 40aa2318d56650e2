// Tests of loaders/stats/number-needed.ts (NNT/NNH from a risk difference and its interval, Altman 1998).
import {describe, expect, it} from "vitest";
import {numberNeeded} from "../../loaders/stats/number-needed.ts";

describe("numberNeeded", () => {
  it("matches the worked example in its doc comment", () => {
    expect(numberNeeded(-0.05, -0.08, -0.02)).toEqual({kind: "benefit", estimate: 20, lower: 12.5, upper: 50});
  });
  it("Altman's example: ARR 0.0899 (0.0437 to 0.1361) gives NNT 11.1 (7.3 to 22.9)", () => {
    // Altman 1998, BMJ 317:1309, first worked example (difference as with − without, so negative)
    const r = numberNeeded(-0.0899, -0.1361, -0.0437)!;
    expect(r.kind).toBe("benefit");
    expect(r.estimate).toBeCloseTo(11.1, 1);
    expect(r.lower).toBeCloseTo(7.3, 1);
    expect(r.upper).toBeCloseTo(22.9, 1);
  });
  it("harm when the interval lies above zero; null when it contains zero", () => {
    expect(numberNeeded(0.1, 0.05, 0.2)).toEqual({kind: "harm", estimate: 10, lower: 5, upper: 20});
    expect(numberNeeded(-0.02, -0.05, 0.01)).toBeNull();
    expect(numberNeeded(0, 0, 0)).toBeNull();
  });
  it("rejects bad input", () => {
    expect(() => numberNeeded(NaN, -1, 1)).toThrow(/difference/);
    expect(() => numberNeeded(-0.1, -0.05, 0)).toThrow(/lower ≤ difference ≤ upper/);
  });
});
