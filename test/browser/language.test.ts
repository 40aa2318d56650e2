// No English on Danish pages and no Danish on English pages: every visible text node of every page
// (with every <details> opened, the options of every select, tooltips and accessible names) is scanned in real Chromium against
// words that belong to the other language. Names (schools, schemes, programmes abroad, sources,
// authorities) are left out, and so is text inside an element marked with the other language (lang=…).
import {beforeAll, describe, expect, it} from "vitest";
import {ALL_PAGES, everyBuiltData, useSite} from "../helpers/browser-site.ts";

/** English words that have no place in Danish text. */
const ENGLISH = new Set([
  "the",
  "and",
  "with",
  "without",
  "of",
  "page",
  "next",
  "previous",
  "funding",
  "dropout",
  "students",
  "student",
  "download",
  "which",
  "this",
  "that",
  "from",
  "are",
  "not",
  "years",
  "all",
  "table",
  "schemes",
  "scheme",
  "mentoring",
  "transitions",
  "overview",
  "methods",
  "cohorts",
  "percentage",
  "points",
  "within",
  "contact",
  "publisher",
  "released",
  "skip",
  "content",
  "accessibility",
  "statement",
  "show"
]);
/** Danish words that have no place in English text. */
const DANISH = new Set([
  "og",
  "med",
  "uden",
  "af",
  "til",
  "ikke",
  "er",
  "det",
  "der",
  "som",
  "på",
  "fra",
  "eller",
  "hvor",
  "elever",
  "elev",
  "frafald",
  "uddannelse",
  "uddannelser",
  "overgang",
  "overgange",
  "ordning",
  "ordninger",
  "årgang",
  "årgange",
  "hovedområde",
  "vælg",
  "hent",
  "vis",
  "alle",
  "kohorter",
  "metode",
  "mentorordninger",
  "fastholdelse",
  "skjult",
  "gennemført",
  "optaget",
  "pct",
  "procentpoint",
  "finansiering",
  "udgiver",
  "kontakt",
  "udgivet"
]);
/** Proper names used in either language (besides the names in the published data). */
const FIXED_NAMES = [
  "Region Hovedstaden",
  "Digitaliseringsstyrelsen",
  "Danmarks Statistik",
  "Børne- og Undervisningsministeriet",
  "WAS-Tool",
  "Tænketanken DEA",
  "Mentorskab",
  "Uddannelsesstatistik",
  "Datavarehuset"
];
/** Loanwords at home in Danish text. */
const DANISH_LOANS = [/\bno-shows?\b/gi, /\bimmortal time\b/gi, /\bArrow \(IPC\)/g];

/** Names as the published data spell them (they are not translated). */
function publishedNames(): string[] {
  const names = new Set<string>(FIXED_NAMES);
  const keys = new Set(["name", "scheme_name", "host_name", "programme_name", "source", "institution_name"]);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (keys.has(k) && typeof x === "string") names.add(x);
        else walk(x);
      }
  };
  everyBuiltData().forEach(walk);
  return [...names].sort((a, b) => b.length - a.length);
}

const site = useSite();
let names: string[];

beforeAll(() => {
  names = publishedNames();
});

/** Every page, and the filtered views whose words come from the data (main areas, coarsened slices). */
const VIEWS = [
  ...ALL_PAGES,
  ...(["da", "en"] as const).flatMap((lang) =>
    [
      ["transitions", "/overgange"],
      ["cohorts", "/kohorter"]
    ].map(
      ([id, da]) =>
        [id, lang, `${lang === "da" ? da : `/en/${id}`}?programme=vocational&area=teknologi&years=2014-2016`] as const
    )
  )
];

describe.each(VIEWS)("page %s (%s) at %s", (_id, lang, path) => {
  it("shows no word of the other language outside names and lang-marked elements", async () => {
    const {page} = await site.open(path);
    try {
      await page.evaluate(() =>
        document.querySelectorAll("details").forEach((d) => {
          d.open = true;
        })
      );
      await page.waitForTimeout(300);
      const texts = await page.evaluate((pageLang) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          // a chart label drawn shortened (wrapped onto lines, ellipsised) is read as its full name, its <title>
          const full = el?.closest("text")?.querySelector(":scope > title");
          if (full && el !== full) continue;
          const text = node.textContent?.replace(/\s+/g, " ").trim();
          if (!el || !text || el.closest("script, style, code, noscript")) continue;
          const marked = el.closest("[lang]")?.getAttribute("lang") ?? pageLang;
          if (marked.slice(0, 2) !== pageLang) continue;
          // options of a closed select are invisible, but a reader opens them
          if (
            !el.closest("option") &&
            !(full ? full.parentElement! : el).checkVisibility({visibilityProperty: true} as CheckVisibilityOptions)
          )
            continue;
          out.push(text);
        }
        // tooltips and accessible names are read too
        for (const el of document.body.querySelectorAll("[title], [aria-label]")) {
          const marked = el.closest("[lang]")?.getAttribute("lang") ?? pageLang;
          if (marked.slice(0, 2) !== pageLang || el.closest("code")) continue;
          for (const attr of ["title", "aria-label"]) {
            const value = el.getAttribute(attr)?.replace(/\s+/g, " ").trim();
            if (value) out.push(value);
          }
        }
        return out;
      }, lang);
      expect(texts.length).toBeGreaterThan(20);
      const offenders: string[] = [];
      for (const text of texts) {
        let rest = text;
        for (const name of names) if (rest.includes(name)) rest = rest.split(name).join(" ");
        if (lang === "da") for (const loan of DANISH_LOANS) rest = rest.replace(loan, " ");
        const words = rest
          .toLowerCase()
          .split(/[^\p{L}]+/u)
          .filter(Boolean);
        const foreign =
          lang === "da" ? words.filter((w) => ENGLISH.has(w)) : words.filter((w) => DANISH.has(w) || /[æøå]/.test(w));
        if (foreign.length) offenders.push(`${foreign.join(", ")} in «${text.slice(0, 120)}»`);
        if (/pct\.\./.test(text)) offenders.push(`"pct.." in «${text.slice(0, 120)}»`);
        // a template that Markdown printed instead of running
        if (text.includes("${")) offenders.push(`code shown as text: «${text.slice(0, 120)}»`);
      }
      expect([...new Set(offenders)], `${path}: words of the other language`).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
