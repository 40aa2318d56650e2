/**
 * The one route by which gated data reach the pages. `publishSite()` takes the
 * gated site data of the warehouse (one computation and one cache per
 * `siteKey`, analysis/site-cache.ts) and writes the slice files from it whenever
 * the key changed; every src/data loader prints its part of the same data
 * through `writeSitePart()`. So the loaders' JSON, the slice files and the
 * site's record (beside the warehouse) always come from one sealed registry,
 * and Framework's cached loader outputs are cleared on the same key
 * (loaders/cli/prepare.ts).
 */
import {siteData} from "../analysis/site-cache.ts";
import {type SiteData} from "../analysis/site-build.ts";
import {PROJECT_ROOT, warehousePath} from "../warehouse.ts";
import {writeSliceFiles} from "./slice-module.ts";

/** Loader JSON: six significant digits are more than any chart or table shows, and halve the bytes sent. */
export const siteJson = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v));

/** The gated site data, with the slice files under `root`/src/generated/ written from them (unless already from this key). */
export async function publishSite(db = warehousePath(), root = PROJECT_ROOT): Promise<SiteData> {
  const data = await siteData(db);
  writeSliceFiles(root, data.key, () =>
    Object.fromEntries(Object.entries(data.slices).map(([key, slice]) => [key, siteJson(slice)]))
  );
  return data;
}

/** Body of every src/data loader: write one part of the site data as JSON to stdout. */
export async function writeSitePart(part: Exclude<keyof SiteData, "slices" | "record" | "key">): Promise<void> {
  process.stdout.write(siteJson((await publishSite())[part]));
}
