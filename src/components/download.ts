// Downloads made in the browser from what is on the page: CSV of a table,
// SVG and PNG of a whole figure (title, chart, legend, source, data date and
// the data notice). No data is fetched.
import {FONT, textWidth, wrap} from "./text-fit.js";

export interface Column<T> {
  key: keyof T & string;
  label: string;
  /** Display format; the CSV carries the raw value (numbers, dates), except for yes/no values, which it writes in words. */
  format?: (value: any, row: T) => string;
  /** Name of the boolean field (or function) that marks this cell as suppressed. */
  suppressed?: (row: T) => boolean;
}

export type CsvLang = "da" | "en";

export interface CsvOptions {
  /**
   * "da": for Danish Excel: UTF-8 byte order mark, ";" between fields, decimal comma. "en": plain RFC 4180
   * (",", decimal point, no BOM). Both quote fields holding a separator, quote or line break and end lines with CRLF.
   */
  lang: CsvLang;
  /** Where the numbers come from and what they are (source, data date, the synthetic-data notice): a last column on every row. */
  note?: {header: string; text: string};
  /** Header of the column that names each row's hidden (suppressed) cells; added when a column can be suppressed. */
  hiddenHeader?: string;
  /** Words for yes/no values. */
  yes?: string;
  no?: string;
}

/**
 * The CSV form of each language: Danish Excel expects ";" and a decimal comma and needs the BOM to read UTF-8
 * (æøå); R reads that file with read.csv2(fileEncoding = "UTF-8-BOM") or readr::read_csv2, the English one with
 * read.csv. The notice rides along as a column filled on every row, not as comment or title lines above the
 * header: Excel, R and pandas then read the file as one plain table, with the notice next to every number
 * wherever the rows are copied to.
 */
export const CSV_FORMAT: Record<CsvLang, {separator: string; bom: string; decimal: string}> = {
  da: {separator: ";", bom: "\uFEFF", decimal: ","},
  en: {separator: ",", bom: "", decimal: "."}
};

/** A number as written in the CSV: full precision, no thousands separator, the language's decimal mark. */
function csvNumber(v: number, decimal: string): string {
  const s = String(v);
  return decimal === "." ? s : s.replace(".", decimal);
}

