// One entry point for pages: the dictionary, formatters and page links of a language.
import {da, type Dictionary} from "./da.js";
import {en} from "./en.js";
import {formatters, type Formatters, type LocaleDefinitions} from "./format.js";
import {PAGES, type Lang} from "./pages.js";

export type {Dictionary, Formatters, Lang, LocaleDefinitions};
export {PAGES};

export const dictionaries: Record<Lang, Dictionary> = {da, en};

export function i18n(lang: Lang, locales: LocaleDefinitions): {t: Dictionary; f: Formatters} {
  return {t: dictionaries[lang], f: formatters(lang, locales)};
}

/** Link to the same page in the other language (the query string is kept by url-state). */
export function otherLanguagePath(pageId: string, lang: Lang): string {
  const page = PAGES.find((p) => p.id === pageId);
  if (!page) throw new Error(`Unknown page ${pageId}`);
  return lang === "da" ? page.en.path : page.da.path;
}
