/**
 * Discrete-time stage hazards for a staged programme (e.g. the phases of a
 * mentoring scheme): for each stage k,
 *
 *   h_k = P(drop out in stage k | entered stage k) = dropped_k / entered_k,
 *
 * with a Wilson score interval (see `wilson`). This is the life-table /
 * discrete-time hazard of Singer & Willett (Applied Longitudinal Data
 * Analysis, 2003, ch. 10: h(t_j) = n events_j / n at risk_j), with
 * stages playing the role of time periods. The probability of completing all
 * stages is Π (1 − h_k).
 *
 * Conventions:
 * - Rows are returned in input order (`stageHazards`) or in `stageOrder`
 *   (records path; default: stage names sorted by code unit).
 * - entered = 0: hazard NaN, interval [0, 1] (Wilson's n = 0 rule).
 * - Throws RangeError for dropped > entered, negative/non-integer counts,
 *   duplicate stage names, or a level outside (0, 1).
 *
 * @example
 * stageHazards([{stage: "intake", entered: 200, dropped: 30}, {stage: "matching", entered: 170, dropped: 17}]);
 * // [{stage: "intake", entered: 200, dropped: 30, hazard: 0.15, lower: 0.107136…, upper: 0.206056…},
 * //  {stage: "matching", entered: 170, dropped: 17, hazard: 0.1, lower: 0.063376…, upper: 0.154302…}]
 */
import type {LevelOptions} from "./types.ts";
import {checkLevel, toCount} from "./validate.ts";
import {wilson} from "./wilson.ts";

export interface StageCount {
  stage: string;
  /** Number who entered (started) the stage. */
  entered: number;
  /** Number who dropped out during the stage. */
  dropped: number;
}

/** A stage-count row as it may come from DuckDB (counts possibly BIGINT strings). */
export type StageCountInput = {stage: string; entered: number | string | bigint; dropped: number | string | bigint};

export interface StageHazard extends StageCount {
  hazard: number;
  lower: number;
  upper: number;
}

/** One participant: the stages entered (in order) and the stage of dropout, if any. */
export interface StageRecord {
  stages: readonly string[];
  droppedIn: string | null;
}

export interface StageOrderOptions {
  /** Output order of stages; every stage seen must be listed. Default: sorted by code unit. */
  stageOrder?: readonly string[];
}

/** Hazards with Wilson intervals from per-stage counts (see module comment). */
export function stageHazards(rows: readonly StageCountInput[], {level = 0.95}: LevelOptions = {}): StageHazard[] {
  checkLevel(level);
  const seen = new Set<string>();
  return rows.map((row, i) => {
    if (typeof row.stage !== "string") throw new RangeError(`rows[${i}].stage must be a string`);
    if (seen.has(row.stage)) throw new RangeError(`duplicate stage "${row.stage}"`);
    seen.add(row.stage);
    const entered = toCount(row.entered, `rows[${i}].entered`);
    const dropped = toCount(row.dropped, `rows[${i}].dropped`);
    if (dropped > entered) throw new RangeError(`rows[${i}]: dropped (${dropped}) exceeds entered (${entered})`);
    const {estimate, lower, upper} = wilson(dropped, entered, {level});
    return {stage: row.stage, entered, dropped, hazard: estimate, lower, upper};
  });
}

/**
 * Count, per stage, how many records entered it and how many dropped out in
 * it (the pure counterpart of `stageHazardSql`). Each record must list
 * distinct stage names, and `droppedIn` (if not null) must be one of them.
 */
export function stageCounts(records: readonly StageRecord[], {stageOrder}: StageOrderOptions = {}): StageCount[] {
  const entered = new Map<string, number>();
  const dropped = new Map<string, number>();
  records.forEach((record, i) => {
    const unique = new Set(record.stages);
    if (unique.size !== record.stages.length) throw new RangeError(`records[${i}].stages contains duplicates`);
    for (const stage of record.stages) {
      if (typeof stage !== "string") throw new RangeError(`records[${i}].stages must contain strings`);
      entered.set(stage, (entered.get(stage) ?? 0) + 1);
    }
    if (record.droppedIn !== null) {
      if (!unique.has(record.droppedIn)) {
        throw new RangeError(`records[${i}].droppedIn ("${record.droppedIn}") is not among its stages`);
      }
      dropped.set(record.droppedIn, (dropped.get(record.droppedIn) ?? 0) + 1);
    }
  });
  let order: string[];
  if (stageOrder !== undefined) {
    if (new Set(stageOrder).size !== stageOrder.length) throw new RangeError("stageOrder contains duplicates");
    const known = new Set(stageOrder);
    for (const stage of entered.keys()) {
      if (!known.has(stage)) throw new RangeError(`stage "${stage}" is not listed in stageOrder`);
    }
    order = [...stageOrder];
  } else {
    order = [...entered.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return order.map((stage) => ({stage, entered: entered.get(stage) ?? 0, dropped: dropped.get(stage) ?? 0}));
}

/** `stageHazards(stageCounts(records, {stageOrder}), {level})`. */
export function stageHazardsFromRecords(
  records: readonly StageRecord[],
  {level = 0.95, stageOrder}: LevelOptions & StageOrderOptions = {}
): StageHazard[] {
  checkLevel(level);
  return stageHazards(stageCounts(records, {stageOrder}), {level});
}
