/**
 * The privacy gate: every table that leaves for src/data/ output or an export
 * passes `publish(rows, spec)`. See README.md in this folder for the rules.
 *
 * 1. Refuse row-level data: a column named like an identifier (student_key,
 *    enrolment_id, mentorship_id, cpr, …), a column the spec does not declare,
 *    or a row whose count column is missing / not a non-negative integer.
 * 2. Primary suppression: a count of 1 … minCell − 1 individuals, or a count
 *    whose complement within its denominator (`of` − count) is 1 … minCell − 1,
 *    is set to null together with every column derived from it.
 * 3. Complementary suppression: counts are cells of a measure over
 *    dimensions. Whenever a parent cell (a total over one or more dimensions)
 *    is known — published directly, in this table or in an earlier table
 *    registered in the same `PublicationRegistry`, or as the sum of a fully
 *    published group of finer cells — no group of its children may have
 *    exactly one hidden cell: the next-smallest published cell of this table
 *    in the group is hidden too (or, when the group is in an earlier table, the
 *    cell in this table that makes the parent known). Repeated until stable.
 * 4. Hidden columns are listed per row in `suppressed`.
 */
import {minCell as minCellSetting} from "./settings.ts";
import {coarsenCurve, type CurveSpec} from "./curve.ts";

export type Value = string | number | boolean | null;
export type Row = Record<string, unknown>;
/** Any row object (interfaces included). */
export type AnyRow = object;

export interface CountColumn<R extends AnyRow = Row> {
  column: string;
  /**
   * What is counted. Cells with the same measure and dimension values are the
   * same number wherever they are published (that is how subtraction across
   * tables is caught), so name measures consistently across tables
   * (e.g. `enrolments@1y`). A function of the row for measures that depend on
   * a key column (horizon). Default: `${table}.${column}`.
   */
  measure?: string | ((row: R) => string);
  /** Fixed dimension values the column stands for, e.g. {mentor: "with"} — the columns with the same measure partition it. A function of the row if they vary. */
  at?: Record<string, string> | ((row: R) => Record<string, string>);
  /** Denominator column: this count is a subset of it; a small complement is suppressed too. */
  of?: string;
  /** null allowed, meaning "not applicable" (e.g. no target to be within); such a value is no cell. */
  nullable?: boolean;
}

export interface CountsSpec<R extends AnyRow = Row> {
  kind?: "counts";
  /** Name used in messages and in the registry. */
  table: string;
  /** Additive dimension columns: the rows' cells partition the population over these (list every group, including empty ones). */
  dimensions?: string[];
  /** Value of a dimension column that means "all" (a total row). */
  totals?: Record<string, Value>;
  /** Override the cell dimensions of a row (e.g. a dimension/group pivot). Default: the dimension columns minus totals. */
  cellDims?: (row: R) => Record<string, Value>;
  /** Non-additive columns published as they are (keys such as horizon, measure; labels such as names). Never counts. */
  labels?: string[];
  counts: CountColumn<R>[];
  /** Columns computed from counts: hidden when any of the listed counts is hidden. */
  derived?: Record<string, string[]>;
  /**
   * Dimensions whose values in this table do not cover the whole parent (e.g. an `at: {outcome: "dropped"}`
   * column without the other outcomes): cells over them are never taken to sum to their parent.
   */
  partial?: string[];
  /**
   * Count columns to hide only as a last resort when a second cell must go
   * (complementary suppression): the figure a page is about (e.g. dropouts)
   * rather than the smallest bystander. Any choice protects equally.
   */
  keep?: string[];
  minCell?: number;
  registry?: PublicationRegistry;
}

export interface ReferenceSpec {
  kind: "reference";
  table: string;
  /** Every column: reference figures (external publications) or statistics that describe no cell of individuals (test statistics, p-values). */
  labels: string[];
}

export type PublishSpec<R extends AnyRow = Row> = CountsSpec<R> | ReferenceSpec | CurveSpec;

export type Published<R> = (R & {suppressed?: string[]})[];

