// Every page in real Chromium against the built site served locally: no console
// error, no request outside the site, no serious or critical axe violation
// (WCAG 2.1 A/AA), the right lang, a print stylesheet that hides navigation,
// and a screenshot under test/output/screenshots/ for a person to look at.
import {mkdirSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";
import {tableFromIPC} from "@uwdata/flechette";
import {parseCsv} from "../helpers/csv.ts";
import {ALL_PAGES, axeViolations, builtData, useSite} from "../helpers/browser-site.ts";

const SHOTS = join(PROJECT_ROOT, "test", "output", "screenshots");

const site = useSite();

beforeAll(() => {
  mkdirSync(SHOTS, {recursive: true});
});

/** The slices the built site publishes and its intake periods (the transitions page's index): which periods stand on their own. */
function publishedSlices(): {published: Set<string>; periods: string[]} {
  const index = builtData("transitions").slices as {periods: {key: string}[]; slices: {key: string}[]};
  return {published: new Set(index.slices.map((s) => s.key)), periods: index.periods.map((p) => p.key)};
}

/** Keys of the built slices whose status counts are shown (a row with its n published): the cohort page draws their status chart. */
function slicesWithStatus(): Set<string> {
  const dir = join(PROJECT_ROOT, "dist", "_file", "generated", "slices");
  return new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .filter((f) => (JSON.parse(readFileSync(join(dir, f), "utf8")).outcomes as {n: number | null}[]).some((o) => o.n))
      .map((f) => f.split(".").slice(0, 3).join("."))
  );
}

