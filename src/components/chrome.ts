// What every page shows at the top: the language switch (keeping the view) and what the data are.
import type {Dictionary, Lang} from "../i18n/index.js";
import {otherLanguagePath} from "../i18n/index.js";

/** `notice`: what the data are, as the loaders wrote it (`meta.notice[lang]`, loaders/analysis/notice.ts). */
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
  const noticeEl = document.createElement("p");
  noticeEl.className = "data-notice";
  noticeEl.textContent = notice;
  bar.append(noticeEl, a);
  return bar;
}
