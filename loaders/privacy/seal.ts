/**
 * Seal a publication: after every table of a data set has passed `publish`
 * into one registry, model every registered count over the base cells
 * (model.ts), check the model against the published values, audit every
 * hidden cell against everything published at once (audit.ts), hide more
 * cells until the audit passes, and fail when it cannot. Measures outside the
 * student model (rows of source files in the ingest log) are listed apart.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {auditCells, buildSystem, type AuditCell, type AuditFinding} from "./audit.ts";
import {AtomIndex, modelAtoms, ModelError, modelOf, type ModelContext} from "./model.ts";
import {PrivacyError, type PublicationRegistry} from "./publish.ts";

/** Measures that count something other than students (rows of source files): not cells of the student model. */
export const OUTSIDE_MODEL = new Set(["ingest_rows"]);

export interface SealReport {
  atoms: number;
  variables: number;
  cells: number;
  hiddenBefore: number;
  hiddenAfter: number;
  /** Cells hidden by the audit's extra pass, as labels. */
  added: string[];
  lps: number;
  ms: number;
  /** Hidden and published cells per table, before and after the audit. */
  tables: Record<string, {cells: number; hiddenBefore: number; hiddenAfter: number}>;
}

export class AuditError extends PrivacyError {
  constructor(readonly findings: AuditFinding[]) {
    super(`privacy audit failed: ${findings.length} hidden cell(s) can be worked out from the published figures:\n` +
      findings.slice(0, 20).map((f) => `  ${f.label}: hidden value ${f.value} is confined to [${f.lower}, ${f.upper === Infinity ? "∞" : f.upper}] (${f.reason === "exact" ? "determined exactly" : "too narrow for a small count"})`).join("\n"));
  }
}

const labelOf = (measure: string, dims: Record<string, string>, tables: string) =>
  `${tables} · ${measure} {${Object.entries(dims).map(([k, v]) => `${k}=${v}`).join(", ")}}`;

export interface SealOptions {
  enrol: string;
  phases: string;
  dataDate: string;
  context: ModelContext;
  /** Hide further cells until the audit passes (the site); false = only audit (a test of a finished publication). */
  repair?: boolean;
  /** Extra rounds of repair before giving up. */
  maxRounds?: number;
}

