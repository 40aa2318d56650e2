/**
 * Helpers for tests that obtain reference values from R (`Rscript`).
 * Everything here is optional: when R (or a package) is missing, tests use
 * `describe.skipIf(!hasR)` and print a note instead of failing.
 */
import {execFileSync, spawnSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

function probe(args: string[]): boolean {
  try {
    const result = spawnSync("Rscript", args, {encoding: "utf8", timeout: 60_000});
    return result.status === 0;
  } catch {
    return false;
  }
}

/** True when `Rscript` runs and the `survival` package loads. */
export const hasR: boolean = probe(["-e", 'quit(status = if (requireNamespace("survival", quietly = TRUE)) 0 else 1)']);

/** True when R and the named package are available. */
export function hasRPackage(name: string): boolean {
  if (!hasR) return false;
  return probe(["-e", `quit(status = if (requireNamespace("${name}", quietly = TRUE)) 0 else 1)`]);
}

/** Print a visible note once per test file when R is absent. */
export function noteIfNoR(what: string): void {
  if (!hasR) console.warn(`[stats tests] Rscript with package 'survival' not found: skipping R cross-check "${what}".`);
}

/**
 * R prelude defining `emit(list(...))`, which prints a JSON object of
 * (nested lists of) numeric vectors with 17 significant digits; NA/NaN
 * become null, ±Inf become the strings "Infinity"/"-Infinity".
 */
const PRELUDE = String.raw`
.num <- function(x) {
  x <- as.numeric(x)
  s <- ifelse(is.na(x), "null", ifelse(is.infinite(x), ifelse(x > 0, '"Infinity"', '"-Infinity"'), sprintf("%.17g", x)))
  paste0("[", paste(s, collapse = ","), "]")
}
.json <- function(l) {
  parts <- vapply(names(l), function(k) {
    v <- l[[k]]
    paste0('"', k, '":', if (is.list(v)) .json(v) else .num(v))
  }, "")
  paste0("{", paste(parts, collapse = ","), "}")
}
emit <- function(l) cat("@@JSON@@", .json(l), "\n", sep = "")
suppressPackageStartupMessages(library(survival))
`;

export type RJson = {[key: string]: number[] | RJson};

/**
 * Run an R script (the prelude above is prepended) and parse the JSON that
 * it prints with `emit(...)`. `files` are written to a temporary directory
 * whose path is available in R as `dir` (e.g. read.csv(file.path(dir, "d.csv"))).
 */
export function runR(script: string, files: Record<string, string> = {}): RJson {
  const dir = mkdtempSync(join(tmpdir(), "stats-r-"));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const path = join(dir, "script.R");
    writeFileSync(path, `dir <- ${JSON.stringify(dir)}\n${PRELUDE}\n${script}\n`);
    const output = execFileSync("Rscript", [path], {encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024});
    const line = output.split("\n").find((l) => l.startsWith("@@JSON@@"));
    if (line === undefined) throw new Error(`R printed no JSON:\n${output}`);
    return JSON.parse(line.slice("@@JSON@@".length), (_key, value: unknown) => {
      if (value === null) return NaN;
      if (value === "Infinity") return Infinity;
      if (value === "-Infinity") return -Infinity;
      return value;
    }) as RJson;
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** Numeric vector at `key` of an R JSON result (throws if absent or nested). */
export function vec(result: RJson, key: string): number[] {
  const value = result[key];
  if (!Array.isArray(value)) throw new Error(`R result has no numeric vector "${key}"`);
  return value;
}
