/**
 * The English pages are generated from the Danish sources, so each page is
 * written once: the copy under src/en/ differs only in `const lang = "en";`,
 * its title and its relative paths (one folder deeper).
 */
import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {englishFile, PAGES} from "../../src/i18n/pages.ts";

const LANG_LINE = /^const lang = "da";$/m;

export function englishPage(source: string, title: string, file: string): string {
  if (!LANG_LINE.test(source))
    throw new Error(`${file}: a page must declare \`const lang = "da";\` on a line of its own`);
  const english = source
    .replace(/^(---\n[\s\S]*?^title:)[^\n]*$/m, `$1 ${title}`)
    .replace(LANG_LINE, 'const lang = "en";')
    .replace(/(["'(])\.\//g, "$1../");
  // The front matter must stay first, so the note goes at the end.
  return `${english}\n<!-- Generated from src/${file} by loaders/site/english-pages.ts: edit the Danish source. -->\n`;
}

export function writeEnglishPages(srcDir: string): number {
  let count = 0;
  for (const page of PAGES) {
    const file = join(srcDir, page.source);
    const out = join(srcDir, englishFile(page));
    mkdirSync(dirname(out), {recursive: true});
    writeFileSync(out, englishPage(readFileSync(file, "utf8"), page.en.title, page.source));
    count++;
  }
  return count;
}
