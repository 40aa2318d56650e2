/**
 * npm run check -- [options] SOURCE...
 *
 * Validates the sources and reports exactly as ingest would (accepted and
 * rejected rows, rejects grouped by reason) but writes nothing: no
 * warehouse, no rejects.csv, no lock. See loaders/ingest/README.md.
 */
import {DEFAULT_SOURCE} from "../warehouse.ts";
import {check} from "../ingest/index.ts";
import {parseArgs, runMain} from "./args.ts";
import {reportFatal, SOURCE_FLAGS, SOURCE_HELP, SOURCE_VALUES, sourceOptions} from "./source-args.ts";

const HELP = `npm run check -- [options] SOURCE...

SOURCE is a file or a folder (default: data/sample/). Reads and validates
the sources as ingest does and prints the same summary, but writes nothing.
Exit code 1 on a fatal problem (or with --strict, on any rejected row).

Options:
${SOURCE_HELP}
  --strict             exit 1 if any row would be rejected
  --quiet              no summary on stderr
  --json               print the machine-readable summary on stdout (ingest's, without db and rejects_csv)
  --help               this text`;

runMain(async () => {
  const {options, positional} = parseArgs(process.argv.slice(2), {values: SOURCE_VALUES, flags: SOURCE_FLAGS});
  if (options.help) {
    console.log(HELP);
    return;
  }
  try {
    const summary = await check(sourceOptions(options, positional.length > 0 ? positional : [DEFAULT_SOURCE]));
    if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
    if (!summary.ok) process.exitCode = 1;
  } catch (error) {
    reportFatal(error, options.json === true);
  }
});
