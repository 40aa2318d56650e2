/** A point estimate with a two-sided confidence interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/** Options shared by all interval estimators. */
export interface LevelOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  level?: number;
}
