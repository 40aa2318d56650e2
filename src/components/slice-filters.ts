// The filters that choose a slice (programme group, main area, intake period):
// the same three inputs on the transitions and cohorts pages, started from the URL.
import * as Inputs from "@observablehq/inputs";
import type {SliceIndex} from "../../loaders/analysis/types.ts";
import type {Dictionary} from "../i18n/index.js";
import {readParam} from "./url-state.js";

/** A slice file's entry in the index: its key, what it covers and its mentor groups (loaders/analysis/detail.ts). */
export type SliceEntry = SliceIndex["slices"][number];

/** The slice shown, and what was asked for when that had too few students and a wider slice is shown instead. */
export type ShownSlice = SliceEntry & {asked: {programme: string; main_area: string; period: string} | null};

export type {SliceIndex};

type Input<T> = HTMLElement & {value: T};

/** A main area (hovedområde) in the page's language: the data name them in Danish. */
export function mainAreaLabel(area: string, t: Dictionary): string {
  return t.furniture.mainAreas[area] ?? area;
}

/** "2014-2016" → "2014–2016"; "all" → the dictionary's "all years". */
export function periodLabel(period: string, t: Dictionary): string {
  return period === "all" ? t.allYears : period.replace("-", "–");
}

/** Three selects; the main-area select is enabled only for the vocational group, where main areas exist. */
export function sliceInputs(
  index: SliceIndex,
  t: Dictionary
): {programme: Input<string>; area: Input<string>; period: Input<string>} {
  const programmes = [...new Set(index.programmes.map((d) => d.programme))];
  const areas = ["all", ...index.programmes.filter((d) => d.main_area !== "all").map((d) => d.main_area)];
  const periods = ["all", ...index.periods.map((p) => p.key)];
  const areaOfSlug = Object.fromEntries(Object.entries(index.area_slugs).map(([area, slug]) => [slug, area]));
  const initial = (name: string, allowed: string[]) => {
    const v = readParam(name);
    return v !== null && allowed.includes(v) ? v : "all";
  };
  const programme = Inputs.select(programmes, {
    label: t.programme,
    value: initial("programme", programmes),
    format: (d: string) => t.programmeGroups[d] ?? d
  }) as Input<string>;
  const area = Inputs.select(areas, {
    label: t.mainArea,
    value: areaOfSlug[readParam("area") ?? ""] ?? "all",
    format: (d: string) => (d === "all" ? t.allMainAreas : mainAreaLabel(d, t))
  }) as Input<string>;
  const period = Inputs.select(periods, {
    label: t.intakeYears,
    value: initial("years", periods),
    format: (d: string) => periodLabel(d, t)
  }) as Input<string>;
  const sync = () => {
    const select = area.querySelector("select");
    if (select) select.disabled = programme.value !== "vocational";
  };
  programme.addEventListener("input", sync);
  sync();
  return {programme, area, period};
}

/**
 * The slice of the chosen values (the main area counts only within the vocational group). A selection with too
 * few students has no slice of its own (loaders/analysis/detail.ts): then the nearest wider one is shown — all
 * intakes, then all main areas, then all programmes — and `asked` says what was asked for, so the page can say so.
 */
export function chosenSlice(index: SliceIndex, programme: string, area: string, period: string): ShownSlice {
  const mainArea = programme === "vocational" ? area : "all";
  const find = (p: string, a: string, y: string) =>
    index.slices.find((s) => s.programme === p && s.main_area === a && s.period === y);
  const exact = find(programme, mainArea, period);
  if (exact) return {...exact, asked: null};
  const wider =
    find(programme, mainArea, "all") ??
    find(programme, "all", period) ??
    find(programme, "all", "all") ??
    find("all", "all", period) ??
    find("all", "all", "all");
  if (!wider) throw new Error(`No slice for ${programme} / ${mainArea} / ${period}`);
  return {...wider, asked: {programme, main_area: mainArea, period}};
}

/** What was coarsened in the slice shown (an empty string when nothing was): a sentence for the page. */
export function coarseningNote(slice: ShownSlice, index: SliceIndex, t: Dictionary): string {
  const notes: string[] = [];
  if (slice.asked !== null) {
    const asked = sliceLabel(slice.asked, t);
    notes.push(t.coarserSlice(asked, sliceLabel(slice, t), index.detail_min));
  }
  if (slice.groups === "mentor") notes.push(t.mergedGroups(index.detail_min));
  return notes.join(" ");
}

/** URL parameters of a slice (defaults left out; what was asked for stays in the URL even when a wider slice is shown). */
export function sliceParams(index: SliceIndex, slice: ShownSlice): Record<string, string | null> {
  const {programme, main_area, period} = slice.asked ?? slice;
  return {
    programme: programme === "all" ? null : programme,
    area: main_area === "all" ? null : index.area_slugs[main_area],
    years: period === "all" ? null : period
  };
}

/** "Erhvervsuddannelser (EUD/EUX), Teknologi, byggeri og transport, optaget 2014–2016" — for summaries and file names. */
export function sliceLabel(
  slice: Pick<SliceEntry, "main_area" | "period"> & {programme: string},
  t: Dictionary
): string {
  const parts = [t.programmeGroups[slice.programme] ?? slice.programme];
  if (slice.main_area !== "all") parts.push(mainAreaLabel(slice.main_area, t));
  parts.push(slice.period === "all" ? t.allYears.toLowerCase() : t.intakeIn(periodLabel(slice.period, t)));
  return parts.join(", ");
}
