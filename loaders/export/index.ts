/**
 * The researcher export: `exportCohort(options)` writes, for one cohort of
 * the warehouse, the aggregated tables (every one through the privacy gate),
 * the SQL that produced each, a codebook (CSV + JSON) and provenance.json —
 * and, only under a data-use agreement, pseudonymised microdata. See
 * README.md in this folder for the files, the `--cohort` syntax and how to
 * continue in R and Python.
 *
 * The files are written to a scratch folder beside `out` and renamed into
 * place when complete, so a failed export leaves nothing half-written (and no
 * stray microdata).
 */
import {accessSync, constants, existsSync, readdirSync, renameSync, rmSync, statSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {CONTRACT_VERSION} from "../contract/contract.ts";
import {dataInfo, ingestLog, tableColumns} from "../analysis/meta.ts";
import {prepareBase} from "../analysis/sql/base.ts";
import {acquireLock} from "../ingest/lock.ts";
import type {CohortFilters} from "../analysis/types.ts";
import {minCell as minCellSetting} from "../privacy/settings.ts";
import {openWarehouse, query, warehousePath} from "../warehouse.ts";
import {buildCodebook, CODEBOOK_CSV_COLUMNS, codebookRows, columnDoc, type ColumnType} from "./codebook.ts";
import {
  CohortSyntaxError,
  DEFAULT_COVARIATES,
  DEFAULT_STRATA,
  formatCohort,
  parseCohort,
  parseCovariates,
  parseFormat,
  parsePeriods,
  validateCohort,
  type Covariate
} from "./cohort-args.ts";
import {cohortDomains} from "./grid.ts";
import {
  appendExportLog,
  checkCohortSize,
  checkDifferences,
  checkNotEmpty,
  cohortSize,
  ExportRefused,
  minExportCohort,
  type ExportLogEntry
} from "./guard.ts";
import {postSqlReadme, withPostSqlSteps} from "./post-sql.ts";
import {citationCff} from "./citation.ts";
import {buildDataPackage, exportTitle} from "./datapackage.ts";
import {licenceText} from "./licence.ts";
import {buildProvenance} from "./provenance.ts";
import {publicationSettings} from "./publication.ts";
import {spssLabels} from "./spss.ts";
import {stataLabels} from "./stata.ts";
import {exportReadme} from "./readme.ts";
import {softwareInfo} from "./software.ts";
import {sqlFile} from "./sql-recorder.ts";
import {buildTables, unpublishedCell, type BuiltTables, type DerivedCell} from "./tables.ts";
import {sealExport, type ExportSeal} from "./seal.ts";
import {recordCells} from "../privacy/record.ts";
import type {PublicationRegistry} from "../privacy/publish.ts";
import {ExportWriter, type Format, type WrittenFile} from "./write.ts";

export {CohortSyntaxError} from "./cohort-args.ts";
export {ExportRefused, MIN_EXPORT_COHORT, minExportCohort} from "./guard.ts";
export type {Format} from "./write.ts";

export interface ExportOptions {
  /** Output folder (created; must be empty or absent unless `overwrite`). */
  out: string;
  /** Cohort in the `--cohort` syntax ("years=2015-2019;programme=EUD,EUX;mentor=yes"); default: everyone. */
  cohort?: string;
  /** Already-parsed filters (instead of `cohort`). */
  filters?: CohortFilters;
  /** Data files as CSV (default) or Parquet. The codebook is CSV + JSON either way. */
  format?: Format;
  /** Warehouse file (default: `warehousePath()`). */
  db?: string;
  /** Strata of outcomes.* (list or "a,b,c"; "none"); default `DEFAULT_STRATA`. */
  strata?: readonly Covariate[] | string;
  /** Covariates of person_period.* (list or "a,b,c"; "none"); default `DEFAULT_COVARIATES`. */
  covariates?: readonly Covariate[] | string;
  /** Person-period periods: a number of days (equal periods) or breakpoints in days from intake starting at 0 (list or "0,42,91"); default `DEFAULT_PERIODS`. */
  periods?: number | readonly number[] | string;
  /** Also write pseudonymised enrolment-level rows; needs the environment variable MENTOR_DUA. */
  microdata?: boolean;
  /** Minimum cell size (default: the privacy gate's setting, MENTOR_MIN_CELL or 5). */
  minCell?: number;
  /** Replace an existing export in `out` (a folder holding provenance.json). */
  overwrite?: boolean;
  /** Time stamp of the export (tests). */
  now?: Date;
}

export interface ExportResult {
  out: string;
  /** Enrolments in the cohort (for the person running the export; not written to any file). */
  enrolments: number;
  files: WrittenFile[];
  provenance: Record<string, unknown>;
  /** Values hidden by the privacy gate, per table. */
  suppressed: Record<string, number>;
  /** Survival groups left out. */
  omitted: string[];
  /** Shares of person_period hidden by the privacy gate (a model on the cells is biased when they are large). */
  personPeriodHidden: BuiltTables["personPeriodHidden"];
}

/**
 * `--out` must be a folder that is new, empty or (with `overwrite`) an earlier export, inside a folder this
 * process may write to: the files are written to a scratch folder beside it first.
 */
function checkOut(out: string, overwrite: boolean) {
  // the nearest part of the path that exists must be a folder we may write to
  let existing = existsSync(out) ? out : dirname(out);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    throw new CohortSyntaxError(
      existing === out
        ? `--out ${out} is a file, not a folder. Give the path of a folder (it is created if it does not exist), e.g. ${join(dirname(out), "export")}.`
        : `--out ${out}: ${existing} is a file, not a folder, so no folder can be made below it. Choose another --out path.`
    );
  }
  const parent = existing === out ? dirname(out) : existing;
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    throw new CohortSyntaxError(
      `--out ${out}: cannot write in ${parent} (permission denied). Choose a folder you may write to, or change its permissions.`
    );
  }
  if (!existsSync(out)) return;
  const entries = readdirSync(out);
  if (entries.length === 0) return;
  if (!overwrite)
    throw new CohortSyntaxError(
      `--out ${out} is not empty. Choose a new folder, or add --overwrite to replace an earlier export there.`
    );
  if (!entries.includes("provenance.json")) {
    throw new CohortSyntaxError(
      `--out ${out} is not empty and holds no earlier export (no provenance.json); refusing to overwrite it.`
    );
  }
}

