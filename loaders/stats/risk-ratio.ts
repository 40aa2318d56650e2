/**
 * Risk ratio RR = (x₁/n₁) / (x₂/n₂) with the Katz log interval (Katz,
 * Baptista, Azen & Pike 1978, Biometrics 34:469–474; Rothman, Greenland &
 * Lash, Modern Epidemiology 3rd ed. 2008, ch. 14):
 *
 *   ln RR ± z · √(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂),   z = Φ⁻¹(1 − α/2).
 *
 * Zero cells (the variance is infinite when x₁ = 0 or x₂ = 0):
 * - The reported `estimate` is always the raw ratio: 0 if x₁ = 0 < x₂,
 *   +Infinity if x₂ = 0 < x₁, NaN if both are 0.
 * - The interval is then computed with the Haldane–Anscombe correction,
 *   i.e. 0.5 added to each of the four cells (x + 0.5 events out of n + 1),
 *   and the limit on the side of the boundary estimate is set to that
 *   boundary so that lower ≤ estimate ≤ upper always holds:
 *   x₁ = 0 → [0, U_corrected];  x₂ = 0 → [L_corrected, +Infinity].
 * - Both x₁ = x₂ = 0, or n₁ = 0 or n₂ = 0 (no information): estimate NaN,
 *   interval [0, +Infinity].
 * - Swapping the groups inverts the result: (1/estimate, 1/upper, 1/lower).
 * - Throws RangeError for invalid counts (x > n, negative, non-integer) or level.
 *
 * @example
 * riskRatio(30, 204, 21, 205);  // {estimate: 1.435574…, lower: 0.851022…, upper: 2.421645…}
 * riskRatio(0, 10, 5, 10);      // {estimate: 0, lower: 0, upper: 1.453410…} (upper from 0.5/11 vs 5.5/11)
 */
import {normalCritical} from "./distributions/normal.ts";
import type {Interval, LevelOptions} from "./types.ts";
import {checkLevel, checkProportion} from "./validate.ts";

function katz(x1: number, n1: number, x2: number, n2: number, z: number): {lower: number; upper: number; rr: number} {
  const rr = x1 / n1 / (x2 / n2);
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
  return {rr, lower: rr * Math.exp(-z * se), upper: rr * Math.exp(z * se)};
}

export function riskRatio(x1: number, n1: number, x2: number, n2: number, {level = 0.95}: LevelOptions = {}): Interval {
  checkProportion(x1, n1, "x1", "n1");
  checkProportion(x2, n2, "x2", "n2");
  checkLevel(level);
  if (n1 === 0 || n2 === 0 || (x1 === 0 && x2 === 0)) return {estimate: NaN, lower: 0, upper: Infinity};
  const z = normalCritical(level);
  if (x1 > 0 && x2 > 0) {
    const {rr, lower, upper} = katz(x1, n1, x2, n2, z);
    return {estimate: rr, lower, upper};
  }
  const corrected = katz(x1 + 0.5, n1 + 1, x2 + 0.5, n2 + 1, z);
  if (x1 === 0) return {estimate: 0, lower: 0, upper: corrected.upper};
  return {estimate: Infinity, lower: corrected.lower, upper: Infinity};
}
