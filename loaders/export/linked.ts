/**
 * Gating one export table with two checks the privacy gate does not make on
 * its own, by re-running `publish` with cells forced hidden until stable:
 *
 * 1. **A hidden cell must not be the sum of a fully published group.** The
 *    gate hides a second cell when a group with a known total has exactly one
 *    hidden cell; it does not look the other way, at a hidden cell whose
 *    finer cells (in another family or table, same measure) are all
 *    published — their sum gives it back (e.g. a scheme type's hidden
 *    `outcomes_by_mentor.n` as the sum of its `outcomes` cells, or a hidden
 *    number of enrolments as survival's first at_risk). When the group holds
 *    a cell of the current table and its values add up to the hidden cell,
 *    the group's smallest non-zero current cell is hidden.
 * 2. **A post-check of the caller** (`extra`): the person-period chain rule,
 *    or survival's all-or-nothing per curve. Cells it wants hidden are forced.
 *
 * Forcing works through the registry's public API: a forced cell is
 * registered as hidden before `publish` runs, and the gate copies that state
 * onto the current table's identical cell, then suppresses complementary
 * cells around it as for any hidden cell. The registry is restored from a
 * snapshot before every re-run.
 */
import {publish, PublicationRegistry, type CountsSpec, type Row, type Value} from "../privacy/index.ts";

type RegistryCell = Parameters<PublicationRegistry["add"]>[0];

export interface CellRef {
  measure: string;
  dims: Record<string, string>;
  value: number;
}

/** As the gate's normaliseDims. */
const norm = (v: Value | unknown) => (v === null ? "\u0000null" : String(v));
const dimKey = (dims: Record<string, string>, names: readonly string[]) =>
  names.map((n) => `${n}=${dims[n]}`).join("\u0001");
const idOf = (dims: Record<string, string>) => {
  const names = Object.keys(dims).sort();
  return {dimset: names.join(","), key: dimKey(dims, names), id: `${names.join(",")}\u0002${dimKey(dims, names)}`};
};

/** The cell a count column of a row stands for, as the gate computes it. */
export function cellOf(spec: CountsSpec<Row>, row: Row, column: string): CellRef | null {
  const c = spec.counts.find((x) => x.column === column);
  if (!c || row[column] === null || row[column] === undefined) return null;
  const totals = spec.totals ?? {};
  const base = spec.cellDims
    ? spec.cellDims(row)
    : Object.fromEntries(
        (spec.dimensions ?? []).filter((d) => !(d in totals && row[d] === totals[d])).map((d) => [d, row[d] as Value])
      );
  const at = typeof c.at === "function" ? c.at(row) : (c.at ?? {});
  const dims: Record<string, string> = {};
  for (const [k, v] of Object.entries({...base, ...at})) dims[k] = norm(v);
  const measure = typeof c.measure === "function" ? c.measure(row) : (c.measure ?? `${spec.table}.${c.column}`);
  return {measure, dims, value: row[column] as number};
}

function snapshot(reg: PublicationRegistry) {
  const cells = new Map<string, Map<string, RegistryCell>>();
  for (const [m, inner] of reg.cells)
    cells.set(m, new Map([...inner].map(([id, c]) => [id, {...c, dims: {...c.dims}}])));
  return {cells, tables: reg.tables.length};
}

function restore(reg: PublicationRegistry, snap: ReturnType<typeof snapshot>) {
  reg.cells.clear();
  for (const [m, inner] of snap.cells)
    reg.cells.set(m, new Map([...inner].map(([id, c]) => [id, {...c, dims: {...c.dims}}])));
  reg.tables.length = snap.tables;
}

