/**
 * The number needed to treat (here: to mentor) to prevent one event, from a
 * risk difference d = risk with − risk without and its interval [L, U]
 * (Laupacis, Sackett & Roberts 1988, NEJM 318:1728–33; interval as in
 * Altman 1998, BMJ 317:1309–12):
 *
 *   benefit (U < 0):  NNT = 1/(−d),  interval [1/(−L), 1/(−U)]
 *   harm    (L > 0):  NNH = 1/d,     interval [1/U, 1/L]
 *   otherwise (the interval contains 0): null — the interval would run
 *   through infinity (Altman's "NNTB … ∞ … NNTH"), which says nothing a
 *   reader can use, so nothing is reported.
 *
 * Throws RangeError for non-finite input or L > d or d > U.
 *
 * @example
 * numberNeeded(-0.05, -0.08, -0.02);
 * // {kind: "benefit", estimate: 20, lower: 12.5, upper: 50}
 */
import {checkFinite} from "./validate.ts";

export interface NumberNeeded {
  /** "benefit": mentees needed to prevent one dropout; "harm": mentees per extra dropout. */
  kind: "benefit" | "harm";
  estimate: number;
  lower: number;
  upper: number;
}

export function numberNeeded(difference: number, lower: number, upper: number): NumberNeeded | null {
  checkFinite(difference, "difference");
  checkFinite(lower, "lower");
  checkFinite(upper, "upper");
  if (lower > difference || difference > upper)
    throw new RangeError(`expected lower ≤ difference ≤ upper, got ${lower}, ${difference}, ${upper}`);
  if (upper < 0) return {kind: "benefit", estimate: -1 / difference, lower: -1 / lower, upper: -1 / upper};
  if (lower > 0) return {kind: "harm", estimate: 1 / difference, lower: 1 / upper, upper: 1 / lower};
  return null;
}