export async function sealRegistry(con: DuckDBConnection, registry: PublicationRegistry, options: SealOptions): Promise<SealReport> {
  const t0 = performance.now();
  const k = registry.k ?? 5;
  const {atoms, counts} = await modelAtoms(con, options.enrol, options.phases, options.dataDate);
  const debug = process.env.MENTOR_AUDIT_LOG ? (m: string) => console.error(`seal ${Math.round(performance.now() - t0)} ms: ${m}`) : () => {};
  debug(`${atoms.length} atoms`);
  const index = new AtomIndex(atoms);
  const cells: (AuditCell & {tables: string[]})[] = [];
  const problems: string[] = [];
  for (const {id, cell} of registry.all()) {
    if (OUTSIDE_MODEL.has(cell.measure)) continue;
    const tables = [...new Set((registry.refs.get(id) ?? []).map((r) => r.table))];
    const label = labelOf(cell.measure, cell.dims, tables.join("+"));
    let coefficients: Map<number, number>;
    try {
      coefficients = index.coefficients(modelOf(cell.measure, cell.dims, options.context));
    } catch (e) {
      if (e instanceof ModelError) {
        problems.push(`${label}: ${e.message}`);
        continue;
      }
      throw e;
    }
    let modelled = 0;
    for (const [a, c] of coefficients) modelled += c * counts[a];
    if (modelled !== cell.value) problems.push(`${label}: published ${cell.value}, the model sums to ${modelled}`);
    cells.push({id, label, value: cell.value, hidden: cell.suppressed, primary: cell.primary ?? false, coefficients, tables});
  }
  if (problems.length) {
    throw new PrivacyError(`privacy model: ${problems.length} published count(s) are not sums of the base cells as declared:\n  ${problems.slice(0, 15).join("\n  ")}`);
  }
  const hiddenBefore = cells.filter((c) => c.hidden).length;
  debug(`${cells.length} cells modelled, ${hiddenBefore} hidden`);
  const tableStats: SealReport["tables"] = {};
  for (const c of cells) {
    for (const t of c.tables) {
      const s = (tableStats[t] ??= {cells: 0, hiddenBefore: 0, hiddenAfter: 0});
      s.cells++;
      if (c.hidden) s.hiddenBefore++;
    }
  }
  if (process.env.MENTOR_AUDIT_DUMP) {
    const {writeFileSync} = await import("node:fs");
    writeFileSync(process.env.MENTOR_AUDIT_DUMP, JSON.stringify({k, counts, cells: cells.map((c) => ({...c, coefficients: [...c.coefficients]}))}));
  }
  const added: string[] = [];
  const hide = (c: (typeof cells)[number]) => {
    c.hidden = true;
    registry.hide(c.id);
    added.push(c.label);
  };
  // 1. Cheap repair on the reduced equations: no residual may hold a single hidden cell, or a small count with too little around it.
  for (let round = 0; round < 100; round++) {
    const sys = buildSystem(cells, counts);
    const hiddenByClass: number[][] = Array.from({length: sys.nVars}, () => []);
    cells.forEach((c, i) => {
      if (c.hidden) for (const v of sys.touches[i].keys()) hiddenByClass[v].push(i);
    });
    let fixes = 0;
    for (const eq of sys.equations) {
      const support = new Set(eq.vars);
      const candidates = new Set<number>();
      for (const v of eq.vars) for (const i of hiddenByClass[v]) candidates.add(i);
      const within = [...candidates].filter((i) => [...sys.touches[i].keys()].every((v) => support.has(v)));
      if (within.length === 0) continue;
      const covered = new Set<number>();
      for (const i of within) for (const v of sys.touches[i].keys()) covered.add(v);
      const h = within[0];
      const exact = within.length === 1 && covered.size === support.size && sys.inside[h].size === sys.touches[h].size;
      const narrow = within.some((i) => (cells[i].primary || (cells[i].value >= 1 && cells[i].value < k)) && eq.rhs < k - 1);
      if (!exact && !narrow) continue;
      const spare = eq.children.map((i) => cells[i]).filter((c) => !c.hidden && c.value > 0).sort((a, b) => a.value - b.value)[0];
      const victim = spare ?? cells[eq.cell];
      if (victim.hidden) continue;
      hide(victim);
      fixes++;
    }
    debug(`repair round ${round}: ${fixes} more cells hidden`);
    if (fixes === 0) break;
  }
  // 2. The LP audit; a cell it finds unsafe gets the smallest published cell that shares students with it hidden too.
  let lps = 0;
  let result = await auditCells(cells, counts, k, {log: debug});
  lps += result.lps;
  debug(`audit: ${result.variables} variables, ${result.published} equations, ${result.lps} LPs, ${Math.round(result.ms)} ms, ${result.findings.length} findings`);
  const maxRounds = options.maxRounds ?? 50;
  for (let round = 0; result.findings.length > 0 && options.repair !== false && round < maxRounds; round++) {
    debug(`LP repair ${round}: ${result.findings.length} findings, e.g. ${result.findings.slice(0, 3).map((f) => `${f.label} ${f.value} in [${f.lower}, ${f.upper}]`).join("; ")}`);
    const byId = new Map(cells.map((c) => [c.id, c]));
    for (const f of result.findings) {
      const target = byId.get(f.id)!;
      let best: (typeof cells)[number] | null = null;
      for (const c of cells) {
        if (c.hidden || c.value === 0) continue;
        let overlaps = false;
        for (const a of target.coefficients.keys()) {
          if (c.coefficients.has(a)) {
            overlaps = true;
            break;
          }
        }
        if (!overlaps) continue;
        if (!best || c.value < best.value || (c.value === best.value && c.coefficients.size < best.coefficients.size)) best = c;
      }
      if (best) hide(best);
    }
    result = await auditCells(cells, counts, k, {only: new Set(result.findings.map((f) => f.id)), log: debug});
    lps += result.lps;
  }
  if (result.findings.length > 0) throw new AuditError(result.findings);
  for (const c of cells) if (c.hidden) for (const t of c.tables) tableStats[t].hiddenAfter++;
  return {
    atoms: atoms.length, variables: result.variables, cells: cells.length, hiddenBefore, hiddenAfter: cells.filter((c) => c.hidden).length,
    added, lps, ms: performance.now() - t0, tables: tableStats
  };
}
