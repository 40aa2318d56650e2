// What every page shows at the top: the language switch (keeping the view) and what the data are.
import type {Dictionary, Lang} from "../i18n/index.js";
import {otherLanguagePath} from "../i18n/index.js";

/** What the warehouse says about its data (the `meta` of every data file). */
export interface DataMeta {
  synthetic: boolean | null;
  provider: string | null;
  data_date: string;
  data_version: string;
}

/**
 * The data notice: synthetic data say so; real data name their provider and data date; a warehouse that does not
 * say (ingested before dataset.json existed) says that. `date` formats an ISO date for the page's language.
 */
export function dataNotice(meta: DataMeta, t: Dictionary, date: (d: string) => string): string {
  if (meta.synthetic === true) return t.synthetic;
  if (meta.synthetic === false) return t.realData(meta.provider, date(meta.data_date));
  return t.unknownData(date(meta.data_date));
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
