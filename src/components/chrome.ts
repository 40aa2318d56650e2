// What every page shows at the top: the language switch (keeping the view) and the synthetic-data notice.
import type {Dictionary, Lang} from "../i18n/index.js";
import {otherLanguagePath} from "../i18n/index.js";

export function PageChrome(pageId: string, lang: Lang, t: Dictionary): HTMLElement {
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
  const notice = document.createElement("p");
  notice.className = "synthetic-notice";
  notice.textContent = t.synthetic;
  bar.append(notice, a);
  return bar;
}
