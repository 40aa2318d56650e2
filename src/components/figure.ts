// A chart with what every chart on the site must have: a one-sentence text
// summary, a "show as table" view, and downloads (SVG, PNG, CSV).
import {DataTable} from "./table.js";
import {downloadBlob, downloadPng, downloadSvg, toCsv, type Column} from "./download.js";

export interface FigureLabels {
  showTable: string;
  downloadSvg: string;
  downloadPng: string;
  downloadCsv: string;
  suppressedNote: string;
}

export interface FigureOptions<T> {
  /** The chart element (Plot output: an <svg> or a <figure> holding one). */
  chart: Element;
  title: string;
  summary: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** File name stem for downloads. */
  filename: string;
  labels: FigureLabels;
  /** Extra note shown with the table (method and data version). */
  note?: string;
  /** More download buttons (e.g. Arrow) next to the standard ones. */
  downloads?: readonly {label: string; kind: string; action: () => void}[];
  /** Nothing to draw: say what is missing instead of an empty chart (no table, no downloads). */
  empty?: string | null;
}

/** A figure with its title and one paragraph: the chart's summary, or (empty) why there is nothing to show. */
function frame(title: string, paragraph: string, empty: boolean) {
  const root = document.createElement("figure");
  root.className = empty ? "chart-figure empty" : "chart-figure";
  const heading = document.createElement("h3");
  heading.textContent = title;
  const text = document.createElement("p");
  text.className = empty ? "empty-note" : "chart-summary";
  text.textContent = paragraph;
  return {root, heading, text};
}

export function Figure<T>({chart, title, summary, rows, columns, filename, labels, note, downloads = [], empty}: FigureOptions<T>): HTMLElement {
  if (empty) {
    const blank = frame(title, empty, true);
    blank.root.append(blank.heading, blank.text);
    return blank.root;
  }
  const {root, heading, text} = frame(title, summary, false);
  const svg = (chart instanceof SVGSVGElement ? chart : chart.querySelector("svg:not(.plot-swatches svg)") ?? chart.querySelector("svg")) as SVGSVGElement | null;
  if (svg) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `${title}. ${summary}`);
  }
  // The chart is one image with a text summary and a table; Plot's per-mark
  // aria-labels on <g> elements are not allowed there (axe: aria-prohibited-attr).
  for (const g of chart.querySelectorAll("g[aria-label], g[aria-description]")) {
    g.removeAttribute("aria-label");
    g.removeAttribute("aria-description");
  }
  const details = document.createElement("details");
  details.className = "chart-table";
  const toggle = document.createElement("summary");
  toggle.textContent = labels.showTable;
  details.append(toggle, DataTable(rows, columns, {caption: title, suppressedNote: labels.suppressedNote}));
  if (note) {
    const p = document.createElement("p");
    p.className = "footnote";
    p.textContent = note;
    details.append(p);
  }
  const actions = document.createElement("div");
  actions.className = "chart-actions no-print";
  const button = (label: string, action: () => void, kind: string) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.dataset.download = kind;
    b.addEventListener("click", action);
    actions.append(b);
  };
  if (svg) {
    button(labels.downloadSvg, () => downloadSvg(svg, `${filename}.svg`), "svg");
    button(labels.downloadPng, () => void downloadPng(svg, `${filename}.png`), "png");
  }
  button(labels.downloadCsv, () => downloadBlob(new Blob([toCsv(rows, columns)], {type: "text/csv;charset=utf-8"}), `${filename}.csv`), "csv");
  for (const d of downloads) button(d.label, d.action, d.kind);
  root.append(heading, text, chart, actions, details);
  return root;
}
