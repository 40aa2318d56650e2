/**
 * The export's seal: every cell the export's gate publishes or hides is
 * audited together with everything published before from the same data —
 * the site (its record beside the warehouse, written by every site build)
 * and every earlier aggregated export (`export_log`) — by the same model and
 * LP audit as the site (loaders/privacy: model.ts, audit.ts, seal.ts). Cells
 * published before are frozen: only the new export's cells can be hidden
 * further. When no choice of its own cells protects a hidden count, the
 * export is refused, naming the cell.
 *
 * A site built after an export is audited against the export in the same way
 * (analysis/site-build.ts), so the order of publications does not matter.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {filterPredicate} from "../analysis/filters.ts";
import {modelContext} from "../analysis/site-build.ts";
import {periodsOf} from "../analysis/slices.ts";
import {prepareBase} from "../analysis/sql/base.ts";
import type {CohortFilters} from "../analysis/types.ts";
import {earlierCells, exportScope, frozenCells} from "../privacy/earlier.ts";
import {exportModelOf} from "../privacy/model.ts";
import {loggedPublications, readSiteRecord, recordCells, UnrecordedExport} from "../privacy/record.ts";
import {AuditError, mergeSealReports, sealRegistry, type SealReport} from "../privacy/seal.ts";
import type {PublicationRegistry} from "../privacy/publish.ts";
import {ExportRefused} from "./guard.ts";
import {unpublishedCell, type DerivedCell} from "./tables.ts";

export interface ExportSealOptions {
  filters: CohortFilters;
  canonical: string;
  k: number;
  /** warehouse_meta.data_version (null when the warehouse has none). */
  dataVersion: string | null;
  /** The warehouse file (the site's record is beside it). */
  db: string;
  /**
   * Cells sealed second, with the export's other cells frozen as the first seal left them (the baseline-risk
   * tables: their bands cut across every other table, and sealed in one pass they cost the core tables' figures).
   */
  later?: PublicationRegistry;
}

export interface ExportSeal extends SealReport {
  /** Whether a site record of these data was part of the audit (false: no site built from them yet). */
  site: boolean;
  /** Earlier exports audited with it. */
  exports: number;
}

/** Seal an export's registry against the site and the earlier exports (see above). */
export async function sealExport(
  con: DuckDBConnection,
  registry: PublicationRegistry,
  periodBreaks: readonly number[],
  derived: readonly DerivedCell[],
  o: ExportSealOptions
): Promise<ExportSeal> {
  const all = await prepareBase(con, {});
  const context = await modelContext(con, await periodsOf(con, all.enrol));
  const site = readSiteRecord(o.db, o.dataVersion ?? "unknown", o.k);
  let logged;
  try {
    logged = await loggedPublications(con, o.dataVersion, filterPredicate);
  } catch (error) {
    if (error instanceof UnrecordedExport)
      throw new ExportRefused(`Export refused: ${error.message} Nothing was written.`);
    throw error;
  }
  const {scopes, external} = earlierCells(site, logged, context);
  const own = exportScope(
    `x${logged.length}`,
    filterPredicate(o.filters),
    periodBreaks,
    recordCells(registry, unpublishedCell)
  );
  // counts two published cells give by subtraction (those leaving a person-period cell other than by dropping out):
  // hidden cells of their own that must not be determined exactly (not cells of a table, so not held to the
  // interval rule of a primary)
  for (const d of derived) {
    external.push({
      id: `derived\u0004${d.measure}\u0003${JSON.stringify(d.dims)}`,
      label: `person_period (derived) · ${d.measure} {${Object.entries(d.dims)
        .map(([a, b]) => `${a}=${b}`)
        .join(", ")}}`,
      measure: d.measure,
      dims: d.dims,
      value: d.value,
      hidden: true,
      primary: false,
      get model() {
        return exportModelOf(d.measure, d.dims, own, context);
      }
    });
  }
  const options = {
    enrol: all.enrol,
    noShows: all.noShows,
    phases: all.phases,
    dataDate: all.info.data_date,
    context,
    scopes: [...scopes, own],
    modelFor: (measure: string, dims: Record<string, string>) => exportModelOf(measure, dims, own, context),
    unpublished: unpublishedCell,
    maxRounds: 60,
    acceptPreconfined: true
  };
  try {
    let report = await sealRegistry(con, registry, {
      ...options,
      external,
      // the coarse tables and the curves (a curve with one hidden count is left out whole) go last
      // the fine outcome cells go first; the coarse tables, the person-period cells and the curves (a curve with one
      // hidden count is left out whole) only when nothing else protects a cell
      keep: ["outcomes_by_mentor", "stage_hazards", "person_period_margins", "person_period"],
      keepRounds: 6,
      never: ["survival"]
    });
    if (o.later) {
      const first = frozenCells(own.key, "this export", recordCells(registry, unpublishedCell), (m, d) =>
        exportModelOf(m, d, own, context)
      );
      const second = await sealRegistry(con, o.later, {
        ...options,
        external: [...external, ...first],
        keep: ["band_effects"]
      });
      report = mergeSealReports(report, second);
    }
    return {...report, site: site !== null, exports: logged.length};
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    throw new ExportRefused(
      `Export refused: the cohort "${o.canonical}" cannot be published without giving away a hidden count of ` +
        `${site ? "the site or " : ""}${logged.length ? "an earlier export or " : ""}this export, whatever else of this export is hidden. ` +
        `Choose a wider cohort, fewer strata or covariates, or coarser periods. Nothing was written.\n${error.message}`
    );
  }
}
