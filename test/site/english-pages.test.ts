// The English pages are generated from the Danish sources (loaders/site/english-pages.ts).
import {mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {englishPage, writeEnglishPages} from "../../loaders/site/english-pages.ts";
import {englishFile, PAGES} from "../../src/i18n/pages.ts";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";

const PAGE = `---
title: Overgange
toc: false
---

\`\`\`js
const lang = "da";
import {chart} from "./components/charts.js";
const data = FileAttachment("./data/transitions.json").json();
\`\`\`

<a href="./metode">Metode</a> ('./x') "./y"
`;

describe("englishPage", () => {
  const out = englishPage(PAGE, "Transitions", "overgange.md");

  it("sets the language and the title, and keeps the front matter first", () => {
    expect(out.startsWith("---\ntitle: Transitions\ntoc: false\n---")).toBe(true);
    expect(out).toContain('const lang = "en";');
    expect(out).not.toContain('const lang = "da";');
  });

  it("moves every relative path one folder up", () => {
    expect(out).toContain('from "../components/charts.js"');
    expect(out).toContain('FileAttachment("../data/transitions.json")');
    expect(out).toContain('href="../metode"');
    expect(out).toContain("('../x') \"../y\"");
    expect(out).not.toMatch(/["'(]\.\/(?!\.)/);
  });

  it("ends with a note saying where to edit", () => {
    expect(
      out
        .trimEnd()
        .endsWith("<!-- Generated from src/overgange.md by loaders/site/english-pages.ts: edit the Danish source. -->")
    ).toBe(true);
  });

  it("refuses a page without its language line", () => {
    expect(() => englishPage(PAGE.replace('const lang = "da";', 'const lang = "da"; // x'), "T", "x.md")).toThrow(
      /x\.md: a page must declare `const lang = "da";`/
    );
  });
});

describe("writeEnglishPages", () => {
  it("writes one English page per Danish page, at the path the navigation links to", () => {
    const dir = tempDir("english-pages");
    try {
      for (const page of PAGES) {
        mkdirSync(join(dir, page.source, ".."), {recursive: true});
        writeFileSync(join(dir, page.source), readFileSync(join(PROJECT_ROOT, "src", page.source), "utf8"));
      }
      expect(writeEnglishPages(dir)).toBe(PAGES.length);
      for (const page of PAGES) {
        const text = readFileSync(join(dir, englishFile(page)), "utf8");
        expect(text).toContain(`title: ${page.en.title}`);
        expect(text).toContain('const lang = "en";');
        expect(
          `/${englishFile(page)
            .replace(/\.md$/, "")
            .replace(/index$/, "")}`
        ).toBe(page.en.path);
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
