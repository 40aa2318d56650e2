/**
 * What the data are (loaders/ingest/dataset.ts): a source folder's dataset.json is checked, carried into
 * warehouse_meta and read by the analysis; data without one are neither called synthetic nor real.
 */
import {cpSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {dataInfo} from "../../loaders/analysis/meta.ts";
import {datasetOf, readDataset} from "../../loaders/ingest/dataset.ts";
import {openWarehouse} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";
import {BASE, CASES, fatal, read, run} from "./helpers.ts";

const VALID = `${CASES}/01-valid`;

/** A copy of the base fixture with a dataset.json (raw text). */
function withDataset(text: string): string {
  const dir = join(tempDir("dataset"), "source");
  cpSync(BASE, dir, {recursive: true});
  writeFileSync(join(dir, "dataset.json"), text);
  return dir;
}

async function infoOf(db: string) {
  const wh = await openWarehouse(db);
  try {
    return await dataInfo(wh.connection);
  } finally {
    wh.close();
  }
}

describe("dataset.json", () => {
  it("real data: the provider and the extraction date reach warehouse_meta and the analysis's data date", async () => {
    const {db} = await run([
      withDataset(
        JSON.stringify({synthetic: false, provider: "Skolens elevadministration", extraction_date: "2026-08-15"})
      ),
      VALID
    ]);
    const [meta] = await read<{synthetic: boolean; provider: string; data_date: string}>(
      db,
      "SELECT synthetic, provider, strftime(data_date, '%Y-%m-%d') AS data_date FROM warehouse_meta"
    );
    expect(meta).toEqual({synthetic: false, provider: "Skolens elevadministration", data_date: "2026-08-15"});
    expect(await infoOf(db)).toMatchObject({
      synthetic: false,
      provider: "Skolens elevadministration",
      data_date: "2026-08-15",
      data_date_source: "warehouse_meta"
    });
  });

  it("synthetic data say so; data without a description are neither (null), and the data date is the latest date in them", async () => {
    const synthetic = await run([withDataset(JSON.stringify({synthetic: true})), VALID]);
    expect(await infoOf(synthetic.db)).toMatchObject({synthetic: true, provider: null});
    const plain = await run([BASE, VALID]);
    const info = await infoOf(plain.db);
    expect(info).toMatchObject({synthetic: null, provider: null});
    const [{d}] = await read<{d: string}>(
      plain.db,
      "SELECT strftime(extraction_date, '%Y-%m-%d') AS d FROM warehouse_meta"
    );
    expect(info.data_date).toBe(d);
  });

  it("refuses a description it cannot read, naming the file and what is wrong, before any work", async () => {
    for (const [text, what] of [
      ["{", /not valid JSON/],
      ["[]", /must be a JSON object/],
      [JSON.stringify({synthetic: "yes"}), /"synthetic" must be true or false/],
      [JSON.stringify({provider: " "}), /"provider" must be a non-empty text/],
      [JSON.stringify({extraction_date: "2026-02-30"}), /"extraction_date" must be a date as YYYY-MM-DD/],
      [JSON.stringify({source: "x"}), /Unknown keys in dataset.json: source/]
    ] as const) {
      const error = await fatal([withDataset(text), VALID]);
      expect(error.file, text).toMatch(/dataset\.json$/);
      expect(error.en, text).toMatch(what);
      expect(error.da.length, text).toBeGreaterThan(10);
    }
  });

  it("combines several folders: synthetic if any is, every provider, the latest extraction date", () => {
    const a = withDataset(JSON.stringify({synthetic: false, provider: "A", extraction_date: "2026-01-31"}));
    const b = withDataset(JSON.stringify({synthetic: true, provider: "B", extraction_date: "2026-03-01"}));
    expect(datasetOf([a, b])).toEqual({synthetic: true, provider: "A; B", extractionDate: "2026-03-01"});
    expect(readDataset(BASE)).toBeNull();
    expect(datasetOf([join(BASE, "institutions.csv")])).toEqual({
      synthetic: null,
      provider: null,
      extractionDate: null
    });
  });
});
