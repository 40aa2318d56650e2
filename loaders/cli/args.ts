/** Minimal `--name value` / `--flag` parser shared by the command-line entries. */
import {existsSync, statSync} from "node:fs";
import {join} from "node:path";
import {WAREHOUSE_ENV, warehousePath} from "../warehouse.ts";
import {explainFileError} from "./file-errors.ts";

export interface ParsedArgs {
  options: Record<string, string | true>;
  positional: string[];
}

export function parseArgs(argv: string[], known: {values?: string[]; flags?: string[]}): ParsedArgs {
  const values = new Set(known.values ?? []);
  const flags = new Set(known.flags ?? []);
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    // option names are matched regardless of case, as filter values are ("--Format" = "--format")
    const [given, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const name = given.toLowerCase();
    if (flags.has(name)) options[name] = true;
    else if (values.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else {
      const all = [...values].map((v) => `--${v} VALUE`).concat([...flags].map((f) => `--${f}`));
      throw new UsageError(`Unknown option --${name}. Known options: ${all.join(", ")}`);
    }
  }
  return {options, positional};
}

export class UsageError extends Error {}

/**
 * The warehouse a command works on, chosen once: --db, else MENTOR_WAREHOUSE, else the default. A warehouse that
 * does not exist is refused, saying how to make it — except the default for the site commands, which ingest the
 * built-in sample into it (`sampleDefault`). `named` is null when neither --db nor MENTOR_WAREHOUSE was given.
 */
export function chooseWarehouse(
  dbOption: string | boolean | undefined,
  {sampleDefault = false} = {}
): {db: string; named: string | null} {
  const named = typeof dbOption === "string" ? dbOption : process.env[WAREHOUSE_ENV] || null;
  const db = warehousePath(named ?? undefined);
  if (existsSync(db) && statSync(db).isDirectory()) {
    throw new UsageError(
      `${db}${typeof dbOption === "string" ? " (--db)" : named !== null ? ` (${WAREHOUSE_ENV})` : ""} is a folder; give the warehouse file, e.g. ${join(db, "warehouse.duckdb")}`
    );
  }
  if (!existsSync(db) && (named !== null || !sampleDefault)) {
    const how = named !== null ? ` (${typeof dbOption === "string" ? "--db" : WAREHOUSE_ENV})` : "";
    throw new UsageError(
      `No warehouse at ${db}${how}. Ingest your data there first: npm run ingest -- --db ${named ?? db} SOURCE…${named === null ? " (or npm run build, which ingests the built-in sample)" : ""}`
    );
  }
  return {db, named};
}

export function integerOption(options: ParsedArgs["options"], name: string, fallback: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw === true || !Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  return n;
}

/** Run a CLI main, printing usage errors without a stack trace. */
export function runMain(main: () => Promise<void>) {
  process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`Error: ${error.message}`);
      process.exit(2);
    }
    const fileError = explainFileError(error);
    console.error(
      fileError !== null ? `Error: ${fileError}` : error instanceof Error ? `Error: ${error.message}` : error
    );
    process.exit(1);
  });
}
