/**
 * How much detail each slice publishes: the coarsening that keeps the pages
 * useful under the privacy seal. Every published figure is an equation for
 * an attacker, and the seal (privacy/seal.ts) hides more figures for every
 * small one it must protect; a breakdown into groups of a few dozen students
 * (a scheme type in one main area and intake period, split by status and
 * phase) is mostly small counts and, linked to everything else, empties
 * whole pages. So, decided from group sizes alone (no figure below the
 * minimum cell decides anything that a published figure does not show):
 *
 * - a slice shows its mentor groups one by one (none, each intake scheme
 *   type, workplace) only when every group with students has at least
 *   `detailMin(k)` of them; otherwise the groups are merged into "with a
 *   mentor" (intake scheme types) and "without" (none or a workplace
 *   mentor later), as on the overview;
 * - a slice (other than the whole population) is published only when both
 *   merged groups have at least `detailMin(k)` students; otherwise the pages
 *   show the nearest wider one (all intake years, then all main areas, then
 *   all programmes) and say so. A group of a few dozen merged mentees split
 *   by status and phase is still mostly small counts: on the sample, 10th
 *   form's ≈ 90 mentees (88 completed) cost the audit 85 repair rounds and
 *   the overview its student count.
 *
 * The pages say when a view was coarsened (slice-filters.ts).
 */
import type {SliceOutcomeRow} from "./types.ts";
import {sliceKey, type SliceId} from "./slices.ts";

/** Least students of a group shown on its own: 20 × the minimum cell, so its statuses and phases mostly clear the gate. */
export const detailMin = (k: number) => 20 * k;

export interface SliceDetail {
  /** The slice has a file and is offered by the filters. */
  published: boolean;
  /** Mentor groups one by one ("types") or merged into with/without ("mentor"). */
  groups: "types" | "mentor";
}

/** The detail of every slice, from its status counts per mentor group before the gate (`sliceOutcomes`). */
export function sliceDetail(
  ids: readonly SliceId[],
  outcomes: readonly SliceOutcomeRow[],
  k: number
): Map<string, SliceDetail> {
  const sizes = new Map<string, {with: number; without: number; smallest: number}>();
  for (const r of outcomes) {
    const key = sliceKey(r);
    const s = sizes.get(key) ?? {with: 0, without: 0, smallest: Infinity};
    const n = r.n ?? 0;
    if (r.scheme_type === "none" || r.scheme_type === "workplace") s.without += n;
    else s.with += n;
    if (r.scheme_type !== "none" && n > 0) s.smallest = Math.min(s.smallest, n);
    sizes.set(key, s);
  }
  const min = detailMin(k);
  return new Map(
    ids.map((id) => {
      const s = sizes.get(sliceKey(id)) ?? {with: 0, without: 0, smallest: 0};
      const root = id.programme === "all" && id.main_area === "all" && id.period === "all";
      const published = root || (s.with >= min && s.without >= min);
      return [sliceKey(id), {published, groups: s.smallest >= min ? "types" : "mentor"}];
    })
  );
}
