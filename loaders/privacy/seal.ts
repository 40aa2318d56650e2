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
import {
  AtomIndex,
  modelAtoms,
  ModelError,
  modelOf,
  type AtomScope,
  type CellModel,
  type ModelContext
} from "./model.ts";
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
  /** Hidden cells accepted because earlier publications alone confine them (`acceptPreconfined`), as labels with their interval. */
  preconfined: string[];
  /** Hidden and published cells per table, before and after the audit. */
  tables: Record<string, {cells: number; hiddenBefore: number; hiddenAfter: number}>;
}

export class AuditError extends PrivacyError {
  constructor(readonly findings: AuditFinding[]) {
    super(
      `privacy audit failed: ${findings.length} hidden cell(s) can be worked out from the published figures:\n` +
        findings
          .slice(0, 20)
          .map(
            (f) =>
              `  ${f.label}: hidden value ${f.value} is confined to [${f.lower}, ${f.upper === Infinity ? "∞" : f.upper}] (${f.reason === "exact" ? "determined exactly" : "too narrow for a small count"})`
          )
          .join("\n")
    );
  }
}

const labelOf = (measure: string, dims: Record<string, string>, tables: string) =>
  `${tables} · ${measure} {${Object.entries(dims)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")}}`;

/** A key of a cell's class view (touching and inside classes with coefficients): two 32-bit hashes and the sizes, not a long string. */
function shapeKey(touches: ReadonlyMap<number, number>, inside: ReadonlyMap<number, number>): string {
  let a = 0x811c9dc5,
    b = 0x9747b28c;
  for (const m of [touches, inside]) {
    for (const [v, c] of m) {
      a = Math.imul(a ^ v, 0x01000193) ^ c;
      b = Math.imul(b ^ (v * 31 + c), 0x5bd1e995);
      b ^= b >>> 15;
    }
    a = Math.imul(a ^ 0xff, 0x01000193);
  }
  return `${touches.size}:${inside.size}:${a >>> 0}:${b >>> 0}`;
}

export interface SealOptions {
  enrol: string;
  /** The no-shows (analysis base `noShows`), when a published count is of them (measure `no_shows`). */
  noShows?: string;
  phases: string;
  dataDate: string;
  context: ModelContext;
  /** Hide further cells until the audit passes (the site); false = only audit (a test of a finished publication). */
  repair?: boolean;
  /** Tables whose cells the repair hides only as a last resort (headline figures)… */
  keep?: readonly string[];
  /** …after this many rounds for the same cell (default 12). */
  keepRounds?: number;
  /** Tables whose cells the repair hides only after 100 rounds, when nothing else has worked (the estimates a page is read for). */
  never?: readonly string[];
  /** Extra rounds of repair before giving up. */
  maxRounds?: number;
  /**
   * Cells published elsewhere before (the site, earlier researcher exports): part of what the attacker
   * holds, audited with the rest, but frozen — the repair neither hides nor publishes them again.
   */
  external?: readonly ExternalCell[];
  /** How the registry's own cells sum over the atoms (default: the site's `modelOf`). */
  modelFor?: (measure: string, dims: Record<string, string>) => CellModel;
  /** Researcher exports whose cohorts and time bands the atoms must resolve (model.ts `AtomScope`). */
  scopes?: readonly AtomScope[];
  /**
   * Accept a hidden cell that stays unsafe only because the external cells alone confine it (a subset of a small
   * group earlier publications bound): reported in `preconfined` instead of failing.
   */
  acceptPreconfined?: boolean;
  /** Registry cells that are not published (given to the gate only): left out of the audit. */
  unpublished?: (measure: string, dims: Record<string, string>) => boolean;
  /**
   * After the repair, try to publish again the hidden complementary cells of at least this many students
   * (largest first): the repair hides greedily, and by its end much of what it hid protects nothing.
   */
  release?: number;
}

