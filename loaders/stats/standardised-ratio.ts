/**
 * Standardised ratio SR = O/E (e.g. an indirectly standardised dropout ratio:
 * observed dropouts over those expected from a reference model) with the
 * exact Poisson interval of Garwood (1936), treating E as fixed (Breslow &
 * Day, Statistical Methods in Cancer Research vol. II, 1987, ch. 2;
 * Ulm 1990, Am J Epidemiol 131:373–375):
 *
 *   lower = χ²_{2O}(α/2) / (2E)        (0 when O = 0)
 *   upper = χ²_{2O+2}(1 − α/2) / (2E)
 *
 * computed with gamma quantiles (χ²_{2k}(p)/2 = Gamma(k, 1) quantile).
 *
 * Conventions:
 * - E = 0: estimate, lower and upper are NaN (ratio undefined).
 * - O must be a non-negative integer, E a finite number ≥ 0; otherwise (or
 *   for a level outside (0, 1)) RangeError.
 *
 * @example
 * standardisedRatio(10, 10); // {estimate: 1, lower: 0.47954…, upper: 1.83904…}
 * standardisedRatio(10, 5);  // {estimate: 2, lower: 0.95908…, upper: 3.67807…}
 */
import {poissonExactLimits} from "./distributions/poisson.ts";
import type {Interval, LevelOptions} from "./types.ts";
import {checkCount, checkLevel} from "./validate.ts";

export function standardisedRatio(observed: number, expected: number, {level = 0.95}: LevelOptions = {}): Interval {
  checkCount(observed, "observed");
  checkLevel(level);
  if (typeof expected !== "number" || !Number.isFinite(expected) || expected < 0) {
    throw new RangeError(`expected must be a finite number ≥ 0, got ${String(expected)}`);
  }
  if (expected === 0) return {estimate: NaN, lower: NaN, upper: NaN};
  const {lower, upper} = poissonExactLimits(observed, {level});
  return {estimate: observed / expected, lower: lower / expected, upper: upper / expected};
}
