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
 * Coarser groups of bands for the effects per scheme type: a type's mentees split five ways leave cells of a
 * handful of students (hidden, and others with them); three groups keep most of them publishable.
 */
export const RISK_GROUPS = {low: [1, 2], middle: [3], high: [4, 5]} as const satisfies Record<
  string,
  readonly RiskBand[]
>;
export type RiskGroup = keyof typeof RISK_GROUPS;
/** SQL: the risk group of a band column. */
export const riskGroupSql = (band: string) =>
  `CASE ${Object.entries(RISK_GROUPS)
    .map(([g, bands]) => `WHEN ${band} IN (${bands.join(", ")}) THEN '${g}'`)
    .join(" ")} END`;
