/**
 * Browser figures for `npm run bench`: per page, the data transferred for its
 * first view (files under /_file/), the time from navigation to the first chart, the time a
 * filter change takes to redraw and, on the what-if page, the time from a changed number of extra mentees
 * to the recomputed answer (target < 50 ms). Headless Debian Chromium via playwright-core.
 */
import {PAGES} from "../../src/i18n/pages.ts";
import {launch} from "./chromium.ts";
import {serve} from "./serve.ts";

export interface PageFigures {
  path: string;
  dataBytes: number;
  firstChartMs: number;
  filterMs: number | null;
  /** What-if page: a changed number of extra mentees until the answer in words says the new result. */
  recomputeMs: number | null;
}

export async function benchBrowser(dist: string): Promise<PageFigures[]> {
  const {url, server} = await serve(dist);
  const browser = await launch();
  const results: PageFigures[] = [];
  try {
    // the pages with data (the accessibility statement, linked from the footer, has no chart or table to wait for)
    for (const page of PAGES.filter((p) => !p.footerOnly)) {
      const tab = await browser.newPage();
      let dataBytes = 0;
      tab.on("response", (response) => {
        if (!response.url().includes("/_file/")) return;
        response.body().then(
          (b) => {
            dataBytes += b.length;
          },
          () => {
            /* navigation ended */
          }
        );
      });
      const started = Date.now();
      await tab.goto(url + page.da.path, {waitUntil: "commit"});
      await tab.waitForSelector("figure.chart-figure svg, .data-table table", {timeout: 30_000});
      const firstChartMs = Date.now() - started;
      await tab.waitForLoadState("networkidle");
      // the first view's data (a filter change may load another slice file)
      const viewBytes = dataBytes;
      let filterMs: number | null = null;
      const select = tab.locator("form select").first();
      if (await select.count()) {
        const options = await select.locator("option").allTextContents();
        if (options.length > 1) {
          filterMs = await tab.evaluate(async () => {
            const s = document.querySelector("form select") as HTMLSelectElement;
            // no named helpers in here: tsx would wrap them in __name(), which the page does not define
            const before = [...document.querySelectorAll("figure.chart-figure")];
            const t0 = performance.now();
            s.selectedIndex = (s.selectedIndex + 1) % s.options.length;
            s.dispatchEvent(new Event("input", {bubbles: true}));
            // Redrawn when any chart the page showed has been replaced (the filter may drive a chart further down,
            // and may first load another data file); give up after 10 s.
            while (before.every((f) => f.isConnected) && performance.now() - t0 < 10_000) {
              await new Promise((r) => requestAnimationFrame(() => r(null)));
            }
            return before.some((f) => !f.isConnected) ? performance.now() - t0 : NaN;
          });
        }
      }
      let recomputeMs: number | null = null;
      if (page.id === "scenario" && (await tab.locator("[data-scenario=answer]").count())) {
        const times: number[] = [];
        // the median of five changes (the first one also warms up the page's code)
        for (let i = 0; i < 5; i++) {
          times.push(
            await tab.evaluate(async () => {
              const input = document.querySelector("[data-scenario=amount] input") as HTMLInputElement;
              const answer = document.querySelector("[data-scenario=answer]")!;
              const before = answer.textContent;
              const t0 = performance.now();
              input.valueAsNumber = input.valueAsNumber + 37;
              input.dispatchEvent(new Event("input", {bubbles: true}));
              while (
                document.querySelector("[data-scenario=answer]")?.textContent === before &&
                performance.now() - t0 < 10_000
              ) {
                await new Promise((r) => requestAnimationFrame(() => r(null)));
              }
              return document.querySelector("[data-scenario=answer]")?.textContent !== before
                ? performance.now() - t0
                : NaN;
            })
          );
        }
        recomputeMs = times.sort((a, b) => a - b)[2];
      }
      results.push({path: page.da.path, dataBytes: viewBytes, firstChartMs, filterMs, recomputeMs});
      await tab.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return results;
}
