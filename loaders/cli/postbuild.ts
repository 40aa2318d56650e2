/**
 * After `observable build`: give every page its language (Framework writes a
 * bare <html>; Danish pages get lang="da", pages under /en/ get lang="en")
 * and make the sidebar a valid list.
 */
import {readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join, relative, sep} from "node:path";
import {PROJECT_ROOT} from "../warehouse.ts";
import {runMain} from "./args.ts";

function pageLanguage(relativePath: string): "da" | "en" {
  return relativePath.split(sep)[0] === "en" ? "en" : "da";
}

function setLanguage(html: string, lang: string): string {
  return html.replace(
    /<html(\s[^>]*)?>/i,
    (_, attrs = "") => `<html lang="${lang}"${attrs.replace(/\s+lang="[^"]*"/i, "")}>`
  );
}

/**
 * Framework puts the sidebar's close <label> inside an <ol>, which is not a
 * valid list (axe: list). Move it just before the list.
 */
function validSidebarList(html: string): string {
  return html.replace(/<ol>(\s*)(<label id="observablehq-sidebar-close"[^>]*><\/label>)/, "$2$1<ol>");
}

function* htmlFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

runMain(async () => {
  const dist = join(PROJECT_ROOT, "dist");
  let count = 0;
  for (const file of htmlFiles(dist)) {
    const lang = pageLanguage(relative(dist, file));
    writeFileSync(file, validSidebarList(setLanguage(readFileSync(file, "utf8"), lang)));
    count++;
  }
  console.error(`postbuild: set lang on ${count} pages`);
});
