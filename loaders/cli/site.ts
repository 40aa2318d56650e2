/**
 * npm run dev -- [--db PATH] / npm run build -- [--db PATH]
 * The site commands: the warehouse is chosen once (--db, else MENTOR_WAREHOUSE, else the built-in sample
 * at .cache/warehouse.duckdb, ingested on first use) and every step runs on it: prepare.ts (the gated data,
 * slice files, English pages), Framework's preview or build (its data loaders read the same warehouse), and
 * after a build postbuild.ts. A warehouse that was named but does not exist is refused. `dev` watches the
 * warehouse: after a re-ingest it publishes the new data and the open pages reload (site/watch.ts).
 */
import {spawn, spawnSync} from "node:child_process";
import {join} from "node:path";
import {touchLoaders, watchWarehouse} from "../site/watch.ts";
import {PROJECT_ROOT, WAREHOUSE_ENV} from "../warehouse.ts";
import {chooseWarehouse, parseArgs, runMain, UsageError} from "./args.ts";

runMain(async () => {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== "dev" && command !== "build")
    throw new UsageError(`Usage: tsx loaders/cli/site.ts dev|build [--db PATH]`);
  const {options, positional} = parseArgs(rest, {values: ["db"]});
  if (positional.length)
    throw new UsageError(`Unexpected argument(s): ${positional.join(" ")}. Usage: npm run ${command} -- [--db PATH]`);
  const {db, named} = chooseWarehouse(options.db, {sampleDefault: true});
  // a named warehouse goes to every step; without one each step uses the default (prepare ingests the sample into it)
  const env = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", ...(named !== null ? {[WAREHOUSE_ENV]: db} : {})};
  const bin = (tool: string) => join(PROJECT_ROOT, "node_modules", ".bin", tool);
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(bin(tool), args, {cwd: PROJECT_ROOT, env, stdio: "inherit"});
    if (result.status !== 0) process.exit(result.status ?? 1);
  };
  run("tsx", ["loaders/cli/prepare.ts"]);
  if (command === "dev") {
    // the preview runs until stopped; a re-ingest of the warehouse republishes the data and reloads the pages
    const preview = spawn(bin("observable"), ["preview"], {cwd: PROJECT_ROOT, env, stdio: "inherit"});
    const watch = watchWarehouse(db, () => {
      console.error(`dev: ${db} changed; publishing the new data`);
      const result = spawnSync(bin("tsx"), ["loaders/cli/prepare.ts"], {cwd: PROJECT_ROOT, env, stdio: "inherit"});
      if (result.status !== 0) console.error("dev: publishing failed (see above); the pages keep the previous data");
      else touchLoaders(join(PROJECT_ROOT, "src", "data"));
    });
    const stop = () => preview.kill("SIGTERM");
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    await new Promise<void>((resolve) =>
      preview.on("exit", (code) => {
        watch.close();
        process.exitCode = code ?? 0;
        resolve();
      })
    );
    return;
  }
  run("observable", ["build"]);
  run("tsx", ["loaders/cli/postbuild.ts"]);
});
