// The site's pages in both languages: one table for navigation, the language
// switch and the generation of the English pages (loaders/cli/prepare.ts).
export type Lang = "da" | "en";

export interface PageInfo {
  id: string;
  da: {path: string; title: string};
  en: {path: string; title: string};
  /** Source file under src/ (Danish). */
  source: string;
  /** Linked from the footer of every page rather than from the sidebar. */
  footerOnly?: boolean;
}

export const PAGES: readonly PageInfo[] = [
  {id: "overview", source: "index.md", da: {path: "/", title: "Overblik"}, en: {path: "/en/", title: "Overview"}},
  {
    id: "transitions",
    source: "overgange.md",
    da: {path: "/overgange", title: "Overgange"},
    en: {path: "/en/transitions", title: "Transitions"}
  },
  {
    id: "schemes",
    source: "ordninger.md",
    da: {path: "/ordninger", title: "Ordninger"},
    en: {path: "/en/schemes", title: "Schemes"}
  },
  {
    id: "benchmark",
    source: "benchmark.md",
    da: {path: "/benchmark", title: "Benchmark"},
    en: {path: "/en/benchmark", title: "Benchmark"}
  },
  {
    id: "cohorts",
    source: "kohorter.md",
    da: {path: "/kohorter", title: "Kohorter"},
    en: {path: "/en/cohorts", title: "Cohorts"}
  },
  {
    id: "scenario",
    source: "scenarie.md",
    da: {path: "/scenarie", title: "Scenarie"},
    en: {path: "/en/scenario", title: "What if"}
  },
  {
    id: "methods",
    source: "metode.md",
    da: {path: "/metode", title: "Metode"},
    en: {path: "/en/methods", title: "Methods"}
  },
  {
    id: "accessibility",
    source: "tilgaengelighed.md",
    da: {path: "/tilgaengelighed", title: "Tilgængelighedserklæring"},
    en: {path: "/en/accessibility", title: "Accessibility statement"},
    footerOnly: true
  }
];

/** The pages the sidebar lists. */
export const NAV_PAGES: readonly PageInfo[] = PAGES.filter((p) => !p.footerOnly);

/** English source file (generated) for a page. */
export function englishFile(page: PageInfo): string {
  const name = page.en.path.replace(/^\/en\/?/, "");
  return `en/${name === "" ? "index" : name}.md`;
}