describe.each(ALL_PAGES)("page %s (%s) at %s", (id, lang, path) => {
  it("loads cleanly, accessibly and in the right language", async () => {
    const {page, errors, outside} = await site.open(path);
    try {
      expect(errors, "console errors").toEqual([]);
      expect(outside, "requests outside the site").toEqual([]);
      expect(await page.getAttribute("html", "lang")).toBe(lang);
      expect(await page.locator(".observablehq--error").count(), "cell errors").toBe(0);
      // the built-in sample says it is synthetic (its dataset.json, through warehouse_meta)
      expect(await page.locator("p.data-notice").textContent()).toMatch(
        lang === "da" ? /^Syntetiske data/ : /^Synthetic data/
      );
      expect(await page.locator("body").innerText(), "no undefined on the page").not.toContain("undefined");
      const violations = (await axeViolations(page))
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).join(", ")}`);
      expect(violations, "serious/critical axe violations").toEqual([]);
      await page.screenshot({path: join(SHOTS, `${lang}-${id}.png`), fullPage: true});
      await page.emulateMedia({media: "print"});
      expect(await page.locator("#observablehq-sidebar").isVisible(), "sidebar hidden in print").toBe(false);
    } finally {
      await page.close();
    }
  });
});

describe("filters and downloads", () => {
  it("a filter change updates the chart and the URL, and the URL restores the view", async () => {
    const {page, errors} = await site.open("/overgange");
    try {
      const summary = page.locator("figure.chart-figure .chart-summary").first();
      const before = await summary.textContent();
      const selects = page.locator("form select");
      // main areas exist only within the vocational group
      expect(await selects.nth(1).isDisabled()).toBe(true);
      await selects.first().selectOption({label: "Erhvervsuddannelser (EUD/EUX)"});
      await page.waitForFunction(() => location.search.includes("programme=vocational"));
      await page.waitForFunction(
        (text) => document.querySelector("figure.chart-figure .chart-summary")?.textContent !== text,
        before
      );
      expect(await selects.nth(1).isDisabled()).toBe(false);
      // main area and intake period: each loads its own slice file
      const sliceRequests: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes("/generated/slices/")) sliceRequests.push(r.url());
      });
      await selects.nth(1).selectOption({label: "Teknologi, byggeri og transport"});
      await page.waitForFunction(() => location.search.includes("area=teknologi"));
      // a period with too few students has no slice of its own: all intakes are shown, and the page says so
      const {published, periods} = publishedSlices();
      const small = periods.find((p) => !published.has(`vocational.teknologi.${p}`));
      if (small) {
        await selects.nth(2).selectOption({label: small.replace("-", "–")});
        await page.waitForFunction((p) => location.search.includes(`years=${p}`), small);
        await expect
          .poll(() => page.locator("p.note.coarsened").textContent())
          .toContain(`Teknologi, byggeri og transport, optaget ${small.replace("-", "–")} vises ikke for sig`);
        if (published.has("vocational.teknologi.all"))
          await expect.poll(() => summary.textContent()).toContain("Teknologi, byggeri og transport, alle årgange");
      }
      // a period with a slice of its own: in this main area if one is published, else for all main areas
      const area = ["teknologi", "all"].find((a) => periods.some((p) => published.has(`vocational.${a}.${p}`)))!;
      const areaLabel = area === "teknologi" ? "Teknologi, byggeri og transport" : "Alle hovedområder";
      if (area !== "teknologi") {
        await selects.nth(1).selectOption({label: areaLabel});
        await page.waitForFunction(() => !location.search.includes("area="));
      }
      const period = periods.find((p) => published.has(`vocational.${area}.${p}`))!;
      await selects.nth(2).selectOption({label: period.replace("-", "–")});
      await page.waitForFunction((p) => location.search.includes(`years=${p}`), period);
      const shown = `${area === "teknologi" ? "Teknologi, byggeri og transport" : "Erhvervsuddannelser (EUD/EUX)"}, optaget ${period.replace("-", "–")}`;
      await page.waitForFunction(
        (text) => document.querySelector("figure.chart-figure .chart-summary")?.textContent?.includes(text),
        shown
      );
      const after = await summary.textContent();
      expect(after).not.toEqual(before);
      expect(
        new Set(sliceRequests.map((u) => u.replace(/.*\/generated\/slices\//, "").replace(/\.[0-9a-f]{8}\.json$/, "")))
      ).toContain(`vocational.${area}.${period}`);
      const url = page.url();
      expect(url).toContain(`years=${period}`);
      await page.goto(url, {waitUntil: "networkidle"});
      expect(
        await page
          .locator("form select")
          .first()
          .evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)
      ).toBe("Erhvervsuddannelser (EUD/EUX)");
      expect(
        await page
          .locator("form select")
          .nth(1)
          .evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)
      ).toBe(areaLabel);
      await page.waitForSelector("figure.chart-figure .chart-summary");
      // the figures render one after another: wait for the first one to be the one shown before the reload
      await expect.poll(() => page.locator("figure.chart-figure .chart-summary").first().textContent()).toEqual(after);
      // The language switch keeps the view.
      expect(await page.locator("a[data-lang-switch]").getAttribute("href")).toContain(`years=${period}`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the cohorts page shows the chosen cohort's retention curve and stage hazards, and its downloads match its table", async () => {
    // curves are published for all intakes together (per period they were mostly hidden by the disclosure audit); in the
    // sample the curves of all programmes reach past the landmark (6 weeks), those of the vocational programmes do not
    const whole = await site.open("/kohorter");
    try {
      await whole.page.waitForFunction(() =>
        [...document.querySelectorAll("figure.chart-figure h3")].some((h) =>
          h.textContent?.includes("Fastholdelse over tid i kohorten")
        )
      );
      const curve = whole.page.locator("figure.chart-figure", {
        has: whole.page.locator("h3", {hasText: "Fastholdelse over tid i kohorten"})
      });
      expect(await curve.locator("svg path").count()).toBeGreaterThan(2);
      expect(await curve.locator(".chart-summary").textContent()).toContain("6 uger efter start");
      // unticking a mentor group removes its curve
      const before = await curve.locator("table tbody tr").count();
      await whole.page.getByLabel("Ingen mentor", {exact: true}).uncheck();
      await whole.page.waitForFunction(() => location.search.includes("group="));
      const curveAfter = whole.page.locator("figure.chart-figure", {
        has: whole.page.locator("h3", {hasText: "Fastholdelse over tid i kohorten"})
      });
      await expect.poll(() => curveAfter.locator("table tbody tr").count()).toBeLessThan(before);
      expect(whole.errors).toEqual([]);
    } finally {
      await whole.page.close();
    }
    const {page, errors} = await site.open("/kohorter?programme=vocational");
    try {
      await page.waitForFunction(() =>
        [...document.querySelectorAll("figure.chart-figure .chart-summary")].some((p) =>
          p.textContent?.includes("(EUD/EUX)")
        )
      );
      // one intake period (one with its own slice): status and stage hazards of that cohort; the curve says where curves are shown
      const {published, periods} = publishedSlices();
      // a period whose status counts the disclosure audit left shown (which ones depends on everything published)
      const withStatus = slicesWithStatus();
      const period = periods.find((p) => published.has(`vocational.all.${p}`) && withStatus.has(`vocational.all.${p}`));
      expect(period, "a vocational intake period with its own slice and status counts").toBeDefined();
      await page
        .locator("form select")
        .nth(2)
        .selectOption({label: period!.replace("-", "–")});
      await page.waitForFunction((p) => location.search.includes(`years=${p}`), period);
      await page.waitForFunction(() =>
        [...document.querySelectorAll("figure.chart-figure .chart-summary")].some((p) =>
          p.textContent?.includes("(EUD/EUX), optaget")
        )
      );
      const titles = await page.locator("figure.chart-figure h3").allTextContents();
      expect(titles).toEqual(
        expect.arrayContaining(["Status ved dataudtrækket", "Frafald ved hver overgang i kohorten"])
      );
      await expect
        .poll(() => page.locator("p.empty-note").allTextContents())
        .toEqual(expect.arrayContaining([expect.stringContaining("Alle årgange")]));
      // the hazard table's CSV = its rows on the page
      const hazards = page.locator("figure.chart-figure", {
        has: page.locator("h3", {hasText: "Frafald ved hver overgang i kohorten"})
      });
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        hazards.locator("button[data-download=csv]").click()
      ]);
      // a Danish page's CSV is for Danish Excel: ";" between fields, the table's Danish headers
      const csv = parseCsv(readFileSync((await download.path())!, "utf8"), ";");
      expect(csv.rows.length).toBe(await hazards.locator("table tbody tr").count());
      const [arrow] = await Promise.all([
        page.waitForEvent("download"),
        hazards.locator("button[data-download=arrow]").click()
      ]);
      expect(arrow.suggestedFilename()).toMatch(/^cohort-hazards-vocational\.all\.\d{4}.*\.arrow$/);
      const bytes = readFileSync((await arrow.path())!);
      expect(bytes.subarray(0, 6).toString()).toBe("ARROW1"); // the IPC file format (arrow::read_ipc_file, pyarrow.ipc.open_file)
      const table = tableFromIPC(bytes).toArray() as {dropped: number | null}[];
      const dropped = csv.header.indexOf("Faldt fra");
      expect(dropped).toBeGreaterThan(0);
      expect(table.map((r) => (r.dropped === null ? "" : String(r.dropped)))).toEqual(csv.rows.map((l) => l[dropped]));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a CSV download carries the same numbers as the table on the page", async () => {
    const {page} = await site.open("/");
    try {
      const figure = page.locator("figure.chart-figure").first();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        figure.locator("button[data-download=csv]").click()
      ]);
      const {header, rows} = parseCsv(readFileSync((await download.path())!, "utf8"), ";");
      await figure.locator("details summary").click();
      const cells = await figure
        .locator("table tbody tr")
        .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? "")));
      expect(rows.length).toBe(cells.length);
      expect(cells.length).toBeGreaterThan(5);
      const year = header.indexOf("Optagelsesår"),
        students = header.indexOf("Elever"),
        dropped = header.indexOf("Faldt fra");
      expect([year, students, dropped]).toEqual([0, 2, 3]);
      rows.forEach((row, i) => {
        expect(cells[i][0]).toBe(row[year]);
        // Danish thousands separator on the page, plain digits in the file; "<5*" where suppressed.
        for (const col of [students, dropped]) {
          const shown = cells[i][col].replace(/\./g, "");
          if (shown.startsWith("<")) expect(row[col]).toBe("");
          else expect(shown).toBe(row[col]);
        }
      });
    } finally {
      await page.close();
    }
  });
});
