/**
 * Logistic regression on grouped binomial data, fitted by iteratively
 * reweighted least squares (Newton–Raphson; McCullagh & Nelder, Generalized
 * Linear Models, 2nd ed. 1989, §4.4), with an optional ridge penalty
 * (le Cessie & van Houwelingen 1992, Appl Stat 41:191–201):
 *
 *   logit μ_g = x_g·β,   events_g ~ Binomial(trials_g, μ_g)
 *   maximise  ℓ(β) − (λ/2) Σ_{j ≥ 1} β_j²       (column 0, the intercept, unpenalised)
 *   step      β ← β + (XᵀWX + Λ)⁻¹ (Xᵀ(y − nμ) − Λβ),   W = diag(n μ (1 − μ))
 *   until     max |Δβ| < tol.
 *
 * Standard errors are √diag((XᵀWX + Λ)⁻¹) at the solution (with λ = 0 the
 * usual Wald standard errors, as R's `glm(cbind(events, trials − events) ~ …,
 * family = binomial)` reports). Grouping covariate patterns changes nothing
 * but speed: the likelihood of grouped and individual data is the same.
 *
 * The ridge keeps every coefficient finite when a category has no events (or
 * only events), where the unpenalised maximum likelihood estimate diverges.
 *
 * Throws RangeError for no rows, rows of unequal length, invalid counts, a
 * negative λ, or a singular information matrix (a column that is all zero or
 * a copy of others) when λ = 0.
 *
 * @example
 * logisticRegression([
 *   {x: [1, 0], events: 10, trials: 100},
 *   {x: [1, 1], events: 30, trials: 100}
 * ]);
 * // coefficients = [logit(0.1), logit(0.3) − logit(0.1)] = [−2.1972…, 1.3499…]
 * // standardErrors = [√(1/10 + 1/90), √(1/10 + 1/90 + 1/30 + 1/70)] = [0.3333…, 0.3984…]
 */
import {checkProportion} from "./validate.ts";

export interface BinomialRow {
  /** Covariate values, column 0 the intercept (1). */
  x: readonly number[];
  events: number;
  trials: number;
}

export interface LogisticOptions {
  /** Ridge penalty λ on every coefficient but the first (default 0). */
  ridge?: number;
  maxIterations?: number;
  tolerance?: number;
}

export interface LogisticFit {
  coefficients: number[];
  standardErrors: number[];
  /** Residual deviance 2 Σ [y log(y/nμ) + (n − y) log((n − y)/(n − nμ))]. */
  deviance: number;
  iterations: number;
  converged: boolean;
}

export const expit = (eta: number): number => 1 / (1 + Math.exp(-eta));

export function logisticRegression(
  rows: readonly BinomialRow[],
  {ridge = 0, maxIterations = 50, tolerance = 1e-10}: LogisticOptions = {}
): LogisticFit {
  if (!Array.isArray(rows) || rows.length === 0) throw new RangeError("rows must be a non-empty array");
  if (!(ridge >= 0)) throw new RangeError(`ridge must be ≥ 0, got ${String(ridge)}`);
  const p = rows[0].x.length;
  rows.forEach((r, i) => {
    if (r.x.length !== p) throw new RangeError(`rows[${i}].x has ${r.x.length} values, expected ${p}`);
    checkProportion(r.events, r.trials, `rows[${i}].events`, `rows[${i}].trials`);
  });
  const beta = new Array<number>(p).fill(0);
  // start the intercept at the pooled log odds (fewer iterations, same solution)
  const E = rows.reduce((a, r) => a + r.events, 0);
  const N = rows.reduce((a, r) => a + r.trials, 0);
  beta[0] = Math.log((E + 0.5) / (N - E + 0.5));
  let info: number[][] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    info = Array.from({length: p}, () => new Array<number>(p).fill(0));
    const score = new Array<number>(p).fill(0);
    for (const r of rows) {
      if (r.trials === 0) continue;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += r.x[j] * beta[j];
      const mu = expit(eta);
      const w = r.trials * mu * (1 - mu);
      const resid = r.events - r.trials * mu;
      for (let j = 0; j < p; j++) {
        if (r.x[j] === 0) continue;
        score[j] += r.x[j] * resid;
        for (let k = 0; k <= j; k++) info[j][k] += r.x[j] * r.x[k] * w;
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) info[k][j] = info[j][k];
      if (j > 0) {
        info[j][j] += ridge;
        score[j] -= ridge * beta[j];
      }
    }
    const step = solve(info, score);
    let change = 0;
    for (let j = 0; j < p; j++) {
      beta[j] += step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const inverse = invert(info);
  let deviance = 0;
  for (const r of rows) {
    if (r.trials === 0) continue;
    let eta = 0;
    for (let j = 0; j < p; j++) eta += r.x[j] * beta[j];
    const m = r.trials * expit(eta);
    if (r.events > 0) deviance += 2 * r.events * Math.log(r.events / m);
    if (r.trials - r.events > 0)
      deviance += 2 * (r.trials - r.events) * Math.log((r.trials - r.events) / (r.trials - m));
  }
  return {
    coefficients: beta,
    standardErrors: inverse.map((row, j) => Math.sqrt(row[j])),
    deviance,
    iterations,
    converged
  };
}

/** Cholesky factor L (A = LLᵀ) of a symmetric positive definite matrix. */
function cholesky(a: number[][]): number[][] {
  const n = a.length;
  const l = Array.from({length: n}, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(a[i][i]))))
          throw new RangeError(`the information matrix is singular at column ${i} (a covariate with no variation?)`);
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

function solve(a: number[][], b: number[]): number[] {
  const l = cholesky(a);
  const n = b.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

function invert(a: number[][]): number[][] {
  const n = a.length;
  const columns = Array.from({length: n}, (_, j) =>
    solve(
      a,
      Array.from({length: n}, (_, i) => (i === j ? 1 : 0))
    )
  );
  return Array.from({length: n}, (_, i) => columns.map((c) => c[i]));
}
