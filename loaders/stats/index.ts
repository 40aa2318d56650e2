/**
 * Statistics core of the mentoring/dropout dashboard. Pure functions, no I/O;
 * see README.md in this folder for references and conventions.
 */
export type {Interval, LevelOptions} from "./types.ts";

// Estimators
export {wilson} from "./wilson.ts";
export {newcombeDifference} from "./newcombe-difference.ts";
export {riskRatio} from "./risk-ratio.ts";
export {mantelHaenszel, type Stratum, type MantelHaenszelResult} from "./mantel-haenszel.ts";
export {
  kaplanMeier,
  kaplanMeierFromTable,
  kaplanMeierByGroup,
  type ConfType,
  type KaplanMeierOptions,
  type KaplanMeierRow,
  type SurvivalTableRowInput
} from "./kaplan-meier.ts";
export {lifeTable, type LifeTableInput, type LifeTableOptions, type LifeTableRow} from "./life-table.ts";
export {
  logRank,
  logRankFromTable,
  type LogRankResult,
  type LogRankTableRowInput,
  type LogRankFromTableOptions
} from "./log-rank.ts";
export {
  survivalTable,
  logRankTable,
  logRankTableFromSurvival,
  compareGroups,
  type EventIndicator,
  type SurvivalTableRow,
  type LogRankTableRow
} from "./survival-table.ts";
export {funnelLimits, type FunnelOptions} from "./funnel-limits.ts";
export {oeFunnelLimits, type OeFunnelOptions} from "./oe-funnel-limits.ts";
export {funnelOverdispersion, type Overdispersion, type OverdispersionUnit} from "./funnel-overdispersion.ts";
export {standardisedRatio} from "./standardised-ratio.ts";
export {
  standardisedDifference,
  type StandardisationStratum,
  type StandardisedDifference,
  type StandardisedDifferenceOptions
} from "./standardised-difference.ts";
export {
  stageHazards,
  stageHazardsFromRecords,
  stageCounts,
  type StageCount,
  type StageCountInput,
  type StageHazard,
  type StageRecord,
  type StageOrderOptions
} from "./stage-hazards.ts";

// SQL builders (DuckDB)
export {survivalTableSql, type SurvivalTableSqlOptions} from "./sql/survival-table.ts";
export {logRankTableSql, type LogRankTableSqlOptions} from "./sql/log-rank-table.ts";
export {stageHazardSql, type StageHazardSqlOptions} from "./sql/stage-hazard.ts";
export {quoteIdentifier, quoteLiteral} from "./sql/common.ts";

// Distributions
export {normalPdf, normalCdf, normalSurvival, normalQuantile, normalCritical} from "./distributions/normal.ts";
export {logGamma, logBeta, stirlingError, bd0} from "./distributions/log-gamma.ts";
export {gammaP, gammaQ, gammaDensity} from "./distributions/incomplete-gamma.ts";
export {gammaQuantile, gammaQuantileUpper} from "./distributions/gamma-quantile.ts";
export {
  chiSquareCdf,
  chiSquareSurvival,
  chiSquareQuantile,
  chiSquareQuantileUpper
} from "./distributions/chi-square.ts";
export {betaRegularized, betaRegularizedUpper, betaDensity, logBetaFront} from "./distributions/incomplete-beta.ts";
export {betaQuantile} from "./distributions/beta-quantile.ts";
export {binomialPmf, binomialCdf, binomialSurvival, binomialQuantile} from "./distributions/binomial.ts";
export {poissonPmf, poissonCdf, poissonQuantile, poissonExactLimits} from "./distributions/poisson.ts";

// Risk models
export {
  logisticRegression,
  expit,
  type BinomialRow,
  type LogisticFit,
  type LogisticOptions
} from "./logistic-regression.ts";
export {cStatistic, type ScoredGroup} from "./c-statistic.ts";
export {numberNeeded, type NumberNeeded} from "./number-needed.ts";
export {preventedEvents, type AllocationCell, type Prevented} from "./prevented-events.ts";
