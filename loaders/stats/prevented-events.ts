/**
 * Events prevented by an allocation: extra exposed units (mentees) m_c placed
 * in cells c with estimated risk differences d_c (risk with − without; negative
 * = fewer events) and their 95 % intervals [L_c, U_c]:
 *
 *   prevented  P = Σ m_c · (−d_c)
 *   SE_c       = (U_c − L_c) / (2 z)         (the Wald interval's half-width)
 *   Var(P)     = Σ m_c² SE_c²                (the cells' estimates independent)
 *   [L, U]     = P ∓ z √Var(P),  z = Φ⁻¹(0.975) for the default level.
 *
 * The interval carries the estimates' uncertainty only: P is the expected
 * number prevented if the cells' effects hold for the extra mentees
 * (transportability is the user's assumption), not a prediction of the count
 * that will happen. Cells with m_c = 0 are ignored.
 *
 * Throws RangeError for negative or non-finite mentees, a cell with m_c > 0
 * and a missing (non-finite) estimate or interval, or L_c > d_c > U_c.
 *
 * @example
 * preventedEvents([{mentees: 100, difference: -0.05, lower: -0.08, upper: -0.02},
 *                  {mentees: 50, difference: -0.1, lower: -0.2, upper: 0}]);
 * // P = 5 + 5 = 10; SE = (0.06/3.92, 0.2/3.92); √(100²·0.0153² + 50²·0.0510²) = 2.975…
 * // → {estimate: 10, lower: 4.169…, upper: 15.831…}
 */
import {normalCritical} from "./distributions/normal.ts";
import type {Interval} from "./types.ts";
import {checkFinite} from "./validate.ts";

export interface AllocationCell {
  mentees: number;
  difference: number;
  lower: number;
  upper: number;
}

export interface Prevented extends Interval {
  stdErr: number;
}

export function preventedEvents(cells: readonly AllocationCell[], level = 0.95): Prevented {
  const z = normalCritical(level);
  let estimate = 0;
  let variance = 0;
  cells.forEach((c, i) => {
    checkFinite(c.mentees, `cells[${i}].mentees`);
    if (c.mentees < 0) throw new RangeError(`cells[${i}].mentees must be ≥ 0, got ${c.mentees}`);
    if (c.mentees === 0) return;
    checkFinite(c.difference, `cells[${i}].difference`);
    checkFinite(c.lower, `cells[${i}].lower`);
    checkFinite(c.upper, `cells[${i}].upper`);
    if (c.lower > c.difference || c.difference > c.upper)
      throw new RangeError(
        `cells[${i}]: expected lower ≤ difference ≤ upper, got ${c.lower}, ${c.difference}, ${c.upper}`
      );
    const se = (c.upper - c.lower) / (2 * z);
    estimate += -c.mentees * c.difference;
    variance += c.mentees * c.mentees * se * se;
  });
  const stdErr = Math.sqrt(variance);
  return {estimate, lower: estimate - z * stdErr, upper: estimate + z * stdErr, stdErr};
}