/** Column names that identify individuals or their records. */
const IDENTIFIER =
  /(^|_)(student_key|student_id|enrolment_id|enrollment_id|mentorship_id|person_id|cpr|cpr_nr|cprnr|name_of_student|email|phone)($|_)/i;

export class PrivacyError extends Error {}

function refuseIdentifiers(table: string, columns: Iterable<string>) {
  for (const c of columns) {
    if (IDENTIFIER.test(c))
      throw new PrivacyError(
        `${table}: column "${c}" looks like an identifier of individuals; row-level data may not be published`
      );
  }
}

function columnsOf(rows: readonly AnyRow[]): Set<string> {
  const s = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) s.add(k);
  return s;
}

/** Gate a table; returns new rows (the input is not modified). */
export function publish<R extends AnyRow>(rows: readonly R[], spec: PublishSpec<R>): Published<R> {
  if (!Array.isArray(rows)) throw new PrivacyError(`${spec.table}: rows must be an array`);
  const columns = columnsOf(rows);
  refuseIdentifiers(spec.table, columns);
  if (spec.kind === "reference") {
    checkDeclared(spec.table, columns, new Set(spec.labels));
    return rows.map((r) => ({...r}));
  }
  if (spec.kind === "curve") return coarsenCurve(rows as unknown as Row[], spec) as unknown as Published<R>;
  return publishCounts(
    rows as unknown as readonly Row[],
    spec as unknown as CountsSpec<Row>
  ) as unknown as Published<R>;
}

function checkDeclared(table: string, columns: Set<string>, declared: Set<string>) {
  const undeclared = [...columns].filter((c) => !declared.has(c) && c !== "suppressed");
  if (undeclared.length)
    throw new PrivacyError(
      `${table}: undeclared column(s) ${undeclared.join(", ")}; declare each as a dimension, label, count or derived column`
    );
}

// ---- Cells -----------------------------------------------------------------------------

interface Cell {
  measure: string;
  dims: Record<string, string>;
  dimset: string;
  key: string;
  value: number;
  suppressed: boolean;
  /** Where this cell is published in the current table (row index, column); empty for registry cells. */
  places: {row: number; column: string}[];
  current: boolean;
  /** Dimensions of this cell that do not partition its parent (see CountsSpec.partial). */
  partial: string[];
  /** Hidden by the primary rule (1 … k − 1, or a small complement within its denominator): the audit asks a wider interval of it. */
  primary?: boolean;
}

/** Where a registered cell was published: the output row, its column and the columns derived from it (hidden with it). */
export interface CellRef {
  table: string;
  row: Row & {suppressed?: string[]};
  column: string;
  derived: string[];
  /** The row as it came in (values before suppression) and the sources of each derived column, to publish a cell again. */
  source: Row;
  sources: Record<string, string[]>;
}

const dimKey = (dims: Record<string, string>, names: readonly string[]) =>
  names.map((n) => `${n}=${dims[n]}`).join("\u0001");

/**
 * Cells published so far (across tables) — register every table of one data
 * set in the same registry so later tables cannot be subtracted from earlier
 * ones. Publish coarse tables first.
 */
