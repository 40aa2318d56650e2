/**
 * `check`: validate and report exactly as ingest would — the same reading,
 * mapping, checks, accepted and rejected counts and grouped reasons — but
 * write nothing: no warehouse, no rejects.csv, no lock, no hash key file.
 * The work happens in an in-memory DuckDB with a work folder under the
 * system's temp folder, removed at the end. Identifiers are hashed with a
 * throwaway key (the hashes are never kept).
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {randomBytes} from "node:crypto";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {formatSummary} from "./report.ts";
import {prepare, startWork, validateSources} from "./run.ts";
import type {CheckSummary, IngestOptions} from "./types.ts";

export type CheckOptions = Omit<IngestOptions, "db" | "rejectsPath" | "wait">;

/** Validate the sources and return the summary ingest would give (ok = false only for --strict with rejects); fatal problems throw IngestError. */
export async function check(options: CheckOptions): Promise<CheckSummary> {
  const started = performance.now();
  const progress =
    options.onProgress ?? (options.quiet ? () => {} : (line: string) => process.stderr.write(`check: ${line}\n`));
  const {files, settings} = prepare({...options, db: ""});
  const workDir = mkdtempSync(join(tmpdir(), "mentor-check-"));
  const instance = await DuckDBInstance.create(":memory:", {
    temp_directory: join(workDir, "duckdb"),
    preserve_insertion_order: "true"
  });
  try {
    const con = await instance.connect();
    try {
      const ctx = await startWork(con, workDir, settings, progress, options.progressRows);
      const result = await validateSources(ctx, files, randomBytes(32), options.mapping);
      const summary: CheckSummary = {
        ...result,
        check: true,
        ok: !(options.strict && result.rejects.rows > 0),
        seconds: (performance.now() - started) / 1000
      };
      if (!options.quiet) process.stderr.write(formatSummary(summary).replace(/^/gm, "check: ") + "\n");
      return summary;
    } finally {
      con.closeSync();
    }
  } finally {
    instance.closeSync();
    rmSync(workDir, {recursive: true, force: true});
  }
}
