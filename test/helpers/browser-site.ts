// The built site (dist/) served locally and opened in real Chromium, for the browser suites:
// a page is opened with its console errors and requests outside the site recorded, and waits
// until no cell is loading (and for the selectors a suite names). Also axe on an open page, and the
// published data files, read as the pages read them.
import {readdirSync, readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {join} from "node:path";
import type {Server} from "node:http";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";
import {launch} from "../../loaders/site/chromium.ts";
import {serve} from "../../loaders/site/serve.ts";
import {PAGES, type Lang} from "../../src/i18n/pages.ts";
import {SITE_BUILD_WAIT_MS, siteBuilt} from "./site-build.ts";

export interface OpenOptions {
  viewport?: {width: number; height: number};
  colorScheme?: "light" | "dark";
  /** Selectors to wait for (in order, 30 s each) once no cell is loading: a suite's own sign that the page is ready. */
  waitFor?: string[];
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Uncaught exceptions only. */
  pageErrors: string[];
  /** Requests that would have left the site (aborted). */
  outside: string[];
}

export interface BrowserSite {
  base: string;
  open: (path: string, options?: OpenOptions) => Promise<OpenedPage>;
  close: () => Promise<void>;
}

/** Every page of the site in both languages: [page id, language, path]. */
export const ALL_PAGES = PAGES.flatMap((p) => [
  [p.id, "da", p.da.path] as const,
  [p.id, "en", p.en.path] as const
]) as readonly (readonly [string, Lang, string])[];

export async function startSite(): Promise<BrowserSite> {
  await siteBuilt();
  const {url: base, server}: {url: string; server: Server} = await serve(join(PROJECT_ROOT, "dist"));
  const browser: Browser = await launch();
  return {
    base,
    async open(path, {viewport = {width: 1280, height: 900}, colorScheme = "light", waitFor = []} = {}) {
      const page = await browser.newPage({viewport, colorScheme, acceptDownloads: true});
      const errors: string[] = [];
      const pageErrors: string[] = [];
      const outside: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => {
        errors.push(String(e));
        pageErrors.push(String(e));
      });
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
        outside.push(url);
        return route.abort();
      });
      await page.goto(base + path, {waitUntil: "networkidle"});
      await page
        .waitForFunction(() => !document.querySelector(".observablehq--loading"), null, {timeout: 30_000})
        .catch(() => {});
      for (const selector of waitFor) await page.waitForSelector(selector, {timeout: 30_000});
      return {page, errors, pageErrors, outside};
    },
    async close() {
      await browser.close();
      server.close();
    }
  };
}

/**
 * The site for the suite in which this is called: started before its tests (one server, one Chromium), once the
 * global setup's build has finished, closed after them.
 */
export function useSite(): Omit<BrowserSite, "close"> {
  let site: BrowserSite | undefined;
  beforeAll(async () => {
    site = await startSite();
  }, SITE_BUILD_WAIT_MS + 300_000);
  afterAll(async () => {
    await site?.close();
  });
  const started = (): BrowserSite => {
    if (!site) throw new Error("the site is opened before the suite has started it");
    return site;
  };
  return {
    get base() {
      return started().base;
    },
    open: (path, options) => started().open(path, options)
  };
}

/** Wait until the page's figures have stopped appearing (some wait for a slice file); their number. */
export async function settle(page: Page): Promise<number> {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const n = await page.locator("figure.chart-figure").count();
    if (n === last) return n;
    last = n;
    await page.waitForTimeout(500);
  }
  return last;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe's WCAG 2.1 A/AA violations on an open page: the rule, its impact and each node's selector. */
export async function axeViolations(page: Page): Promise<{id: string; impact: string; nodes: string[]}[]> {
  await page.addScriptTag({content: AXE});
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, {
      runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
    });
    return result.violations.map((v: {id: string; impact: string; nodes: {target: string[]}[]}) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(" "))
    }));
  });
}

const DATA_DIR = join(PROJECT_ROOT, "dist", "_file", "data");

/** A published data file of the built site, dist/_file/data/<name>.<hash>.json, parsed. */
export function builtData<T = any>(name: string): T {
  const pattern = new RegExp(`^${name}\\.[0-9a-f]{8}\\.json$`);
  const file = readdirSync(DATA_DIR).find((f) => pattern.test(f));
  if (!file) throw new Error(`no ${name}.<hash>.json in ${DATA_DIR}`);
  return JSON.parse(readFileSync(join(DATA_DIR, file), "utf8")) as T;
}

/** Every published JSON data file of the built site, parsed. */
export function everyBuiltData(): unknown[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(DATA_DIR, f), "utf8")));
}