export class PublicationRegistry {
  readonly cells = new Map<string, Map<string, Cell>>();
  readonly tables: string[] = [];
  /** Output rows of every cell, by measure and cell id (for suppression added later by the audit). */
  readonly refs = new Map<string, CellRef[]>();
  /** The minimum cell size the tables were gated with. */
  k: number | null = null;
  add(cell: Cell, refs: CellRef[] = []) {
    let m = this.cells.get(cell.measure);
    if (!m) this.cells.set(cell.measure, (m = new Map()));
    const id = `${cell.dimset}\u0002${cell.key}`;
    const rid = `${cell.measure}\u0003${id}`;
    let list = this.refs.get(rid);
    if (!list) this.refs.set(rid, (list = []));
    list.push(...refs);
    const existing = m.get(id);
    if (existing) {
      existing.suppressed = existing.suppressed || cell.suppressed;
      existing.primary = existing.primary || cell.primary;
      return;
    }
    m.set(id, {...cell, places: [], current: false});
  }
  private byId(id: string): Cell {
    const [measure, cid] = id.split("\u0003");
    const cell = this.cells.get(measure)?.get(cid);
    if (!cell) throw new PrivacyError(`no registered cell ${id}`);
    return cell;
  }
  /** Every registered cell with its id (measure, dims, value, suppressed). */
  *all(): Generator<{id: string; cell: Readonly<Cell>}> {
    for (const [measure, m] of this.cells) for (const [id, cell] of m) yield {id: `${measure}\u0003${id}`, cell};
  }
  /**
   * Publish a hidden complementary cell again (its value is already determined by the published cells):
   * its columns, and the derived columns none of whose sources is still hidden, get their values back.
   */
  unhide(id: string) {
    const cell = this.byId(id);
    cell.suppressed = false;
    for (const ref of this.refs.get(id) ?? []) {
      ref.row[ref.column] = cell.value;
      const still = new Set((ref.row.suppressed ?? []).filter((c) => c !== ref.column));
      for (const d of ref.derived) {
        if (ref.sources[d].every((c) => !still.has(c))) {
          still.delete(d);
          ref.row[d] = ref.source[d] ?? null;
        }
      }
      ref.row.suppressed = [...still].sort();
      if (!ref.row.suppressed.length) delete ref.row.suppressed;
    }
  }
  /** Hide a published cell everywhere it appears (and the columns derived from it). */
  hide(id: string) {
    const cell = this.byId(id);
    cell.suppressed = true;
    for (const ref of this.refs.get(id) ?? []) {
      const gone = [ref.column, ...ref.derived.filter((c) => c in ref.row)];
      for (const c of gone) ref.row[c] = null;
      ref.row.suppressed = [...new Set([...(ref.row.suppressed ?? []), ...gone])].sort();
    }
  }
  /** Hidden or published state of a cell (for tests and diagnostics). */
  lookup(measure: string, dims: Record<string, Value>): {value: number; suppressed: boolean} | undefined {
    const d = normaliseDims(dims);
    const names = Object.keys(d).sort();
    const c = this.cells.get(measure)?.get(`${names.join(",")}\u0002${dimKey(d, names)}`);
    return c ? {value: c.value, suppressed: c.suppressed} : undefined;
  }
}

function normaliseDims(dims: Record<string, Value>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(dims)) out[k] = v === null ? "\u0000null" : String(v);
  return out;
}

