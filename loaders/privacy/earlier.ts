/**
 * Earlier publications as cells of the seal: the site's record and the
 * researcher exports in `export_log` become frozen cells (seal.ts
 * `ExternalCell`) with their sums over the base cells, so that whatever is
 * published next is audited together with all of them.
 */
import {exportCurves, exportModelOf, modelOf, type ExportScope, type ModelContext} from "./model.ts";
import type {EarlierExport, RecordedCell, SiteRecord} from "./record.ts";
import type {ExternalCell} from "./seal.ts";

/** The scope of an export (model.ts) from its cohort, periods and cells. */
export function exportScope(
  key: string,
  predicate: string,
  periodBreaks: readonly number[],
  cells: readonly RecordedCell[]
): ExportScope {
  return {key, predicate, periodBreaks, ...exportCurves(cells.map(([measure, dims]) => ({measure, dims})))};
}

const dimText = (dims: Record<string, string>) =>
  Object.entries(dims)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

/** Recorded cells as frozen cells of the seal, each modelled (lazily) by `model`; ids start with `prefix`. */
export function frozenCells(
  prefix: string,
  label: string,
  cells: readonly RecordedCell[],
  model: (measure: string, dims: Record<string, string>) => ExternalCell["model"]
): ExternalCell[] {
  return cells.map(([measure, dims, value, hidden, primary]) => {
    let cached: ExternalCell["model"] | null = null;
    return {
      id: `${prefix}\u0004${measure}\u0003${JSON.stringify(dims)}`,
      label: `${label} · ${measure} {${dimText(dims)}}`,
      measure,
      dims,
      value,
      hidden,
      primary,
      get model() {
        return (cached ??= model(measure, dims));
      }
    };
  });
}

/** Frozen cells and atom scopes of the site record and the logged exports. */
export function earlierCells(
  site: SiteRecord | null,
  exports: readonly EarlierExport[],
  ctx: ModelContext
): {scopes: ExportScope[]; external: ExternalCell[]} {
  const external: ExternalCell[] = [];
  const push = (...args: Parameters<typeof frozenCells>) => {
    for (const c of frozenCells(...args)) external.push(c);
  };
  if (site) push("site", "the site", site.cells, (m, d) => modelOf(m, d, ctx));
  const scopes = exports.map((e, i) => exportScope(`x${i}`, e.predicate, e.periodBreaks, e.cells));
  exports.forEach((e, i) => push(`x${i}`, e.label, e.cells, (m, d) => exportModelOf(m, d, scopes[i], ctx)));
  return {scopes, external};
}