/** Hidden cells given back by a fully published group of finer cells that includes a new cell: the new cells to hide. */
function revealed(reg: PublicationRegistry, before: ReturnType<typeof snapshot>): CellRef[] {
  const out: CellRef[] = [];
  for (const [measure, inner] of reg.cells) {
    const old = before.cells.get(measure);
    const cells = [...inner.entries()].map(([id, c]) => ({id, c, isNew: !old?.has(id)}));
    if (!cells.some((x) => x.isNew)) continue;
    const families = new Map<string, {names: string[]; cells: typeof cells}>();
    for (const x of cells) {
      let f = families.get(x.c.dimset);
      if (!f) families.set(x.c.dimset, (f = {names: x.c.dimset ? x.c.dimset.split(",") : [], cells: []}));
      f.cells.push(x);
    }
    const index = new Map<string, Map<string, typeof cells>>();
    const groupsOf = (f: {names: string[]; cells: typeof cells}, names: string[]) => {
      const ik = `${f.names.join(",")}\u0003${names.join(",")}`;
      let g = index.get(ik);
      if (!g) {
        g = new Map();
        for (const x of f.cells) {
          // a cell whose "partial" dimension is summed over does not add up to the parent
          if (x.c.partial.some((d) => !names.includes(d))) continue;
          const k = dimKey(x.c.dims, names);
          let list = g.get(k);
          if (!list) g.set(k, (list = []));
          list.push(x);
        }
        index.set(ik, g);
      }
      return g;
    };
    for (const p of cells) {
      if (!p.c.suppressed) continue;
      const names = p.c.dimset ? p.c.dimset.split(",") : [];
      for (const f of families.values()) {
        if (f.names.length <= names.length || !names.every((n) => f.names.includes(n))) continue;
        const group = groupsOf(f, names).get(p.c.key);
        if (!group || group.length === 0 || group.some((x) => x.c.suppressed)) continue;
        if (!group.some((x) => x.isNew) && !p.isNew) continue;
        const sum = group.reduce((s, x) => s + x.c.value, 0);
        if (sum !== p.c.value) continue;
        const candidates = group.filter((x) => x.isNew && x.c.value > 0).sort((a, b) => a.c.value - b.c.value);
        if (candidates.length) out.push({measure, dims: candidates[0].c.dims, value: candidates[0].c.value});
      }
    }
  }
  return out;
}

/**
 * `publish(rows, spec)` with the two checks above; returns the gated rows. `extra(gated)` returns
 * cells to hide besides (e.g. at-risk values the chain rule hides).
 */
export function publishLinked(
  all: readonly Row[],
  spec: CountsSpec<Row> & {registry: PublicationRegistry},
  extra?: (gated: (Row & {suppressed?: string[]})[]) => CellRef[]
) {
  // Rows whose counts are all zero (the empty combinations of a full grid) are published as they
  // are and not given to the gate: a zero describes nobody, and the gate's work grows with the
  // number of cells. (Before the grids were full such rows were simply absent, which says the same.)
  const isZero = (r: Row) =>
    spec.counts.every((c) => r[c.column] === 0 || r[c.column] === null || r[c.column] === undefined);
  const rows = all.filter((r) => !isZero(r));
  const merge = (gated: (Row & {suppressed?: string[]})[]) => {
    let i = 0;
    return all.map((r) => (isZero(r) ? {...r} : gated[i++]));
  };
  const inner = extra ? (gated: (Row & {suppressed?: string[]})[]) => extra(merge(gated)) : undefined;
  return merge(gateRows(rows, spec, inner));
}

function gateRows(
  rows: readonly Row[],
  spec: CountsSpec<Row> & {registry: PublicationRegistry},
  extra?: (gated: (Row & {suppressed?: string[]})[]) => CellRef[]
) {
  const reg = spec.registry;
  const before = snapshot(reg);
  const forced = new Map<string, CellRef>();
  for (let round = 0; round < 200; round++) {
    for (const f of forced.values()) {
      const {dimset, key} = idOf(f.dims);
      reg.add({
        measure: f.measure,
        dims: f.dims,
        dimset,
        key,
        value: f.value,
        suppressed: true,
        places: [],
        current: false,
        partial: []
      });
    }
    const gated = publish(rows, spec) as (Row & {suppressed?: string[]})[];
    const more = [...revealed(reg, before), ...(extra ? extra(gated) : [])];
    let added = 0;
    for (const m of more) {
      const k = `${m.measure}\u0004${idOf(m.dims).id}`;
      if (!forced.has(k)) {
        forced.set(k, m);
        added++;
      }
    }
    if (added === 0) return gated;
    restore(reg, before);
  }
  throw new Error(`${spec.table}: suppression did not settle`);
}

/**
 * Make gated rows agree with the registry after the seal: a count whose cell the registry holds as
 * hidden is emptied (with the columns derived from it) wherever it appears in these rows, whatever
 * route the seal's hiding took. Returns the number of values emptied here.
 */
export function applyRegistry(
  rows: (Row & {suppressed?: string[]})[],
  spec: CountsSpec<Row> & {registry: PublicationRegistry}
): number {
  let emptied = 0;
  const derivedOf = (column: string) =>
    Object.entries(spec.derived ?? {})
      .filter(([, sources]) => sources.includes(column))
      .map(([d]) => d);
  for (const row of rows) {
    for (const {column} of spec.counts) {
      if (row[column] === null || row[column] === undefined) continue;
      const cell = cellOf(spec, row, column);
      if (!cell || !spec.registry.lookup(cell.measure, cell.dims)?.suppressed) continue;
      const gone = [column, ...derivedOf(column).filter((d) => d in row)];
      for (const c of gone) row[c] = null;
      row.suppressed = [...new Set([...(row.suppressed ?? []), ...gone])].sort();
      emptied++;
    }
  }
  return emptied;
}
