// The pages as a reader sees them, in real Chromium against the built site: every page in both languages at a
// desktop (1300 px) and a phone (390 px) width. Inside each chart's <svg> no two text labels overlap and no
// label is cut by the svg's edge, and an axis is drawn once (a facet without data drew another); the document is
// no wider than the viewport (no sideways scrolling); no table needs scrolling sideways on a desktop; no
// "undefined", "NaN" or "null" is shown; every chart has data marks or says why it is empty.
// Each page is opened once per width and every check runs in one evaluation in the page.
import {describe, expect, it} from "vitest";
import {ALL_PAGES, settle, useSite} from "../helpers/browser-site.ts";

const site = useSite();

const WIDTHS = [1300, 390] as const;

/** Marks that draw data (not axes, grids, frames or annotations): a chart with none of these shows nothing. */
const DATA_MARKS = ["dot", "line", "area", "bar", "rect", "cell", "link"];

/**
 * In the page: every defect found, as one sentence each. `tolerance` is how many pixels two labels' boxes may
 * share (glyph boxes include the font's ascent and descent, so touching lines share a little).
 */
function findDefects({
  tolerance,
  desktop,
  dataMarks
}: {
  tolerance: number;
  desktop: boolean;
  dataMarks: string[];
}): string[] {
  const defects: string[] = [];
  const shown = (e: Element) => {
    const r = e.getBoundingClientRect();
    return (
      r.width > 0 &&
      r.height > 0 &&
      (e as SVGElement).checkVisibility?.({opacityProperty: true, visibilityProperty: true}) !== false
    );
  };
  const words = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

  // the document no wider than the viewport
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth)
    defects.push(`document is ${root.scrollWidth} px wide in a ${root.clientWidth} px viewport`);

  // no table to scroll sideways on a desktop
  if (desktop) {
    for (const t of document.querySelectorAll<HTMLElement>("#observablehq-main .data-table")) {
      if (!shown(t)) continue;
      if (t.scrollWidth > t.clientWidth + 1)
        defects.push(
          `table "${words(t.querySelector("caption")?.textContent)}" is cut at ${t.clientWidth} px (needs ${t.scrollWidth} px)`
        );
    }
  }

  // no placeholder of a missing value in the visible text (HTML and the charts' drawn text)
  const main = document.querySelector<HTMLElement>("#observablehq-main") ?? document.body;
  const svgText = [...main.querySelectorAll("svg text")].filter(shown).map((t) => t.textContent ?? "");
  for (const text of [main.innerText, ...svgText]) {
    const m = text.match(/.{0,40}\b(undefined|NaN|null)\b.{0,40}/);
    if (m) defects.push(`"${m[1]}" shown: "${words(m[0])}"`);
  }

  for (const figure of main.querySelectorAll<HTMLElement>("figure.chart-figure")) {
    const title = words(figure.querySelector("h3")?.textContent);
    if (figure.classList.contains("empty")) {
      if (!words(figure.querySelector(".empty-note")?.textContent)) defects.push(`"${title}": empty without a message`);
      continue;
    }
    const svg = figure.querySelector<SVGSVGElement>("svg[role=img]");
    if (!svg) {
      defects.push(`"${title}": no chart`);
      continue;
    }
    // data marks: a mark group of a data kind with something drawn in it
    const marks = [...svg.querySelectorAll("g[data-mark]")].filter(
      (g) =>
        dataMarks.includes(g.getAttribute("data-mark")!) && g.querySelector("path, circle, rect, line, polygon, use")
    );
    if (marks.length === 0) defects.push(`"${title}": a chart without data marks and without an empty-state message`);

    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")]
      .filter((t) => shown(t) && words(t.textContent) && !t.closest("[data-mark=tip]"))
      .map((t) => ({
        text: words(
          [...t.childNodes]
            .filter((n) => n.nodeName !== "title")
            .map((n) => n.textContent)
            .join(" ")
        ),
        r: t.getBoundingClientRect(),
        axis: t.closest("g[data-mark]")?.getAttribute("data-mark") ?? ""
      }));
    // cut by the svg's edge
    for (const {text, r} of texts) {
      const out = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom);
      if (out > 0.5) defects.push(`"${title}": label "${text}" cut by the chart's edge (${out.toFixed(1)} px outside)`);
    }
    // two labels overlapping
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r,
          b = texts[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > tolerance && h > tolerance)
          defects.push(
            `"${title}": labels "${texts[i].text}" and "${texts[j].text}" overlap (${w.toFixed(0)}×${h.toFixed(0)} px)`
          );
      }
    }
    // an axis drawn once: the same tick label at the same place along its axis twice is a repeated axis
    const seen = new Map<string, {text: string; n: number}>();
    for (const {text, r, axis} of texts) {
      if (!/^[xy]-axis tick label$/.test(axis)) continue;
      const key = JSON.stringify([
        axis,
        text,
        Math.round(axis[0] === "x" ? r.left + r.width / 2 : r.top + r.height / 2)
      ]);
      seen.set(key, {text, n: (seen.get(key)?.n ?? 0) + 1});
    }
    const repeated = [...seen.values()].filter((s) => s.n > 1);
    if (repeated.length)
      defects.push(
        `"${title}": axis drawn ${Math.max(...repeated.map((s) => s.n))} times (tick label "${repeated[0].text}")`
      );
  }
  return defects;
}

describe.each(WIDTHS)("the pages at %i px", (width) => {
  it.each(ALL_PAGES)(
    "%s (%s) at %s: labels apart and inside, nothing wider than the screen, no missing-value words, charts with marks",
    async (_id, _lang, path) => {
      const {page, errors} = await site.open(path, {viewport: {width, height: 900}});
      try {
        await settle(page);
        const defects = await page.evaluate(findDefects, {tolerance: 2, desktop: width >= 1000, dataMarks: DATA_MARKS});
        expect(defects, `${path} at ${width} px`).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    120_000
  );
});
