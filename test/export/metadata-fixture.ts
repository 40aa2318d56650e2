// Inputs of the export's metadata builders without a warehouse: a codebook of every documented column of
// every file (so length and name limits are checked for every column any export can have) and provenance facts.
import {buildCodebook, COLUMNS, FILE_COLUMNS, FILE_DESCRIPTIONS, type Codebook} from "../../loaders/export/codebook.ts";
import type {ProvenanceInput} from "../../loaders/export/provenance.ts";
import {publicationSettings} from "../../loaders/export/publication.ts";

/** Every documented column of every file, each table as CSV (codebook.csv included). */
export function fullCodebook(format: "csv" | "parquet" = "csv"): Codebook {
  const tables = Object.keys(FILE_DESCRIPTIONS);
  return buildCodebook(
    tables.map((table) => {
      const own = Object.keys(FILE_COLUMNS[table] ?? {});
      const columns =
        table === "codebook"
          ? own
          : [
              ...new Set([...Object.keys(COLUMNS).filter((c) => c !== "suppressed"), ...own]),
              ...(table === "microdata" ? [] : ["suppressed"])
            ];
      const ext = table === "codebook" ? "csv" : format;
      return {table, file: `${table}.${ext}`, columns, rows: 10};
    })
  );
}

/** Provenance facts of an export of `codebook` (each file with a made-up sha256). */
export function provenanceInput(codebook: Codebook, over: Partial<ProvenanceInput> = {}): ProvenanceInput {
  return {
    createdAt: new Date("2026-03-04T05:06:07Z"),
    data: {
      data_version: "v2026.1",
      contract_version: "1.1.0",
      contract_version_source: "warehouse",
      data_date: "2026-01-31",
      data_date_source: "warehouse_meta",
      synthetic: false,
      provider: "Børne- og Undervisningsministeriet",
      mature_days: 1826,
      mature_days_setting: 1826,
      follow_up_days: 4000,
      notice: {en: "Data from the schools' registers.", da: "Data fra skolernes registre."},
      follow_up_words: {mature: {da: "5 år", en: "5 years"}, setting: {da: "5 år", en: "5 years"}}
    },
    codeContractVersion: "1.1.0",
    ingestLog: [],
    software: {name: "mentor", version: "1.0.0", git_commit: null, git_dirty: null, node: null, duckdb: null},
    minCell: 5,
    cohort: {argument: "programme=EUD", canonical: "programme=EUD", filters: {programmes: ["EUD"]}},
    options: {format: "csv", strata: [], covariates: [], periods: "breakpoints", period_breaks: [0, 42]},
    files: codebook.files.map((f, i) => ({
      file: f.file,
      table: f.table,
      rows: 10,
      sha256: i.toString(16).padStart(64, "a")
    })),
    microdata: null,
    publication: publicationSettings({}),
    ...over
  };
}
