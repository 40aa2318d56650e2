/**
 * provenance.json of a researcher export: which data (data version and the
 * sha256 of every ingested file, from the warehouse's warehouse_meta and
 * ingest_log), which contract, which software (package version, git commit),
 * when, with which suppression threshold and cohort filters, and which files
 * (with their sha256). For a microdata export also the data-use agreement and
 * a warning.
 *
 * Pure (no Node APIs): the caller gathers the inputs, so the same builder can
 * run in the browser for downloads from the cohort page.
 */
import type {CohortFilters, Text2} from "../analysis/types.ts";
import type {Publication} from "./publication.ts";

export interface ProvenanceInput {
  createdAt: Date;
  data: {
    /** warehouse_meta.data_version ("unknown" when the warehouse has none). */
    data_version: string;
    contract_version: string;
    contract_version_source: "warehouse" | "code";
    data_date: string;
    data_date_source: string;
    /** warehouse_meta.ingested_at, if recorded. */
    ingested_at?: string | null;
    /** warehouse_meta.hash_key_id: which pseudonymisation key (not the key), if recorded. */
    hash_key_id?: string | null;
    /** Generated data (the sources' dataset.json); null when the warehouse does not say. */
    synthetic?: boolean | null;
    /** Who extracted the data, if recorded. */
    provider?: string | null;
    /** The maturity horizon in force and the one asked for (loaders/horizons.ts), and the longest follow-up. */
    mature_days: number;
    mature_days_setting: number;
    follow_up_days: number;
    notice: Text2;
    follow_up_words: {mature: Text2; setting: Text2};
  };
  /** Contract version of the code that made the export. */
  codeContractVersion: string;
  ingestLog: readonly {
    path: string;
    table: string;
    sha256: string | null;
    rows_read: number | null;
    rows_accepted: number | null;
    rows_rejected: number | null;
  }[];
  software: {
    name: string;
    version: string;
    git_commit: string | null;
    git_dirty: boolean | null;
    node: string | null;
    duckdb: string | null;
  };
  minCell: number;
  cohort: {argument: string; canonical: string; filters: CohortFilters};
  options: {
    format: "csv" | "parquet";
    strata: readonly string[];
    covariates: readonly string[];
    periods: string;
    period_breaks: readonly number[];
  };
  files: readonly {file: string; table: string; rows: number; sha256: string; suppressed_cells?: number}[];
  /** Groups of the survival table left out (too few individuals or events to publish). */
  omitted?: readonly string[];
  /** Shares of person_period that the privacy gate hid. */
  personPeriodHidden?: {
    dropouts_in_cells_with_hidden_events: number | null;
    person_periods_in_cells_with_hidden_at_risk: number | null;
  };
  microdata?: {agreement: string} | null;
  /** Publisher and licence of the aggregated tables (publication.ts; MENTOR_PUBLISHER, MENTOR_EXPORT_LICENSE). */
  publication: Publication;
  /** The seal's audit with the earlier publications (export/seal.ts); null for a microdata export. */
  audit?: {
    site: boolean;
    earlier_exports: number;
    cells: number;
    hidden_by_gate: number;
    hidden: number;
    confined_before: number;
    lps: number;
    seconds: number;
  } | null;
}

export const MICRODATA_WARNING = {
  en: "microdata.* holds pseudonymised personal data at enrolment level (hashed keys, not anonymous). Use only under the data-use agreement named here: keep it on the agreed, access-controlled storage, do not link it with other data or try to re-identify anyone, publish only aggregates that pass the same suppression rule (no cell under the minimum cell size), and delete it when the agreement ends.",
  da: "microdata.* indeholder pseudonymiserede personoplysninger på optagsniveau (hashede nøgler, ikke anonyme). Må kun bruges efter den databehandleraftale, der er nævnt her: opbevar dem på den aftalte, adgangsbeskyttede lagerplads, kobl dem ikke med andre data og forsøg ikke at genidentificere nogen, offentliggør kun aggregerede tal, der overholder samme diskretionsregel (ingen celle under mindste cellestørrelse), og slet dem, når aftalen udløber."
};

