/**
 * The committed sample and generated data through the ingest: idempotent,
 * no source identifier in the warehouse, the same result from a Danish
 * office re-export, and a conforming generator under --strict.
 */
import {readFileSync, writeFileSync, mkdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {DuckDBInstance} from "@duckdb/node-api";
import {tableSpec, TABLE_NAMES} from "../../loaders/contract/contract.ts";
import {hmacNode} from "../../loaders/ingest/pseudonymise.ts";
import {cprSql} from "../../loaders/ingest/privacy.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {DEFAULT_SOURCE, query} from "../../loaders/warehouse.ts";
import {encodeCp1252} from "../fixtures/ingest/cp1252.ts";
import {tempDir} from "../helpers/tmp.ts";
import {fingerprint, read, run} from "./helpers.ts";

/** Minimal quote-aware CSV parser for the test's re-export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    field = "",
    q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') q = false;
      else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Re-export a contract CSV the way Danish office software writes it. */
function danishOffice(src: string, dst: string, table: string) {
  const spec = tableSpec(table);
  const rows = parseCsv(readFileSync(src, "utf8"));
  const header = rows[0];
  const types = header.map((h) => spec.columns.find((c) => c.name === h)!.type);
  const out = rows.map((r, i) =>
    r
      .map((v, j) => {
        let s = v;
        if (i > 0 && types[j] === "date" && /^\d{4}-\d{2}-\d{2}$/.test(s))
          s = `${s.slice(8, 10)}-${s.slice(5, 7)}-${s.slice(0, 4)}`;
        if (i > 0 && types[j] === "decimal") s = s.replace(".", ",");
        return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(";")
  );
  writeFileSync(dst, encodeCp1252(out.join("\r\n") + "\r\n"));
}

describe("ingest of the committed sample", () => {
  it("twice gives identical table counts and contents", async () => {
    const a = await run([DEFAULT_SOURCE]);
    const b = await run([DEFAULT_SOURCE], {db: a.db});
    const c = await run([DEFAULT_SOURCE]);
    expect(a.summary.rejects.rows).toBe(0);
    const fa = await fingerprint(a.db);
    expect(await fingerprint(b.db)).toEqual(fa);
    expect(await fingerprint(c.db)).toEqual(fa);
    expect(fa.enrolments.rows).toBe(30000);
    expect(b.summary.data_version).toBe(a.summary.data_version);
    // the log and meta describe exactly the sources of the last run
    const log = await read<{n: number}>(b.db, "SELECT count(*) AS n FROM ingest_log");
    expect(log[0].n).toBe(6);
    const meta = await read<{contract_version: string; data_version: string}>(
      b.db,
      "SELECT contract_version, data_version FROM warehouse_meta"
    );
    expect(meta).toEqual([{contract_version: "1.1.0", data_version: a.summary.data_version}]);
  });

  it("leaves no source identifier and no CPR-like value in any VARCHAR column of any table", async () => {
    const {db} = await run([DEFAULT_SOURCE]);
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    try {
      await con.run(`ATTACH '${db}' AS wh (READ_ONLY)`);
      await con.run(`CREATE TABLE ids AS
        SELECT enrolment_id AS id FROM read_csv('${DEFAULT_SOURCE}/enrolments.csv', all_varchar = true)
        UNION SELECT student_key FROM read_csv('${DEFAULT_SOURCE}/enrolments.csv', all_varchar = true)
        UNION SELECT mentorship_id FROM read_csv('${DEFAULT_SOURCE}/mentorships.csv', all_varchar = true)`);
      const cols = await query<{t: string; c: string}>(
        con,
        "SELECT table_name AS t, column_name AS c FROM duckdb_columns() WHERE database_name = 'wh' AND data_type = 'VARCHAR'"
      );
      expect(cols.length).toBeGreaterThan(30);
      for (const {t, c} of cols) {
        const [hit] = await query<{n: number; cpr: number}>(
          con,
          `SELECT
            count(*) FILTER (WHERE x."${c}" IN (SELECT id FROM ids)) AS n,
            count(*) FILTER (WHERE ${cprSql(`x."${c}"`)}) AS cpr
          FROM wh."${t}" x`
        );
        expect({t, c, ...hit}).toEqual({t, c, n: 0, cpr: 0});
      }
      // the ids are there as HMAC-SHA-256 hex, computed as Node computes it
      const [first] = await query<{id: string}>(con, "SELECT enrolment_id AS id FROM wh.enrolments LIMIT 1");
      expect(first.id).toMatch(/^[0-9a-f]{64}$/);
      const [e1] = await query<{n: number}>(
        con,
        `SELECT count(*) AS n FROM wh.enrolments WHERE enrolment_id = '${hmacNode(Buffer.from(process.env.MENTOR_HASH_KEY!), "enrolment_id", "E00001")}'`
      );
      expect(e1.n).toBe(1);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });

  it("re-exported as Danish office software writes it (semicolons, decimal commas, dd-mm-yyyy, Windows-1252, CRLF) gives the same warehouse", async () => {
    const dir = tempDir("ingest-office");
    for (const t of TABLE_NAMES) danishOffice(join(DEFAULT_SOURCE, `${t}.csv`), join(dir, `${t}.csv`), t);
    const original = await run([DEFAULT_SOURCE]);
    const office = await run([dir]);
    for (const f of office.summary.files) {
      // files without æ, ø, å are plain ASCII: as valid UTF-8 as Windows-1252
      expect([f.delimiter, f.decimal_comma, f.date_format === null || f.date_format === "dd-mm-yyyy"]).toEqual([
        ";",
        true,
        true
      ]);
    }
    expect(office.summary.files.find((f) => f.table === "enrolments")!.encoding).toBe("windows-1252");
    expect(office.summary.files.map((f) => [f.table, f.rows_accepted])).toEqual(
      original.summary.files.map((f) => [f.table, f.rows_accepted])
    );
    expect(await fingerprint(office.db)).toEqual(await fingerprint(original.db));
  });
});

describe("ingest of generated data", () => {
  it("passes --strict with zero rejects (the generator conforms to the contract)", async () => {
    const dir = tempDir("ingest-gen");
    await generate({enrolments: 6000, seed: 11, out: dir});
    const {summary} = await run([dir], {strict: true});
    expect(summary.rejects.rows).toBe(0);
    expect(summary.tables.find((t) => t.table === "enrolments")!.rows).toBe(6000);
  });
});

describe("ingest CLI", () => {
  it("prints the --json summary on stdout and exits 0; a fatal error exits 1 with both languages", async () => {
    const {spawnSync} = await import("node:child_process");
    const dir = tempDir("ingest-cli");
    const db = join(dir, "w.duckdb");
    const env = {...process.env, MENTOR_HASH_KEY: "test-only-key-not-for-real-data"};
    const ok = spawnSync(
      "npx",
      [
        "tsx",
        "loaders/cli/ingest.ts",
        "--db",
        db,
        "--json",
        "--quiet",
        "test/fixtures/ingest/base",
        "test/fixtures/ingest/cases/27-cross-column"
      ],
      {encoding: "utf8", env}
    );
    expect(ok.status).toBe(0);
    const summary = JSON.parse(ok.stdout);
    expect(Object.keys(summary)).toEqual([
      "ok",
      "db",
      "rejects_csv",
      "contract_version",
      "data_version",
      "ingested_at",
      "seconds",
      "files",
      "tables",
      "rejects"
    ]);
    expect(Object.keys(summary.files[0])).toEqual([
      "path",
      "table",
      "format",
      "encoding",
      "delimiter",
      "decimal_comma",
      "date_format",
      "sheet",
      "sha256",
      "rows_read",
      "rows_accepted",
      "rows_rejected",
      "rows_skipped",
      "seconds",
      "notes"
    ]);
    expect(summary.rejects.rows).toBe(5);
    expect(summary.rejects.by_reason).toHaveLength(5);
    expect(Object.keys(summary.rejects.by_reason[0])).toEqual([
      "table",
      "column",
      "rule",
      "reason_da",
      "reason_en",
      "count",
      "examples"
    ]);
    expect(Object.keys(summary.rejects.by_reason[0].examples[0])).toEqual(["file", "line"]);
    mkdirSync(join(dir, "x"));
    const bad = spawnSync(
      "npx",
      ["tsx", "loaders/cli/ingest.ts", "--db", db, "test/fixtures/ingest/cases/11-zero-byte"],
      {encoding: "utf8", env}
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      "Fejl: test/fixtures/ingest/cases/11-zero-byte/enrolments.csv: Filen er tom (0 bytes). Eksportér den igen."
    );
    expect(bad.stderr).toContain(
      "Error: test/fixtures/ingest/cases/11-zero-byte/enrolments.csv: The file is empty (0 bytes). Export it again."
    );
    const usage = spawnSync("npx", ["tsx", "loaders/cli/ingest.ts", "--nope"], {encoding: "utf8", env});
    expect(usage.status).toBe(2);
  });
});
