// While meta.synthetic is set, a real school's or scheme's name carries invented figures: say so beside the name,
// so a screenshot of a card or a heading keeps the warning that the banner at the top of the page gives.
import type {Dictionary} from "../i18n/index.js";

/** Illustrative names are invented themselves and say so in the name ("(fiktiv)"); every other name is real. */
export function isRealName(name: string): boolean {
  return !/\(fiktiv\)/i.test(name);
}

/** A small mark "opdigtede tal" / "invented figures" after a real name on synthetic data; nothing otherwise. */
export function inventedMark(name: string, synthetic: boolean | null | undefined, t: Dictionary): HTMLElement | string {
  if (!synthetic || !isRealName(name)) return "";
  const mark = document.createElement("span");
  mark.className = "invented-mark";
  mark.textContent = t.furniture.invented;
  mark.title = t.furniture.inventedTitle;
  return mark;
}

/** A name in Danish (schemes and schools keep their Danish names): marked as Danish on English pages. */
export function danishName(name: string, lang: string): HTMLElement {
  const span = document.createElement("span");
  span.textContent = name;
  if (lang !== "da") span.lang = "da";
  return span;
}
