/**
 * What the data are: `dataset.json` beside the data files of a source folder.
 *
 *   {"synthetic": true, "provider": "…", "extraction_date": "2026-10-01"}
 *
 * - `synthetic` (boolean, default false): generated data, not about real students. The synthetic
 *   generator writes it; the pages then say the figures are for demonstration.
 * - `provider` (text): who extracted the data (a school, an administrative system, a region); the pages
 *   and every export's provenance name it.
 * - `extraction_date` (YYYY-MM-DD): the date of the extraction, the data date for follow-up and censoring
 *   (default: the latest date in the data).
 *
 * The ingest carries it into `warehouse_meta` (columns synthetic, provider, data_date; NULL without a
 * description). Several folders with a description: synthetic if any is, the providers listed, the latest
 * extraction date.
 */
import {existsSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {DATASET_FILE} from "../contract/contract.ts";
import {fail} from "./errors.ts";

export interface DatasetDescription {
  /** null: no description given (the pages then claim neither). */
  synthetic: boolean | null;
  provider: string | null;
  extractionDate: string | null;
}

const KEYS = ["synthetic", "provider", "extraction_date"];

/** Read and check one folder's `dataset.json` (null when it has none). */
export function readDataset(folder: string): DatasetDescription | null {
  const file = join(folder, DATASET_FILE);
  if (!existsSync(file)) return null;
  const bad = (da: string, en: string): never => fail("options", file, da, en);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return bad(
      `${DATASET_FILE} er ikke gyldig JSON (${(e as Error).message}).`,
      `${DATASET_FILE} is not valid JSON (${(e as Error).message}).`
    );
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    return bad(`${DATASET_FILE} skal være et JSON-objekt.`, `${DATASET_FILE} must be a JSON object.`);
  const o = raw as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !KEYS.includes(k));
  if (unknown.length) {
    bad(
      `Ukendte nøgler i ${DATASET_FILE}: ${unknown.join(", ")} (tilladt: ${KEYS.join(", ")}).`,
      `Unknown keys in ${DATASET_FILE}: ${unknown.join(", ")} (allowed: ${KEYS.join(", ")}).`
    );
  }
  if (o.synthetic !== undefined && typeof o.synthetic !== "boolean")
    bad(`"synthetic" skal være true eller false.`, `"synthetic" must be true or false.`);
  if (o.provider !== undefined && (typeof o.provider !== "string" || !o.provider.trim()))
    bad(`"provider" skal være en ikke-tom tekst.`, `"provider" must be a non-empty text.`);
  const date = o.extraction_date;
  if (
    date !== undefined &&
    (typeof date !== "string" ||
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(Date.parse(date)) ||
      new Date(date).toISOString().slice(0, 10) !== date)
  ) {
    bad(
      `"extraction_date" skal være en dato som ÅÅÅÅ-MM-DD, fik ${JSON.stringify(date)}.`,
      `"extraction_date" must be a date as YYYY-MM-DD, got ${JSON.stringify(date)}.`
    );
  }
  return {
    synthetic: o.synthetic === true,
    provider: typeof o.provider === "string" ? o.provider.trim() : null,
    extractionDate: (date as string | undefined) ?? null
  };
}

/** The description of all sources together (folders only; a single file has none). */
export function datasetOf(sources: readonly string[]): DatasetDescription {
  const found = sources
    .filter((s) => existsSync(s) && statSync(s).isDirectory())
    .map(readDataset)
    .filter((d): d is DatasetDescription => d !== null);
  const providers = [...new Set(found.map((d) => d.provider).filter((p): p is string => p !== null))];
  const dates = found
    .map((d) => d.extractionDate)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    synthetic: found.length ? found.some((d) => d.synthetic) : null,
    provider: providers.length ? providers.join("; ") : null,
    extractionDate: dates.at(-1) ?? null
  };
}
