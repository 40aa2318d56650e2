// Every figure's downloads in real Chromium against the built site, on every page in both languages: the SVG
// and PNG are the figure (the chart's own marks, as on the page, with title, legend, source, data date and the
// data notice), the CSV reads in Danish Excel on Danish pages and as plain CSV on English pages, and the chart's
// <svg> (not a legend swatch) carries the accessible name.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {Download, Locator, Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {tableFromIPC} from "@uwdata/flechette";
import {PAGES} from "../../src/i18n/pages.ts";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";
import {parseCsv} from "../helpers/csv.ts";
import {ALL_PAGES, builtData, useSite} from "../helpers/browser-site.ts";

const site = useSite();

/** The data date as the pages write it (d3's da-DK / en-GB long dates). */
function dataDate(lang: "da" | "en"): string {
  const iso = builtData("overview").meta.data_date as string;
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC"
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** Open a page and wait until its figures have stopped appearing (some wait for a slice file). */
async function openPage(
  path: string,
  colorScheme: "light" | "dark" = "light"
): Promise<{page: Page; errors: string[]}> {
  const {page, errors} = await site.open(path, {colorScheme});
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const n = await page.locator("figure.chart-figure button[data-download=svg]").count();
    if (n === last && n > 0) break;
    last = n;
    await page.waitForTimeout(500);
  }
  return {page, errors};
}

async function download(page: Page, button: Locator): Promise<{name: string; bytes: Buffer}> {
  const [d]: [Download, void] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return {name: d.suggestedFilename(), bytes: readFileSync((await d.path())!)};
}

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(bytes: Buffer): {width: number; height: number} {
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  return {width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20)};
}

/**
 * The colours a chart's data marks are drawn in on the page (computed fill and stroke, not axes, grids or text),
 * as [r, g, b], leaving out the dark ones (counted as text) and near-white.
 */
function markColours(svg: SVGSVGElement): number[][] {
  const colours = new Set<string>();
  for (const el of svg.querySelectorAll("g[data-mark] *")) {
    if (/axis|grid|frame|tip|text/.test(el.closest("g[data-mark]")!.getAttribute("data-mark")!)) continue;
    const style = getComputedStyle(el);
    for (const c of [style.fill, style.stroke]) {
      const m = c.match(/^rgb\((\d+), (\d+), (\d+)\)$/);
      if (m) colours.add(m.slice(1).join(","));
    }
  }
  return [...colours]
    .map((c) => c.split(",").map(Number))
    .filter(([r, g, b]) => r + g + b >= 200 && Math.min(r, g, b) < 240);
}

/**
 * Pixels of a PNG in one of the chart's mark colours (`colours`, within a small distance: the marks drawn) and
 * dark (text), counted in the page's canvas.
 */
function pngInk(page: Page, bytes: Buffer, colours: number[][] = []): Promise<{colour: number; dark: number}> {
  return page.evaluate(
    async ({b64, colours}) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0);
      const px = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let colour = 0,
        dark = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
        if (colours.some(([cr, cg, cb]) => Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) <= 24)) colour++;
        else if (r + g + b < 200) dark++;
      }
      return {colour, dark};
    },
    {b64: bytes.toString("base64"), colours}
  );
}

/**
 * The marks of a chart: every drawing element in document order, with the attributes that place and colour it.
 * Runs in the page, on the page's chart and on the exported file's chart part alike.
 */
const MARKS_SCRIPT = `(root) => {
  const keys = ["d", "cx", "cy", "r", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "fill", "stroke", "transform", "points"];
  return [...root.querySelectorAll("circle, rect, path, line, polyline, polygon, text")]
    .map((e) => e.tagName.toLowerCase() + "|" + keys.map((k) => e.getAttribute(k) ?? "").join("|") + (e.tagName.toLowerCase() === "text" ? "|" + e.textContent : ""));
}`;

/** The pages that draw figures (their source calls Figure), in both languages. */
const WITH_FIGURES = new Set(
  PAGES.filter((p) => readFileSync(join(PROJECT_ROOT, "src", p.source), "utf8").includes("Figure(")).map((p) => p.id)
);
const FIGURE_PAGES = ALL_PAGES.filter(([id]) => WITH_FIGURES.has(id));

