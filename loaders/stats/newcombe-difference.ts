/**
 * Difference of two independent proportions, θ = p₁ − p₂, with Newcombe's
 * hybrid score interval (Newcombe 1998, "Interval estimation for the
 * difference between independent proportions: comparison of eleven methods",
 * Stat Med 17:873–890, method 10):
 *
 *   (l₁, u₁), (l₂, u₂) = Wilson score limits for p₁ and p₂ (see `wilson`),
 *   δ = p̂₁ − p̂₂,
 *   L = δ − √((p̂₁ − l₁)² + (u₂ − p̂₂)²),
 *   U = δ + √((u₁ − p̂₁)² + (p̂₂ − l₂)²).
 *
 * Conventions:
 * - If n₁ = 0 or n₂ = 0 the difference is undefined: estimate NaN and the
 *   uninformative interval [−1, 1].
 * - Swapping the groups mirrors the result: (−estimate, −upper, −lower).
 * - Throws RangeError for invalid counts (x > n, negative, non-integer) or level.
 *
 * @example
 * newcombeDifference(56, 70, 48, 80); // {estimate: 0.2, lower: 0.05239…, upper: 0.33389…}
 * newcombeDifference(10, 10, 0, 20);  // {estimate: 1, lower: 0.67910…, upper: 1}
 */
import type {Interval, LevelOptions} from "./types.ts";
import {checkLevel, checkProportion} from "./validate.ts";
import {wilson} from "./wilson.ts";

export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  {level = 0.95}: LevelOptions = {}
): Interval {
  checkProportion(x1, n1, "x1", "n1");
  checkProportion(x2, n2, "x2", "n2");
  checkLevel(level);
  if (n1 === 0 || n2 === 0) return {estimate: NaN, lower: -1, upper: 1};
  const a = wilson(x1, n1, {level});
  const b = wilson(x2, n2, {level});
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const delta = p1 - p2;
  const lower = delta - Math.hypot(p1 - a.lower, b.upper - p2);
  const upper = delta + Math.hypot(a.upper - p1, p2 - b.lower);
  return {estimate: delta, lower: Math.max(-1, lower), upper: Math.min(1, upper)};
}
