/** The command-line options that say how sources are read, shared by `ingest` and `check`, and how both report a fatal error. */
import {IngestError} from "../ingest/index.ts";
import type {IngestOptions} from "../ingest/types.ts";
import {UsageError, type ParsedArgs} from "./args.ts";

export const SOURCE_VALUES = ["table", "mapping", "delimiter", "encoding", "date-format"];
export const SOURCE_FLAGS = ["decimal-comma", "strict", "quiet", "json", "help"];

export const SOURCE_HELP = `  --table NAME         table of a single source file (otherwise from its name)
  --mapping FILE       JSON mapping of source columns, codes and expressions onto the contract
  --delimiter D        CSV delimiter: , ; tab |   (detected when omitted)
  --encoding E         utf-8, windows-1252 (latin-1) or utf-16   (detected when omitted)
  --date-format F      dd-mm-yyyy (default for non-ISO dates), mm/dd/yyyy or yyyy-mm-dd
  --decimal-comma      numbers use a decimal comma (detected when omitted)`;

/** A value option (undefined when absent); fatal usage error when given without a value. */
export function valueOf(options: ParsedArgs["options"], name: string): string | undefined {
  const v = options[name];
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

/** The options shared by ingest and check. */
export function sourceOptions(options: ParsedArgs["options"], sources: string[]): Omit<IngestOptions, "db"> {
  return {
    sources,
    table: valueOf(options, "table"),
    mapping: valueOf(options, "mapping"),
    delimiter: valueOf(options, "delimiter"),
    encoding: valueOf(options, "encoding"),
    dateFormat: valueOf(options, "date-format"),
    decimalComma: options["decimal-comma"] === true,
    strict: options.strict === true,
    quiet: options.quiet === true
  };
}

/** Print a fatal IngestError in Danish and English (and as JSON with --json) and set exit code 1; rethrow anything else. */
export function reportFatal(error: unknown, json: boolean): void {
  if (!(error instanceof IngestError)) throw error;
  if (json) {
    process.stdout.write(
      JSON.stringify({ok: false, error: error.toJSON(), ...(error.summary ? {summary: error.summary} : {})}, null, 2) +
        "\n"
    );
  }
  const where = error.file ? `${error.file}: ` : "";
  process.stderr.write(`Fejl: ${where}${error.da}\nError: ${where}${error.en}\n`);
  process.exitCode = 1;
}