/** What the data are, as the pages say it (analysis/notice.ts), in one line: English / Danish. */
export const provenanceNotice = (notice: Text2): string => `${notice.en} / ${notice.da}`;

export function buildProvenance(input: ProvenanceInput): Record<string, unknown> {
  const mismatch = input.data.contract_version !== input.codeContractVersion;
  return {
    created_at: input.createdAt.toISOString(),
    data: {
      synthetic: input.data.synthetic ?? null,
      notice: provenanceNotice(input.data.notice),
      provider: input.data.provider ?? null,
      data_version: input.data.data_version,
      data_date: input.data.data_date,
      data_date_source: input.data.data_date_source,
      follow_up_days: input.data.follow_up_days,
      // "ever" / phase tables: cohorts followed at least this long (the setting, or shorter when no cohort reaches it)
      mature_days: input.data.mature_days,
      mature_days_setting: input.data.mature_days_setting,
      ingested_at: input.data.ingested_at ?? null,
      hash_key_id: input.data.hash_key_id ?? null,
      ingested_files: input.ingestLog.map((f) => ({
        file: basename(f.path),
        table: f.table,
        sha256: f.sha256,
        rows_read: f.rows_read,
        rows_accepted: f.rows_accepted,
        rows_rejected: f.rows_rejected
      }))
    },
    contract: {
      warehouse: input.data.contract_version,
      warehouse_source: input.data.contract_version_source,
      code: input.codeContractVersion,
      ...(mismatch
        ? {
            warning: `The warehouse was ingested under contract ${input.data.contract_version}; this export was made by code for contract ${input.codeContractVersion}.`
          }
        : {})
    },
    software: input.software,
    privacy: {
      min_cell: input.minCell,
      rule: `Counts of 1 to ${input.minCell - 1} individuals are hidden (empty, and named in the row's "suppressed" column), with every figure computed from them; complementary cells are hidden so hidden ones cannot be worked out from totals (loaders/privacy). Survival tables are merged into intervals with 0 or at least ${input.minCell} events and censorings instead.`,
      omitted_groups: input.omitted ?? [],
      person_period_hidden: input.personPeriodHidden ?? null,
      audit: input.audit ?? null,
      audit_rule:
        "Every count of this export, with every count of the site built from the same data (if any) and of every earlier export of them, is a sum over the same base cells; " +
        `for every hidden count the smallest and largest value it can take given all of them at once is computed by linear programming, and a hidden count of 1 to ${input.minCell - 1} must be able to take at least ${input.minCell} values ` +
        "and no hidden count may be determined exactly — else more cells of this export are hidden, or the export is refused (loaders/export/seal.ts). " +
        "confined_before counts hidden cells whose interval the earlier publications alone already fix (subsets of a small group they bound): nothing this export could hide changes it."
    },
    cohort: {
      argument: input.cohort.argument,
      canonical: input.cohort.canonical,
      filters: input.cohort.filters
    },
    options: {
      format: input.options.format,
      /** Cells of outcomes.* (besides scheme_type). */
      strata: input.options.strata,
      /** Cells of person_period.* (besides period and scheme_type). */
      covariates: input.options.covariates,
      periods: input.options.periods,
      /** Person-period k covers days period_breaks[k] … period_breaks[k + 1] − 1 from intake. */
      period_breaks: input.options.period_breaks
    },
    publication: {
      publisher: input.publication.publisher,
      license: {
        spdx: input.publication.licence.spdx,
        title: input.publication.licence.title,
        url: input.publication.licence.url
      },
      applies_to: input.microdata ? "every file except microdata.* (microdata: the data-use agreement)" : "every file",
      citation: "CITATION.cff"
    },
    files: input.files,
    ...(input.microdata
      ? {microdata: {included: true, data_use_agreement: input.microdata.agreement, warning: MICRODATA_WARNING}}
      : {microdata: {included: false}})
  };
}

/** Last path segment (POSIX or Windows separators), without Node's path module. */
function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
