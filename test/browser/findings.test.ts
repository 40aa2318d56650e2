// Key findings, one comparison per claim and the transitions page's filters,
// in real Chromium against the built site: each page opens with 3–4 sentences
// whose figures stand in the page's own cards and tables; the overview's cards
// are the overall comparison as published; the transitions page draws its
// transition markers and its right-hand chart follows the filters.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {da} from "../../src/i18n/da.ts";
import {en} from "../../src/i18n/en.ts";
import {ALL_PAGES, builtData, useSite} from "../helpers/browser-site.ts";

const site = useSite();

/** A page once its key findings and first chart stand; its errors are its uncaught exceptions. */
async function open(path: string): Promise<{page: Page; errors: string[]}> {
  const {page, pageErrors} = await site.open(path, {waitFor: ["section.key-findings li", "figure.chart-figure"]});
  return {page, errors: pageErrors};
}

/** Figures with decimals (the rates and differences), without their sign: "−4,1" and "4,1" are the same figure in words. */
const decimals = (text: string, lang: "da" | "en") => text.match(lang === "da" ? /\d+,\d+/g : /\d+\.\d+/g) ?? [];

const PAGES_WITH_FINDINGS = ["overview", "transitions", "schemes", "cohorts"];
const CASES = ALL_PAGES.filter(([id]) => PAGES_WITH_FINDINGS.includes(id));

