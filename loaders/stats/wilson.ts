/**
 * Wilson score interval for a binomial proportion (Wilson 1927, JASA
 * 22:209–212; "method 3" of Newcombe 1998, Stat Med 17:857–872):
 *
 *   p̂ = x/n,  z = Φ⁻¹(1 − α/2),
 *   centre = (x + z²/2) / (n + z²),
 *   half   = z √(x(n − x)/n + z²/4) / (n + z²),
 *   [L, U] = centre ∓ half.
 *
 * This equals the interval of R's `prop.test(x, n, correct = FALSE)`.
 *
 * Conventions:
 * - x = 0 gives L = 0 exactly and x = n gives U = 1 exactly (the formula
 *   gives them up to rounding; they are set exactly).
 * - n = 0 (no data): estimate NaN and the uninformative interval [0, 1].
 * - Throws RangeError for negative or non-integer counts, x > n, or a level
 *   outside (0, 1).
 *
 * @example
 * wilson(81, 263); // {estimate: 0.30798…, lower: 0.25531…, upper: 0.36617…}  (Newcombe 1998a, Table I)
 * wilson(0, 20);   // {estimate: 0, lower: 0, upper: 0.16113…}
 */
import {normalCritical} from "./distributions/normal.ts";
import type {Interval, LevelOptions} from "./types.ts";
import {checkLevel, checkProportion} from "./validate.ts";

export function wilson(x: number, n: number, {level = 0.95}: LevelOptions = {}): Interval {
  checkProportion(x, n);
  checkLevel(level);
  if (n === 0) return {estimate: NaN, lower: 0, upper: 1};
  const z = normalCritical(level);
  const z2 = z * z;
  const denominator = n + z2;
  const centre = (x + z2 / 2) / denominator;
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / denominator;
  const lower = x === 0 ? 0 : Math.max(0, centre - half);
  const upper = x === n ? 1 : Math.min(1, centre + half);
  return {estimate: x / n, lower, upper};
}
