// A link from a chart to the section of the methods page that explains it.
import {PAGES, type Lang} from "../i18n/pages.js";

/** Section ids of the methods page (src/metode.md). */
export type MethodsSection =
  | "definitions"
  | "adjustment"
  | "intervals"
  | "curves"
  | "hazards"
  | "benchmark"
  | "schemes"
  | "risk"
  | "disclosure"
  | "data";

export function methodsHref(lang: Lang, section: MethodsSection): string {
  const page = PAGES.find((p) => p.id === "methods")!;
  return `${page[lang].path}#${section}`;
}

/** `title`: the precise term (e.g. the test and its p-value), shown as a tooltip rather than on the page. */
export function MethodsLink(lang: Lang, section: MethodsSection, label: string, title?: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "methods-link no-print";
  const a = document.createElement("a");
  a.href = methodsHref(lang, section);
  a.textContent = label;
  a.dataset.methods = section;
  if (title) a.title = title;
  p.append(a);
  return p;
}
