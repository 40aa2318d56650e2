// The filters that choose a slice (programme group, main area, intake period):
// the same three inputs on the transitions and cohorts pages, started from the URL.
import * as Inputs from "@observablehq/inputs";
import type {Dictionary} from "../i18n/index.js";
import {readParam} from "./url-state.js";

export interface SliceEntry {
  key: string;
  programme: string;
  main_area: string;
  period: string;
}

export interface SliceIndex {
  periods: {key: string; from: number; to: number}[];
  programmes: {programme: string; main_area: string}[];
  area_slugs: Record<string, string>;
  slices: SliceEntry[];
}

type Input<T> = HTMLElement & {value: T};

/** "2014-2016" → "2014–2016"; "all" → the dictionary's "all years". */
export function periodLabel(period: string, t: Dictionary): string {
  return period === "all" ? t.allYears : period.replace("-", "–");
}

/** Three selects; the main-area select is enabled only for the vocational group, where main areas exist. */
export function sliceInputs(index: SliceIndex, t: Dictionary): {programme: Input<string>; area: Input<string>; period: Input<string>} {
  const programmes = [...new Set(index.programmes.map((d) => d.programme))];
  const areas = ["all", ...index.programmes.filter((d) => d.main_area !== "all").map((d) => d.main_area)];
  const periods = ["all", ...index.periods.map((p) => p.key)];
  const areaOfSlug = Object.fromEntries(Object.entries(index.area_slugs).map(([area, slug]) => [slug, area]));
  const initial = (name: string, allowed: string[]) => {
    const v = readParam(name);
    return v !== null && allowed.includes(v) ? v : "all";
  };
  const programme = Inputs.select(programmes, {label: t.programme, value: initial("programme", programmes), format: (d: string) => t.programmeGroups[d] ?? d}) as Input<string>;
  const area = Inputs.select(areas, {label: t.mainArea, value: areaOfSlug[readParam("area") ?? ""] ?? "all", format: (d: string) => (d === "all" ? t.allMainAreas : d)}) as Input<string>;
  const period = Inputs.select(periods, {label: t.intakeYears, value: initial("years", periods), format: (d: string) => periodLabel(d, t)}) as Input<string>;
  const sync = () => {
    const select = area.querySelector("select");
    if (select) select.disabled = programme.value !== "vocational";
  };
  programme.addEventListener("input", sync);
  sync();
  return {programme, area, period};
}

/** The slice of the chosen values (the main area counts only within the vocational group). */
export function chosenSlice(index: SliceIndex, programme: string, area: string, period: string): SliceEntry {
  const mainArea = programme === "vocational" ? area : "all";
  const found = index.slices.find((s) => s.programme === programme && s.main_area === mainArea && s.period === period);
  if (!found) throw new Error(`No slice for ${programme} / ${mainArea} / ${period}`);
  return found;
}

/** URL parameters of a slice (defaults left out). */
export function sliceParams(index: SliceIndex, slice: SliceEntry): Record<string, string | null> {
  return {
    programme: slice.programme === "all" ? null : slice.programme,
    area: slice.main_area === "all" ? null : index.area_slugs[slice.main_area],
    years: slice.period === "all" ? null : slice.period
  };
}

/** "Erhvervsuddannelser (EUD/EUX), Teknologi, byggeri og transport, optaget 2014–2016" — for summaries and file names. */
export function sliceLabel(slice: SliceEntry, t: Dictionary): string {
  const parts = [t.programmeGroups[slice.programme] ?? slice.programme];
  if (slice.main_area !== "all") parts.push(slice.main_area);
  parts.push(slice.period === "all" ? t.allYears.toLowerCase() : t.intakeIn(periodLabel(slice.period, t)));
  return parts.join(", ");
}
