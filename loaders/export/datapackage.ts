/**
 * datapackage.json of an export: a Frictionless Data Package
 * (https://specs.frictionlessdata.io/, v1) describing every tabular file with
 * a Table Schema built from the codebook — field types, English titles and
 * descriptions (Danish in `title_da`/`description_da`), the codes of coded
 * columns as `constraints.enum`, the primary key, `missingValues: [""]` — and
 * the package's version (data version), licence, source and publisher from
 * the same facts as provenance.json.
 *
 * A CSV export is a `tabular-data-package` (every resource a CSV
 * `tabular-data-resource`). Frictionless v1 allows only CSV (or inline JSON)
 * in a tabular data resource, so a Parquet export is a plain `data-package`
 * whose Parquet resources (`data-resource`) still carry their Table Schema;
 * codebook.csv is tabular in both.
 *
 * Primary keys: the dimension columns of a table, plus its key labels
 * (`KEY_LABELS`: the curve's set, group and time; the period; the phase; …).
 * In `survival` a curve that is not published is one row with `time` empty:
 * its (set, group) is still unique, and Frictionless checks a key with some
 * empty cells as a whole (only a key whose cells are all empty is an error).
 *
 * Pure (no Node APIs).
 */
import type {Codebook, CodebookColumn, CodebookFile} from "./codebook.ts";
import type {Publication} from "./publication.ts";
import type {ProvenanceInput} from "./provenance.ts";
import {shortLabel} from "./short-label.ts";

/** Label columns that, with the dimension columns, identify a row of a table. */
export const KEY_LABELS: Record<string, readonly string[]> = {
  survival: ["set", "group", "time"],
  log_rank: ["set"],
  stage_hazards: ["phase"],
  person_period: ["period"],
  person_period_margins: ["period"],
  risk_model: ["term", "factor", "level"],
  microdata: ["enrolment_id"],
  codebook: ["file", "column"]
};

/** The primary key of a file: its dimension columns and key labels, in file order. */
export function primaryKeyOf(file: Pick<CodebookFile, "table" | "columns">): string[] {
  const labels = KEY_LABELS[file.table] ?? [];
  const key = file.columns.filter((c) => c.kind === "dimension" || labels.includes(c.column)).map((c) => c.column);
  if (!key.length)
    throw new Error(
      `datapackage: no primary key for ${file.table} (no dimension column and no entry in KEY_LABELS of loaders/export/datapackage.ts)`
    );
  return key;
}

export const MISSING_NOTE = {
  en: "An empty field is missing: a value hidden by the privacy gate (the row's `suppressed` column names it, with every figure computed from it) or not applicable (e.g. a share when n = 0, a survival row of a curve that is not published).",
  da: "Et tomt felt mangler: en værdi skjult af diskretionsreglen (rækkens `suppressed`-kolonne nævner den og alle tal beregnet af den) eller ikke relevant (fx en andel når n = 0 eller en overlevelsesrække for en kurve, der ikke offentliggøres)."
};

const MEDIATYPES = {csv: "text/csv", parquet: "application/vnd.apache.parquet"} as const;
/** The CSV dialect of write.ts (`toCsv`). */
export const CSV_DIALECT = {
  delimiter: ",",
  doubleQuote: true,
  quoteChar: '"',
  lineTerminator: "\n",
  header: true,
  skipInitialSpace: false
};

/** A package or resource name as Frictionless allows it: lower case, digits, ".", "-", "_". */
export const packageName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "") || "export";

/** Texts joined as sentences (each ended with a full stop unless it ends with punctuation). */
const sentences = (...texts: string[]): string =>
  texts
    .filter(Boolean)
    .map((t) => (/[.!?]$/.test(t) ? t : `${t}.`))
    .join(" ");

/** One Table Schema field of a codebook column. */
export function tableField(c: CodebookColumn, minCell: number): Record<string, unknown> {
  const coding = c.codes ? c.codes.map((x) => `${x.code} = ${x.en}`).join("; ") : c.coding;
  const field: Record<string, unknown> = {
    name: c.column,
    type: c.type,
    title: shortLabel(c.en, 80),
    description: sentences(c.en, coding ? `Coding: ${coding}` : ""),
    title_da: shortLabel(c.da, 80),
    description_da: sentences(c.da, c.codes ? `Koder: ${c.codes.map((x) => `${x.code} = ${x.da}`).join("; ")}` : ""),
    kind: c.kind
  };
  if (c.kind === "flag") {
    field.description = sentences(
      field.description as string,
      `Cells of this row that hold counts of 1–${minCell - 1} individuals, or from which such a count could be worked out, are empty and named here; so is every figure computed from them`
    );
  }
  if (c.type === "boolean") Object.assign(field, {trueValues: ["TRUE"], falseValues: ["FALSE"]});
  const constraints: Record<string, unknown> = {};
  if (c.codes && c.type === "string") constraints.enum = c.codes.map((x) => x.code);
  if (c.kind === "count") constraints.minimum = 0;
  if (Object.keys(constraints).length) field.constraints = constraints;
  return field;
}

