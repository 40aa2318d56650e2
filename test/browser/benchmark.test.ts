// The benchmark page in real Chromium against the built site: for every school in the select the verdict agrees
// with its dot's place among the drawn funnel limits, the card and the table give the same figures in the same units,
// there are at least four peers, every hidden or empty panel says why in words, and a school links to its schemes.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {builtData, useSite} from "../helpers/browser-site.ts";

const site = useSite();

const open = (path: string) => site.open(path, {waitFor: ["[data-card=verdict]"]});

/** The built benchmark data, as the page reads it. */
function benchmarkData(): {
  institutions: {institution_id: string; name: string; funnel_position: string | null; suppressed?: string[]}[];
  comparisons: {group: string; rate_with: number | null; rate_without: number | null}[];
} {
  return builtData("benchmark");
}

/**
 * In the page: the highlighted dot's position among the drawn limit lines (screen coordinates; SVG y grows
 * downwards), the verdict card's position, the cards' and the tables' texts, and the panels' words.
 */
async function readView(page: Page, name: string) {
  return page.evaluate((name) => {
    const centre = (el: Element): [number, number] | null => {
      if (el instanceof SVGCircleElement) return [el.cx.baseVal.value, el.cy.baseVal.value];
      const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(el.getAttribute("transform") ?? "");
      return m ? [Number(m[1]), Number(m[2])] : null;
    };
    // y of a drawn polyline (Plot: "M x,y L x,y …" or "Mx,yLx,y…") at x, by the straight segment that contains x
    const yAt = (cls: string, x: number): number | null => {
      const d = document.querySelector(`g.${cls} path`)?.getAttribute("d") ?? "";
      const pts = [...d.matchAll(/[ML]\s*([-\d.e]+)[ ,]([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      for (let i = 1; i < pts.length; i++) {
        const [x0, y0] = pts[i - 1];
        const [x1, y1] = pts[i];
        if (x >= Math.min(x0, x1) - 1e-6 && x <= Math.max(x0, x1) + 1e-6)
          return x1 === x0 ? y0 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
      }
      return null;
    };
    const dotEl = document.querySelector("g.funnel-highlight > *");
    const dot = dotEl ? centre(dotEl) : null;
    const lines = dot
      ? Object.fromEntries(
          ["lower95", "upper95", "lower998", "upper998"].map((k) => [k, yAt(`funnel-limit-${k}`, dot[0])])
        )
      : null;
    const text = (sel: string) => document.querySelector(sel)?.textContent?.trim() ?? null;
    const rowOf = (table: Element | null) => {
      const tr = [...(table?.querySelectorAll("tbody tr") ?? [])].find(
        (r) => r.querySelector("th")?.textContent === name
      );
      return tr ? [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "") : null;
    };
    const funnelFigure = [...document.querySelectorAll("figure")].find((f) =>
      f.querySelector("g.funnel-limit-upper95")
    );
    const peersTable = document.querySelector(".peers-how")?.parentElement?.querySelector("table") ?? null;
    const mentorCard = document.querySelector(".mentor-panel");
    return {
      // the school's heading: its name, then (real names on synthetic data) the invented-figures mark
      heading:
        document
          .querySelector("h2#institution")
          ?.textContent?.replace(document.querySelector("h2#institution .invented-mark")?.textContent ?? "", "")
          .trim() === name,
      position: document.querySelector("[data-card=verdict]")?.getAttribute("data-position") ?? null,
      verdict: text("[data-card=verdict] [data-value]"),
      observed: text("[data-card=observed] [data-value]"),
      expected: text("[data-card=expected] [data-value]"),
      dot,
      lines,
      funnelRow: rowOf(funnelFigure?.querySelector("table") ?? null),
      peerRows: peersTable ? peersTable.querySelectorAll("tbody tr").length : 0,
      peerRow: rowOf(peersTable),
      peersHow: text(".peers-how"),
      bareHidden: [...document.querySelectorAll("td, th, p")].filter(
        (e) => e.children.length === 0 && /^<\d+\*?$/.test(e.textContent?.trim() ?? "")
      ).length,
      findings: [...document.querySelectorAll("section.key-findings li")].map((li) => li.textContent ?? ""),
      mentorText: mentorCard?.textContent ?? "",
      mentorChart: Boolean(mentorCard?.querySelector("svg")),
      schemeLinks: [...document.querySelectorAll("ul.school-schemes a")].map((a) => a.getAttribute("href") ?? ""),
      schemesNone: text(".schemes-none")
    };
  }, name);
}

/** The position the drawing shows: which limits the dot lies beyond (null when it lies on a line, within half a pixel). */
function drawnPosition(dotY: number, l: Record<string, number | null>): string | null {
  const near = Object.values(l).some((y) => y !== null && Math.abs(dotY - y) < 0.5);
  if (near) return null;
  if (dotY < l.upper998!) return "above_998";
  if (dotY < l.upper95!) return "above_95";
  if (dotY > l.lower998!) return "below_998";
  if (dotY > l.lower95!) return "below_95";
  return "within";
}

describe.each([
  ["da", "/benchmark"],
  ["en", "/en/benchmark"]
] as const)("benchmark page (%s)", (lang, path) => {
  it("for every school: verdict = dot's place in the drawn funnel, card = table in the same units, ≥ 4 peers, hidden panels say why", async () => {
    const data = benchmarkData();
    const {page, errors} = await open(path);
    try {
      const options = await page
        .locator("form select")
        .first()
        .evaluate((s: HTMLSelectElement) => [...s.options].map((o) => ({value: o.value, label: o.textContent ?? ""})));
      expect(options.length).toBe(data.institutions.length);
      let checked = 0;
      for (const [i, o] of options.entries()) {
        await page.locator("form select").first().selectOption({index: i});
        const row = data.institutions.find((d) => d.name === o.label)!;
        expect(row, o.label).toBeTruthy();
        // every panel of this school drawn: heading, findings, verdict card, peers table, and the highlighted dot unless hidden
        await page.waitForFunction(
          ({name, id}) => {
            const verdict = document.querySelector("[data-card=verdict]");
            const peersFirst = document
              .querySelector(".peers-how")
              ?.parentElement?.querySelector("tbody tr th")?.textContent;
            return (
              document
                .querySelector("h2#institution")
                ?.textContent?.replace(document.querySelector("h2#institution .invented-mark")?.textContent ?? "", "")
                .trim() === name &&
              Boolean(document.querySelector("section.key-findings h2")?.textContent?.endsWith(name)) &&
              verdict?.getAttribute("data-institution") === id &&
              peersFirst === name &&
              (verdict.getAttribute("data-position") === "hidden" ||
                [...document.querySelectorAll("svg text")].some((t) => t.textContent === name))
            );
          },
          {name: o.label, id: row.institution_id}
        );
        const v = await readView(page, o.label);
        expect(v.heading, o.label).toBe(true);
        const hidden = row.funnel_position === null || row.suppressed?.includes("funnel_position");
        expect(v.position, o.label).toBe(hidden ? "hidden" : row.funnel_position);
        if (!hidden) {
          expect(v.dot, `${o.label}: highlighted dot`).not.toBeNull();
          for (const [line, y] of Object.entries(v.lines!))
            expect(y, `${o.label}: the ${line} line at the dot`).not.toBeNull();
          const drawn = drawnPosition(v.dot![1], v.lines!);
          if (drawn !== null) {
            expect(drawn, `${o.label}: the dot lies ${drawn}, the verdict says ${v.position}`).toBe(v.position);
            checked++;
          }
        } else {
          expect(v.observed!, `${o.label}: a hidden figure says why`).toMatch(lang === "da" ? /skjult/ : /hidden/);
        }
        // the same figures in the same units in the card, the funnel table and the peers table
        expect(v.funnelRow, `${o.label}: row in the funnel table`).not.toBeNull();
        expect(v.funnelRow![0], `${o.label}: observed`).toBe(v.observed);
        expect(v.funnelRow![1], `${o.label}: expected`).toBe(v.expected);
        expect(v.peerRow![2], `${o.label}: observed in the peers table`).toBe(v.observed);
        expect(v.peerRow![3], `${o.label}: expected in the peers table`).toBe(v.expected);
        if (!hidden) {
          expect(v.observed!, o.label).toMatch(
            lang === "da" ? /^[\d.]+ af [\d.]+ \(\d+,\d pct\.\)$/ : /^[\d,]+ of [\d,]+ \(\d+\.\d%\)$/
          );
          expect(v.expected!, o.label).toMatch(
            lang === "da" ? /^[\d.]+,\d \(\d+,\d pct\.\)$/ : /^[\d,]+\.\d \(\d+\.\d%\)$/
          );
        }
        expect(v.peerRows, `${o.label}: the school and at least four peers`).toBeGreaterThanOrEqual(5);
        expect(v.peersHow, o.label).toBeTruthy();
        expect(v.bareHidden, `${o.label}: a bare "<5*" with no words`).toBe(0);
        expect(v.findings.length, `${o.label}: key findings`).toBeGreaterThanOrEqual(3);
        expect(v.findings.length).toBeLessThanOrEqual(4);
        // a mentor panel without a comparison of the school's own says why
        const own = data.comparisons.find((c) => c.group === row.institution_id);
        if (!own) {
          expect(v.mentorText, `${o.label}: why no own mentor comparison`).toMatch(
            lang === "da"
              ? /har ikke sin egen sammenligning med og uden mentor: færre end \d+ elever/
              : /has no comparison of its own with and without a mentor: fewer than \d+ students/
          );
        } else if (own.rate_with == null || own.rate_without == null) {
          expect(v.mentorText, `${o.label}: why the mentor comparison is hidden`).toMatch(
            lang === "da"
              ? /mentor på .+ er skjult af hensyn til diskretion \(færre end \d+ frafaldne/
              : /mentor at .+ is hidden for confidentiality \(fewer than \d+ dropouts/
          );
        }
        expect(v.schemeLinks.length > 0 || Boolean(v.schemesNone), `${o.label}: schemes or why none`).toBe(true);
        for (const href of v.schemeLinks)
          expect(href).toMatch(lang === "da" ? /^\/ordninger\?scheme=/ : /^\/en\/schemes\?scheme=/);
      }
      // most dots are away from their lines: the comparison is not vacuous
      expect(checked).toBeGreaterThan(options.length / 2);
      expect(errors, "console errors").toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});

describe("benchmark defaults and links", () => {
  it("opens on a school with something to show, and a scheme link opens that scheme", async () => {
    const {page, errors} = await open("/benchmark");
    try {
      expect(await page.locator("[data-card=verdict]").getAttribute("data-position")).not.toBe("hidden");
      const name = await page
        .locator("form select")
        .first()
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent ?? "");
      const v = await readView(page, name);
      expect(v.mentorChart).toBe(true);
      expect(v.mentorText).not.toMatch(new RegExp(`${name} har ikke sin egen`));
      expect(v.findings.join(" ")).toMatch(/mellem [\d,]+ og [\d,]+ gange det forventede/);
      expect(v.schemeLinks.length).toBeGreaterThan(0);
      const href = v.schemeLinks[0];
      const id = decodeURIComponent(href.split("scheme=")[1]);
      await page.goto(site.base + href, {waitUntil: "networkidle"});
      await page.waitForSelector("form select");
      const values = await page
        .locator("form select")
        .first()
        .evaluate((s: HTMLSelectElement) => ({value: s.value, options: [...s.options].map((o) => o.value)}));
      if (values.options.includes(id)) expect(values.value).toBe(id);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
