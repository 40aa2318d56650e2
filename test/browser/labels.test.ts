// Chart labels in real Chromium against the built site, on every page in both languages at a desktop and a
// phone width: no text of a chart (tick labels, axis labels, annotations) reaches outside its <svg>, where the
// page's container and the downloaded figure (which nests the chart's svg at its own size) would cut it off;
// and every category label (scheme names, transition points, bands) names its category in full, in its text or
// in a <title> tooltip, and that full name is a cell of the figure's table.
import {describe, expect, it} from "vitest";
import {ALL_PAGES, settle, useSite} from "../helpers/browser-site.ts";

const site = useSite();

interface ChartText {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** In the page: the chart's texts that reach outside its svg, and its category labels (drawn text and <title>). */
function inspect(svg: SVGSVGElement) {
  const box = svg.getBoundingClientRect();
  const outside: ChartText[] = [];
  let texts = 0;
  for (const t of svg.querySelectorAll("text")) {
    const r = t.getBoundingClientRect();
    if ((r.width === 0 && r.height === 0) || !t.textContent?.trim()) continue;
    texts++;
    const edges = {
      left: r.left - box.left,
      right: box.right - r.right,
      top: r.top - box.top,
      bottom: box.bottom - r.bottom
    };
    if (Object.values(edges).some((e) => e < -0.5)) outside.push({text: t.textContent, ...edges});
  }
  const labels = [...svg.querySelectorAll("g.category-labels text")].map((t) => ({
    drawn: [...t.childNodes]
      .filter((n) => n.nodeName !== "title")
      .map((n) => n.textContent ?? "")
      .join(""),
    title: t.querySelector("title")?.textContent ?? null
  }));
  return {outside, labels, texts, width: box.width};
}

/** The drawn label's pieces between ellipses occur in the full name in order (spaces aside: line breaks drop them). */
function shortens(drawn: string, full: string): boolean {
  const name = full.replace(/\s+/g, "");
  let at = 0;
  for (const piece of drawn.replace(/\s+/g, "").split("…").filter(Boolean)) {
    const found = name.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

const WIDTHS = [1280, 375] as const;

describe.each(ALL_PAGES)("chart labels on %s (%s) at %s", (id, lang, path) => {
  it.each(WIDTHS)(
    "stay inside the chart and name their category in full at %i px",
    async (width) => {
      const {page, errors} = await site.open(path, {viewport: {width, height: 900}});
      try {
        await settle(page);
        const figures = page.locator("figure.chart-figure:not(.empty)");
        const count = await figures.count();
        let categoryLabels = 0;
        for (let i = 0; i < count; i++) {
          const figure = figures.nth(i);
          const title = (await figure.locator("h3").first().textContent())!.trim();
          const what = `${path} at ${width} px, "${title}"`;
          const chart = await figure.locator("svg[role=img]").evaluate(inspect);
          expect(chart.texts, `${what}: texts drawn`).toBeGreaterThan(0);
          expect(chart.width, `${what}: chart fits the page`).toBeLessThanOrEqual(width);
          expect(chart.outside, `${what}: texts outside the chart`).toEqual([]);
          // the table's cells, read whether or not the table is open
          const cells = new Set((await figure.locator("table td, table th").allTextContents()).map((c) => c.trim()));
          for (const label of chart.labels) {
            categoryLabels++;
            const full = label.title ?? label.drawn;
            expect(cells.has(full), `${what}: "${full}" in the table`).toBe(true);
            if (label.drawn.endsWith("…"))
              expect(label.title, `${what}: "${label.drawn}" has its full name`).not.toBeNull();
            // a shortened label is its name's words in order, with parts left out where it shows "…"
            if (label.title)
              expect(
                shortens(label.drawn, label.title),
                `${what}: "${label.drawn}" is "${label.title}" shortened`
              ).toBe(true);
          }
        }
        // the schemes page's effects chart has its scheme names as category labels (the test reads them)
        if (id === "schemes") expect(categoryLabels, `${path}: category labels`).toBeGreaterThan(0);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    120_000
  );
});
