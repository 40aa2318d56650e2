/**
 * The pages compute intervals for user-defined cohorts in the browser with the
 * same estimators as the loaders: loaders/stats is bundled (not copied) into
 * src/generated/stats.js before each dev/build run.
 */
import {build} from "esbuild";
import {join} from "node:path";

export async function bundleBrowserStats(root: string): Promise<void> {
  await build({
    entryPoints: [join(root, "loaders", "stats", "index.ts")],
    outfile: join(root, "src", "generated", "stats.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    banner: {js: "// Generated from loaders/stats by loaders/site/browser-stats.ts: do not edit."},
    logLevel: "warning"
  });
}