/** A cell of an earlier publication (the site's record, an export in export_log), with how it sums over the atoms. */
export interface ExternalCell {
  /** Unique among all cells of the seal (prefix it with the publication). */
  id: string;
  /** For messages: the publication, table, measure and dimensions. */
  label: string;
  measure: string;
  dims: Record<string, string>;
  value: number;
  hidden: boolean;
  primary: boolean;
  model: CellModel;
}

/**
 * Seal step 2b: cells released and audited together (larger batches need fewer audits but fail more often), and
 * how many of the largest hidden cells are tried at all (each batch costs a few seconds of LPs on the sample).
 */
const RELEASE_BATCH = 24;
const RELEASE_MAX = 240;

export async function sealRegistry(
  con: DuckDBConnection,
  registry: PublicationRegistry,
  options: SealOptions
): Promise<SealReport> {
  const t0 = performance.now();
  const k = registry.k ?? 5;
  const {atoms, counts} = await modelAtoms(
    con,
    options.enrol,
    options.phases,
    options.dataDate,
    options.scopes ?? [],
    options.noShows
  );
  const debug = process.env.MENTOR_AUDIT_LOG
    ? (m: string) => console.error(`seal ${Math.round(performance.now() - t0)} ms: ${m}`)
    : () => {};
  debug(`${atoms.length} atoms`);
  const index = new AtomIndex(atoms);
  const cells: (AuditCell & {tables: string[]; frozen: boolean})[] = [];
  const problems: string[] = [];
  const modelFor =
    options.modelFor ?? ((measure: string, dims: Record<string, string>) => modelOf(measure, dims, options.context));
  const add = (
    c: {id: string; label: string; value: number; hidden: boolean; primary: boolean; tables: string[]; frozen: boolean},
    model: () => CellModel
  ) => {
    let coefficients: Map<number, number>;
    try {
      coefficients = index.coefficients(model());
    } catch (e) {
      if (e instanceof ModelError) {
        problems.push(`${c.label}: ${e.message}`);
        return;
      }
      throw e;
    }
    let modelled = 0;
    for (const [a, coef] of coefficients) modelled += coef * counts[a];
    if (modelled !== c.value) problems.push(`${c.label}: published ${c.value}, the model sums to ${modelled}`);
    cells.push({...c, primary: c.primary && c.value > 0, coefficients});
  };
  for (const {id, cell} of registry.all()) {
    if (OUTSIDE_MODEL.has(cell.measure) || options.unpublished?.(cell.measure, cell.dims)) continue;
    const tables = [...new Set((registry.refs.get(id) ?? []).map((r) => r.table))];
    const label = labelOf(cell.measure, cell.dims, tables.join("+"));
    add(
      {id, label, value: cell.value, hidden: cell.suppressed, primary: cell.primary ?? false, tables, frozen: false},
      () => modelFor(cell.measure, cell.dims)
    );
  }
  for (const e of options.external ?? []) {
    add(
      {id: e.id, label: e.label, value: e.value, hidden: e.hidden, primary: e.primary, tables: [], frozen: true},
      () => e.model
    );
  }
  if (problems.length) {
    throw new PrivacyError(
      `privacy model: ${problems.length} published count(s) are not sums of the base cells as declared:\n  ${problems.slice(0, 15).join("\n  ")}`
    );
  }
  const hiddenBefore = cells.filter((c) => c.hidden && !c.frozen).length;
  debug(`${cells.length} cells modelled, ${hiddenBefore} hidden`);
  const tableStats: SealReport["tables"] = {};
  for (const c of cells) {
    for (const t of c.tables) {
      const s = (tableStats[t] ??= {cells: 0, hiddenBefore: 0, hiddenAfter: 0});
      s.cells++;
      if (c.hidden) s.hiddenBefore++;
    }
  }
  const added: string[] = [];
  // headline figures go only when nothing else can (any choice protects; these are what pages are read for)
  const spared = (c: (typeof cells)[number]) => (c.tables.some((t) => options.keep?.includes(t)) ? 1 : 0);
  const untouchable = (c: (typeof cells)[number]) => c.frozen || c.tables.some((t) => options.never?.includes(t));
  // zeros are published (rule 2): a hidden zero is complementary, whatever its denominator
  const isPrimary = (c: AuditCell) => c.value > 0 && (c.primary || c.value < k);
  const hide = (c: (typeof cells)[number]) => {
    c.hidden = true;
    registry.hide(c.id);
    added.push(c.label);
  };
  // 1. Cheap repair on the reduced equations: no residual may hold a single hidden cell, or a small count with too little around it.
  // (a few rounds catch most; the LP repair below handles the stragglers)
  for (let round = 0; round < 4 && options.repair !== false; round++) {
    const sys = buildSystem(cells, counts);
    const hiddenByClass: number[][] = Array.from({length: sys.nVars}, () => []);
    cells.forEach((c, i) => {
      if (c.hidden) for (const v of sys.touches[i].keys()) hiddenByClass[v].push(i);
    });
    let fixes = 0;
    // Twins: a published cell over exactly the students of a hidden one (the same people under another name) goes too.
    const shapes = new Map<string, number[]>();
    cells.forEach((c, i) => {
      const shape = shapeKey(sys.touches[i], sys.inside[i]);
      let list = shapes.get(shape);
      if (!list) shapes.set(shape, (list = []));
      list.push(i);
    });
    for (const list of shapes.values()) {
      if (!list.some((i) => cells[i].hidden && (isPrimary(cells[i]) || cells[i].frozen))) continue;
      for (const i of list) {
        if (!cells[i].hidden && !untouchable(cells[i])) {
          hide(cells[i]);
          fixes++;
        }
      }
    }
    for (const eq of sys.equations) {
      const support = new Set(eq.vars);
      const candidates = new Set<number>();
      for (const v of eq.vars) for (const i of hiddenByClass[v]) candidates.add(i);
      const within = [...candidates].filter((i) => [...sys.touches[i].keys()].every((v) => support.has(v)));
      if (within.length === 0) continue;
      const covered = new Set<number>();
      for (const i of within) for (const v of sys.touches[i].keys()) covered.add(v);
      const h = within[0];
      const exact =
        within.length === 1 &&
        isPrimary(cells[h]) &&
        covered.size === support.size &&
        sys.inside[h].size === sys.touches[h].size;
      const narrow = within.some((i) => isPrimary(cells[i]) && eq.rhs < k - 1);
      if (!exact && !narrow) continue;
      const spare = eq.children
        .map((i) => cells[i])
        .filter((c) => !c.hidden && c.value > 0 && !untouchable(c))
        .sort((a, b) => a.value - b.value)[0];
      const victim = spare ?? cells[eq.cell];
      if (victim.hidden || untouchable(victim)) continue;
      hide(victim);
      fixes++;
    }
    debug(`repair round ${round}: ${fixes} more cells hidden`);
    if (fixes === 0) break;
  }
  // 2. The LP audit of the hidden primaries; one it finds unsafe gets a cell that binds it hidden too, until none is.
  let lps = 0;
  // the targets: hidden primaries, and every hidden cell of an earlier publication (frozen: it cannot be published
  // again, so this publication must not make it exact either)
  const primaries = () => new Set(cells.filter((c) => c.hidden && (isPrimary(c) || c.frozen)).map((c) => c.id));
  // a few LPs with random objectives first: each vertex shows many primaries wide at once (the rest get their own LPs)
  let result = await auditCells(cells, counts, k, {log: debug, only: primaries(), randomRounds: 12});
  lps += result.lps;
  debug(
    `audit: ${result.variables} variables, ${result.published} equations, ${result.lps} LPs, ${Math.round(result.ms)} ms, ${result.findings.length} findings`
  );
  const maxRounds = options.maxRounds ?? 150;
  const byId = new Map(cells.map((c) => [c.id, c]));
  const cellIndex = new Map(cells.map((c, i) => [c.id, i]));
  // which cells hold each atom: the students a cell shares with a group, without scanning every cell
  const atomCells: number[][] = counts.map(() => []);
  cells.forEach((c, i) => {
    for (const a of c.coefficients.keys()) atomCells[a].push(i);
  });
  const commonWith = (atoms: Iterable<number>) => {
    const common = new Map<number, number>();
    for (const a of atoms)
      for (const i of atomCells[a]) common.set(i, (common.get(i) ?? 0) + cells[i].coefficients.get(a)! * counts[a]);
    return common;
  };
  const stubborn = new Map<string, number>();
  /** From this round on the untouchable (`never`) tables may be hidden too (earlier when nothing else is left). */
  let neverFrom = 100;
  // A cell that the earlier publications alone confine (its interval is the same with every cell of this
  // publication hidden) is a subset of a small group they already bound: nothing this publication could hide
  // changes what is known of it. With `acceptPreconfined` such cells are accepted and reported (checked once
  // per cell, when the repair has not freed it in two rounds).
  const preconfined: string[] = [];
  /** Each checked cell's interval with every cell of this publication hidden (null: safe then). */
  const baselines = new Map<string, {lower: number; upper: number} | null>();
  const withoutPreconfined = async (findings: AuditFinding[]): Promise<AuditFinding[]> => {
    if (!cells.some((c) => c.frozen)) return findings;
    const fresh = findings.filter((f) => !baselines.has(f.id));
    if (fresh.length) {
      const before = cells.map((c) => (c.frozen ? c : {...c, hidden: true}));
      const baseline = await auditCells(before, counts, k, {only: new Set(fresh.map((f) => f.id)), log: debug});
      lps += baseline.lps;
      for (const f of fresh) baselines.set(f.id, null);
      for (const f of baseline.findings) baselines.set(f.id, {lower: f.lower, upper: f.upper});
    }
    // hiding more only widens an interval, up to the baseline: one as wide as the baseline is as wide as it can get
    const accepted = new Set(
      findings
        .filter((f) => baselines.get(f.id)?.lower === f.lower && baselines.get(f.id)?.upper === f.upper)
        .map((f) => f.id)
    );
    for (const f of findings)
      if (accepted.has(f.id) && !preconfined.some((p) => p.startsWith(`${f.label}:`)))
        preconfined.push(`${f.label}: ${f.value} in [${f.lower}, ${f.upper}]`);
    if (fresh.length)
      debug(`${accepted.size} of ${findings.length} findings are confined by the earlier publications alone`);
    return findings.filter((f) => !accepted.has(f.id));
  };
  for (let round = 0; result.findings.length > 0 && options.repair !== false && round < maxRounds; round++) {
    if (options.acceptPreconfined && round >= 2) {
      const findings = [
        ...result.findings.filter((f) => (stubborn.get(f.id) ?? 0) < 2),
        ...(await withoutPreconfined(result.findings.filter((f) => (stubborn.get(f.id) ?? 0) >= 2)))
      ];
      result = {...result, findings};
      if (!findings.length) break;
    }
    debug(
      `LP repair ${round}: ${result.findings.length} findings, e.g. ${result.findings
        .slice(0, 2)
        .map(
          (f) =>
            `${f.label} ${f.value} in [${f.lower}, ${f.upper}] blocked by ${f.blocking.length}: ${f.blocking
              .slice(0, 4)
              .map((id) => {
                const c = byId.get(id)!;
                return `${c.label}=${c.value}${c.hidden ? " (hidden)" : ""}`;
              })
              .join(", ")}`
        )
        .join("; ")}`
    );
    let hidden = 0;
    for (const f of result.findings) {
      // among the cells that bind it, the one most made of the same students (a small cell about the same group),
      // headline figures last; zeros free nothing
      const target = byId.get(f.id)!;
      const shared = commonWith(target.coefficients.keys());
      const share = (c: (typeof cells)[number]) =>
        c.value === 0 ? 0 : (shared.get(cellIndex.get(c.id)!) ?? 0) / c.value;
      // the untouchable tables stay so for 100 rounds (a sparse data set may need them after that)
      const rank = (list: (typeof cells)[number][]) =>
        list
          .filter((c) => !c.hidden && c.value > 0 && !c.frozen && (round >= neverFrom || !untouchable(c)))
          .map((c) => ({c, s: share(c)}))
          .sort((a, b) => spared(a.c) - spared(b.c) || b.s - a.s || a.c.value - b.c.value);
      let ranked = rank(f.blocking.map((id) => byId.get(id)!));
      // only headline figures bind it in this LP: hide instead a published cell about the same students (another LP
      // basis would bind it), so the headline stays
      if (!ranked.length || spared(ranked[0].c)) {
        const others = rank([...shared.keys()].map((i) => cells[i]).filter((c) => !spared(c))).filter((x) => x.s > 0);
        if (others.length) ranked = others;
      }
      // only frozen cells (published before) bind it and nothing about its own students is left to hide: hide a cell
      // about the other students of those binding cells, so that their totals no longer pin this one
      if (!ranked.length) {
        const frozen = f.blocking.map((id) => byId.get(id)!).filter((c) => c.frozen);
        const atoms = new Set<number>();
        for (const c of frozen) for (const a of c.coefficients.keys()) if (!target.coefficients.has(a)) atoms.add(a);
        ranked = [...commonWith(atoms)]
          .map(([i, common]) => ({c: cells[i], s: common / Math.max(cells[i].value, 1)}))
          .filter(({c}) => !c.hidden && !c.frozen && c.value > 0 && (round >= neverFrom || !untouchable(c)))
          .filter((x) => x.s > 0)
          .sort((a, b) => b.s - a.s || a.c.value - b.c.value);
      }
      // a cell still unsafe after three rounds: every binding cell about the same students goes at once
      const rounds = (stubborn.get(f.id) ?? 0) + 1;
      stubborn.set(f.id, rounds);
      const chosen = rounds >= 3 ? ranked.filter((x) => x.s > 0 && !spared(x.c)).slice(0, 4 * rounds) : [];
      // headline figures only when nothing else is left, after many rounds
      for (const {c} of chosen.length
        ? chosen
        : ranked.filter((x) => !spared(x.c) || rounds > (options.keepRounds ?? 12)).slice(0, 1)) {
        hide(c);
        hidden++;
      }
    }
    // nothing left that may be hidden: let the untouchable tables go now rather than after 100 rounds; when even they
    // are not enough (only frozen cells of earlier publications bind), give up
    if (hidden === 0 && round >= neverFrom) break;
    if (hidden === 0 && round > 12) neverFrom = round + 1;
    result = await auditCells(cells, counts, k, {only: new Set(result.findings.map((f) => f.id)), log: debug});
    lps += result.lps;
  }
  if (options.acceptPreconfined) result = {...result, findings: await withoutPreconfined(result.findings)};
  if (result.findings.length > 0) throw new AuditError(result.findings);
  // 2b. Release: hidden complementary cells of at least `release` students, the largest first, are published again in
  //     batches. The targets that share students with a batch are audited; the batch's cells that bind an unsafe one
  //     are hidden again (the whole batch if that is not enough). A last audit of every target against everything decides.
  const republished: typeof cells = [];
  if (options.release !== undefined && options.repair !== false) {
    const targets = primaries();
    const candidates = cells
      .filter((c) => c.hidden && !c.frozen && !isPrimary(c) && c.value >= options.release!)
      .sort((a, b) => b.value - a.value)
      .slice(0, RELEASE_MAX);
    const bindersOf = (findings: AuditFinding[]) => new Set(findings.flatMap((f) => f.blocking));
    for (let i = 0; i < candidates.length; i += RELEASE_BATCH) {
      const batch = candidates.slice(i, i + RELEASE_BATCH);
      for (const c of batch) c.hidden = false;
      const atoms = new Set<number>();
      for (const c of batch) for (const a of c.coefficients.keys()) atoms.add(a);
      const near = new Set([...commonWith(atoms).keys()].map((j) => cells[j].id).filter((id) => targets.has(id)));
      for (let attempt = 0; ; attempt++) {
        const check = await auditCells(cells, counts, k, {only: near, randomRounds: 4});
        lps += check.lps;
        const findings = options.acceptPreconfined ? await withoutPreconfined(check.findings) : check.findings;
        if (!findings.length) break;
        const binders = bindersOf(findings);
        const back = batch.filter((c) => !c.hidden && binders.has(c.id));
        if (!back.length || attempt >= 1) {
          for (const c of batch) c.hidden = true;
          break;
        }
        for (const c of back) c.hidden = true;
      }
    }
    for (;;) {
      const check = await auditCells(cells, counts, k, {only: primaries(), randomRounds: 12});
      lps += check.lps;
      const findings = options.acceptPreconfined ? await withoutPreconfined(check.findings) : check.findings;
      if (!findings.length) break;
      const binders = bindersOf(findings);
      let back = candidates.filter((c) => !c.hidden && binders.has(c.id));
      // nothing released binds it: back to the repair's safe state
      if (!back.length) back = candidates.filter((c) => !c.hidden);
      if (!back.length) throw new AuditError(findings);
      for (const c of back) c.hidden = true;
    }
    for (const c of candidates) {
      if (c.hidden) continue;
      registry.unhide(c.id);
      republished.push(c);
    }
    debug(
      `release: ${republished.length} of ${candidates.length} hidden cells of ${options.release}+ students are published again`
    );
  }
  // 3. Complementary cells: one the published figures already determine protects nothing — publish it (the attacker
  //    learns nothing new, and no hidden cell is left that can be worked out exactly). The rest must stay uncertain.
  const secondary = new Set(cells.filter((c) => c.hidden && !c.frozen && !isPrimary(c)).map((c) => c.id));
  const check = await auditCells(cells, counts, k, {log: debug, only: secondary, randomRounds: 8});
  lps += check.lps;
  let released = 0;
  for (const f of check.findings) {
    if (f.reason !== "exact") continue;
    const c = cells.find((x) => x.id === f.id)!;
    c.hidden = false;
    registry.unhide(c.id);
    released++;
  }
  debug(`${released} complementary cells determined by the published figures are published`);
  if (process.env.MENTOR_AUDIT_LOG) {
    const byTable = new Map<string, number>();
    for (const c of cells)
      if (c.hidden && !c.frozen) for (const t of c.tables) byTable.set(t, (byTable.get(t) ?? 0) + 1);
    debug(
      `hidden after the seal, by table: ${[...byTable].map(([t, n]) => `${t} ${n}`).join(", ")}; hidden by the repair: ${added.length}`
    );
  }
  for (const c of cells) if (c.hidden) for (const t of c.tables) tableStats[t].hiddenAfter++;
  return {
    atoms: atoms.length,
    variables: result.variables,
    cells: cells.length,
    hiddenBefore,
    hiddenAfter: cells.filter((c) => c.hidden && !c.frozen).length,
    added: added.filter((label) => !republished.some((c) => c.label === label)),
    lps,
    ms: performance.now() - t0,
    tables: tableStats,
    preconfined
  };
}

/** Two seals in turn as one report: the second's model holds every cell of both (the first's frozen). */
export function mergeSealReports(first: SealReport, second: SealReport): SealReport {
  const tables = {...first.tables};
  for (const [t, v] of Object.entries(second.tables)) if (v.cells) tables[t] = v;
  return {
    atoms: second.atoms,
    variables: second.variables,
    cells: second.cells,
    hiddenBefore: first.hiddenBefore + second.hiddenBefore,
    hiddenAfter: first.hiddenAfter + second.hiddenAfter,
    added: [...first.added, ...second.added],
    lps: first.lps + second.lps,
    ms: first.ms + second.ms,
    preconfined: [...first.preconfined, ...second.preconfined],
    tables
  };
}
