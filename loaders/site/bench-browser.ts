/**
 * Browser figures for `npm run bench`: per page, the data transferred (files
 * under /_file/), the time from navigation to the first chart, and the time a
 * filter change takes to redraw. Headless Debian Chromium via playwright-core.
 */
import {PAGES} from "../../src/i18n/pages.ts";
import {launch} from "./chromium.ts";
import {serve} from "./serve.ts";

export interface PageFigures {
  path: string;
  dataBytes: number;
  firstChartMs: number;
  filterMs: number | null;
}

export async function benchBrowser(dist: string): Promise<PageFigures[]> {
  const {url, server} = await serve(dist);
  const browser = await launch();
  const results: PageFigures[] = [];
  try {
    for (const page of PAGES) {
      const tab = await browser.newPage();
      let dataBytes = 0;
      tab.on("response", (response) => {
        if (!response.url().includes("/_file/")) return;
        response.body().then((b) => { dataBytes += b.length; }, () => { /* navigation ended */ });
      });
      const started = Date.now();
      await tab.goto(url + page.da.path, {waitUntil: "commit"});
      await tab.waitForSelector("figure.chart-figure svg, .data-table table", {timeout: 30_000});
      const firstChartMs = Date.now() - started;
      await tab.waitForLoadState("networkidle");
      let filterMs: number | null = null;
      const select = tab.locator("form select").first();
      if (await select.count()) {
        const options = await select.locator("option").allTextContents();
        if (options.length > 1) {
          filterMs = await tab.evaluate(async () => {
            const s = document.querySelector("form select") as HTMLSelectElement;
            const before = document.querySelector("figure.chart-figure");
            const t0 = performance.now();
            s.selectedIndex = (s.selectedIndex + 1) % s.options.length;
            s.dispatchEvent(new Event("input", {bubbles: true}));
            // Redrawn when the first chart figure is a new element; give up after 10 s.
            while (document.querySelector("figure.chart-figure") === before && performance.now() - t0 < 10_000) {
              await new Promise((r) => requestAnimationFrame(() => r(null)));
            }
            return document.querySelector("figure.chart-figure") === before ? NaN : performance.now() - t0;
          });
        }
      }
      results.push({path: page.da.path, dataBytes, firstChartMs, filterMs});
      await tab.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return results;
}
