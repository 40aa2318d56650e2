// The what-if page in real Chromium against the built site: a changed input changes the answer and the numbers
// behind it, which equal the pure computation (src/components/scenario.ts) on the page's own data; the URL holds the
// scenario and restores it; the CSV carries the inputs, the result and one row per band; the English page says
// the same in English; and without a risk model the page says why instead of computing.
import {readFileSync} from "node:fs";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import type {ScenarioJson} from "../../loaders/analysis/types.ts";
import {preventedEvents} from "../../loaders/stats/index.ts";
import {computeScenario, type ScenarioInput} from "../../src/components/scenario.ts";
import {i18n, type LocaleDefinitions} from "../../src/i18n/index.ts";
import {parseCsv} from "../helpers/csv.ts";
import {builtData, useSite} from "../helpers/browser-site.ts";

const site = useSite();
const data = () => builtData<ScenarioJson>("scenario");
const locales = () => builtData<LocaleDefinitions>("locale");

const DEFAULT: ScenarioInput = {
  scheme_type: "all",
  target: "bands",
  bands: [3, 4, 5],
  programme: "all",
  phase: "first_weeks",
  unit: "mentees",
  amount: 100,
  cost_per_fte: null
};

const answer = (page: Page) => page.locator("[data-scenario=answer]").innerText();

/** The "numbers behind the scenario" table: each row's first cell and its prevented dropouts (last cell). */
async function tableRows(page: Page): Promise<{label: string; prevented: string}[]> {
  return page.locator(".scenario-table table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.children].map((c) => c.textContent ?? "");
      return {label: cells[0], prevented: cells[cells.length - 1]};
    })
  );
}

/** What the page must show for an input: per band and in total, the prevented dropouts as the table formats them. */
function expected(input: ScenarioInput, lang: "da" | "en") {
  const d = data();
  const {f} = i18n(lang, locales());
  const r = computeScenario(input, d, preventedEvents);
  return {
    result: r,
    rows: [...r.cells.map((c) => f.number(c.prevented, 2)), f.number(r.prevented?.estimate ?? null, 2)],
    estimate: r.prevented ? f.number(r.prevented.estimate, 1) : null
  };
}

async function expectMatches(page: Page, input: ScenarioInput, lang: "da" | "en") {
  const want = expected(input, lang);
  await expect.poll(async () => (await tableRows(page)).map((r) => r.prevented)).toEqual(want.rows);
  if (want.result.prevented && want.result.prevented.lower > 0) expect(await answer(page)).toContain(want.estimate);
  return want;
}

