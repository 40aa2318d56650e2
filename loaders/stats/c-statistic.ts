/**
 * The C-statistic (concordance; the area under the ROC curve) of a risk
 * score from grouped data (Hanley & McNeil 1982, Radiology 143:29–36):
 *
 *   C = P(score of a random case > score of a random non-case) + ½ P(tie)
 *     = Σ_g events_g · (non-events with a lower score + ½ non-events with the same score) / (E · N₀)
 *
 * Groups with equal scores are pooled first, so ties count a half whatever
 * the grouping. 0.5 = no discrimination, 1 = perfect.
 *
 * Throws RangeError for no rows or invalid counts; NaN when there are no
 * events or no non-events.
 *
 * @example
 * cStatistic([{score: 0.1, events: 1, trials: 4}, {score: 0.3, events: 2, trials: 3}]);
 * // cases: 1 at 0.1, 2 at 0.3; non-cases: 3 at 0.1, 1 at 0.3
 * // C = (1·(0 + ½·3) + 2·(3 + ½·1)) / (3·4) = 8.5/12 = 0.7083…
 */
import {checkFinite, checkProportion} from "./validate.ts";

export interface ScoredGroup {
  score: number;
  events: number;
  trials: number;
}

export function cStatistic(groups: readonly ScoredGroup[]): number {
  if (!Array.isArray(groups) || groups.length === 0) throw new RangeError("groups must be a non-empty array");
  const pooled = new Map<number, {events: number; non: number}>();
  groups.forEach((g, i) => {
    checkFinite(g.score, `groups[${i}].score`);
    checkProportion(g.events, g.trials, `groups[${i}].events`, `groups[${i}].trials`);
    const p = pooled.get(g.score) ?? {events: 0, non: 0};
    p.events += g.events;
    p.non += g.trials - g.events;
    pooled.set(g.score, p);
  });
  let cases = 0;
  let nonCases = 0;
  let below = 0;
  let concordant = 0;
  for (const [, p] of [...pooled].sort(([a], [b]) => a - b)) {
    concordant += p.events * (below + p.non / 2);
    below += p.non;
    cases += p.events;
    nonCases += p.non;
  }
  return cases > 0 && nonCases > 0 ? concordant / (cases * nonCases) : NaN;
}
