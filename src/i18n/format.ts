// Number and date formatting through d3's own locale definitions (da-DK, en-GB),
// loaded by src/data/locale.json.ts: decimal comma, thousands separator and
// "pct." in Danish; the same numbers the English way.
import {formatLocale, type FormatLocaleDefinition} from "d3-format";
import {timeFormatLocale, type TimeLocaleDefinition} from "d3-time-format";
import type {Lang} from "./pages.js";

export interface LocaleDefinitions {
  da: {format: FormatLocaleDefinition; time: TimeLocaleDefinition};
  en: {format: FormatLocaleDefinition; time: TimeLocaleDefinition};
}

export interface Formatters {
  lang: Lang;
  /** Whole numbers with thousands separators: 30.000 / 30,000. */
  count: (n: number | null | undefined) => string;
  /** A share 0–1 as a percentage: 12,3 pct. / 12.3%. */
  pct: (p: number | null | undefined, digits?: number) => string;
  /** A difference of shares in percentage points: −3,4 procentpoint / −3.4 percentage points. */
  pp: (d: number | null | undefined, digits?: number) => string;
  /** A 95 % interval of shares in percent: (1,2–5,6 pct.). */
  interval: (lower: number | null | undefined, upper: number | null | undefined, digits?: number) => string;
  /** A 95 % interval of a difference in percentage points: 1,6–6,5 procentpoint. */
  ppInterval: (lower: number | null | undefined, upper: number | null | undefined, digits?: number) => string;
  /** A plain number with fixed decimals. */
  number: (x: number | null | undefined, digits?: number) => string;
  date: (d: Date | string | null | undefined) => string;
  /** Words joined as a list: ["3 måneder", "1 år", "2 år"] → "3 måneder, 1 år og 2 år". */
  list: (items: readonly string[]) => string;
  /** The threshold label of a hidden count: "<5" for a smallest publishable cell of 5 (meta.min_cell). */
  threshold: (minCell: number) => string;
}

const MISSING = "–";

export function formatters(lang: Lang, defs: LocaleDefinitions): Formatters {
  const f = formatLocale(defs[lang].format);
  const t = timeFormatLocale(defs[lang].time);
  const dateFormat = t.format(lang === "da" ? "%-d. %B %Y" : "%-d %B %Y");
  const fixed = (x: number, digits: number) => f.format(`,.${digits}f`)(x).replace("-", "−");
  const pctNumber = (p: number, digits: number) => fixed(p * 100, digits);
  const pctUnit = lang === "da" ? " pct." : "%";
  const ok = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);
  return {
    lang,
    count: (n) => (ok(n) ? f.format(",d")(Math.round(n)) : MISSING),
    pct: (p, digits = 1) => (ok(p) ? `${pctNumber(p, digits)}${pctUnit}` : MISSING),
    pp: (d, digits = 1) =>
      ok(d) ? `${fixed(d * 100, digits)} ${lang === "da" ? "procentpoint" : "percentage points"}` : MISSING,
    interval: (lo, hi, digits = 1) =>
      ok(lo) && ok(hi) ? `${pctNumber(lo, digits)}–${pctNumber(hi, digits)}${pctUnit}` : MISSING,
    ppInterval: (lo, hi, digits = 1) =>
      ok(lo) && ok(hi)
        ? `${fixed(lo * 100, digits)} ${lang === "da" ? "til" : "to"} ${fixed(hi * 100, digits)} ${lang === "da" ? "procentpoint" : "percentage points"}`
        : MISSING,
    number: (x, digits = 2) => (ok(x) ? fixed(x, digits) : MISSING),
    date: (d) => (d ? dateFormat(typeof d === "string" ? new Date(d) : d) : MISSING),
    list: (items) => new Intl.ListFormat(lang === "da" ? "da-DK" : "en-GB", {type: "conjunction"}).format(items),
    threshold: (minCell) => `<${minCell}`
  };
}
