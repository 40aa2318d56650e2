/**
 * Runs before `npm run dev` / `npm run build`: ingests the built-in sample
 * when no warehouse exists, and clears Framework's cached loader outputs when
 * the warehouse or the loaders' code changed since they were made (Framework would otherwise reuse
 * them in `build` regardless of age). Also writes the English pages from the
 * Danish sources, bundles the statistics core for the browser and writes the
 * slice files for the pages (src/generated/slices/, slices.js).
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {ingest} from "../ingest/index.ts";
import {siteData, siteJson} from "../analysis/site.ts";
import {bundleBrowserStats} from "../site/browser-stats.ts";
import {writeSliceFiles} from "../site/slice-module.ts";
import {writeEnglishPages} from "../site/english-pages.ts";
import {DEFAULT_SOURCE, PROJECT_ROOT, warehousePath} from "../warehouse.ts";
import {runMain} from "./args.ts";

/** Hash of every file under a folder (names and contents), in a stable order. */
function sourceHash(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const entry of readdirSync(d, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

const CACHE = join(PROJECT_ROOT, "src", ".observablehq", "cache");
const STAMP = join(CACHE, ".warehouse-stamp");

runMain(async () => {
  writeEnglishPages(join(PROJECT_ROOT, "src"));
  await bundleBrowserStats(PROJECT_ROOT);
  const db = warehousePath();
  if (!existsSync(db)) {
    console.error(`prepare: no warehouse at ${db}; ingesting the built-in sample (${DEFAULT_SOURCE})`);
    await ingest({sources: [DEFAULT_SOURCE], db});
  }
  const {mtimeMs, size} = statSync(db);
  // The loaders' code counts too: Framework only watches the src/data files themselves.
  const stamp = `${db}\n${mtimeMs}\n${size}\n${sourceHash(join(PROJECT_ROOT, "loaders"))}\n`;
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : null;
  if (previous !== stamp) {
    if (previous !== null || existsSync(CACHE)) console.error("prepare: warehouse or loader code changed since the last build; clearing cached data loader outputs");
    rmSync(CACHE, {recursive: true, force: true});
    mkdirSync(CACHE, {recursive: true});
    writeFileSync(STAMP, stamp);
  }
  // Computes (and caches, for the loaders) everything the site publishes, and writes the slice files.
  const {slices} = await siteData(db);
  writeSliceFiles(PROJECT_ROOT, Object.fromEntries(Object.entries(slices).map(([key, slice]) => [key, siteJson(slice)])));
});