function publishCounts(rows: readonly Row[], spec: CountsSpec<Row>): Published<Row> {
  const table = spec.table;
  const k = minCellSetting(spec.minCell);
  const dimensions = spec.dimensions ?? [];
  const derived = spec.derived ?? {};
  const countNames = spec.counts.map((c) => c.column);
  checkDeclared(
    table,
    columnsOf(rows),
    new Set([...dimensions, ...(spec.labels ?? []), ...countNames, ...Object.keys(derived)])
  );
  for (const [col, sources] of Object.entries(derived)) {
    for (const s of sources)
      if (!countNames.includes(s))
        throw new PrivacyError(`${table}: derived column "${col}" names "${s}", which is not a count column`);
  }
  for (const c of spec.counts) {
    if (c.of !== undefined && !countNames.includes(c.of))
      throw new PrivacyError(`${table}: count "${c.column}" is "of" "${c.of}", which is not a count column`);
  }
  if (spec.counts.length === 0)
    throw new PrivacyError(
      `${table}: a counts table needs at least one count column (use kind "reference" for reference figures)`
    );

  // 1. every row is an aggregate: all count columns present, non-negative integers
  rows.forEach((row, i) => {
    for (const {column: c, nullable} of spec.counts) {
      const v = row[c];
      if (v === null && nullable) continue;
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
        throw new PrivacyError(
          `${table}: row ${i} has ${c} = ${JSON.stringify(v)}; every row must carry its counts (non-negative integers) — row-level data are refused`
        );
      }
    }
  });

  // 2. primary suppression
  const hidden = rows.map(() => new Set<string>());
  rows.forEach((row, i) => {
    for (const c of spec.counts) {
      const v = row[c.column] as number | null;
      if (v === null) continue;
      if (v > 0 && v < k) hidden[i].add(c.column);
      if (c.of !== undefined) {
        const rest = (row[c.of] as number) - v;
        if (rest < 0)
          throw new PrivacyError(
            `${table}: row ${i}: ${c.column} (${v}) exceeds its denominator ${c.of} (${row[c.of]})`
          );
        if (rest > 0 && rest < k) hidden[i].add(c.column);
      }
    }
  });

  // 3. complementary suppression over cells
  const cells = new Map<string, Map<string, Cell>>();
  const totals = spec.totals ?? {};
  rows.forEach((row, i) => {
    const base = spec.cellDims
      ? normaliseDims(spec.cellDims(row))
      : normaliseDims(
          Object.fromEntries(
            dimensions.filter((d) => !(d in totals && row[d] === totals[d])).map((d) => [d, row[d] as Value])
          )
        );
    for (const c of spec.counts) {
      if (row[c.column] === null) continue;
      const measure = typeof c.measure === "function" ? c.measure(row) : (c.measure ?? `${table}.${c.column}`);
      const dims = {...base, ...(typeof c.at === "function" ? c.at(row) : (c.at ?? {}))};
      const names = Object.keys(dims).sort();
      const dimset = names.join(",");
      const key = dimKey(dims, names);
      let m = cells.get(measure);
      if (!m) cells.set(measure, (m = new Map()));
      const id = `${dimset}\u0002${key}`;
      const value = row[c.column] as number;
      const existing = m.get(id);
      if (existing) {
        if (existing.value !== value)
          throw new PrivacyError(
            `${table}: measure "${measure}" cell {${key.replace(/\u0001/g, ", ")}} has two values (${existing.value}, ${value}); name the measures apart`
          );
        existing.places.push({row: i, column: c.column});
        existing.suppressed ||= hidden[i].has(c.column);
        existing.primary ||= hidden[i].has(c.column);
      } else {
        m.set(id, {
          measure,
          dims,
          dimset,
          key,
          value,
          suppressed: hidden[i].has(c.column),
          places: [{row: i, column: c.column}],
          current: true,
          partial: (spec.partial ?? []).filter((d) => d in dims),
          primary: hidden[i].has(c.column)
        });
      }
    }
  });
  const registry = spec.registry;
  for (const [measure, m] of cells) {
    const previous = registry?.cells.get(measure);
    const all: Cell[] = [...m.values()];
    if (previous) {
      for (const [id, cell] of previous) {
        const mine = m.get(id);
        if (mine) {
          if (mine.value !== cell.value)
            throw new PrivacyError(
              `${table}: measure "${measure}" cell {${cell.key}} differs from an earlier table (${cell.value} vs ${mine.value})`
            );
          if (cell.suppressed) mine.suppressed = true;
          continue;
        }
        all.push(cell);
      }
    }
    complementary(all, new Set(spec.keep ?? []));
  }
  // write suppression back to rows
  for (const m of cells.values()) {
    for (const cell of m.values()) if (cell.suppressed) for (const p of cell.places) hidden[p.row].add(p.column);
  }
  const out = rows.map((row, i) => {
    const copy: Row = {...row};
    const gone = [...hidden[i]];
    for (const [col, sources] of Object.entries(derived))
      if (sources.some((s) => hidden[i].has(s)) && col in copy) gone.push(col);
    for (const c of gone) copy[c] = null;
    if (gone.length) copy.suppressed = [...new Set(gone)].sort();
    else delete copy.suppressed;
    return copy as Row & {suppressed?: string[]};
  });
  if (registry) {
    registry.tables.push(table);
    registry.k ??= k;
    const derivedOf = (column: string) =>
      Object.entries(derived)
        .filter(([, sources]) => sources.includes(column))
        .map(([c]) => c);
    for (const m of cells.values()) {
      for (const cell of m.values())
        registry.add(
          cell,
          cell.places.map((p) => ({
            table,
            row: out[p.row],
            column: p.column,
            derived: derivedOf(p.column),
            source: rows[p.row],
            sources: derived
          }))
        );
    }
  }
  return out;
}

