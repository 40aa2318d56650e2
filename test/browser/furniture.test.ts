// The furniture of a public statistics site, on every page in both languages, in real Chromium against
// the built site: a skip link that moves focus to the content, headings in order, real anchors that
// resolve, the accessibility statement linked from every page, publisher, contact, release date and data
// date on every page; the methods page's definitions and the source guide; real names marked as carrying
// invented figures on the synthetic sample; axe on the accessibility statement.
import {describe, expect, it} from "vitest";
import {PAGES} from "../../src/i18n/pages.ts";
import {da} from "../../src/i18n/da.ts";
import {en} from "../../src/i18n/en.ts";
import {DEFAULT_CONTACT_EMAIL, DEFAULT_PUBLISHER, siteFooter} from "../../src/components/footer.ts";
import {ALL_PAGES, axeViolations, builtData, useSite} from "../helpers/browser-site.ts";

const dict = {da, en};

/** The published data's meta (every page's data file carries the same). */
function publishedMeta(): {data_date: string; synthetic: boolean} {
  return builtData("methods").meta;
}

const site = useSite();

describe("the footer", () => {
  it("takes publisher and contact from the settings, and marks the defaults as placeholders", () => {
    const day = new Date("2026-03-05T12:00:00Z");
    const placeholder = siteFooter("/metode", {}, day);
    expect(placeholder).toContain(DEFAULT_PUBLISHER);
    expect(placeholder).toContain(`mailto:${DEFAULT_CONTACT_EMAIL}`);
    expect(placeholder).toContain(da.furniture.contactExample);
    expect(placeholder).toContain('<time datetime="2026-03-05">5. marts 2026</time>');
    const set = siteFooter(
      "/en/methods",
      {
        MENTOR_PUBLISHER: "Region <Test>",
        MENTOR_CONTACT_EMAIL: "data@region.example",
        MENTOR_CONTACT_URL: "https://region.example/contact"
      },
      day
    );
    expect(set).toContain("Region &lt;Test&gt;");
    expect(set).toContain("mailto:data@region.example");
    expect(set).toContain('href="https://region.example/contact"');
    expect(set).not.toContain(en.furniture.contactExample);
    expect(set).toContain('lang="en"');
    expect(set).toContain('href="/en/accessibility"');
    expect(set).toContain("5 March 2026");
  });
});

