/**
 * The privacy gate. Every table that leaves for src/data/ output or an
 * export passes `publish(rows, spec)`; see README.md in this folder.
 */
export {
  publish,
  PublicationRegistry,
  PrivacyError,
  type CountColumn,
  type CountsSpec,
  type PublishSpec,
  type Published,
  type ReferenceSpec,
  type Row,
  type AnyRow,
  type Value
} from "./publish.ts";
export {coarsenCurve, type CurveSpec} from "./curve.ts";
export {minCell, DEFAULT_MIN_CELL, MIN_CELL_ENV} from "./settings.ts";
export {sealRegistry, AuditError, OUTSIDE_MODEL, type SealOptions, type SealReport} from "./seal.ts";
export {auditCells, unsafe, type AuditCell, type AuditFinding} from "./audit.ts";
export {modelOf, modelAtoms, TIME_BREAKS, ModelError, type CellModel, type ModelContext} from "./model.ts";