describe("the what-if page", () => {
  it("computes on its own data, follows its inputs, keeps them in the URL and downloads them as CSV (da)", async () => {
    const d = data();
    expect(d.model, "the sample has a risk model").not.toBeNull();
    const {page, errors} = await site.open("/scenarie", {
      waitFor: ["[data-scenario=answer] li", ".scenario-table table"]
    });
    try {
      // the default scenario: all types, bands 3–5, all programmes, 100 mentees a year
      const first = await expectMatches(page, DEFAULT, "da");
      expect(first.result.cells.map((c) => c.band)).toEqual([3, 4, 5]);
      const before = await answer(page);
      expect(before).toMatch(
        /^Med 100 ekstra mentees om året \(alle ordningstyper\) blandt elever i risikobånd 3, 4 og 5/
      );

      // more mentees: the answer and the table change, and equal the computation
      await page.locator("[data-scenario=amount] input").fill("250");
      await expect.poll(() => answer(page)).not.toBe(before);
      await expectMatches(page, {...DEFAULT, amount: 250}, "da");
      await page.waitForFunction(() => location.search.includes("amount=250"));

      // bands 4–5 only
      await page.locator("[data-scenario=bands] input").nth(2).uncheck();
      const narrowed: ScenarioInput = {...DEFAULT, bands: [4, 5], amount: 250};
      await expectMatches(page, narrowed, "da");
      await page.waitForFunction(() => location.search.includes("bands=4%2C5"));

      // the CSV: the inputs and the total on every row, one row per band, Danish Excel's form
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("button[data-download=scenario-csv]").click()
      ]);
      const csv = parseCsv(readFileSync((await download.path())!, "utf8"), ";");
      const want = expected(narrowed, "da").result;
      expect(csv.rows.length).toBe(2);
      const col = (name: string) => {
        const i = csv.header.indexOf(name);
        expect(i, `CSV column ${name}`).toBeGreaterThanOrEqual(0);
        return csv.rows.map((r) => r[i]);
      };
      const num = (v: string) => (v === "" ? null : Number(v.replace(",", ".")));
      expect(col("Ordningstype")).toEqual(["Alle ordningstyper", "Alle ordningstyper"]);
      expect(col("Angivet antal")).toEqual(["250", "250"]);
      expect(col("Bånd / overgang")).toEqual(["Bånd 4", "Bånd 5 (højeste risiko)"]);
      const total = want.prevented?.estimate ?? null;
      expect(col("Forebyggede frafald om året i alt").map(num)).toEqual([total, total]);
      expect(col("Ekstra mentees om året").map(num)).toEqual(want.cells.map((c) => c.mentees));
      expect(col("Forebyggede frafald om året").map(num)).toEqual(want.cells.map((c) => c.prevented));

      // one scheme type: its effects per risk group; a hidden one is named and counts for nothing
      await page.locator("[data-scenario=type] select").selectOption({label: "Professionel mentor"});
      const typed: ScenarioInput = {...narrowed, scheme_type: "professional"};
      const typedResult = (await expectMatches(page, typed, "da")).result;
      await page.waitForFunction(() => location.search.includes("type=professional"));
      const hiddenCells = typedResult.warnings.find((w) => w.kind === "hidden_effect");
      if (hiddenCells)
        await expect
          .poll(() => page.locator("[data-scenario=warnings]").innerText())
          .toContain("skjult af hensyn til diskretion");

      // a transition point: bands and programme are not split (their inputs disabled)
      await page.locator("[data-scenario=target] input").nth(1).check();
      await page.locator("[data-scenario=phase] select").selectOption({label: "Prøvetiden"});
      expect(await page.locator("[data-scenario=bands] input").first().isDisabled()).toBe(true);
      const phased: ScenarioInput = {...typed, target: "phase", phase: "probation"};
      await expectMatches(page, phased, "da");
      await page.waitForFunction(
        () => location.search.includes("target=phase") && location.search.includes("phase=probation")
      );

      // a cost per FTE: converted with the type's mentees per FTE
      const rate = d.mentees_per_fte.find((m) => m.scheme_type === "professional")!.per_fte;
      if (rate !== null) {
        await page.locator("[data-scenario=cost] input").fill("400000");
        await page.waitForFunction(() => location.search.includes("cost=400000"));
        const costed = expected({...phased, cost_per_fte: 400000}, "da").result;
        const {f} = i18n("da", locales());
        await expect.poll(() => answer(page)).toContain(`Det koster ${f.count(costed.cost!.total)} kr. om året`);
      }

      // the URL restores the scenario
      const url = page.url();
      const shown = await answer(page);
      await page.goto(url, {waitUntil: "networkidle"});
      await page.waitForSelector("[data-scenario=answer] li");
      await expect.poll(() => answer(page)).toBe(shown);
      expect(await page.locator("[data-scenario=amount] input").inputValue()).toBe("250");
      expect(
        await page
          .locator("[data-scenario=type] select")
          .evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)
      ).toBe("Professionel mentor");
      // the language switch keeps the scenario
      expect(await page.locator("a[data-lang-switch]").getAttribute("href")).toContain("amount=250");
      // print: the controls hidden, the answer and the table kept
      await page.emulateMedia({media: "print"});
      expect(await page.locator(".scenario-controls").isVisible()).toBe(false);
      expect(await page.locator("[data-scenario=answer]").isVisible()).toBe(true);
      expect(await page.locator(".scenario-table table").isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("says the same in English from a shared link, with an English CSV", async () => {
    const {page, errors} = await site.open("/en/scenario?type=professional&bands=4%2C5&amount=60", {
      waitFor: ["[data-scenario=answer] li", ".scenario-table table"]
    });
    try {
      const input: ScenarioInput = {...DEFAULT, scheme_type: "professional", bands: [4, 5], amount: 60};
      await expectMatches(page, input, "en");
      expect(await answer(page)).toMatch(
        /^(With 60 extra mentees a year \(professional mentor\)|Possible harm: with 60 extra mentees|For 60 extra mentees)/
      );
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("button[data-download=scenario-csv]").click()
      ]);
      const csv = parseCsv(readFileSync((await download.path())!, "utf8"), ",");
      expect(csv.header).toContain("Dropouts prevented a year in total");
      expect(csv.rows.map((r) => r[csv.header.indexOf("Band / transition point")])).toEqual([
        "Band 4",
        "Band 5 (highest risk)"
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("without a risk model says why and computes nothing", async () => {
    const {page} = await site.open("/scenarie", {waitFor: ["[data-scenario=answer] li"]});
    try {
      const noModel = JSON.stringify({...data(), model: null});
      await page.route(/\/_file\/data\/scenario\.[0-9a-f]{8}\.json/, (route) =>
        route.fulfill({contentType: "application/json", body: noModel})
      );
      await page.reload({waitUntil: "networkidle"});
      await page.waitForSelector("[data-scenario=no-model]");
      expect(await page.locator("[data-scenario=no-model]").innerText()).toContain("Grundrisikoen kan ikke beregnes");
      expect(await page.locator("[data-scenario=answer]").count()).toBe(0);
      expect(await page.locator(".scenario-table").count()).toBe(0);
      expect(await page.locator(".observablehq--error").count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
