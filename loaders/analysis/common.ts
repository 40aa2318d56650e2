/** Small helpers shared by the analysis modules (number formatting of intervals, naming). */
import type {Interval} from "../stats/index.ts";
import {newcombeDifference, wilson} from "../stats/index.ts";

/** A finite number or null (NaN/Infinity → null, so JSON never carries them). */
export const num = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

/** Rate with Wilson interval; nulls when n = 0. */
export function rate(x: number, n: number): {rate: number | null; lower: number | null; upper: number | null} {
  if (n === 0) return {rate: null, lower: null, upper: null};
  const w = wilson(x, n);
  return {rate: w.estimate, lower: w.lower, upper: w.upper};
}

/** Difference of two rates with Newcombe interval; nulls when a group is empty. */
export function difference(
  x1: number,
  n1: number,
  x0: number,
  n0: number
): {diff: number | null; lower: number | null; upper: number | null} {
  if (n1 === 0 || n0 === 0) return {diff: null, lower: null, upper: null};
  const d = newcombeDifference(x1, n1, x0, n0);
  return {diff: d.estimate, lower: d.lower, upper: d.upper};
}

export const interval = (i: Interval | null) => ({
  estimate: num(i?.estimate),
  lower: num(i?.lower),
  upper: num(i?.upper)
});

export const PROGRAMME_GROUPS = ["all", "vocational", "gymnasium", "preparatory"] as const;
