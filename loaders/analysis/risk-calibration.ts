/**
 * Calibration of the baseline-risk model (risk.ts): per decile of predicted risk in the fitting
 * population (mature cohorts, no mentor), the students, their dropouts with a Wilson interval, and the
 * mean predicted risk. A calibrated model has observed ≈ predicted in every decile.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {query} from "../warehouse.ts";
import {rate} from "./common.ts";
import {prepareBase} from "./sql/base.ts";
import {RISK_DECILES} from "../risk-bands.ts";
import type {CohortFilters, RiskCalibrationRow} from "./types.ts";

export async function riskCalibration(
  con: DuckDBConnection,
  filters: CohortFilters = {}
): Promise<RiskCalibrationRow[]> {
  const base = await prepareBase(con, filters);
  const rows = await query<{risk_decile: number; students: number; dropped: number; predicted: number}>(
    con,
    `SELECT risk_decile, CAST(count(*) AS INTEGER) AS students, CAST(count(*) FILTER (WHERE dropped) AS INTEGER) AS dropped,
       avg(baseline_risk) AS predicted
     FROM ${base.enrol} WHERE risk_decile IS NOT NULL GROUP BY 1 ORDER BY 1`
  );
  return RISK_DECILES.map((d) => {
    const r = rows.find((x) => x.risk_decile === d);
    const o = rate(r?.dropped ?? 0, r?.students ?? 0);
    return {
      risk_decile: d,
      students: r?.students ?? 0,
      dropped: r?.dropped ?? 0,
      observed: o.rate,
      observed_lower: o.lower,
      observed_upper: o.upper,
      predicted: r ? r.predicted : null
    };
  });
}