describe.each(CASES)("key findings on %s (%s)", (_id, lang, path) => {
  it("open the page with 3–4 sentences whose figures are the page's own", async () => {
    const {page, errors} = await open(path);
    try {
      expect(errors).toEqual([]);
      const block = page.locator("section.key-findings");
      expect(await block.locator("h2").textContent()).toBe(lang === "da" ? da.findings.title : en.findings.title);
      const sentences = await block.locator("li").allTextContents();
      expect(sentences.length).toBeGreaterThanOrEqual(3);
      expect(sentences.length).toBeLessThanOrEqual(4);
      // the block comes before the first chart
      expect(
        await page.evaluate(() => {
          const k = document.querySelector("section.key-findings")!;
          const c = document.querySelector("figure.chart-figure")!;
          return Boolean(k.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
        })
      ).toBe(true);
      // no jargon in the sentences
      for (const s of sentences) expect(s).not.toMatch(/CI|O\/E|log-rank|p =|undefined|NaN/);
      // every figure in the sentences stands in the page's cards or tables (all tables are in the DOM, folded)
      // text node by text node, so that neighbouring table cells do not run together
      const rest = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const parts: string[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode())
          if (!n.parentElement?.closest("section.key-findings")) parts.push(n.textContent ?? "");
        return parts.join(" ");
      });
      const onPage = new Set(decimals(rest, lang));
      const figures = sentences.flatMap((s) => decimals(s, lang));
      expect(figures.length, "the sentences carry figures").toBeGreaterThan(0);
      for (const n of figures) expect(onPage.has(n), `${n} from the key findings is on the page`).toBe(true);
      // intervals are said in words
      expect(sentences.join(" ")).toMatch(
        lang === "da"
          ? /mellem \d+,\d+( pct\.)? og \d+,\d+|fra \d+,\d+ procentpoint færre til/
          : /between \d+\.\d+%? and \d+\.\d+|from \d+\.\d+ percentage points fewer to/
      );
      // each chart links to its section of the methods page
      const figures2 = await page.locator("figure.chart-figure").count();
      const links = await page
        .locator("p.methods-link a")
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")));
      expect(links.length).toBeGreaterThanOrEqual(figures2);
      for (const href of links) expect(href).toMatch(lang === "da" ? /^\/metode#[a-z]+$/ : /^\/en\/methods#[a-z]+$/);
      // and each section is there on the methods page
      await page.goto(site.base + links[0]!.replace(/#.*/, ""), {waitUntil: "networkidle"});
      await page.waitForSelector("#page-title");
      for (const id of new Set(links.map((h) => h!.replace(/.*#/, ""))))
        expect(await page.locator(`[id="${id}"]`).count(), `#${id} on the methods page`).toBe(1);
    } finally {
      await page.close();
    }
  });
});

const pctDa = (x: number) => `${(x * 100).toFixed(1).replace(".", ",")} pct.`;
const ppDa = (x: number) => `${(x * 100).toFixed(1).replace(".", ",").replace("-", "−")} procentpoint`;
const countDa = (n: number) => n.toLocaleString("da-DK");

describe("overview cards", () => {
  it("are the overall comparison: raw and adjusted of the same group, with its population and n", async () => {
    const overview = builtData("overview");
    const overall = overview.effects.find((d: {level: string}) => d.level === "overall");
    const {page} = await open("/");
    try {
      const card = (name: string) => page.locator(`[data-card=${name}]`).textContent();
      expect(await card("rate-with")).toBe(pctDa(overall.rate_mentored));
      expect(await card("rate-without")).toBe(pctDa(overall.rate_comparison));
      expect(await card("naive")).toBe(ppDa(overall.naive));
      expect(await card("adjusted")).toBe(ppDa(overall.adjusted));
      // the raw difference is the two raw rates' difference (one comparison)
      expect(Math.abs(overall.rate_mentored - overall.rate_comparison - overall.naive)).toBeLessThan(0.0015);
      expect(await card("n-with")).toContain(countDa(overall.n_mentored));
      expect(await card("n-without")).toContain(countDa(overall.n_comparison));
      const population = await page.locator("[data-population]").textContent();
      expect(population).toContain(countDa(overall.n_mentored));
      expect(population).toContain(countDa(overall.n_comparison));
      if (overall.origin === "mixed") expect(population).toContain("arbejdspladsmentor");
      // cohorts and horizon: the estimand under the cards
      expect(await page.locator(".population-note").textContent()).toContain(overview.meta.estimand.da);
      // the why-not-raw explanation next to the cards
      expect(await page.locator(".caveat h2").textContent()).toBe(da.overview.caveatTitle);
      // the headline sentence states the same adjusted difference
      expect(await page.locator("p.answer").textContent()).toContain(
        (Math.abs(overall.adjusted) * 100).toFixed(1).replace(".", ",")
      );
    } finally {
      await page.close();
    }
  });
});

describe("transitions page", () => {
  const figure = (page: Page, title: string) =>
    page.locator("figure.chart-figure", {has: page.locator("h3", {hasText: title})});
  const cells = (page: Page, title: string) =>
    figure(page, title)
      .locator("table tbody tr")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td, th")].map((c) => c.textContent ?? "")));
  const num = (s: string) =>
    Number(
      s
        .replace(/[^\d,−-]/g, "")
        .replace(",", ".")
        .replace("−", "-")
    );

  it("draws the dashed transition markers for all programmes, and says whose timing they show", async () => {
    const {page} = await open("/overgange");
    try {
      const curves = figure(page, da.transitions.curvesTitle);
      expect(await curves.locator("g[stroke-dasharray='3,3'] line").count()).toBeGreaterThan(0);
      expect(await curves.locator(".chart-summary").textContent()).toContain(da.findings.markersAll);
    } finally {
      await page.close();
    }
  });

  it("the right-hand chart follows the programme and year filters, from the left chart's own counts", async () => {
    const {page} = await open("/overgange");
    try {
      const title = da.transitions.phaseEffectsTitle;
      expect(await page.locator("section.key-findings").textContent()).not.toContain("ujusteret");
      const before = await cells(page, title);
      expect(before.some((r) => r[1] === da.adjusted)).toBe(true);
      await page.locator("form select").first().selectOption({label: "Erhvervsuddannelser (EUD/EUX)"});
      await page.waitForFunction(() => location.search.includes("programme=vocational"));
      await expect
        .poll(() => figure(page, title).locator(".chart-summary").textContent())
        .toContain("ujusterede forskel");
      const after = await cells(page, title);
      expect(after).not.toEqual(before);
      // the key findings follow too: a clear difference is now said to be unadjusted
      await expect
        .poll(async () => {
          const text = (await page.locator("section.key-findings").textContent())!;
          return text.includes("ujusteret") || text.includes(da.findings.noPhaseHelps);
        })
        .toBe(true);
      expect(after.every((r) => r[1] === da.naive)).toBe(true);
      // each difference is the hazards chart's with − without, for the same phase
      const hazards = await cells(page, da.transitions.hazardsTitle);
      let checked = 0;
      const shown = (s: string) => /\d/.test(s) && !s.includes("<");
      for (const [phase, , estimate] of after) {
        if (!shown(estimate)) continue;
        const w = hazards.find((r) => r[0] === phase && r[1] === da.withMentor);
        const o = hazards.find((r) => r[0] === phase && r[1] === da.withoutMentor);
        if (!w || !o || !shown(w[4]) || !shown(o[4])) continue;
        expect(Math.abs(num(estimate) - (num(w[4]) - num(o[4])))).toBeLessThanOrEqual(0.11);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      // a year filter changes it again
      const periods = await page.locator("form select").nth(2).locator("option").allTextContents();
      await page.locator("form select").nth(2).selectOption({label: periods[1]});
      await expect
        .poll(
          async () =>
            JSON.stringify(await cells(page, title)) !== JSON.stringify(after) ||
            (await figure(page, title).locator(".chart-summary").textContent())!.includes(periods[1])
        )
        .toBe(true);
    } finally {
      await page.close();
    }
  });
});
