/**
 * The true effects per baseline-risk band and risk group of a synthetic data set, and the
 * validation's fixed planted scenario.
 *
 * truth.json `estimands.risk_cells` (loaders/synth/generate.ts) holds the "ever" counts of the mature
 * mentees per cell of the risk model's covariates and scheme type. The cells are classified into bands
 * with the model fitted on the same data set, by the product's own SQL (`riskSql` + `bandSql`)
 * on a TEMP table in the warehouse connection — the formula is not
 * written again here. Then, per band (all targets; a mentee has one scheme type, so each counts once)
 * and per scheme type × risk group (the group's bands, as riskGroupEffects formed them in that data set):
 *
 *   true risk difference = Σ (dropped_with − dropped_without) / Σ n      (null when Σ n = 0)
 *
 * Scenario (`scenario:all:bands3-5`): SCENARIO_MENTEES extra mentees over bands 3, 4, 5 in proportion
 * to each band's students without a mentor (mature cohorts, riskBandReach "none"); prevented dropouts
 * = preventedEvents over the bands with the estimated band effects; its truth = Σ m_b · (−true_b)
 * with the same allocation.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import type {RiskModel} from "../analysis/risk.ts";
import {bandSql, riskSql} from "../analysis/risk.ts";
import {RISK_BANDS} from "../risk-bands.ts";
import {quoteLiteral} from "../stats/index.ts";
import {preventedEvents, type AllocationCell, type Prevented} from "../stats/prevented-events.ts";
import {RISK_CELL_COLUMNS} from "../synth/generate.ts";
import {query} from "../warehouse.ts";

export interface RiskCells {
  columns: string[];
  rows: (string | number)[][];
}

export interface BandTruths {
  /** True "ever" risk difference per band 1..5 (all mentees of the band). */
  bands: Record<number, number | null>;
  /** The mentees behind each band's truth (Σ n), for checking that estimate and truth count the same mentees. */
  n: Record<number, number>;
  /** Per scheme type and band: Σ n and Σ (dropped_with − dropped_without), to sum over a risk group's bands. */
  byType: Record<string, Record<number, {n: number; d: number}>>;
}

/** True risk difference of a scheme type over bands from..to (a risk group), and its mentees; null value when none. */
export function groupTruth(t: BandTruths, type: string, from: number, to: number): {value: number | null; n: number} {
  let n = 0;
  let d = 0;
  for (let b = from; b <= to; b++) {
    n += t.byType[type]?.[b]?.n ?? 0;
    d += t.byType[type]?.[b]?.d ?? 0;
  }
  return {value: n > 0 ? d / n : null, n};
}

const TABLE = "validate_risk_cells";
const TEXT_COLUMNS = new Set([
  "institution_id",
  "programme",
  "main_area",
  "prior_band",
  "age_band",
  "gender",
  "target"
]);

/** Check the cells' shape; throws an Error naming the row and column that is not as expected. */
function checkCells(cells: RiskCells, source: string) {
  const expected = RISK_CELL_COLUMNS as readonly string[];
  if (!cells || !Array.isArray(cells.columns) || !Array.isArray(cells.rows))
    throw new Error(`${source}: expected {columns, rows} arrays`);
  if (cells.columns.length !== expected.length || cells.columns.some((c, i) => c !== expected[i]))
    throw new Error(`${source}: expected columns ${expected.join(", ")}, got ${cells.columns.join(", ")}`);
  cells.rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== expected.length)
      throw new Error(
        `${source}: row ${i} has ${Array.isArray(row) ? row.length : "no"} values, expected ${expected.length}`
      );
    row.forEach((v, j) => {
      const col = expected[j];
      const ok = TEXT_COLUMNS.has(col) ? typeof v === "string" : Number.isInteger(v) && (v as number) >= 0;
      if (!ok)
        throw new Error(
          `${source}: row ${i}, column ${col}: expected ${TEXT_COLUMNS.has(col) ? "a string" : "a non-negative integer"}, got ${JSON.stringify(v)}`
        );
    });
    const [n, w, wo] = row.slice(8) as number[];
    if (w > n || wo > n)
      throw new Error(`${source}: row ${i}: dropped_with (${w}) and dropped_without (${wo}) must not exceed n (${n})`);
  });
}