/** Headers unique within the file (R and pandas rename duplicates unpredictably): a repeated label gets " (2)", " (3)". */
function uniqueHeaders(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l} (${n})`;
  });
}

/**
 * CSV of the table with the column labels as headers. Suppressed cells are empty and named in a "hidden" column;
 * the note (source, data date, data notice) is the last column, the same on every row.
 */
export function toCsv<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: CsvOptions = {lang: "en"}
): string {
  const {separator, bom, decimal} = CSV_FORMAT[options.lang];
  const yes = options.yes ?? (options.lang === "da" ? "ja" : "TRUE");
  const no = options.no ?? (options.lang === "da" ? "nej" : "FALSE");
  const quoteIf = new RegExp(`["\\r\\n${separator}]`);
  const esc = (v: unknown) => {
    if (v == null || (typeof v === "number" && !Number.isFinite(v))) return "";
    const s =
      typeof v === "number"
        ? csvNumber(v, decimal)
        : typeof v === "boolean"
          ? v
            ? yes
            : no
          : v instanceof Date
            ? v.toISOString().slice(0, 10)
            : String(v);
    return quoteIf.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const headers = uniqueHeaders(columns.map((c) => c.label));
  const flagged = columns.some((c) => c.suppressed) && options.hiddenHeader;
  const extra = [...(flagged ? [options.hiddenHeader!] : []), ...(options.note ? [options.note.header] : [])];
  const lines = [[...headers, ...extra].map(esc).join(separator)];
  for (const row of rows) {
    const hidden = columns.map((c, i) => (c.suppressed?.(row) ? headers[i] : null));
    const cells = columns.map((c, i) => {
      if (hidden[i] !== null) return "";
      const value = row[c.key];
      // a yes/no column reads as its words on the page (e.g. "Med mentor"); say the same in the file
      return esc(typeof value === "boolean" && c.format ? c.format(value, row) : value);
    });
    if (flagged) cells.push(esc(hidden.filter((h) => h !== null).join(", ")));
    if (options.note) cells.push(esc(options.note.text));
    lines.push(cells.join(separator));
  }
  return bom + lines.join("\r\n") + "\r\n";
}

export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** What a downloaded chart image says besides the chart: its title and the footer lines (source, data date, notice). */
export interface FigureText {
  title: string;
  /** The text summary of the chart (the image's <desc>). */
  summary: string;
  /** Footer lines, each wrapped to the image's width: e.g. "Kilde: …", "Data til og med …", the data notice. */
  footer: readonly string[];
}

const SVG_NS = "http://www.w3.org/2000/svg";
const PAD = 12;
/** Text and axis colour of a downloaded image: it has a white background even when the page is dark. */
const INK = "#1b1e23";

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number> = {}
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Lines of text as one <text> with a <tspan> per line, fonts inline (the file has no stylesheet to lean on). */
function textBlock(
  lines: readonly string[],
  x: number,
  y: number,
  size: number,
  {weight = "normal", fill = INK, part}: {weight?: string; fill?: string; part: string}
) {
  const text = el("text", {
    x,
    y,
    "font-family": FONT,
    "font-size": size,
    "font-weight": weight,
    fill,
    "data-part": part
  });
  lines.forEach((line, i) => {
    const span = el("tspan", {x, dy: i === 0 ? 0 : size * 1.3});
    span.textContent = line;
    text.append(span);
  });
  return text;
}

/** Size of a Plot svg: its width/height attributes, else its viewBox, else its box on the page. */
export function svgSize(svg: SVGSVGElement): {width: number; height: number} {
  const w = Number(svg.getAttribute("width")),
    h = Number(svg.getAttribute("height"));
  if (w > 0 && h > 0) return {width: w, height: h};
  const box = svg.viewBox?.baseVal;
  if (box && box.width > 0 && box.height > 0) return {width: box.width, height: box.height};
  const rect = svg.getBoundingClientRect();
  return {width: rect.width, height: rect.height};
}

/** Legend entries of a Plot figure: each swatch's own small svg (colour and symbol as on the page) and its text. */
function legendEntries(chart: Element, main: SVGSVGElement): {swatch: SVGSVGElement | null; label: string}[] {
  const entries: {swatch: SVGSVGElement | null; label: string}[] = [];
  for (const span of chart.querySelectorAll("[class$='-swatch'], [class*='-swatch ']")) {
    if (span.contains(main)) continue;
    const swatch = span.querySelector("svg");
    const label = (span.textContent ?? "").trim();
    if (label) entries.push({swatch, label});
  }
  return entries;
}

/**
 * One self-contained SVG of the whole figure: the title, the legend (swatches as drawn on the page, with their
 * text), the chart itself and a footer with source, data date and notice. Parts are marked with data-part
 * ("title", "legend", "chart", "footer") so a test can compare the chart part with the page's.
 */
export function composeFigureSvg(chart: Element, main: SVGSVGElement, text: FigureText): SVGSVGElement {
  const {width: chartWidth, height: chartHeight} = svgSize(main);
  const width = Math.max(chartWidth, 320);
  const inner = width - 2 * PAD;
  const root = el("svg", {xmlns: SVG_NS, version: "1.1", "font-family": FONT, style: "background:white"});
  const titleEl = el("title");
  titleEl.textContent = text.title;
  const desc = el("desc");
  desc.textContent = text.summary;
  root.append(titleEl, desc);
  const background = el("rect", {x: 0, y: 0, fill: "white", "data-part": "background"});
  root.append(background);

  let y = PAD + 15;
  const titleLines = wrap(text.title, inner, 16, "bold");
  root.append(textBlock(titleLines, PAD, y, 16, {weight: "bold", part: "title"}));
  y += (titleLines.length - 1) * 16 * 1.3 + 14;

  // legend: swatches and labels in rows, wrapped to the width
  const entries = legendEntries(chart, main);
  if (entries.length) {
    const legend = el("g", {"data-part": "legend"});
    const size = 12,
      gap = 16,
      lineHeight = 20;
    let x = PAD;
    y += 4;
    for (const {swatch, label} of entries) {
      const w = size + 6 + textWidth(label, 12);
      if (x > PAD && x + w > width - PAD) {
        x = PAD;
        y += lineHeight;
      }
      const item = el("g", {transform: `translate(${x},${y})`});
      if (swatch) {
        const copy = swatch.cloneNode(true) as SVGSVGElement;
        const {width: sw, height: sh} = svgSize(swatch);
        copy.setAttribute("x", "0");
        copy.setAttribute("y", String(-size + 1));
        copy.setAttribute("width", String(size));
        copy.setAttribute("height", String(size));
        if (!copy.getAttribute("viewBox")) copy.setAttribute("viewBox", `0 0 ${sw || 15} ${sh || 15}`);
        // fill and stroke are attributes of Plot's swatch; currentColor in them is the file's ink
        copy.setAttribute("color", INK);
        copy.removeAttribute("class");
        item.append(copy);
      } else item.append(el("rect", {x: 0, y: -size + 1, width: size, height: size, fill: "#888"}));
      const t = el("text", {x: size + 6, y: 0, "font-family": FONT, "font-size": 12, fill: INK});
      t.textContent = label;
      item.append(t);
      legend.append(item);
      x += w + gap;
    }
    root.append(legend);
    y += 10;
  }

  // the chart as it is on the page, at its own size, in a nested svg (its coordinates and inline <style> unchanged)
  const copy = main.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("x", String((width - chartWidth) / 2));
  copy.setAttribute("y", String(y));
  copy.setAttribute("width", String(chartWidth));
  copy.setAttribute("height", String(chartHeight));
  if (!copy.getAttribute("viewBox")) copy.setAttribute("viewBox", `0 0 ${chartWidth} ${chartHeight}`);
  copy.setAttribute("data-part", "chart");
  copy.removeAttribute("role");
  copy.removeAttribute("aria-label");
  copy.setAttribute("font-family", getComputedStyle(main).fontFamily || FONT);
  // dark ink on the file's white ground, whatever the page's colour scheme (currentColor in axes and rules)
  copy.setAttribute("color", INK);
  root.append(copy);
  y += chartHeight + 8;

  // footer: source, data date and the data notice, each wrapped to the width
  const footer = el("g", {"data-part": "footer"});
  for (const line of text.footer) {
    const lines = wrap(line, inner, 11);
    y += 11 * 1.3;
    footer.append(textBlock(lines, PAD, y, 11, {fill: "#444", part: "footer-line"}));
    y += (lines.length - 1) * 11 * 1.3;
  }
  root.append(footer);
  const height = Math.ceil(y + PAD);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  background.setAttribute("width", String(width));
  background.setAttribute("height", String(height));
  return root;
}

function serialise(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

export function downloadSvg(svg: SVGSVGElement, filename: string) {
  downloadBlob(new Blob([serialise(svg)], {type: "image/svg+xml;charset=utf-8"}), filename);
}

/** The same SVG drawn on a canvas at `scale` (2: sharp on print and high-density screens). */
export async function downloadPng(svg: SVGSVGElement, filename: string, scale = 2) {
  const width = Number(svg.getAttribute("width")),
    height = Number(svg.getAttribute("height"));
  const image = new Image();
  const url = URL.createObjectURL(new Blob([serialise(svg)], {type: "image/svg+xml;charset=utf-8"}));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("Could not render the chart as PNG"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext("2d")!;
    context.fillStyle = "white";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("No PNG"))), "image/png")
    );
    downloadBlob(blob, filename);
  } finally {
    URL.revokeObjectURL(url);
  }
}
