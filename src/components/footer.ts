// The footer of every page, written at build time (observablehq.config.ts) in the page's language:
// publisher, contact, release date (the build date) and the accessibility statement.
// Publisher and contact are settings of the publication (README: MENTOR_PUBLISHER, MENTOR_CONTACT_EMAIL,
// MENTOR_CONTACT_URL); the defaults are placeholders and say so.
import {da} from "../i18n/da.ts";
import {en} from "../i18n/en.ts";
import {PAGES, type Lang} from "../i18n/pages.ts";

export const DEFAULT_PUBLISHER = "Region Hovedstaden";
export const DEFAULT_CONTACT_EMAIL = "mentor-data@example.invalid";

/** The environment (or a test's settings): MENTOR_PUBLISHER, MENTOR_CONTACT_EMAIL, MENTOR_CONTACT_URL. */
export type FooterSettings = Record<string, string | undefined>;

/** The language of a page from its path: English under /en/. */
export function pathLang(path: string): Lang {
  return /^\/?en(\/|$)/.test(path) ? "en" : "da";
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]!);

export function siteFooter(path: string, settings: FooterSettings, released: Date): string {
  const lang = pathLang(path);
  const t = (lang === "da" ? da : en).furniture;
  const publisher = settings.MENTOR_PUBLISHER?.trim() || DEFAULT_PUBLISHER;
  const email = settings.MENTOR_CONTACT_EMAIL?.trim() || DEFAULT_CONTACT_EMAIL;
  const url = settings.MENTOR_CONTACT_URL?.trim();
  const placeholder = !settings.MENTOR_CONTACT_EMAIL?.trim() && !url;
  const contact = [
    `<a href="mailto:${escape(email)}">${escape(email)}</a>`,
    url ? `<a href="${escape(url)}">${escape(url)}</a>` : "",
    placeholder ? escape(t.contactExample) : ""
  ]
    .filter(Boolean)
    .join(" ");
  const iso = released.toISOString().slice(0, 10);
  const day = new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC"
  }).format(released);
  const a11y = PAGES.find((p) => p.id === "accessibility")!;
  const methods = PAGES.find((p) => p.id === "methods")!;
  return `<div class="site-footer" lang="${lang}">
<p class="footer-site">${escape(t.site)}</p>
<p class="footer-facts"><span class="footer-publisher">${escape(t.publisher)}: ${escape(publisher)}</span> · <span class="footer-contact" data-contact>${escape(t.contact)}: ${contact}</span> · <span class="footer-release">${escape(t.releaseDate)} <time datetime="${iso}">${escape(day)}</time></span></p>
<p class="footer-links"><a class="footer-accessibility" href="${a11y[lang].path}">${escape(t.accessibility)}</a> · <a href="${methods[lang].path}">${escape(t.methodsLink)}</a></p>
</div>`;
}
