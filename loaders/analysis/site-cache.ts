/**
 * The one cache of the gated site data: `siteData()` computes `buildSite` once per `siteKey` (warehouse,
 * minimum cell, horizons, code) and keeps the result in the OS temp folder, so the loaders Framework runs
 * one by one do not repeat the analysis; loaders/site/publish.ts takes it to the pages.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {createHash} from "node:crypto";
import {tmpdir} from "node:os";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {minCell} from "../privacy/settings.ts";
import {writeSiteRecord} from "../privacy/record.ts";
import {openWarehouse, warehousePath} from "../warehouse.ts";
import {horizonSettings} from "../horizons.ts";
import {acquirePidLock} from "../lock.ts";
import {buildSite, type SiteData} from "./site-build.ts";

const LOADERS = join(dirname(fileURLToPath(import.meta.url)), "..");
let codeHashMemo: string | null = null;

/** Hash of the code that computes and gates the site (every .ts and .sql file under loaders/: names and contents, stable order). */
function codeHash(): string {
  if (codeHashMemo) return codeHashMemo;
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      // code and SQL only: a README edit does not recompute the site
      else if (/\.(ts|sql)$/.test(entry.name)) hash.update(relative(LOADERS, path)).update(readFileSync(path));
    }
  };
  walk(LOADERS);
  return (codeHashMemo = hash.digest("hex"));
}

/**
 * What the gated site data depend on, as one key: the warehouse file (path, size, mtime — an ingest or
 * an export logged in it changes them), the minimum cell size, the maturity horizon asked for and the code under loaders/. The cache of
 * `siteData()`, the slice files and Framework's cached loader outputs (loaders/cli/prepare.ts) are all
 * invalidated by this key and no other rule.
 */
export function siteKey(path = warehousePath()): string {
  const {size, mtimeMs} = statSync(path);
  return createHash("sha256")
    .update(JSON.stringify([resolve(path), size, mtimeMs, minCell(), horizonSettings(), codeHash()]))
    .digest("hex")
    .slice(0, 16);
}

/**
 * The gated site data for the warehouse (default: `warehousePath()`), computed once per `siteKey` and
 * cached in the OS temp folder. Concurrent loaders wait for the first one instead of repeating the work.
 * The site's record of every count (privacy/record.ts) is written beside the warehouse.
 */
export async function siteData(path = warehousePath()): Promise<SiteData> {
  const key = siteKey(path);
  const dir = join(tmpdir(), "mentor-site-cache");
  mkdirSync(dir, {recursive: true});
  const file = join(dir, `${key}.json`);
  // the site's record goes beside the warehouse whenever its data are used: later exports are audited against it
  const read = () => {
    const data = JSON.parse(readFileSync(file, "utf8")) as SiteData;
    writeSiteRecord(path, data.record);
    return data;
  };
  if (existsSync(file)) return read();
  // one computation per key: a concurrent loader waits for the first (while it runs) and reads its result
  const lock = await acquirePidLock(`${file}.lock`, {wait: true, pollMs: 100});
  try {
    if (existsSync(file)) return read();
    const wh = await openWarehouse(path);
    try {
      const data: SiteData = {...(await buildSite(wh.connection)), key};
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, file);
      writeSiteRecord(path, data.record);
      // keep the cache folder small: drop entries older than a day
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        try {
          if (Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, {force: true});
        } catch {
          // another process removed it
        }
      }
      return data;
    } finally {
      wh.close();
    }
  } finally {
    lock.release();
  }
}
