/**
 * Runs before `npm run dev` / `npm run build`: ingests the built-in sample
 * when no warehouse exists, and clears Framework's cached loader outputs when
 * the site key (warehouse, minimum cell, loaders' code: analysis/site-cache.ts)
 * changed since they were made (Framework would otherwise reuse them in
 * `build` regardless of age). Also writes the English pages from the Danish
 * sources, bundles the statistics core for the browser and publishes the
 * gated site data (loaders/site/publish.ts: the cache and the slice files).
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {ingest} from "../ingest/index.ts";
import {siteKey} from "../analysis/site-cache.ts";
import {bundleBrowserStats} from "../site/browser-stats.ts";
import {publishSite} from "../site/publish.ts";
import {writeEnglishPages} from "../site/english-pages.ts";
import {DEFAULT_SOURCE, PROJECT_ROOT} from "../warehouse.ts";
import {chooseWarehouse, runMain} from "./args.ts";
import {staleSample} from "../site/sample.ts";

const CACHE = join(PROJECT_ROOT, "src", ".observablehq", "cache");
const STAMP = join(CACHE, ".warehouse-stamp");

runMain(async () => {
  writeEnglishPages(join(PROJECT_ROOT, "src"));
  await bundleBrowserStats(PROJECT_ROOT);
  // only the default warehouse is made from the built-in sample: a warehouse that was named must exist (args.ts)
  const {db, named} = chooseWarehouse(undefined, {sampleDefault: true});
  if (!existsSync(db)) {
    console.error(`prepare: no warehouse at ${db}; ingesting the built-in sample (${DEFAULT_SOURCE})`);
    await ingest({sources: [DEFAULT_SOURCE], db});
  } else if (named === null) {
    // the default warehouse follows the built-in sample: after an update of the sample or the contract it is made again
    const stale = await staleSample(db);
    if (stale) {
      console.error(`prepare: the default warehouse is out of date (${stale}); ingesting the built-in sample again`);
      await ingest({sources: [DEFAULT_SOURCE], db});
    }
  }
  // One key for every cache of the gated data (analysis/site-build.ts): Framework only watches the src/data files themselves.
  const stamp = `${siteKey(db)}\n`;
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : null;
  if (previous !== stamp) {
    if (previous !== null || existsSync(CACHE))
      console.error(
        "prepare: warehouse or loader code changed since the last build; clearing cached data loader outputs"
      );
    rmSync(CACHE, {recursive: true, force: true});
    mkdirSync(CACHE, {recursive: true});
    writeFileSync(STAMP, stamp);
  }
  // Computes (and caches, for the loaders) everything the site publishes, and writes the slice files from it.
  await publishSite(db);
});