export async function exportCohort(options: ExportOptions): Promise<ExportResult> {
  const out = resolve(options.out);
  const format: Format = parseFormat(options.format);
  const periods = parsePeriods(options.periods);
  const strata = parseCovariates(options.strata, DEFAULT_STRATA, "--strata");
  const covariates = parseCovariates(options.covariates, DEFAULT_COVARIATES, "--covariates");
  const parsed = options.filters
    ? {filters: options.filters, canonical: formatCohort(options.filters)}
    : parseCohort(options.cohort);
  const k = minCellSetting(options.minCell);
  const createdAt = options.now ?? new Date();
  // Refuse microdata before any work is done.
  const agreement = options.microdata ? (await import("./microdata.ts")).microdataAgreement(true) : null;
  // publisher and licence (MENTOR_PUBLISHER, MENTOR_EXPORT_LICENSE): an unknown licence is refused before any work
  const publication = (() => {
    try {
      return publicationSettings(process.env);
    } catch (error) {
      throw new CohortSyntaxError((error as Error).message);
    }
  })();
  checkOut(out, options.overwrite ?? false);

  const db = warehousePath(options.db);
  const wh = await openWarehouse(db);
  const scratch = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  rmSync(scratch, {recursive: true, force: true});
  const writer = new ExportWriter(scratch, format);
  let open = true;
  const closeWarehouse = () => {
    if (open) wh.close();
    open = false;
  };
  try {
    const con = wh.connection;
    const filters = await validateCohort(parsed.filters, con);
    // the canonical spelling of what was validated (institution ids as the warehouse writes them): logs and guards compare it
    const canonical = formatCohort(filters);
    const metaColumns = await tableColumns(con, "warehouse_meta");
    const meta = metaColumns.length ? ((await query(con, "SELECT * FROM warehouse_meta LIMIT 1"))[0] ?? {}) : {};
    const dataVersion =
      meta.data_version === undefined || meta.data_version === null ? null : String(meta.data_version);
    // Refuse before any work is done: a cohort below the floor, or one that differs from an earlier
    // export or a site slice by fewer than the floor (checked again when the export is logged).
    // Microdata under a data-use agreement are the students' rows anyway: not refused, but logged.
    const cohortBase = await prepareBase(con, filters);
    const size = await cohortSize(con, cohortBase.enrol);
    await checkNotEmpty(con, size, canonical);
    if (agreement === null) {
      checkCohortSize(size, k, canonical);
      await checkDifferences(con, filters, canonical, k, dataVersion);
    }
    const allBase = await prepareBase(con, {});
    const domains = await cohortDomains(con, filters, allBase.enrol);
    const info = await dataInfo(con);
    // the seal: audited with the site and the earlier aggregated exports of these data (the aggregated tables of a
    // microdata export too, so that a cohort's tables are the same with or without microdata)
    const seal = (registry: PublicationRegistry, breaks: number[], derived: DerivedCell[], risk: PublicationRegistry) =>
      sealExport(con, registry, breaks, derived, {filters, canonical, k, dataVersion, db, later: risk});
    const built = await buildTables(con, filters, {strata, covariates, periods, minCell: k, domains, seal});
    const codebookFiles: {table: string; file: string; columns: string[]; rows: number}[] = [];
    const typesOf = (table: string, columns: readonly string[]) =>
      Object.fromEntries(columns.map((c) => [c, columnDoc(table, c).type])) as Record<string, ColumnType>;

    for (const t of built.tables) {
      const file = await writer.table(t.name, t.columns, t.rows, typesOf(t.name, t.columns));
      codebookFiles.push({table: t.name, file, columns: t.columns, rows: t.rows.length});
    }
    writer.text("sql/base.sql", built.baseSql);
    for (const t of built.tables) writer.text(`sql/${t.name}.sql`, withPostSqlSteps(t.name, t.sql));

    if (agreement !== null) {
      const micro = await import("./microdata.ts");
      const rows = await micro.microdataRows(con, built.base);
      const columns = [...micro.MICRODATA_COLUMNS];
      const file = await writer.table("microdata", columns, rows, typesOf("microdata", columns));
      codebookFiles.push({table: "microdata", file, columns, rows: rows.length});
      writer.text(
        "sql/microdata.sql",
        withPostSqlSteps(
          "microdata",
          sqlFile(
            `microdata: pseudonymised enrolment-level rows (data-use agreement: ${agreement})`,
            [micro.microdataSql(built.base)],
            "Runs on the TEMP tables created by sql/base.sql."
          )
        )
      );
    }

    writer.text(
      "sql/README.md",
      postSqlReadme([...built.tables.map((t) => t.name), ...(agreement !== null ? ["microdata"] : [])])
    );

    const codebook = buildCodebook([
      ...codebookFiles,
      {table: "codebook", file: "codebook.csv", columns: [...CODEBOOK_CSV_COLUMNS], rows: null}
    ]);
    const codebookCsv = codebookRows(codebook);
    codebook.files[codebook.files.length - 1].rows = codebookCsv.length;
    writer.csv("codebook.csv", "codebook", CODEBOOK_CSV_COLUMNS, codebookCsv);
    writer.json("codebook.json", codebook);

    const str = (v: unknown) =>
      v === null || v === undefined || v === "" ? null : v instanceof Date ? v.toISOString() : String(v);
    const suppressed = Object.fromEntries(built.tables.map((t) => [t.name, t.suppressedCells]));
    const listed = () =>
      writer.files.map((f) => ({...f, ...(f.table in suppressed ? {suppressed_cells: suppressed[f.table]} : {})}));
    const provenanceInput = {
      createdAt,
      data: {...info, ingested_at: str(meta.ingested_at), hash_key_id: str(meta.hash_key_id)},
      codeContractVersion: CONTRACT_VERSION,
      ingestLog: await ingestLog(con),
      software: await softwareInfo(con),
      minCell: k,
      cohort: {
        argument: options.cohort ?? (options.filters ? JSON.stringify(options.filters) : ""),
        canonical,
        filters
      },
      options: {
        format,
        strata,
        covariates,
        period_breaks: built.periodBreaks,
        periods: "days" in periods ? `every ${periods.days} days` : "breakpoints"
      },
      files: listed(),
      omitted: built.omitted,
      personPeriodHidden: built.personPeriodHidden,
      microdata: agreement !== null ? {agreement} : null,
      publication,
      audit: built.sealed
        ? {
            site: (built.sealed as ExportSeal).site,
            earlier_exports: (built.sealed as ExportSeal).exports,
            cells: built.sealed.cells,
            hidden_by_gate: built.sealed.hiddenBefore,
            hidden: built.sealed.hiddenAfter,
            confined_before: built.sealed.preconfined.length,
            lps: built.sealed.lps,
            seconds: Math.round(built.sealed.ms / 100) / 10
          }
        : null
    };
    // standard metadata from the codebook and the same facts: the package lists the data files and the codebook with their hashes
    writer.json("datapackage.json", buildDataPackage(codebook, provenanceInput, publication));
    // in every export: a Parquet export's label files first convert its tables to CSV (neither program reads Parquet)
    writer.text("labels.do", stataLabels(codebook, exportTitle(provenanceInput)));
    writer.text("labels.sps", spssLabels(codebook, exportTitle(provenanceInput)));
    writer.text("CITATION.cff", citationCff(provenanceInput, publication));
    writer.text("LICENSE.txt", licenceText(provenanceInput, publication));
    // the README says what the data are from the same facts as the provenance, and is listed in it
    writer.text("README.md", exportReadme(provenanceInput));
    const provenance = buildProvenance({...provenanceInput, files: listed()});
    writer.json("provenance.json", provenance, false);
    writer.close();
    closeWarehouse();
    // Record the export in the warehouse (and check the differences again, under the lock, against
    // the log as it is now); only then are the files moved into place.
    await logExport(
      db,
      {
        exported_at: createdAt.toISOString(),
        data_version: dataVersion,
        cohort: canonical,
        filters,
        enrolments: built.enrolments,
        min_cell: k,
        microdata: agreement !== null,
        out,
        options: {format, strata, covariates, period_breaks: built.periodBreaks, min_export_cohort: minExportCohort(k)},
        published: Object.fromEntries(
          built.tables.map((t) => [
            t.name,
            {
              columns: [...t.logColumns, "suppressed"],
              rows: t.rows
                .filter(
                  (r) => r.suppressed || t.countColumns.some((c) => r[c] !== 0 && r[c] !== null && r[c] !== undefined)
                )
                .map((r) => [...t.logColumns.map((c) => r[c] ?? null), r.suppressed || null])
            }
          ])
        ),
        cells: [...recordCells(built.registry, unpublishedCell), ...recordCells(built.riskRegistry, unpublishedCell)]
      },
      agreement === null ? {filters, canonical, k} : null
    );
    if (existsSync(out)) rmSync(out, {recursive: true, force: true});
    renameSync(scratch, out);
    return {
      out,
      enrolments: built.enrolments,
      files: writer.files,
      provenance,
      suppressed,
      omitted: built.omitted,
      personPeriodHidden: built.personPeriodHidden
    };
  } catch (error) {
    writer.close();
    try {
      closeWarehouse();
    } catch {
      // already closed
    }
    rmSync(scratch, {recursive: true, force: true});
    throw error;
  }
}

/** Open the warehouse for writing (the export log), waiting a little for readers to let go. */
async function openForLog(db: string) {
  let last: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return await openWarehouse(db, {readOnly: false});
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new ExportRefused(
    `Export not written: the warehouse ${db} could not be opened for writing to record the export in export_log ` +
      `(is another program reading it?): ${(last as Error)?.message ?? last}. Nothing was written.`
  );
}

/**
 * Append the export to `export_log` in one transaction, under the ingest lock of the warehouse (one
 * writer at a time). With `check`, the cohort is compared with the logged exports again first (an
 * export that ran at the same time may have been logged since the first check).
 */
async function logExport(
  db: string,
  entry: ExportLogEntry,
  check: {filters: CohortFilters; canonical: string; k: number} | null
): Promise<void> {
  const lock = await acquireLock(db, {wait: true});
  try {
    const wh = await openForLog(db);
    try {
      const con = wh.connection;
      await con.run("BEGIN TRANSACTION");
      try {
        if (check) await checkDifferences(con, check.filters, check.canonical, check.k, entry.data_version);
        await appendExportLog(con, entry);
        await con.run("COMMIT");
      } catch (error) {
        await con.run("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } finally {
      wh.close();
    }
  } finally {
    lock.release();
  }
}
