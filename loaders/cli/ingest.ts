/**
 * npm run ingest -- [options] SOURCE...
 *
 * Reads the sources (files or folders; default data/sample/) into the
 * warehouse (default .cache/warehouse.duckdb, or --db / MENTOR_WAREHOUSE),
 * replacing it. See loaders/ingest/README.md.
 */
import {DEFAULT_SOURCE, warehousePath} from "../warehouse.ts";
import {ingest, IngestError} from "../ingest/index.ts";
import {parseArgs, runMain, UsageError} from "./args.ts";

const HELP = `npm run ingest -- [options] SOURCE...

SOURCE is a file or a folder (default: data/sample/). A run replaces the
warehouse with exactly the sources given.

Options:
  --db PATH            warehouse file (default .cache/warehouse.duckdb, or env MENTOR_WAREHOUSE)
  --table NAME         table of a single source file (otherwise from its name)
  --mapping FILE       JSON mapping of source column names and codes onto the contract
  --delimiter D        CSV delimiter: , ; tab |   (detected when omitted)
  --encoding E         utf-8, windows-1252 (latin-1) or utf-16   (detected when omitted)
  --date-format F      dd-mm-yyyy (default for non-ISO dates), mm/dd/yyyy or yyyy-mm-dd
  --decimal-comma      numbers use a decimal comma (detected when omitted)
  --rejects PATH       where rejects.csv goes (default: beside the warehouse)
  --strict             fail (exit 1, warehouse untouched) if any row is rejected
  --wait               wait for a running ingest of the same warehouse instead of refusing
  --quiet              no progress or summary on stderr
  --json               print a machine-readable summary on stdout
  --help               this text`;

runMain(async () => {
  const {options, positional} = parseArgs(process.argv.slice(2), {
    values: ["db", "table", "mapping", "delimiter", "encoding", "date-format", "rejects"],
    flags: ["decimal-comma", "strict", "wait", "quiet", "json", "help"]
  });
  if (options.help) {
    console.log(HELP);
    return;
  }
  const str = (name: string) => {
    const v = options[name];
    if (v === true) throw new UsageError(`--${name} needs a value`);
    return v;
  };
  try {
    const summary = await ingest({
      sources: positional.length > 0 ? positional : [DEFAULT_SOURCE],
      db: warehousePath(str("db")),
      table: str("table"),
      mapping: str("mapping"),
      delimiter: str("delimiter"),
      encoding: str("encoding"),
      dateFormat: str("date-format"),
      rejectsPath: str("rejects"),
      decimalComma: options["decimal-comma"] === true,
      strict: options.strict === true,
      wait: options.wait === true,
      quiet: options.quiet === true
    });
    if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    if (options.json) {
      process.stdout.write(JSON.stringify({ok: false, error: error.toJSON(), ...(error.summary ? {summary: error.summary} : {})}, null, 2) + "\n");
    }
    const where = error.file ? `${error.file}: ` : "";
    process.stderr.write(`Fejl: ${where}${error.da}\nError: ${where}${error.en}\n`);
    process.exitCode = 1;
  }
});
