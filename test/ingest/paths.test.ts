/**
 * The CSV reader's two paths give the same result: a clean file (as many
 * physical lines as rows, nothing DuckDB rejects) takes the fast path (line =
 * row index + 2, no structure scan); a file with blank lines, whitespace
 * lines or quoted newlines takes the careful path (scan.ts). The same data
 * through either path must give the same warehouse and the same reject lines.
 */
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it, vi} from "vitest";
import {TABLE_NAMES} from "../../loaders/contract/contract.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {tempDir} from "../helpers/tmp.ts";
import {fingerprint, run, type Reject} from "./helpers.ts";

/** Which files got the careful structure scan (scanFile called with `csv`), and which need no trimming. */
const carefulScans: string[] = [];
const trimFree = new Map<string, boolean>();
vi.mock("../../loaders/ingest/scan.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../loaders/ingest/scan.ts")>();
  return {
    ...original,
    scanFile: async (path: string, opts?: Parameters<typeof original.scanFile>[1]) => {
      const name = path.split("/").pop()!;
      if (opts?.csv) carefulScans.push(name);
      const result = await original.scanFile(path, opts);
      if (opts?.countLines) trimFree.set(name, result.bytes.trimFree);
      return result;
    }
  };
});

/** Rows of a CSV (header first); values never contain newlines in the generated data. */
const rowsOf = (path: string) => readFileSync(path, "utf8").replace(/\n$/, "").split("\n");

let clean: string;
beforeAll(async () => {
  clean = tempDir("ingest-paths-clean");
  await generate({enrolments: 400, seed: 3, out: clean});
  // a few rejects, so that line numbers are compared: an unknown programme (its stages are
  // rejected as referring to it) and a malformed date
  const enrol = rowsOf(join(clean, "enrolments.csv"));
  enrol[10] = enrol[10].replace(/,(EUD|EUX|STX|HHX|HTX|10K),/, ",XYZ,");
  // an ignored extra column, so that the careful variant can hide a quoted newline in it
  writeFileSync(join(clean, "enrolments.csv"), enrol.map((r, i) => `${r},${i === 0 ? "note" : ""}`).join("\n") + "\n");
  const stages = rowsOf(join(clean, "stage_events.csv"));
  stages[300] = stages[300].replace(/,(\d{4}-\d{2}-\d{2}),/, ",2021-13-45,");
  writeFileSync(join(clean, "stage_events.csv"), stages.join("\n") + "\n");
});

/** A copy of the clean files with `edit` applied to enrolments.csv and stage_events.csv. */
function variant(name: string, edit: (rows: string[], table: string) => string) {
  const dir = tempDir(`ingest-paths-${name}`);
  for (const t of TABLE_NAMES) {
    const rows = rowsOf(join(clean, `${t}.csv`));
    writeFileSync(
      join(dir, `${t}.csv`),
      t === "enrolments" || t === "stage_events" ? edit(rows, t) : rows.join("\n") + "\n"
    );
  }
  writeFileSync(join(dir, "truth.json"), readFileSync(join(clean, "truth.json")));
  return dir;
}

/** [file name, line, column, rule, value, reason, the row referred to as "file name:line"]. */
type Line = [string, number, string | null, string, string | null, string, string | null];
const lines = (rs: Reject[]): Line[] =>
  rs.map((r) => [
    r.file.split("/").pop()!,
    Number(r.line),
    r.column_name,
    r.rule,
    r.value,
    r.reason_en,
    r.ref_file === null ? null : `${r.ref_file.split("/").pop()}:${r.ref_line}`
  ]);

describe("CSV fast path and careful path", () => {
  it("give the same warehouse and the same reject lines (blank and whitespace lines at the end, padded values)", async () => {
    carefulScans.length = 0;
    const a = await run([clean]);
    expect(carefulScans).toEqual([]); // every generated file is clean: fast path
    expect(trimFree.get("stage_events.csv")).toBe(true); // no spaces or quotes: not even trimmed
    expect(trimFree.get("enrolments.csv")).toBe(false);
    expect(a.rejects.length).toBeGreaterThanOrEqual(2);

    // the same values, padded with spaces in stage_events (trimmed back)
    const pad = (row: string, i: number) =>
      i === 0
        ? row
        : row
            .split(",")
            .map((v) => (v === "" ? v : ` ${v}\t`))
            .join(",");
    const trailing = variant("trailing", (rows, t) =>
      t === "enrolments" ? rows.join("\n") + "\n  \n" : rows.map(pad).join("\n") + "\n\n\n"
    );
    carefulScans.length = 0;
    const b = await run([trailing]);
    expect(carefulScans.sort()).toEqual(["enrolments.csv", "stage_events.csv"]);
    expect(trimFree.get("stage_events.csv")).toBe(false);
    expect(lines(b.rejects)).toEqual(lines(a.rejects));
    expect(await fingerprint(b.db, TABLE_NAMES)).toEqual(await fingerprint(a.db, TABLE_NAMES));
    expect(b.summary.files.map((f) => [f.table, f.rows_read, f.rows_accepted, f.rows_rejected])).toEqual(
      a.summary.files.map((f) => [f.table, f.rows_read, f.rows_accepted, f.rows_rejected])
    );
  });

  it("counts quoted newlines and blank lines in the middle (later lines move down, the data stays the same)", async () => {
    const a = await run([clean]);
    // enrolments: row 5's ignored note spans two lines; stage_events: a blank line after line 100
    const quoted = variant("quoted", (rows, t) =>
      t === "enrolments"
        ? rows.map((r, i) => (i === 4 ? `${r}"two\nlines"` : r)).join("\n") + "\n"
        : [...rows.slice(0, 100), "", ...rows.slice(100)].join("\n") + "\n"
    );
    carefulScans.length = 0;
    const c = await run([quoted]);
    expect(carefulScans.sort()).toEqual(["enrolments.csv", "stage_events.csv"]);
    expect(await fingerprint(c.db, TABLE_NAMES)).toEqual(await fingerprint(a.db, TABLE_NAMES));
    // physical lines: every line after row 5 of enrolments (line 5) and after line 100 of stage_events is one further down
    const moved = (file: string, line: number) =>
      line + ((file === "enrolments.csv" && line > 5) || (file === "stage_events.csv" && line > 100) ? 1 : 0);
    const shifted = lines(a.rejects).map(([file, line, column, rule, value, reason, ref]): Line => [
      file,
      moved(file, line),
      column,
      rule,
      value,
      reason,
      ref && ref.replace(/^(.*):(\d+)$/, (_, f: string, l: string) => `${f}:${moved(f, Number(l))}`)
    ]);
    expect(lines(c.rejects)).toEqual(shifted);
    // the line of the rejected enrolment a row refers to moves too
    expect(lines(c.rejects).find((r) => r[3] === "reference_rejected")![6]).toBe("enrolments.csv:12");
  });
});