/** Write the cells to the TEMP table validate_risk_cells of the connection (replacing it). */
async function writeCells(con: DuckDBConnection, cells: RiskCells) {
  const types = RISK_CELL_COLUMNS.map((c) => `${c} ${TEXT_COLUMNS.has(c) ? "VARCHAR" : "INTEGER"}`);
  await con.run(`CREATE OR REPLACE TEMP TABLE ${TABLE} (${types.join(", ")})`);
  const literal = (v: string | number) => (typeof v === "string" ? quoteLiteral(v) : String(v));
  for (let i = 0; i < cells.rows.length; i += 1000) {
    const values = cells.rows
      .slice(i, i + 1000)
      .map((r) => `(${r.map(literal).join(", ")})`)
      .join(", ");
    await con.run(`INSERT INTO ${TABLE} VALUES ${values}`);
  }
}

/**
 * The true "ever" risk difference per band and per scheme type × risk group, classifying the risk cells
 * with `model` by the product's SQL in `con` (see the module comment). `source` names the cells in errors.
 */
export async function bandTruths(
  con: DuckDBConnection,
  cells: RiskCells,
  model: RiskModel,
  source = "truth.json estimands.risk_cells"
): Promise<BandTruths> {
  checkCells(cells, source);
  await writeCells(con, cells);
  const rows = await query<{risk_band: number; target: string | null; n: number; d: number}>(
    con,
    `WITH banded AS (SELECT *, ${bandSql(model.band_cuts, riskSql(model))} AS risk_band FROM ${TABLE})
     SELECT risk_band, target, CAST(sum(n) AS INTEGER) AS n,
       CAST(sum(dropped_with - dropped_without) AS INTEGER) AS d
     FROM banded GROUP BY GROUPING SETS ((risk_band), (risk_band, target))`
  );
  const bands: BandTruths["bands"] = {};
  const n: BandTruths["n"] = {};
  for (const b of RISK_BANDS) {
    const r = rows.find((x) => x.target === null && x.risk_band === b);
    bands[b] = r && r.n > 0 ? r.d / r.n : null;
    n[b] = r?.n ?? 0;
  }
  const byType: BandTruths["byType"] = {};
  for (const r of rows) if (r.target !== null) (byType[r.target] ??= {})[r.risk_band] = {n: r.n, d: r.d};
  return {bands, n, byType};
}

/** Extra mentees of the validation's fixed scenario, and the bands they go to. */
export const SCENARIO_MENTEES = 100;
export const SCENARIO_BANDS = [3, 4, 5] as const;
export const SCENARIO_KEY = "scenario:all:bands3-5";

/** Mentees per band: `total` spread over `bands` in proportion to `pool[band]` (students without a mentor); null when the pool is empty. */
export function allocateByPool(
  pool: Record<number, number>,
  bands: readonly number[] = SCENARIO_BANDS,
  total = SCENARIO_MENTEES
): Record<number, number> | null {
  const sum = bands.reduce((a, b) => a + (pool[b] ?? 0), 0);
  if (!(sum > 0)) return null;
  return Object.fromEntries(bands.map((b) => [b, (total * (pool[b] ?? 0)) / sum]));
}

/** Prevented dropouts of an allocation with estimated band effects (null when a band with mentees lacks an estimate). */
export function scenarioEstimate(
  allocation: Record<number, number>,
  effect: (band: number) => {difference: number | null; lower: number | null; upper: number | null}
): Prevented | null {
  const cells: AllocationCell[] = [];
  for (const [band, mentees] of Object.entries(allocation)) {
    if (mentees === 0) continue;
    const e = effect(Number(band));
    if (e.difference === null || e.lower === null || e.upper === null) return null;
    cells.push({mentees, difference: e.difference, lower: e.lower, upper: e.upper});
  }
  return preventedEvents(cells);
}

/** The scenario's true prevented dropouts: Σ m_b · (−true_b); null when a band with mentees has no truth. */
export function scenarioTruth(allocation: Record<number, number>, truths: BandTruths["bands"]): number | null {
  let prevented = 0;
  for (const [band, mentees] of Object.entries(allocation)) {
    if (mentees === 0) continue;
    const t = truths[Number(band)];
    if (t === null || t === undefined) return null;
    prevented -= mentees * t;
  }
  return prevented;
}
