/**
 * npm run ingest -- [options] SOURCE...
 *
 * Reads the sources (files or folders; default data/sample/) into the
 * warehouse (default .cache/warehouse.duckdb, or --db / MENTOR_WAREHOUSE),
 * replacing it. See loaders/ingest/README.md.
 */
import {DEFAULT_SOURCE, warehousePath} from "../warehouse.ts";
import {ingest} from "../ingest/index.ts";
import {parseArgs, runMain} from "./args.ts";
import {reportFatal, SOURCE_FLAGS, SOURCE_HELP, SOURCE_VALUES, sourceOptions, valueOf} from "./source-args.ts";

const HELP = `npm run ingest -- [options] SOURCE...

SOURCE is a file or a folder (default: data/sample/). A run replaces the
warehouse with exactly the sources given.

Options:
  --db PATH            warehouse file (default .cache/warehouse.duckdb, or env MENTOR_WAREHOUSE)
${SOURCE_HELP}
  --rejects PATH       where rejects.csv goes (default: beside the warehouse)
  --strict             fail (exit 1, warehouse untouched) if any row is rejected
  --wait               wait for a running ingest of the same warehouse instead of refusing
  --quiet              no progress or summary on stderr
  --json               print a machine-readable summary on stdout
  --help               this text`;

runMain(async () => {
  const {options, positional} = parseArgs(process.argv.slice(2), {
    values: ["db", ...SOURCE_VALUES, "rejects"],
    flags: [...SOURCE_FLAGS, "wait"]
  });
  if (options.help) {
    console.log(HELP);
    return;
  }
  try {
    const summary = await ingest({
      ...sourceOptions(options, positional.length > 0 ? positional : [DEFAULT_SOURCE]),
      db: warehousePath(valueOf(options, "db")),
      rejectsPath: valueOf(options, "rejects"),
      wait: options.wait === true
    });
    if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
  } catch (error) {
    reportFatal(error, options.json === true);
  }
});
