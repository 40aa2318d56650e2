/**
 * warehouse_meta beyond the versions: the extraction date (the latest date in
 * the accepted data, which the analysis then reads as its data date), the
 * mapping file's hash as part of data_version, and the checksum that ties
 * rejects.csv to the warehouse it was written with.
 */
import {createHash} from "node:crypto";
import {copyFileSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {dataInfo} from "../../loaders/analysis/meta.ts";
import {rejectsCsvBelongs, type FileSummary} from "../../loaders/ingest/index.ts";
import {openWarehouse} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";
import {BASE, CASES, read, run} from "./helpers.ts";

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

interface Meta {
  data_version: string;
  extraction_date: string | null;
  mapping_sha256: string | null;
  rejects_sha256: string;
}
const metaOf = async (db: string) =>
  (
    await read<Meta>(
      db,
      "SELECT data_version, strftime(extraction_date, '%Y-%m-%d') AS extraction_date, mapping_sha256, rejects_sha256 FROM warehouse_meta"
    )
  )[0];

describe("warehouse_meta", () => {
  it("records the latest date in the data as the extraction date, and the analysis reads it", async () => {
    const {db} = await run([BASE, `${CASES}/01-valid`]);
    const meta = await metaOf(db);
    const [latest] = await read<{d: string}>(
      db,
      `SELECT strftime(greatest((SELECT max(intake_date) FROM enrolments), (SELECT max(outcome_date) FROM enrolments),
      (SELECT max(greatest(start_date, coalesce(end_date, start_date))) FROM stage_events)), '%Y-%m-%d') AS d`
    );
    expect(meta.extraction_date).toBe(latest.d);
    expect(meta.extraction_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const wh = await openWarehouse(db);
    try {
      expect(await dataInfo(wh.connection)).toMatchObject({data_date: latest.d, data_date_source: "warehouse_meta"});
    } finally {
      wh.close();
    }
  });

  const fileLines = (files: FileSummary[]) =>
    files
      .map((f) =>
        [f.sha256, f.table, f.encoding, f.delimiter, f.decimal_comma, f.date_format, f.sheet]
          .map((v) => v ?? "")
          .join("\t")
      )
      .sort()
      .join("\n");

  it("puts the mapping file's hash into data_version (without a mapping, the version is over the files and how they were read)", async () => {
    const plain = await run([BASE, `${CASES}/01-valid`]);
    expect((await metaOf(plain.db)).mapping_sha256).toBeNull();
    expect(plain.summary.data_version).toBe(sha256(fileLines(plain.summary.files)));

    const source = `${CASES}/38-mapping`;
    const mapping = join(source, "mapping.json");
    const a = await run([BASE, source], {mapping});
    expect(a.summary.data_version).toBe(
      sha256(`${fileLines(a.summary.files)}\nmapping:${sha256(readFileSync(mapping))}`)
    );
    expect(await metaOf(a.db)).toMatchObject({
      data_version: a.summary.data_version,
      mapping_sha256: sha256(readFileSync(mapping))
    });
    // the same files with another mapping file (here only reformatted) are another data version
    const other = join(tempDir("ingest-mapping"), "mapping.json");
    writeFileSync(other, JSON.stringify(JSON.parse(readFileSync(mapping, "utf8")), null, 4));
    const b = await run([BASE, source], {mapping: other});
    expect(b.summary.data_version).not.toBe(a.summary.data_version);
  });

  it("gives the same bytes read another way another data version (here --date-format)", async () => {
    const sources = [BASE, `${CASES}/05-danish-dates`];
    const dmy = await run(sources);
    const again = await run(sources);
    const mdy = await run(sources, {dateFormat: "mm/dd/yyyy"});
    expect(again.summary.data_version).toBe(dmy.summary.data_version);
    // the same file hashes, read with another date order, give other intake dates
    expect(mdy.summary.files.map((f) => f.sha256)).toEqual(dmy.summary.files.map((f) => f.sha256));
    const intake = async (db: string) =>
      (await read<{d: string}>(db, "SELECT strftime(min(intake_date), '%Y-%m-%d') AS d FROM enrolments"))[0].d;
    expect(await intake(mdy.db)).not.toBe(await intake(dmy.db));
    expect(mdy.summary.data_version).not.toBe(dmy.summary.data_version);
  });

  it("ties rejects.csv to its warehouse by checksum, so a rejects.csv left by an interrupted swap is detected", async () => {
    const dir = tempDir("ingest-rejects");
    const db = join(dir, "warehouse.duckdb");
    const first = await run([BASE, `${CASES}/27-cross-column`], {db});
    expect((await metaOf(db)).rejects_sha256).toBe(sha256(readFileSync(first.summary.rejects_csv)));
    expect(await rejectsCsvBelongs(db)).toBe(true);
    const old = join(tempDir("ingest-rejects-old"), "rejects.csv");
    copyFileSync(first.summary.rejects_csv, old);

    await run([BASE, `${CASES}/31-duplicates`], {db});
    expect(await rejectsCsvBelongs(db)).toBe(true);
    // a run killed between its two renames: the new warehouse beside the previous rejects.csv
    copyFileSync(old, join(dir, "rejects.csv"));
    expect(await rejectsCsvBelongs(db)).toBe(false);
    expect(await rejectsCsvBelongs(db, join(dir, "missing.csv"))).toBe(false);
  });
});
