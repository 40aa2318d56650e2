// A chart with what every chart on the site must have: a one-sentence text
// summary, a "show as table" view, and downloads (SVG, PNG, CSV).
import type {DataInfo} from "../../loaders/analysis/types.ts";
import type {Dictionary, Formatters, Lang} from "../i18n/index.js";
import {DataTable} from "./table.js";
import {
  composeFigureSvg,
  downloadBlob,
  downloadPng,
  downloadSvg,
  svgSize,
  toCsv,
  type Column,
  type CsvLang
} from "./download.js";

/** Words of the downloaded files (the dictionary's `downloads` block). */
export interface DownloadWords {
  source: (site: string, provider: string | null) => string;
  dataDate: (date: string) => string;
  noteHeader: string;
  hiddenHeader: string;
  yes: string;
  no: string;
}

/** What every downloaded file says about the data, from the page's meta (loaders/analysis/notice.ts). */
export interface FigureContext {
  lang: CsvLang;
  /** Who extracted the data (meta.provider), if recorded; null for synthetic data, whose notice says what they are. */
  provider: string | null;
  /** The data date, formatted for the language. */
  dataDate: string;
  /** The data notice (meta.notice[lang]), which says what the data are. */
  notice: string;
  /** meta.synthetic: the notice is then also shown under every chart, so a screenshot of a chart carries it too. */
  synthetic: boolean;
}

export interface FigureLabels {
  showTable: string;
  downloadSvg: string;
  downloadPng: string;
  downloadCsv: string;
  suppressedNote: string;
  /** A hidden cell's text: the threshold label of meta.min_cell ("<5"). */
  suppressedText: string;
  /** The dictionary's `downloads` block. */
  words: DownloadWords;
  /** The site's name, cited as the source. */
  siteTitle: string;
  context: FigureContext;
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

/** The words and data context every figure of a page needs, from its dictionary, formatters and published meta. */
export function figureLabels(
  t: Dictionary,
  f: Formatters,
  meta: Pick<DataInfo, "synthetic" | "provider" | "data_date" | "notice" | "min_cell">,
  lang: Lang
): FigureLabels {
  return {
    showTable: t.showTable,
    downloadSvg: t.downloadSvg,
    downloadPng: t.downloadPng,
    downloadCsv: t.downloadCsv,
    suppressedNote: t.suppressedNote(f.threshold(meta.min_cell), meta.min_cell),
    suppressedText: f.threshold(meta.min_cell),
    words: t.downloads,
    siteTitle: t.siteTitle,
    context: {
      lang,
      provider: meta.synthetic ? null : meta.provider,
      dataDate: f.date(meta.data_date),
      notice: meta.notice[lang],
      synthetic: meta.synthetic === true
    }
  };
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

/**
 * The chart's own <svg> in Plot's output: not a legend swatch (Plot's swatch class carries a generated prefix,
 * "plot-1a2b3c-swatch") nor a colour ramp, and of those the largest.
 */
export function chartSvg(chart: Element): SVGSVGElement | null {
  if (chart instanceof SVGSVGElement) return chart;
  const all = [...chart.querySelectorAll("svg")].filter((s) => !s.parentElement?.closest("svg"));
  const inLegend = (s: SVGSVGElement) =>
    !!s.closest("[class*='-swatch'], [class*='-legend']") || /-ramp\b/.test(s.getAttribute("class") ?? "");
  const area = (s: SVGSVGElement) => {
    const {width, height} = svgSize(s);
    return width * height;
  };
  const candidates = all.filter((s) => !inLegend(s));
  return [...(candidates.length ? candidates : all)].sort((a, b) => area(b) - area(a))[0] ?? null;
}

/** Source, data date and the data notice: the footer of a chart image and the note column of a CSV. */
function provenance(labels: Pick<FigureLabels, "words" | "siteTitle" | "context">): string[] {
  const {words, context} = labels;
  return [words.source(labels.siteTitle, context.provider), words.dataDate(context.dataDate), context.notice];
}

/** The same as one line: the note column of every other downloaded file (e.g. Arrow), so each carries the notice. */
export function provenanceNote(labels: Pick<FigureLabels, "words" | "siteTitle" | "context">): string {
  return provenance(labels).join(" ");
}

export function Figure<T>({
  chart,
  title,
  summary,
  rows,
  columns,
  filename,
  labels,
  note,
  downloads = [],
  empty
}: FigureOptions<T>): HTMLElement {
  if (empty) {
    const blank = frame(title, empty, true);
    blank.root.append(blank.heading, blank.text);
    return blank.root;
  }
  const {root, heading, text} = frame(title, summary, false);
  const svg = chartSvg(chart);
  if (svg) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `${title}. ${summary}`);
  }
  // The chart is one image with a text summary and a table; Plot's per-mark
  // aria-labels on <g> elements are not allowed there (axe: aria-prohibited-attr).
  // The mark's name is kept as data-mark (what it is, not read aloud), so a test can tell data marks from axes.
  for (const g of chart.querySelectorAll("g[aria-label], g[aria-description]")) {
    if (g.hasAttribute("aria-label")) g.setAttribute("data-mark", g.getAttribute("aria-label")!);
    g.removeAttribute("aria-label");
    g.removeAttribute("aria-description");
  }
  const details = document.createElement("details");
  details.className = "chart-table";
  const toggle = document.createElement("summary");
  toggle.textContent = labels.showTable;
  details.append(
    toggle,
    DataTable(rows, columns, {
      caption: title,
      suppressedNote: labels.suppressedNote,
      suppressedText: labels.suppressedText
    })
  );
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
    // composed at the click, from the chart as it is then (the page may have restyled it since)
    const image = () => composeFigureSvg(chart, svg, {title, summary, footer: provenance(labels)});
    button(labels.downloadSvg, () => downloadSvg(image(), `${filename}.svg`), "svg");
    button(labels.downloadPng, () => void downloadPng(image(), `${filename}.png`), "png");
  }
  const {words, context} = labels;
  const csv = () =>
    toCsv(rows, columns, {
      lang: context.lang,
      hiddenHeader: words.hiddenHeader,
      yes: words.yes,
      no: words.no,
      note: {header: words.noteHeader, text: provenanceNote(labels)}
    });
  button(
    labels.downloadCsv,
    () => downloadBlob(new Blob([csv()], {type: "text/csv;charset=utf-8"}), `${filename}.csv`),
    "csv"
  );
  for (const d of downloads) button(d.label, d.action, d.kind);
  root.append(heading, text, chart);
  if (labels.context.synthetic) {
    const mark = document.createElement("p");
    mark.className = "footnote figure-notice";
    mark.textContent = labels.context.notice;
    root.append(mark);
  }
  root.append(actions, details);
  return root;
}