describe.each(FIGURE_PAGES)("downloads on %s (%s) at %s", (id, lang, path) => {
  it("every figure's SVG, PNG and CSV are that figure, with source, data date and notice", async () => {
    const {page, errors} = await openPage(path);
    try {
      const notice = (await page.locator("p.data-notice").textContent())!.trim();
      expect(notice).toMatch(lang === "da" ? /^Syntetiske data/ : /^Synthetic data/);
      const date = dataDate(lang);
      const figures = page.locator("figure.chart-figure:not(.empty)");
      const count = await figures.count();
      expect(count, "figures with a chart").toBeGreaterThan(0);
      let decimals = 0;
      for (let i = 0; i < count; i++) {
        const figure = figures.nth(i);
        const title = (await figure.locator("h3").first().textContent())!.trim();
        const what = `${path} figure "${title}"`;

        // the accessible name is on the chart, not on a legend swatch
        const named = figure.locator("svg[role=img]");
        expect(await named.count(), `${what}: one named svg`).toBe(1);
        const chart = await named.evaluate((svg) => ({
          label: svg.getAttribute("aria-label") ?? "",
          width: Number(svg.getAttribute("width")),
          height: Number(svg.getAttribute("height")),
          inSwatch: !!svg.closest("[class*='-swatch']")
        }));
        expect(chart.inSwatch, `${what}: named svg is a swatch`).toBe(false);
        expect(chart.label.startsWith(title), `${what}: aria-label starts with the title`).toBe(true);
        expect(chart.width, `${what}: chart width`).toBeGreaterThan(200);
        expect(chart.height, `${what}: chart height`).toBeGreaterThan(100);
        const legend = await figure.locator("[class$='-swatch']").allTextContents();
        // a screenshot of the figure carries the notice too
        expect((await figure.locator("p.figure-notice").textContent())?.trim(), `${what}: notice under the chart`).toBe(
          notice
        );

        // SVG: one file with the title, legend, chart, source, data date and notice
        const svgFile = await download(page, figure.locator("button[data-download=svg]"));
        expect(svgFile.name).toMatch(/\.svg$/);
        const svgText = svgFile.bytes.toString("utf8");
        expect(svgText, `${what}: no outside references`).not.toMatch(
          /(href|src)="https?:|url\(\s*["']?https?:|@import/
        );
        const onPage = await named.evaluate(new Function(`return ${MARKS_SCRIPT}`)() as (e: Element) => string[]);
        const exported = await page.evaluate(
          ({text, script}) => {
            const doc = new DOMParser().parseFromString(text, "image/svg+xml");
            const root = doc.documentElement;
            const part = (name: string) => root.querySelector(`[data-part=${name}]`);
            // lines are <tspan>s and legend entries <text>s: read them as words with spaces between
            const words = (name: string) =>
              [...(part(name)?.querySelectorAll("tspan, g > text") ?? [])].map((e) => e.textContent).join(" ");
            const marks = new Function(`return ${script}`)() as (e: Element) => string[];
            return {
              error: doc.querySelector("parsererror")?.textContent ?? null,
              width: Number(root.getAttribute("width")),
              height: Number(root.getAttribute("height")),
              title: words("title"),
              legend: words("legend"),
              footer: words("footer"),
              chartWidth: Number(part("chart")?.getAttribute("width")),
              marks: part("chart") ? marks(part("chart")!) : []
            };
          },
          {text: svgText, script: MARKS_SCRIPT}
        );
        expect(exported.error, `${what}: SVG parses`).toBeNull();
        expect(exported.title.replace(/\s+/g, " "), `${what}: SVG title`).toBe(title.replace(/\s+/g, " "));
        for (const l of legend) expect(exported.legend, `${what}: legend "${l}" in the SVG`).toContain(l.trim());
        const footer = exported.footer.replace(/\s+/g, " ");
        expect(footer, `${what}: source`).toContain(lang === "da" ? "Kilde:" : "Source:");
        expect(footer, `${what}: data date`).toContain(date);
        expect(footer, `${what}: notice`).toContain(notice.replace(/\s+/g, " "));
        expect(exported.chartWidth, `${what}: chart at its page size`).toBe(chart.width);
        expect(exported.marks.length, `${what}: marks in the SVG`).toBeGreaterThan(5);
        expect(exported.marks, `${what}: the SVG's marks are the page's`).toEqual(onPage);

        // PNG: the same figure at twice its size
        const png = await download(page, figure.locator("button[data-download=png]"));
        expect(png.name).toMatch(/\.png$/);
        const size = pngSize(png.bytes);
        expect(Math.abs(size.width - 2 * exported.width), `${what}: PNG width`).toBeLessThanOrEqual(1);
        expect(Math.abs(size.height - 2 * exported.height), `${what}: PNG height`).toBeLessThanOrEqual(1);
        expect(size.width, `${what}: PNG at least twice the chart`).toBeGreaterThanOrEqual(2 * chart.width);
        expect(size.height).toBeGreaterThan(2 * chart.height);
        // drawn, not blank: coloured (chart) and dark (text) pixels
        const colours = await named.evaluate(markColours);
        expect(colours.length, `${what}: the chart's marks have colours`).toBeGreaterThan(0);
        const ink = await pngInk(page, png.bytes, colours);
        expect(ink.colour, `${what}: PNG has the chart's colours`).toBeGreaterThan(200);
        expect(ink.dark, `${what}: PNG has text`).toBeGreaterThan(2000);

        // CSV: Danish Excel on Danish pages, plain CSV on English pages; the table's headers and rows, the notice on every row
        const csvFile = await download(page, figure.locator("button[data-download=csv]"));
        const raw = csvFile.bytes;
        expect(raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), `${what}: BOM`).toBe(lang === "da");
        const csv = parseCsv(raw.toString("utf8"), lang === "da" ? ";" : ",");
        const table = await figure.locator("table").evaluate((t) => ({
          header: [...t.querySelectorAll("thead th")].map((c) => c.textContent ?? ""),
          rows: [...t.querySelectorAll("tbody tr")].map((r) =>
            [...r.children].map((c) => ({text: c.textContent ?? "", suppressed: c.classList.contains("suppressed")}))
          )
        }));
        const seen = new Map<string, number>();
        const headers = table.header.map((h) => {
          const n = (seen.get(h) ?? 0) + 1;
          seen.set(h, n);
          return n === 1 ? h : `${h} (${n})`;
        });
        expect(csv.header.slice(0, headers.length), `${what}: CSV headers are the table's`).toEqual(headers);
        expect(csv.header.at(-1)).toBe(lang === "da" ? "Bemærkning" : "Note");
        expect(csv.rows.length, `${what}: CSV rows`).toBe(table.rows.length);
        csv.rows.forEach((row, r) => {
          expect(row.length, `${what}: row ${r} width`).toBe(csv.header.length);
          const note = row.at(-1)!;
          expect(note).toContain(notice);
          expect(note).toContain(date);
          table.rows[r].forEach((cell, c) => {
            if (cell.suppressed) expect(row[c], `${what}: hidden cell empty`).toBe("");
          });
          for (const cell of row.slice(0, headers.length)) {
            expect(cell, `${what}: decimal mark`).not.toMatch(lang === "da" ? /^-?\d+\.\d+(e-?\d+)?$/ : /^-?\d+,\d+$/);
            if (/^-?\d+[.,]\d+/.test(cell)) decimals++;
          }
        });
      }
      expect(decimals, "some decimals written").toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 240_000);
});

describe("the cohorts page's other downloads", () => {
  it("Arrow and cell CSV files carry the data notice", async () => {
    const {page, errors} = await openPage("/kohorter");
    try {
      const notice = (await page.locator("p.data-notice").textContent())!.trim();
      const cells = await download(page, page.locator("button[data-download=arrow]:not(figure.chart-figure button)"));
      expect(cells.bytes.subarray(0, 6).toString()).toBe("ARROW1");
      const table = tableFromIPC(cells.bytes).toArray() as {note: string}[];
      expect(table.length).toBeGreaterThan(0);
      for (const r of table) expect(r.note).toContain(notice);
      const csv = await download(page, page.locator("button[data-download=cells-csv]"));
      // the codebook's column names, in Danish Excel's form on a Danish page
      expect(csv.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
      const parsed = parseCsv(csv.bytes.toString("utf8"), ";");
      expect(parsed.header.at(-1)).toBe("note");
      expect(parsed.rows.length).toBeGreaterThan(0);
      for (const r of parsed.rows) expect(r.length).toBe(parsed.header.length);
      expect(
        parsed.rows.flat().some((v) => /^\d+\.\d+$/.test(v)),
        "no decimal points"
      ).toBe(false);
      // plain CSV on the English page
      const en = await openPage("/en/cohorts");
      try {
        const enNotice = (await en.page.locator("p.data-notice").textContent())!.trim();
        const file = await download(en.page, en.page.locator("button[data-download=cells-csv]"));
        expect(file.bytes[0]).not.toBe(0xef);
        const plain = parseCsv(file.bytes.toString("utf8"), ",");
        expect(plain.header).toEqual(parsed.header);
        expect(plain.rows.length).toBe(parsed.rows.length);
        for (const r of plain.rows) expect(r.at(-1)).toContain(enNotice);
        expect(en.errors).toEqual([]);
      } finally {
        await en.page.close();
      }
      for (const r of parsed.rows) expect(r.at(-1)).toContain(notice);
      const figure = page
        .locator("figure.chart-figure:not(.empty)", {has: page.locator("button[data-download=arrow]")})
        .first();
      const arrow = await download(page, figure.locator("button[data-download=arrow]"));
      for (const r of tableFromIPC(arrow.bytes).toArray() as {note: string}[]) expect(r.note).toContain(notice);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});

describe("chart images from a page in dark mode", () => {
  it("are still dark text and axes on white", async () => {
    const {page, errors} = await openPage("/", "dark");
    try {
      const figure = page.locator("figure.chart-figure:not(.empty)").first();
      const png = await download(page, figure.locator("button[data-download=png]"));
      const ink = await pngInk(page, png.bytes);
      expect(ink.dark, "dark text in the PNG").toBeGreaterThan(2000);
      const svg = (await download(page, figure.locator("button[data-download=svg]"))).bytes.toString("utf8");
      expect(svg).not.toMatch(/color="rgb\(2[0-9]{2}, 2[0-9]{2}, 2[0-9]{2}\)"/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
