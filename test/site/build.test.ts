// Checks the site built by test/global-setup.ts for what a visitor's browser would load: nothing
// from outside the site, and the right page language.
import {readdirSync, readFileSync} from "node:fs";
import {join, relative, sep} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";
import {SITE_BUILD_WAIT_MS, siteBuilt} from "../helpers/site-build.ts";

/**
 * Documented allow-list of external addresses that may appear in dist/ as
 * plain text but are never fetched: XML namespace identifiers that SVG and
 * HTML code must spell out.
 */
export const ALLOWED_ORIGINS = ["http://www.w3.org"];

/**
 * A plain link in a page's HTML (`<a href="https://…">`) is followed only when the reader clicks it: it is
 * how the footer's contact page and the methods page's source guide are reached, and it is not scanned.
 * Anything a browser fetches by itself (src, stylesheet, import, url(), fetch in code) still is.
 */
const LINK = /<a\s[^>]*?href\s*=\s*["']https?:\/\/[^"']*["'][^>]*>/gi;

const dist = join(PROJECT_ROOT, "dist");
const files = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
  );

beforeAll(siteBuilt, SITE_BUILD_WAIT_MS);

describe("the built site", () => {
  it("references no external origin in HTML, JS or CSS", () => {
    const offenders: string[] = [];
    const checked = files(dist).filter((f) => /\.(html|js|css)$/.test(f));
    expect(checked.length).toBeGreaterThan(5);
    for (const file of checked) {
      const raw = readFileSync(file, "utf8");
      const text = file.endsWith(".html") ? raw.replace(LINK, "<a>") : raw;
      const urls = text.match(/(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?/gi) ?? [];
      for (const url of urls) {
        if (
          !/^https?:/i.test(url) &&
          !/(src|href|url)\s*[=(]\s*["']?\/\//i.test(
            text.slice(Math.max(0, text.indexOf(url) - 8), text.indexOf(url) + 2)
          )
        )
          continue;
        if (!ALLOWED_ORIGINS.some((o) => url.toLowerCase().startsWith(o)))
          offenders.push(`${relative(dist, file)}: ${url}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("loads no Google Fonts and no telemetry", () => {
    for (const file of files(dist).filter((f) => /\.(html|css|js)$/.test(f))) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/fonts\.googleapis|fonts\.gstatic|events\.observablehq|api\.observablehq/);
    }
  });

  it("declares lang=da on Danish pages and lang=en under /en/", () => {
    const pages = files(dist).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const rel = relative(dist, page);
      const want = rel.split(sep)[0] === "en" ? "en" : "da";
      expect(readFileSync(page, "utf8"), rel).toMatch(new RegExp(`<html lang="${want}"`));
    }
  });
});
