/**
 * The baseline-risk bands every layer counts in (analysis/risk.ts assigns them, privacy/model.ts models
 * them, the pages name them): fifths of the predicted dropout without a mentor, deciles for the
 * calibration, and three coarser groups for the effects per scheme type.
 */
/** Risk bands: fifths of the fitting population's predicted risk. */
export const RISK_BANDS = [1, 2, 3, 4, 5] as const;
export type RiskBand = (typeof RISK_BANDS)[number];
export const RISK_DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/**
 * A scheme type's effect is shown per *risk group*: contiguous bands merged, from the lowest up, until each group
 * holds at least `min` of the type's mentees (the last group absorbs a remainder below `min`). Five bands per type
 * left cells of a handful of mentees, which the gate hid together with the type's other bands (they sum to its
 * published total); groups of 20 × k mentees, like the slices' rule (analysis/detail.ts), mostly stay shown.
 * A type with fewer mentees than `min` has the single group "1-5" (its whole effect).
 */
export interface RiskGroupRange {
  /** "1-2", "3", "3-5". */
  label: string;
  from: RiskBand;
  to: RiskBand;
}

export function riskGroups(mentees: (band: RiskBand) => number, min: number): RiskGroupRange[] {
  type Open = {from: RiskBand; to: RiskBand; n: number};
  const groups: Open[] = [];
  let from: RiskBand | null = null;
  let n = 0;
  for (const band of RISK_BANDS) {
    from ??= band;
    n += mentees(band);
    if (n >= min) {
      groups.push({from, to: band, n});
      from = null;
      n = 0;
    }
  }
  if (from !== null) {
    // a remainder below `min` joins the group before it (or is the only group)
    const last = groups.pop();
    groups.push({from: last ? last.from : from, to: RISK_BANDS[RISK_BANDS.length - 1], n: (last?.n ?? 0) + n});
  }
  return groups.map((g) => ({label: rangeLabel(g.from, g.to), from: g.from, to: g.to}));
}

export const rangeLabel = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);

/** The bands of a group label ("3-5" → [3, 4, 5]); RangeError for anything else. */
export function bandsOfLabel(label: string): RiskBand[] {
  const m = /^([1-5])(?:-([1-5]))?$/.exec(label);
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2] ?? m[1]) : NaN;
  if (!(from <= to)) throw new RangeError(`risk group "${label}" is not a band range such as "3-5"`);
  return RISK_BANDS.filter((b) => b >= from && b <= to);
}