/** The Table Schema of a codebook file. */
export function tableSchema(file: CodebookFile, minCell: number): Record<string, unknown> {
  return {
    fields: file.columns.map((c) => tableField(c, minCell)),
    primaryKey: primaryKeyOf(file),
    missingValues: [""],
    missingValuesNote: MISSING_NOTE.en,
    missingValuesNote_da: MISSING_NOTE.da
  };
}

/** The dataset's title (datapackage.json, CITATION.cff, README.md). */
export const exportTitle = (p: Pick<ProvenanceInput, "cohort">): string =>
  `Mentoring schemes and dropout, Capital Region of Denmark: researcher export (cohort ${p.cohort.canonical || "all"})`;

/** Where the data come from, in one line (datapackage sources, README, CITATION.cff). */
export function sourceTitle(p: Pick<ProvenanceInput, "data">): string {
  if (p.data.synthetic) return "Synthetic data made by the project's generator (no real students)";
  return p.data.provider ? `Data provided by ${p.data.provider}` : "Data provider not recorded in the warehouse";
}

/** datapackage.json of an export from its codebook and provenance facts (files with their sha256 as written). */
export function buildDataPackage(
  codebook: Codebook,
  p: ProvenanceInput,
  publication: Publication
): Record<string, unknown> {
  const hashes = new Map(p.files.map((f) => [f.file, f.sha256]));
  const resources = codebook.files.map((f) => {
    const format = f.file.endsWith(".parquet") ? "parquet" : f.file.endsWith(".csv") ? "csv" : null;
    if (!format) throw new Error(`datapackage: ${f.file} is neither CSV nor Parquet`);
    const hash = hashes.get(f.file);
    if (!hash) throw new Error(`datapackage: ${f.file} has no sha256 (write it before datapackage.json)`);
    return {
      profile: format === "csv" ? "tabular-data-resource" : "data-resource",
      name: packageName(f.table),
      path: f.file,
      title: f.table,
      description: f.description.en,
      description_da: f.description.da,
      format,
      mediatype: MEDIATYPES[format],
      encoding: "utf-8",
      hash: `sha256:${hash}`,
      ...(format === "csv" ? {dialect: CSV_DIALECT} : {}),
      ...(f.rows !== null ? {rows: f.rows} : {}),
      ...(f.table === "microdata" && p.microdata
        ? {
            licenses: [
              {
                name: "other-closed",
                title: `Not openly licensed: pseudonymised personal data, governed by the data-use agreement "${p.microdata.agreement}"`
              }
            ]
          }
        : {}),
      schema: tableSchema(f, p.minCell)
    };
  });
  const tabular = resources.every((r) => r.profile === "tabular-data-resource");
  const licence = publication.licence;
  return {
    profile: tabular ? "tabular-data-package" : "data-package",
    name: packageName(`mentor-export-${p.cohort.canonical || "all"}`),
    title: exportTitle(p),
    description:
      `${p.data.notice.en} Aggregated tables of one cohort; counts of 1–${p.minCell - 1} individuals are hidden (k = ${p.minCell}). ` +
      `Data version ${p.data.data_version}, data date ${p.data.data_date}. See README.md and provenance.json.`,
    version: p.data.data_version,
    created: p.createdAt.toISOString(),
    licenses: [{name: licence.od, path: licence.url, title: licence.title}],
    sources: [{title: sourceTitle(p)}],
    contributors: [{title: publication.publisher, role: "publisher"}],
    keywords: [
      "mentoring",
      "dropout",
      "upper-secondary education",
      "vocational education",
      "survival analysis",
      "Denmark"
    ],
    data_date: p.data.data_date,
    contract_version: p.data.contract_version,
    min_cell: p.minCell,
    synthetic: p.data.synthetic ?? null,
    resources
  };
}