/**
 * Subsets of a list (as sorted arrays), excluding the full list, largest
 * first: finer parents are settled first, which usually also settles the
 * coarser totals without hiding more cells.
 */
function properSubsets(names: readonly string[]): string[][] {
  const out: string[][] = [];
  const n = names.length;
  for (let mask = 0; mask < (1 << n) - 1; mask++) out.push(names.filter((_, i) => mask & (1 << i)));
  return out.sort((a, b) => b.length - a.length);
}

/** Complementary suppression over the cells of one measure (see module comment). */
function complementary(cells: Cell[], keep: ReadonlySet<string> = new Set()) {
  type Family = {names: string[]; cells: Cell[]};
  const families = new Map<string, Family>();
  for (const c of cells) {
    let f = families.get(c.dimset);
    if (!f) families.set(c.dimset, (f = {names: c.dimset ? c.dimset.split(",") : [], cells: []}));
    f.cells.push(c);
  }
  const fams = [...families.values()];
  if (fams.length === 0) return;
  const kept = (c: Cell) => (c.places.some((p) => keep.has(p.column)) ? 1 : 0);
  const byValue = (a: Cell, b: Cell) =>
    kept(a) - kept(b) || (a.value === 0 ? 1 : 0) - (b.value === 0 ? 1 : 0) || a.value - b.value;
  for (let iteration = 0; iteration < 100_000; iteration++) {
    let changed = false;
    const groupCache = new Map<Family, Map<string, Map<string, Cell[]>>>();
    /** Cells of a family grouped by their values on `subset` (only cells that sum to that parent). */
    const groupsOf = (f: Family, subset: string[]) => {
      let perFamily = groupCache.get(f);
      if (!perFamily) groupCache.set(f, (perFamily = new Map()));
      const sk = subset.join(",");
      let g = perFamily.get(sk);
      if (!g) {
        g = new Map();
        const incomplete = new Set<string>();
        for (const c of f.cells) {
          const key = dimKey(c.dims, subset);
          if (c.partial.some((d) => !subset.includes(d))) {
            incomplete.add(key);
            continue;
          }
          let list = g.get(key);
          if (!list) g.set(key, (list = []));
          list.push(c);
        }
        for (const key of incomplete) g.delete(key);
        perFamily.set(sk, g);
      }
      return g;
    };
    /** Families (≠ f) in which the group `key` over `subset` is fully published, i.e. its sum (the parent) is known. */
    const knownSources = (f: Family, subset: string[], key: string) => {
      const out: Cell[][] = [];
      for (const other of fams) {
        if (other === f || !subset.every((s) => other.names.includes(s))) continue;
        const og = groupsOf(other, subset).get(key);
        if (og && og.length > 0 && og.every((c) => !c.suppressed)) out.push(og);
      }
      return out;
    };
    for (const f of fams) {
      for (const subset of properSubsets(f.names)) {
        for (const [key, group] of groupsOf(f, subset)) {
          let unknown = 0;
          for (const c of group) if (c.suppressed) unknown++;
          if (unknown !== 1) continue;
          const sources = knownSources(f, subset, key);
          if (sources.length === 0) continue;
          // Hide the next-smallest published cell of this group, if it belongs to the current table …
          const candidates = group.filter((c) => !c.suppressed && c.current).sort(byValue);
          if (candidates.length > 0) {
            candidates[0].suppressed = true;
            changed = true;
            continue;
          }
          // … otherwise make the parent unknown where the current table makes it known.
          for (const og of sources) {
            const cand = og.filter((c) => c.current).sort(byValue);
            if (cand.length) {
              cand[0].suppressed = true;
              changed = true;
            }
          }
          // Both in earlier tables: nothing this table can do (they were gated together).
        }
      }
    }
    if (!changed) return;
  }
  throw new PrivacyError("complementary suppression did not converge");
}