describe.each(ALL_PAGES)("page %s (%s) at %s", (id, lang, path) => {
  it("has a skip link, ordered headings, real anchors and the furniture", async () => {
    const {page, errors} = await site.open(path);
    const t = dict[lang].furniture;
    try {
      // the first Tab reaches the skip link; following it moves focus to the main content
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t.skipLink);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("observablehq-main");

      // headings: one h1, first; no level skipped on the way down
      const levels = await page.evaluate(() =>
        [...document.querySelectorAll("#observablehq-main :is(h1, h2, h3, h4, h5, h6)")]
          .filter((h) => (h as HTMLElement).checkVisibility())
          .map((h) => `${h.tagName[1]} ${h.textContent?.trim().slice(0, 60)}`)
      );
      expect(levels[0], "first heading").toMatch(/^1 /);
      expect(levels.filter((l) => l.startsWith("1 ")).length, "one h1").toBe(1);
      const jumps = levels
        .filter((l, i) => i > 0 && Number(l[0]) > Number(levels[i - 1][0]) + 1)
        .map((l) => `${l} (after ${levels[levels.indexOf(l) - 1]})`);
      expect(jumps, "heading levels skipped").toEqual([]);

      // ids are words, and every link to a place on this page finds it
      const anchors = await page.evaluate(() => {
        const bad = [...document.querySelectorAll("[id]")].map((e) => e.id).filter((i) => i === "" || /^-\d*$/.test(i));
        const here = location.pathname;
        const broken = [...document.querySelectorAll<HTMLAnchorElement>("a[href*='#']")]
          .filter((a) => a.pathname === here && a.hash !== "")
          .filter((a) => !document.getElementById(decodeURIComponent(a.hash.slice(1))))
          .map((a) => a.getAttribute("href"));
        return {bad, broken, empty: [...document.querySelectorAll("a[href='#']")].length};
      });
      expect(anchors.bad, "ids without words").toEqual([]);
      expect(anchors.broken, "in-page links that lead nowhere").toEqual([]);
      expect(anchors.empty, "links to #").toBe(0);

      // no English "Next page" pager
      expect(await page.locator(".observablehq-pager, #observablehq-footer nav").count()).toBe(0);

      // the footer: publisher, contact, release date, accessibility statement in the page's language
      const footer = page.locator("#observablehq-footer .site-footer");
      expect(await footer.getAttribute("lang")).toBe(lang);
      expect(await footer.textContent()).toContain(`${t.publisher}: ${DEFAULT_PUBLISHER}`);
      expect(await footer.locator("a[href^='mailto:']").count()).toBeGreaterThan(0);
      const released = await footer.locator(".footer-release time").getAttribute("datetime");
      expect(released).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(released!).valueOf()).toBeLessThanOrEqual(Date.now());
      const a11y = PAGES.find((p) => p.id === "accessibility")![lang].path;
      const link = footer.locator("a.footer-accessibility");
      expect(await link.textContent()).toBe(t.accessibility);
      expect(await link.evaluate((a: HTMLAnchorElement) => a.pathname)).toBe(a11y);

      // the data date at the top, the warehouse's own
      const meta = publishedMeta();
      const dataDate = page.locator(".page-chrome .data-date");
      expect(await dataDate.textContent()).toContain(t.dataDate);
      expect(await dataDate.locator("time").getAttribute("datetime")).toBe(meta.data_date.slice(0, 10));

      // the sidebar's links in the other language say so
      const otherLang = lang === "da" ? "en" : "da";
      const sidebarOther = await page.locator(`#observablehq-sidebar a[lang="${otherLang}"]`).count();
      expect(sidebarOther, "sidebar links marked with the other language").toBeGreaterThan(0);
      expect(errors, `console errors on ${id}`).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the methods page", () => {
  it.each([
    ["da", "/metode"],
    ["en", "/en/methods"]
  ] as const)("defines the terms and cites the source guide (%s)", async (lang, path) => {
    const {page} = await site.open(path);
    const t = dict[lang].furniture;
    try {
      for (const section of [
        "definitions",
        "adjustment",
        "intervals",
        "curves",
        "hazards",
        "benchmark",
        "schemes",
        "disclosure",
        "data"
      ]) {
        expect(await page.locator(`h2#${section}`).count(), section).toBe(1);
      }
      const terms = await page.locator("dl.definitions dt").allTextContents();
      expect(terms).toEqual(t.definitions.map((d) => d.term));
      // a transfer is not dropout; no-shows are in no denominator
      const defs = await page.locator("dl.definitions").textContent();
      expect(defs).toContain(
        lang === "da" ? "Et skift tælles ikke som frafald" : "A transfer is not counted as dropout"
      );
      expect(defs).toContain(lang === "da" ? "indgår ikke i nogen nævner" : "are in no denominator");
      const guide = page.locator(".source-guide");
      expect(await guide.locator("cite").textContent()).toContain("Mentorskab – Det professionelle venskab");
      expect(await guide.textContent()).toContain("DEA");
      // readers are not sent to a file in the code repository
      expect(await page.locator("#observablehq-main").innerText()).not.toMatch(/data\/README\.md/);
      // the contents list reaches every section
      const contents = await page
        .locator("nav.page-contents a")
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash));
      expect(contents).toContain("#definitions");
    } finally {
      await page.close();
    }
  });
});

