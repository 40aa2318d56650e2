// What every page shows at the top: the language switch (keeping the view) and what the data are.
import type {Dictionary, Lang} from "../i18n/index.js";
import {otherLanguagePath} from "../i18n/index.js";

/** What the warehouse says about its data (the `meta` of every data file). */
export interface DataMeta {
  synthetic: boolean | null;
  provider: string | null;
  data_date: string;
  data_version: string;
  /** The maturity horizon in force and the one asked for (loaders/horizons.ts). */
  mature_days: number;
  mature_days_setting: number;
}

/**
 * The data notice: synthetic data say so; real data name their provider, data date and version; a warehouse that does not
 * say (ingested before dataset.json existed) says that. `date` formats an ISO date for the page's language.
 */
export function dataNotice(meta: DataMeta, t: Dictionary, date: (d: string) => string): string {
  const what = meta.synthetic === true ? t.synthetic
    : meta.synthetic === false ? t.realData(meta.provider, date(meta.data_date), meta.data_version)
    : t.unknownData(date(meta.data_date));
  // data with shorter follow-up than the maturity horizon asked for: every page says which horizon its figures use
  return meta.mature_days < meta.mature_days_setting
    ? `${what} ${t.shorterFollowUp(t.followUp(meta.mature_days_setting), t.followUp(meta.mature_days))}`
    : what;
}

export function PageChrome(pageId: string, lang: Lang, t: Dictionary, notice: string): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "page-chrome";
  const a = document.createElement("a");
  a.dataset.langSwitch = "";
  a.lang = lang === "da" ? "en" : "da";
  a.hreflang = a.lang;
  a.className = "lang-switch no-print";
  a.href = otherLanguagePath(pageId, lang) + location.search;
  a.textContent = t.otherLang;
  a.title = t.switchLabel;
  const noticeText = notice;
  const noticeEl = document.createElement("p");
  noticeEl.className = "data-notice";
  noticeEl.textContent = noticeText;
  bar.append(noticeEl, a);
  return bar;
}
