// What every page shows at the top: a skip link, the language switch (keeping the view), what the data are
// and how recent they are; it also marks the language of the sidebar's links in the other language.
import type {Dictionary, Lang} from "../i18n/index.js";
import {otherLanguagePath, PAGES} from "../i18n/index.js";

/**
 * `notice`: what the data are, as the loaders wrote it (`meta.notice[lang]`, loaders/analysis/notice.ts);
 * `dataDate`: the warehouse's data date (`meta.data_date`, ISO, or "unknown").
 */
export function PageChrome(pageId: string, lang: Lang, t: Dictionary, notice: string, dataDate: string): HTMLElement {
  addSkipLink(t);
  markSidebarLanguages(lang);
  allowZoom();
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
  const text = document.createElement("div");
  text.className = "page-chrome-text";
  const noticeEl = document.createElement("p");
  noticeEl.className = "data-notice";
  noticeEl.textContent = notice;
  text.append(noticeEl, dataDateLine(lang, t, dataDate));
  bar.append(text, a);
  return bar;
}

/** "Data til og med 1. oktober 2026", with a machine-readable date. */
function dataDateLine(lang: Lang, t: Dictionary, dataDate: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "data-date";
  const date = /^\d{4}-\d{2}-\d{2}/.test(dataDate) ? new Date(`${dataDate.slice(0, 10)}T00:00:00Z`) : null;
  const time = document.createElement("time");
  if (date && !Number.isNaN(date.valueOf())) {
    time.dateTime = dataDate.slice(0, 10);
    time.textContent = new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC"
    }).format(date);
  } else {
    time.textContent = t.furniture.unknownDate;
  }
  p.append(`${t.furniture.dataDate} `, time);
  return p;
}

/** Framework's viewport forbids zooming past 100 % (maximum-scale=1); WCAG 1.4.4 asks that text can be enlarged to 200 %. */
function allowZoom(): void {
  const viewport = document.querySelector<HTMLMetaElement>('meta[name="viewport"]');
  if (viewport)
    viewport.content = viewport.content
      .split(",")
      .map((s) => s.trim())
      .filter((s) => !/^(maximum-scale|user-scalable)\b/.test(s))
      .join(", ");
}

/** The first thing a keyboard reaches: a link that moves focus to the page's main content (the sidebar comes first). */
function addSkipLink(t: Dictionary): void {
  const main = document.getElementById("observablehq-main");
  if (!main || document.querySelector("a.skip-link")) return;
  main.tabIndex = -1;
  const skip = document.createElement("a");
  skip.className = "skip-link";
  skip.href = "#observablehq-main";
  skip.textContent = t.furniture.skipLink;
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  });
  document.body.prepend(skip);
}

/** The sidebar lists both languages' pages: the links (and the section title) in the other language say so. */
function markSidebarLanguages(lang: Lang): void {
  const sidebar = document.getElementById("observablehq-sidebar");
  if (!sidebar) return;
  const english = new Set(PAGES.map((p) => p.en.path.replace(/\/$/, "")));
  for (const link of sidebar.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const path = new URL(link.href, location.href).pathname.replace(/\/$/, "").replace(/\.html$/, "");
    const linkLang: Lang = [...english].some((p) => path.endsWith(p)) ? "en" : "da";
    if (linkLang !== lang) link.lang = linkLang;
  }
  // the title of the section that lists the English pages
  if (lang === "da")
    for (const summary of sidebar.querySelectorAll("summary"))
      if (summary.textContent?.trim() === "English") summary.lang = "en";
}