describe("links to the methods page", () => {
  it.each(["da", "en"] as const)(
    "every link from a chart to a section of the methods page finds the section (%s)",
    async (lang) => {
      const methods = PAGES.find((p) => p.id === "methods")![lang].path;
      const {page: target} = await site.open(methods);
      const ids = new Set(await target.locator("[id]").evaluateAll((els) => els.map((e) => e.id)));
      await target.close();
      const missing: string[] = [];
      let links = 0;
      for (const [, l, path] of ALL_PAGES.filter(([, l]) => l === lang)) {
        const {page} = await site.open(path);
        const hashes = await page.locator("#observablehq-main a[href*='#']").evaluateAll(
          (as, m) =>
            as
              .map((a) => a as HTMLAnchorElement)
              .filter((a) => a.pathname === m)
              .map((a) => a.hash.slice(1)),
          methods
        );
        links += hashes.length;
        missing.push(...hashes.filter((h) => !ids.has(h)).map((h) => `${path} (${l}) → #${h}`));
        await page.close();
      }
      expect(links, "links into the methods page").toBeGreaterThan(5);
      expect(missing).toEqual([]);
    }
  );
});

describe("the accessibility statement", () => {
  it.each([
    ["da", "/tilgaengelighed"],
    ["en", "/en/accessibility"]
  ] as const)(
    "names the law, the standard, the shortcomings and the contact, and passes axe (%s)",
    async (lang, path) => {
      const {page, errors, outside} = await site.open(path);
      const a = dict[lang].furniture.a11y;
      try {
        expect(await page.locator("h1").textContent()).toBe(a.heading);
        const text = await page.locator("#observablehq-main").innerText();
        expect(text).toContain(lang === "da" ? "lov nr. 692 af 8. juni 2018" : "Act no. 692 of 8 June 2018");
        expect(text).toContain("EN 301 549");
        expect(text).toContain("WCAG 2.1");
        expect(text).toContain("WAS-Tool");
        expect(await page.locator("#shortcomings + ul li").count()).toBe(a.shortcomings.length);
        expect(await page.locator("#observablehq-main .a11y-contact a[href^='mailto:']").count()).toBe(1);
        const violations = (await axeViolations(page)).map((v) => `${v.id} (${v.impact})`);
        expect(violations, "axe violations (any impact)").toEqual([]);
        expect(errors).toEqual([]);
        expect(outside).toEqual([]);
      } finally {
        await page.close();
      }
    }
  );
});

describe("real names on synthetic data", () => {
  it.each([
    ["da", "/ordninger"],
    ["en", "/en/schemes"]
  ] as const)(
    "a real scheme's name carries the invented-figures mark, an illustrative one does not (%s)",
    async (lang, path) => {
      const meta = publishedMeta();
      const {page} = await site.open(path);
      try {
        const cards = await page.locator(".card h3").evaluateAll((hs) =>
          hs.map((h) => ({
            name: h.querySelector("span")?.textContent ?? "",
            mark: h.querySelector(".invented-mark")?.textContent ?? null
          }))
        );
        const real = cards.filter((c) => c.name && !/\(fiktiv\)/.test(c.name));
        const illustrative = cards.filter((c) => /\(fiktiv\)/.test(c.name));
        expect(real.length).toBeGreaterThan(0);
        expect(meta.synthetic).toBe(true);
        for (const c of real) expect(c.mark, c.name).toBe(dict[lang].furniture.invented);
        for (const c of illustrative) expect(c.mark, c.name).toBeNull();
      } finally {
        await page.close();
      }
    }
  );

  it("the benchmark's school carries the mark", async () => {
    const {page} = await site.open("/benchmark");
    try {
      const heading = page.locator("h2#institution");
      const name = await heading.locator("span").first().textContent();
      expect(name).toBeTruthy();
      expect(await heading.locator(".invented-mark").count()).toBe(/\(fiktiv\)/.test(name!) ? 0 : 1);
    } finally {
      await page.close();
    }
  });
});
