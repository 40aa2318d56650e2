// The built site (dist/) served locally and opened in real Chromium, for the browser suites:
// a page is opened with its console errors and requests outside the site recorded, and waits
// until no cell is loading.
import {join} from "node:path";
import type {Server} from "node:http";
import type {Browser, Page} from "playwright-core";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";
import {launch} from "../../loaders/site/chromium.ts";
import {serve} from "../../loaders/site/serve.ts";
import {PAGES, type Lang} from "../../src/i18n/pages.ts";

export interface BrowserSite {
  base: string;
  open: (path: string, viewport?: {width: number; height: number}) => Promise<{page: Page; errors: string[]; outside: string[]}>;
  close: () => Promise<void>;
}

/** Every page of the site in both languages: [page id, language, path]. */
export const ALL_PAGES = PAGES.flatMap((p) => [[p.id, "da", p.da.path] as const, [p.id, "en", p.en.path] as const]) as readonly (readonly [string, Lang, string])[];

export async function startSite(): Promise<BrowserSite> {
  const {url: base, server}: {url: string; server: Server} = await serve(join(PROJECT_ROOT, "dist"));
  const browser: Browser = await launch();
  return {
    base,
    async open(path, viewport = {width: 1280, height: 900}) {
      const page = await browser.newPage({viewport});
      const errors: string[] = [];
      const outside: string[] = [];
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
        outside.push(url);
        return route.abort();
      });
      await page.goto(base + path, {waitUntil: "networkidle"});
      await page.waitForFunction(() => !document.querySelector(".observablehq--loading"), null, {timeout: 30_000}).catch(() => {});
      return {page, errors, outside};
    },
    async close() {
      await browser.close();
      server.close();
    }
  };
}
