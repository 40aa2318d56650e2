// Tests of loaders/stats/logistic-regression.ts (grouped binomial IRLS, optional ridge), against R's glm.
import {describe, expect, it} from "vitest";
import {expit, logisticRegression, type BinomialRow} from "../../loaders/stats/logistic-regression.ts";
import {hasR, noteIfNoR, runR, vec} from "../r/r.ts";

/** A grouped data set: intercept, a 3-level factor (2 dummies), a numeric covariate; deterministic counts. */
function dataset(): {rows: BinomialRow[]; csv: string} {
  const rows: BinomialRow[] = [];
  const lines = ["events,trials,f,z"];
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const f of ["a", "b", "c"])
    for (let z = -3; z <= 3; z++) {
      const trials = 20 + Math.floor(next() * 80);
      const p = expit(-1 + (f === "b" ? 0.7 : f === "c" ? -0.4 : 0) + 0.3 * z);
      let events = 0;
      for (let i = 0; i < trials; i++) if (next() < p) events++;
      rows.push({x: [1, f === "b" ? 1 : 0, f === "c" ? 1 : 0, z], events, trials});
      lines.push(`${events},${trials},${f},${z}`);
    }
  return {rows, csv: lines.join("\n") + "\n"};
}

describe("logisticRegression", () => {
  it("matches the worked example in its doc comment (two groups: the saturated model)", () => {
    const fit = logisticRegression([
      {x: [1, 0], events: 10, trials: 100},
      {x: [1, 1], events: 30, trials: 100}
    ]);
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(10 / 90), 10);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(30 / 70) - Math.log(10 / 90), 10);
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(1 / 10 + 1 / 90), 10);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(1 / 10 + 1 / 90 + 1 / 30 + 1 / 70), 10);
    expect(fit.deviance).toBeCloseTo(0, 8);
  });

  it("the ridge solution is where the penalised score is zero, and keeps a category without events finite", () => {
    const rows: BinomialRow[] = [
      {x: [1, 0, 0], events: 12, trials: 60},
      {x: [1, 1, 0], events: 0, trials: 25}, // no events: unpenalised MLE → −∞
      {x: [1, 0, 1], events: 20, trials: 40}
    ];
    const lambda = 1;
    const fit = logisticRegression(rows, {ridge: lambda});
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[1])).toBe(true);
    expect(fit.coefficients[1]).toBeLessThan(-1);
    for (let j = 0; j < 3; j++) {
      let score = 0;
      for (const r of rows) {
        const eta = r.x.reduce((a, v, k) => a + v * fit.coefficients[k], 0);
        score += r.x[j] * (r.events - r.trials * expit(eta));
      }
      expect(score - (j > 0 ? lambda * fit.coefficients[j] : 0)).toBeCloseTo(0, 8);
    }
    // without the ridge the same data do not converge to a finite value
    const free = logisticRegression(rows, {maxIterations: 30});
    expect(free.coefficients[1]).toBeLessThan(fit.coefficients[1]);
  });

  it("rejects bad input with the argument named", () => {
    expect(() => logisticRegression([])).toThrow(/non-empty/);
    expect(() => logisticRegression([{x: [1], events: 5, trials: 3}])).toThrow(/rows\[0\]\.events/);
    expect(() =>
      logisticRegression([
        {x: [1, 0], events: 1, trials: 3},
        {x: [1], events: 1, trials: 3}
      ])
    ).toThrow(/rows\[1\]\.x has 1 values, expected 2/);
    expect(() => logisticRegression([{x: [1, 0], events: 1, trials: 3}])).toThrow(/singular at column 1/);
    expect(() => logisticRegression([{x: [1], events: 1, trials: 3}], {ridge: -1})).toThrow(/ridge/);
  });

  describe.skipIf(!hasR)("against R glm(binomial)", () => {
    noteIfNoR("glm binomial");
    it("coefficients, standard errors and deviance agree", () => {
      const {rows, csv} = dataset();
      const fit = logisticRegression(rows);
      const r = runR(
        `d <- read.csv(file.path(dir, "d.csv")); d$f <- factor(d$f, levels = c("a", "b", "c"))
m <- glm(cbind(events, trials - events) ~ f + z, family = binomial, data = d, control = glm.control(epsilon = 1e-14))
emit(list(b = unname(coef(m)), se = unname(sqrt(diag(vcov(m)))), dev = deviance(m)))`,
        {"d.csv": csv}
      );
      vec(r, "b").forEach((b, j) => expect(fit.coefficients[j]).toBeCloseTo(b, 8));
      vec(r, "se").forEach((s, j) => expect(fit.standardErrors[j]).toBeCloseTo(s, 7));
      expect(fit.deviance).toBeCloseTo(vec(r, "dev")[0], 7);
    });
  });
});
