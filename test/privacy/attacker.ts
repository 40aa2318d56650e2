/**
 * An outsider's toolkit against the published site: it reads only what a visitor can download from
 * a built dist/ (page JSON under dist/_file/data/, slice files under dist/_file/generated/slices/;
 * the in-page CSV downloads are made in the browser from the same JSON) and tries to recover hidden
 * (null) counts or small counts.
 *
 * - `loadSite(dist)` parses every data file into records (rows of arrays of objects, and tables
 *   stored by column), each count addressable by a reference "file:table[i].field".
 * - Relations "Σ left = Σ right" between published figures are built from what the attacker knows
 *   about the published structure (`siteRelations`): a row's status counts add up to its n, a slice
 *   is the sum of its cohort cells, "with a mentor" is the sum of the intake scheme types, …
 *   Every relation belongs to a family; a family is only believed when it holds in every instance in
 *   which all its terms are published (and at least once), unless it is documented (`documented`).
 * - `solve(relations, values)` peels: a believed relation with exactly one unknown term gives that
 *   term; what is found is used again, until nothing changes. Every hidden value found is a leak.
 * - `invertCurves(site)` solves Kaplan-Meier points (survival and a Greenwood log limit to six
 *   significant digits) for the exact numbers at risk and events, and checks life-table rows
 *   (published counts) for reproducibility and for rows after a hidden count.
 * - `scanSmallCounts` / `scanIdentifierFields`: counts of 1–4 and identifier-like field names.
 */
import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";

export type Num = number | null;
type Obj = Record<string, unknown>;

/** One published row. `ref` addresses it ("data/overview:comparisons[12]"); `ctx` holds context such as the slice it belongs to. */
export interface Rec {
  file: string;
  table: string;
  ref: string;
  row: Obj;
  ctx: Record<string, string>;
}

export interface Site {
  dist: string;
  /** Data files by short name: "data/overview", "slices/all.all.all". */
  files: Map<string, unknown>;
  /** Records by table name: "overview.comparisons", "cohorts.cells", "slices.outcomes", "slices.hazards", "slices.curves", … */
  tables: Map<string, Rec[]>;
  /** Every numeric or null field of every record, by reference. */
  values: Map<string, Num>;
  /** Records by their reference. */
  records: Map<string, Rec>;
  /** meta.min_cell as published (the threshold the site claims), else 5. */
  minCell: number;
  dataDate: string | null;
  periods: {key: string; from: number; to: number}[];
}

export const listFiles = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]
  );

const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
/** A table stored by column: an object whose values are arrays of one length ≥ 1. */
const isColumnTable = (v: unknown): v is Record<string, unknown[]> => {
  if (!isObj(v)) return false;
  const arrays = Object.values(v);
  return (
    arrays.length > 1 &&
    arrays.every(
      (a) =>
        Array.isArray(a) &&
        a.length === (arrays[0] as unknown[]).length &&
        a.every((x) => x === null || typeof x !== "object")
    )
  );
};

/** Field reference of a record. */
export const fieldRef = (rec: Rec, field: string) => `${rec.ref}.${field}`;

/** Short name of a built data file: hash stripped ("data/overview", "slices/<key>"). */
function shortName(rel: string): string {
  const m = rel.match(/(?:^|\/)_file\/(data|generated\/slices)\/(.+?)\.[0-9a-f]{8}\.json$/);
  if (!m) return rel;
  return `${m[1] === "data" ? "data" : "slices"}/${m[2]}`;
}

/** Parse every JSON data file of a built site into records. */
export function loadSite(dist: string): Site {
  const site: Site = {
    dist,
    files: new Map(),
    tables: new Map(),
    values: new Map(),
    records: new Map(),
    minCell: 5,
    dataDate: null,
    periods: []
  };
  const add = (table: string, rec: Rec) => {
    let list = site.tables.get(table);
    if (!list) site.tables.set(table, (list = []));
    list.push(rec);
    site.records.set(rec.ref, rec);
    for (const [k, v] of Object.entries(rec.row))
      if (v === null || typeof v === "number") site.values.set(fieldRef(rec, k), v as Num);
  };
  for (const path of listFiles(join(dist, "_file"))
    .filter((f) => /\.(json|csv)$/.test(f))
    .sort()) {
    const name = shortName(relative(dist, path));
    const json = path.endsWith(".csv")
      ? {rows: parseCsv(readFileSync(path, "utf8"))}
      : (JSON.parse(readFileSync(path, "utf8")) as unknown);
    site.files.set(name, json);
    const isSlice = name.startsWith("slices/");
    const ctx: Record<string, string> = {};
    if (isSlice && isObj(json)) for (const k of ["key", "programme", "main_area", "period"]) ctx[k] = String(json[k]);
    const prefix = isSlice ? "slices" : name.replace(/^data\//, "");
    if (isObj(json) && isObj(json.meta)) {
      if (typeof json.meta.min_cell === "number") site.minCell = json.meta.min_cell;
      if (typeof json.meta.data_date === "string") site.dataDate = json.meta.data_date;
    }
    if (isObj(json) && isObj(json.slices) && Array.isArray(json.slices.periods))
      site.periods = json.slices.periods as Site["periods"];
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) {
        if (v.length && v.every(isObj)) {
          v.forEach((row, i) =>
            add(`${prefix}.${path}`, {
              file: name,
              table: `${prefix}.${path}`,
              ref: `${name}:${path}[${i}]`,
              row: row as Obj,
              ctx
            })
          );
          return;
        }
        v.forEach((x, i) => walk(x, `${path}[${i}]`));
      } else if (isColumnTable(v)) {
        const cols = Object.keys(v);
        const n = v[cols[0]].length;
        for (let i = 0; i < n; i++) {
          add(`${prefix}.${path}`, {
            file: name,
            table: `${prefix}.${path}`,
            ref: `${name}:${path}[${i}]`,
            row: Object.fromEntries(cols.map((c) => [c, v[c][i]])),
            ctx
          });
        }
      } else if (isObj(v)) {
        // a single record with counts (e.g. the headline) is a table of one row
        const scalars = Object.entries(v).filter(([, x]) => x === null || typeof x !== "object");
        if (path && scalars.some(([k, x]) => (x === null || typeof x === "number") && COUNT_FIELD.test(k))) {
          add(`${prefix}.${path}`, {file: name, table: `${prefix}.${path}`, ref: `${name}:${path}`, row: v, ctx});
        }
        for (const [k, x] of Object.entries(v)) if (x && typeof x === "object") walk(x, path ? `${path}.${k}` : k);
      }
    };
    walk(json, "");
  }
  return site;
}

export const rows = (site: Site, table: string): Rec[] => site.tables.get(table) ?? [];

/** A CSV file published as is (none today: the pages make their CSV downloads from the JSON): rows of numbers, empty = null. */
export function parseCsv(text: string): Obj[] {
  const lines = text
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  const split = (line: string) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,;]*)([,;]|$)/g)]
      .slice(0, -1)
      .map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"'));
  const header = split(lines[0]);
  return lines.slice(1).map((line) => {
    const cells = split(line);
    return Object.fromEntries(
      header.map((h, i) => {
        const v = cells[i] ?? "";
        return [h, v === "" || v === "NA" ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v];
      })
    );
  });
}

// ---- Relations and the subtraction search ------------------------------------------------------

export interface Relation {
  /** Relations of one family are believed or not together. */
  family: string;
  left: string[];
  right: string[];
  /** The attacker knows this from the site's own documentation: believed even without a fully published instance. */
  documented?: boolean;
  /** Believed (if not contradicted) when one of these families holds in a fully published instance: a coarser check of the same claim. */
  vouchedBy?: string[];
}

export interface Recovery {
  ref: string;
  value: number;
  family: string;
  /** The relation with the values used, e.g. "A (2381) = B (2378) + C (?)". */
  how: string;
  /** 1 = from published figures only; more = used values found before. */
  depth: number;
}

export interface FamilyStat {
  family: string;
  instances: number;
  /** Instances with every term published that hold. */
  holds: number;
  /** Instances with every term published that do not hold (the family is then not believed). */
  fails: number;
  example?: string;
  believed: boolean;
}

export interface SolveResult {
  recovered: Recovery[];
  families: FamilyStat[];
  /** Believed relation instances (checked). */
  checked: number;
  /** Believed instances that had at least one hidden term to begin with. */
  withHidden: number;
  /** Believed instances that had exactly one hidden term to begin with. */
  withOneHidden: number;
  /** Relations that gave an impossible value (negative or not an integer): listed, not used. */
  contradictions: string[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Peel the relations: any believed relation with exactly one unknown term gives it. `values` holds
 * published figures (null = hidden) and any facts the attacker derived (e.g. from curves).
 */
export function solve(relations: Relation[], values: Map<string, Num>): SolveResult {
  const initial = (r: string) => values.get(r);
  const stats = new Map<string, FamilyStat>();
  for (const rel of relations) {
    let s = stats.get(rel.family);
    if (!s) stats.set(rel.family, (s = {family: rel.family, instances: 0, holds: 0, fails: 0, believed: false}));
    s.instances++;
    const terms = [...rel.left, ...rel.right];
    if (terms.some((t) => initial(t) === undefined))
      throw new Error(`relation ${rel.family}: unknown reference ${terms.find((t) => initial(t) === undefined)}`);
    if (terms.every((t) => typeof initial(t) === "number")) {
      const l = sum(rel.left.map((t) => initial(t) as number));
      const r = sum(rel.right.map((t) => initial(t) as number));
      if (Math.abs(l - r) < 1e-9) s.holds++;
      else {
        s.fails++;
        s.example ??= `${describe(rel.left, values)} ≠ ${describe(rel.right, values)}`;
      }
    }
  }
  const documented = new Set(relations.filter((r) => r.documented).map((r) => r.family));
  for (const s of stats.values()) s.believed = s.fails === 0 && (s.holds > 0 || documented.has(s.family));
  const vouchers = new Map<string, string[]>();
  for (const r of relations) if (r.vouchedBy) vouchers.set(r.family, r.vouchedBy);
  for (const [family, by] of vouchers) {
    const s = stats.get(family)!;
    if (s.fails === 0 && by.some((f) => stats.get(f)?.believed && stats.get(f)!.holds > 0)) s.believed = true;
  }
  const believed = relations.filter((r) => stats.get(r.family)!.believed);
  const known = new Map<string, number>();
  for (const [k, v] of values) if (typeof v === "number") known.set(k, v);
  const depthOf = new Map<string, number>();
  const recovered: Recovery[] = [];
  const contradictions: string[] = [];
  const dead = new Set<Relation>();
  let withHidden = 0;
  let withOneHidden = 0;
  for (const rel of believed) {
    const hidden = [...rel.left, ...rel.right].filter((t) => !known.has(t)).length;
    if (hidden > 0) withHidden++;
    if (hidden === 1) withOneHidden++;
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const rel of believed) {
      if (dead.has(rel)) continue;
      const unknown = [...new Set([...rel.left, ...rel.right].filter((t) => !known.has(t)))];
      if (unknown.length !== 1) continue;
      const [u] = unknown;
      const coef = rel.left.filter((t) => t === u).length - rel.right.filter((t) => t === u).length;
      if (coef === 0) continue;
      const l = sum(rel.left.filter((t) => t !== u).map((t) => known.get(t)!));
      const r = sum(rel.right.filter((t) => t !== u).map((t) => known.get(t)!));
      const value = (r - l) / coef;
      const how = `${describe(rel.left, values, known, u)} = ${describe(rel.right, values, known, u)}`;
      if (!(value >= -1e-9 && Math.abs(value - Math.round(value)) < 1e-6)) {
        contradictions.push(`${rel.family}: ${how} gives ${value}`);
        dead.add(rel);
        continue;
      }
      const depth =
        1 + Math.max(0, ...[...rel.left, ...rel.right].filter((t) => t !== u).map((t) => depthOf.get(t) ?? 0));
      const exact = Math.round(value) || 0;
      known.set(u, exact);
      depthOf.set(u, depth);
      recovered.push({ref: u, value: exact, family: rel.family, how, depth});
      changed = true;
    }
  }
  return {
    recovered,
    families: [...stats.values()],
    checked: believed.length,
    withHidden,
    withOneHidden,
    contradictions
  };
}

export interface LinearResult {
  recovered: Recovery[];
  /** Groups of hidden figures linked by relations, and how many were solved / too large / contradictory. */
  components: number;
  largest: number;
  skipped: number;
  inconsistent: number;
}

/**
 * Beyond peeling: the hidden figures left after `solve` and the believed relations linking them form linear systems;
 * Gauss-Jordan elimination (per group of linked unknowns, up to `maxVars` unknowns) finds every unknown the system
 * determines — e.g. two relations that share the same two unknowns.
 */
export function solveLinear(
  relations: Relation[],
  values: Map<string, Num>,
  peeled: SolveResult,
  {maxVars = 4000} = {}
): LinearResult {
  const believed = new Set(peeled.families.filter((f) => f.believed).map((f) => f.family));
  const known = new Map<string, number>();
  for (const [k, v] of values) if (typeof v === "number") known.set(k, v);
  for (const r of peeled.recovered) known.set(r.ref, r.value);
  const open = relations.filter((r) => believed.has(r.family) && [...r.left, ...r.right].some((t) => !known.has(t)));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) {
      const p = parent.get(parent.get(x)!)!;
      parent.set(x, p);
      x = p;
    }
    return x;
  };
  const unknownsOf = (r: Relation) => [...new Set([...r.left, ...r.right].filter((t) => !known.has(t)))];
  for (const r of open) {
    const u = unknownsOf(r);
    for (const x of u) if (!parent.has(x)) parent.set(x, x);
    for (const x of u.slice(1)) parent.set(find(x), find(u[0]));
  }
  const groups = new Map<string, Relation[]>();
  for (const r of open) {
    const g = find(unknownsOf(r)[0]);
    let l = groups.get(g);
    if (!l) groups.set(g, (l = []));
    l.push(r);
  }
  const out: LinearResult = {recovered: [], components: groups.size, largest: 0, skipped: 0, inconsistent: 0};
  const EPS = 1e-9;
  for (const rels of groups.values()) {
    const vars = [...new Set(rels.flatMap(unknownsOf))];
    out.largest = Math.max(out.largest, vars.length);
    if (vars.length > maxVars) {
      out.skipped++;
      continue;
    }
    const col = new Map(vars.map((v, i) => [v, i]));
    const n = vars.length;
    const A = rels.map((r) => {
      const row = new Float64Array(n + 1);
      let rhs = 0;
      for (const t of r.left) known.has(t) ? (rhs -= known.get(t)!) : (row[col.get(t)!] += 1);
      for (const t of r.right) known.has(t) ? (rhs += known.get(t)!) : (row[col.get(t)!] -= 1);
      row[n] = rhs;
      return row;
    });
    const pivots: number[] = [];
    let rank = 0;
    for (let c = 0; c < n && rank < A.length; c++) {
      let p = -1;
      let best = EPS;
      for (let r = rank; r < A.length; r++) if (Math.abs(A[r][c]) > best) ((best = Math.abs(A[r][c])), (p = r));
      if (p < 0) continue;
      [A[rank], A[p]] = [A[p], A[rank]];
      const pr = A[rank];
      const inv = 1 / pr[c];
      for (let j = c; j <= n; j++) pr[j] *= inv;
      for (let r = 0; r < A.length; r++) {
        if (r === rank) continue;
        const f = A[r][c];
        if (Math.abs(f) <= EPS) continue;
        const row = A[r];
        for (let j = c; j <= n; j++) if (pr[j] !== 0) row[j] -= f * pr[j];
        row[c] = 0;
      }
      pivots.push(c);
      rank++;
    }
    if (A.slice(rank).some((row) => Math.abs(row[n]) > 1e-6)) {
      out.inconsistent++;
      continue;
    }
    const isPivot = new Set(pivots);
    const families = [...new Set(rels.map((r) => r.family))];
    pivots.forEach((c, r) => {
      const row = A[r];
      for (let j = 0; j < n; j++) if (j !== c && !isPivot.has(j) && Math.abs(row[j]) > 1e-7) return;
      const value = row[n];
      if (!(value >= -1e-6 && Math.abs(value - Math.round(value)) < 1e-6)) return;
      out.recovered.push({
        ref: vars[c],
        value: Math.round(value) || 0,
        family: `linear system (${rels.length} relations, ${n} hidden figures)`,
        depth: 99,
        how: `determined by the ${rels.length} relations linking ${n} hidden figures (families: ${families.slice(0, 4).join("; ")}${families.length > 4 ? "; …" : ""})`
      });
    });
  }
  return out;
}

function describe(terms: string[], values: Map<string, Num>, known?: Map<string, number>, unknown?: string): string {
  const shown = terms.slice(0, 4).map((t) => {
    const v = values.get(t);
    const val =
      t === unknown ? "?" : typeof v === "number" ? String(v) : known?.has(t) ? `${known.get(t)} found` : "hidden";
    return `${t} (${val})`;
  });
  if (terms.length > 4) {
    const rest = terms.slice(4).map((t) => (t === unknown ? NaN : (known?.get(t) ?? (values.get(t) as number))));
    shown.push(`${terms.length - 4} more (${rest.some((x) => Number.isNaN(x)) ? "incl. ?" : `Σ ${sum(rest)}`})`);
  }
  return shown.join(" + ") || "0";
}

// ---- What the attacker knows about the published structure -------------------------------------

export const INTAKE_TYPES = ["peer", "adult_volunteer", "professional", "group"];
/** "Without a mentor (from intake)": no mentorship, or only a workplace mentor. */
export const WITHOUT_TYPES = ["none", "workplace"];
export const STATUS = ["completed", "dropped", "transferred", "ongoing"];
export const PHASES = [
  "first_weeks",
  "gf1_gf2",
  "school_to_apprenticeship",
  "probation",
  "main_course",
  "final_stretch"
];
/** Count fields of the status tables (cohort cells, slice outcomes). */
export const STATUS_FIELDS = ["n", ...STATUS, "dropped", ...PHASES.map((p) => `dropped_${p}`)].filter(
  (f, i, a) => a.indexOf(f) === i
);

/** Relation builder: collects terms only for fields that exist (a field missing from a record is skipped). */
class Builder {
  relations: Relation[] = [];
  constructor(readonly site: Site) {}
  /** Reference of a count field, or undefined when the record has no such numeric/null field. */
  term(rec: Rec | undefined, field: string): string | undefined {
    if (!rec) return undefined;
    const v = rec.row[field];
    return v === null || typeof v === "number" ? fieldRef(rec, field) : undefined;
  }
  /** Add Σ left = Σ right; if a term is missing (no such record/field) the relation is not added. */
  add(
    family: string,
    left: (string | undefined)[],
    right: (string | undefined)[],
    documented = false,
    vouchedBy?: string[]
  ) {
    if (left.some((t) => t === undefined) || right.some((t) => t === undefined)) return;
    if (left.length + right.length < 2) return;
    this.relations.push({
      family,
      left: left as string[],
      right: right as string[],
      documented,
      ...(vouchedBy ? {vouchedBy} : {})
    });
  }
  /** Σ over records, where a missing record means a published zero (lists skip empty groups) — only used for sums of records that exist. */
  terms(recs: Rec[], field: string): (string | undefined)[] {
    return recs.map((r) => this.term(r, field));
  }
}

const periodOfYear = (site: Site, y: number) => site.periods.find((p) => y >= p.from && y <= p.to)?.key;
/**
 * Is a cohort cell part of a slice? Cells by intake year (programme, main area) are summed into the slices they fall in;
 * cells published per slice (with `period`, and "all" for a whole dimension) are the slice's own row.
 */
const inSlice = (site: Site, slice: Record<string, string>, cell: Obj) => {
  if ("period" in cell)
    return (
      cell.programme_group === slice.programme && cell.main_area === slice.main_area && cell.period === slice.period
    );
  return (
    (slice.programme === "all" || cell.programme_group === slice.programme) &&
    (slice.main_area === "all" || cell.main_area === slice.main_area) &&
    (slice.period === "all" || periodOfYear(site, Number(cell.intake_year)) === slice.period)
  );
};

/** Every relation the attacker can establish from the published structure. */
export function siteRelations(site: Site, extra: {curveFacts?: CurveFact[]} = {}): Relation[] {
  const b = new Builder(site);
  const cells = rows(site, "cohorts.cells");
  const outcomes = rows(site, "slices.outcomes");
  // The published slices and their mentor groups: one by one ("types") or merged into "with"/"without" ("mentor").
  const sliceGroups = new Map<string, string>();
  for (const [name, json] of site.files)
    if (name.startsWith("slices/") && isObj(json)) sliceGroups.set(String(json.key), String(json.groups ?? "types"));
  /**
   * A slice's outcome rows for a mentor group: its own row, or in a slice of groups one by one the groups that make it up
   * ("with" = the intake scheme types, "without" = none + workplace; an absent group has no students). A merged slice
   * says nothing of one scheme type: undefined.
   */
  const groupRecs = (outs: Rec[], slice: string, group: string): Rec[] | undefined => {
    const own = outs.filter((o) => o.row.scheme_type === group);
    if (own.length) return own;
    if (sliceGroups.get(slice) === "mentor") return group === "with" || group === "without" ? [] : undefined;
    if (group === "with") return outs.filter((o) => INTAKE_TYPES.includes(String(o.row.scheme_type)));
    if (group === "without") return outs.filter((o) => WITHOUT_TYPES.includes(String(o.row.scheme_type)));
    return [];
  };
  const termsOf = (recs: Rec[] | undefined, field: string) => (recs ? b.terms(recs, field) : [undefined]);
  const hazards = rows(site, "slices.hazards");

  // 1. Within a status row: n = completed + dropped + transferred + ongoing; dropped = Σ dropped per phase.
  for (const rec of [...cells, ...outcomes]) {
    b.add(
      "row: n = completed + dropped + transferred + ongoing",
      [b.term(rec, "n")],
      STATUS.map((s) => b.term(rec, s)),
      true
    );
    b.add(
      "row: dropped = Σ dropped_<phase>",
      [b.term(rec, "dropped")],
      PHASES.map((p) => b.term(rec, `dropped_${p}`))
    );
  }

  // 2. A slice's outcome row (one mentor group) = Σ of the cohort cells of that slice and group.
  const cellsBySlice = new Map<string, Rec[]>();
  const sliceCells = (slice: Record<string, string>, types: string[]) => {
    const key = `${slice.key}|${types.join(",")}`;
    let list = cellsBySlice.get(key);
    if (!list)
      cellsBySlice.set(
        key,
        (list = cells.filter((c) => types.includes(String(c.row.scheme_type)) && inSlice(site, slice, c.row)))
      );
    return list;
  };
  for (const rec of outcomes) {
    const group = sliceCells(rec.ctx, [String(rec.row.scheme_type)]);
    for (const f of STATUS_FIELDS)
      b.add(`slice outcome.${f} = Σ cohort cells.${f}`, [b.term(rec, f)], b.terms(group, f));
  }

  // 3. Slices nest: all programmes = Σ programme groups; vocational = Σ main areas; all periods = Σ periods.
  const sliceKey = (p: string, a: string, y: string) => `${p}|${a}|${y}`;
  const sliceRecs = (table: Rec[]) => {
    const by = new Map<string, Rec[]>();
    for (const r of table) {
      const k = sliceKey(r.ctx.programme, r.ctx.main_area, r.ctx.period);
      let l = by.get(k);
      if (!l) by.set(k, (l = []));
      l.push(r);
    }
    return by;
  };
  const programmes = [...new Set(outcomes.map((r) => r.ctx.programme))].filter((p) => p !== "all");
  const areas = [
    ...new Set(outcomes.filter((r) => r.ctx.programme === "vocational").map((r) => r.ctx.main_area))
  ].filter((a) => a !== "all");
  const periods = site.periods.map((p) => p.key);
  const slugOf = new Map<string, string>();
  for (const r of outcomes) slugOf.set(`${r.ctx.programme}|${r.ctx.main_area}`, r.ctx.key.split(".")[1]);
  const keyOf = (p: string, a: string, y: string) => `${p}.${slugOf.get(`${p}|${a}`) ?? "?"}.${y}`;
  // `recsOf(slice records, slice key, row key)`: the records standing for one row key in a slice, or undefined when the
  // slice does not say (a merged slice and one scheme type)
  const nest = (
    table: Rec[],
    keysOf: (slice: string, recs: Rec[]) => string[],
    recsOf: (recs: Rec[], slice: string, key: string) => Rec[] | undefined,
    fields: string[],
    name: string
  ) => {
    const by = sliceRecs(table);
    for (const parentRecs of by.values()) {
      const {programme: p, main_area: a, period: y, key: slice} = parentRecs[0].ctx;
      const splits: [string, [string, string, string][]][] = [];
      if (p === "all" && a === "all") splits.push(["programme", programmes.map((q) => [q, "all", y])]);
      if (p === "vocational" && a === "all") splits.push(["main area", areas.map((q) => [p, q, y])]);
      if (y === "all") splits.push(["period", periods.map((q) => [p, a, q])]);
      for (const k of keysOf(slice, parentRecs)) {
        for (const [split, list] of splits) {
          // every part must be published (a period of few students is not: its slice is then only in the total)
          if (list.some(([q, r, z]) => !sliceGroups.has(keyOf(q, r, z)))) continue;
          const kids = list.map(([q, r, z]) => recsOf(by.get(sliceKey(q, r, z)) ?? [], keyOf(q, r, z), k));
          if (kids.some((x) => x === undefined)) continue;
          for (const f of fields)
            b.add(
              `${name}: slice = Σ slices by ${split} (.${f})`,
              termsOf(recsOf(parentRecs, slice, k), f),
              kids.flatMap((x) => b.terms(x!, f))
            );
        }
      }
    }
  };
  nest(
    outcomes,
    (slice, recs) => [
      ...new Set([
        ...recs.map((r) => String(r.row.scheme_type)),
        ...(sliceGroups.get(slice) === "mentor" ? [] : ["with", "without"])
      ])
    ],
    groupRecs,
    STATUS_FIELDS,
    "outcomes"
  );
  const hazardKey = (r: Rec) => `${r.row.phase}|${r.row.mentor}|${r.row.scheme_type}`;
  nest(
    hazards,
    (_, recs) => [...new Set(recs.map(hazardKey))],
    (recs, slice, key) => {
      const own = recs.filter((r) => hazardKey(r) === key);
      // a merged slice has no row of one scheme type: it says nothing of it (elsewhere an absent row has no students)
      if (!own.length && !key.endsWith("|all") && sliceGroups.get(slice) === "mentor") return undefined;
      return own;
    },
    ["entered", "dropped"],
    "hazards"
  );

  // 4. Headline: students = Σ groups; mentored_intake = Σ intake scheme types; mentored_workplace = workplace; mentored = intake + workplace.
  const [head] = rows(site, "overview.headline");
  const top = outcomes.filter((r) => r.ctx.programme === "all" && r.ctx.main_area === "all" && r.ctx.period === "all");
  if (head) {
    b.add("headline.students = Σ outcome groups (all.all.all)", [b.term(head, "students")], b.terms(top, "n"));
    b.add(
      "headline.mentored_intake = Σ intake scheme types",
      [b.term(head, "mentored_intake")],
      termsOf(groupRecs(top, "all.all.all", "with"), "n")
    );
    b.add(
      "headline.mentored_workplace = workplace group",
      [b.term(head, "mentored_workplace")],
      termsOf(groupRecs(top, "all.all.all", "workplace"), "n")
    );
    b.add(
      "headline.mentored = mentored_intake + mentored_workplace",
      [b.term(head, "mentored")],
      [b.term(head, "mentored_intake"), b.term(head, "mentored_workplace")]
    );
    b.add(
      "headline.students − mentored = none group",
      [b.term(head, "students")],
      [b.term(head, "mentored"), ...termsOf(groupRecs(top, "all.all.all", "none"), "n")]
    );
  }

  // 5. Mentor comparisons by intake year: with = Σ intake types of that year's cohort cells; without = none + workplace.
  //    For horizon "ever" the events are the status counts (dropped / completed). Overall = Σ years.
  const comps = rows(site, "overview.comparisons");
  for (const rec of comps) {
    const r = rec.row;
    if (r.dimension !== "intake_year") continue;
    const followed =
      typeof r.n_with === "number" && typeof r.n_without === "number"
        ? (r.n_with as number) + (r.n_without as number) > 0
        : true;
    if (!followed) continue; // zero = the year is not followed that long
    const year = Number(r.group);
    const withCells = cells.filter(
      (c) => Number(c.row.intake_year) === year && INTAKE_TYPES.includes(String(c.row.scheme_type))
    );
    const withoutCells = cells.filter(
      (c) => Number(c.row.intake_year) === year && WITHOUT_TYPES.includes(String(c.row.scheme_type))
    );
    const fam = `comparisons by intake year (${r.horizon})`;
    const status = r.measure === "dropout" ? "dropped" : "completed";
    const claims: [string, string, string, string[]][] = [
      ["n_with", "n", "with", INTAKE_TYPES],
      ["n_without", "n", "without", WITHOUT_TYPES],
      ["events_with", status, "with", INTAKE_TYPES],
      ["events_without", status, "without", WITHOUT_TYPES]
    ];
    for (const [field, cellField, side, types] of claims) {
      const period = `comparisons Σ intake years of a period = slice outcomes all.all.<period> (${r.horizon}, ${field}, ${r.measure})`;
      // the group sizes are documented ("with a mentor" = the intake scheme types); what counts as an event at a horizon is checked
      b.add(
        `${fam}: ${field} (${r.measure}) = Σ cohort cells.${cellField} (${side}: ${types.join("+")})`,
        [b.term(rec, field)],
        b.terms(side === "with" ? withCells : withoutCells, cellField),
        cellField === "n",
        [period]
      );
    }
  }
  // the same claims checked on whole periods (the years of a period against the slice all.all.<period>)
  for (const p of site.periods) {
    const outs = outcomes.filter(
      (o) => o.ctx.programme === "all" && o.ctx.main_area === "all" && o.ctx.period === p.key
    );
    for (const horizon of [...new Set(comps.map((c) => String(c.row.horizon)))]) {
      for (const measure of ["dropout", "completion"]) {
        const years = comps.filter(
          (c) =>
            c.row.dimension === "intake_year" &&
            c.row.horizon === horizon &&
            c.row.measure === measure &&
            Number(c.row.group) >= p.from &&
            Number(c.row.group) <= p.to
        );
        if (years.length !== p.to - p.from + 1 || years.some((c) => c.row.n_with === 0 && c.row.n_without === 0))
          continue;
        const status = measure === "dropout" ? "dropped" : "completed";
        // slice outcomes are the status at the data date: only "ever" events can equal them (the site says a horizon's
        // events happen within it — a later dropout is in the slice, not in the 5-year figure)
        const claims = [
          ["n_with", "n", "with"],
          ["n_without", "n", "without"],
          ["events_with", status, "with"],
          ["events_without", status, "without"]
        ] as const;
        for (const [field, cellField, side] of claims.filter(([f]) => horizon === "ever" || f.startsWith("n_"))) {
          if (!sliceGroups.has(`all.all.${p.key}`)) continue;
          b.add(
            `comparisons Σ intake years of a period = slice outcomes all.all.<period> (${horizon}, ${field}, ${measure})`,
            b.terms(years, field),
            termsOf(groupRecs(outs, `all.all.${p.key}`, side), cellField)
          );
        }
      }
    }
  }
  for (const rec of comps.filter((c) => c.row.dimension === "overall")) {
    const years = comps.filter(
      (c) => c.row.dimension === "intake_year" && c.row.measure === rec.row.measure && c.row.horizon === rec.row.horizon
    );
    for (const f of ["n_with", "n_without", "events_with", "events_without"]) {
      b.add(`comparisons overall (${rec.row.horizon}) = Σ intake years (.${f})`, [b.term(rec, f)], b.terms(years, f));
    }
  }
  // Benchmark: institution n = with + without; Σ institutions = overall at the benchmark horizon.
  const bench = rows(site, "benchmark.institutions");
  const benchComps = rows(site, "benchmark.comparisons");
  for (const rec of bench) {
    const c = benchComps.find((x) => x.row.group === rec.row.institution_id && x.row.measure === "dropout");
    b.add(
      "benchmark institution n = comparison n_with + n_without",
      [b.term(rec, "n")],
      [b.term(c, "n_with"), b.term(c, "n_without")]
    );
    b.add(
      "benchmark institution dropped = comparison events_with + events_without",
      [b.term(rec, "dropped")],
      [b.term(c, "events_with"), b.term(c, "events_without")]
    );
  }
  const benchFile = site.files.get("data/benchmark") as Obj | undefined;
  const overall1y = comps.find(
    (c) => c.row.dimension === "overall" && c.row.measure === "dropout" && c.row.horizon === benchFile?.horizon
  );
  // (only when every institution has its own comparison: small ones are left out)
  if (
    overall1y &&
    benchComps.length &&
    bench.every((r) => benchComps.some((c) => c.row.group === r.row.institution_id))
  ) {
    for (const f of ["n_with", "n_without", "events_with", "events_without"])
      b.add(
        `overall comparison = Σ institutions (.${f})`,
        [b.term(overall1y, f)],
        b.terms(
          benchComps.filter((c) => c.row.measure === "dropout"),
          f
        )
      );
    b.add(
      "overall comparison n = Σ benchmark n",
      [b.term(overall1y, "n_with"), b.term(overall1y, "n_without")],
      b.terms(bench, "n")
    );
    b.add(
      "overall comparison events = Σ benchmark dropped",
      [b.term(overall1y, "events_with"), b.term(overall1y, "events_without")],
      b.terms(bench, "dropped")
    );
  }

  // 6. Stage hazards within a slice: with (all) = Σ with (scheme type); first weeks: everyone in the slice entered it, so
  //    entered = outcome n and dropped = dropped_first_weeks (per group; "without" = none + workplace). Per period: only
  //    cohorts with enough follow-up count, so each period is its own family.
  const outBySlice = sliceRecs(outcomes);
  for (const [k, list] of sliceRecs(hazards)) {
    const outs = outBySlice.get(k) ?? [];
    const period = list[0].ctx.period;
    // the site says hazards count cohorts with ≥ 5 years of follow-up: only a period wholly that old is the whole slice
    const p = site.periods.find((x) => x.key === period);
    const mature = p !== undefined && site.dataDate !== null && Date.UTC(p.to + 5, 11, 31) <= Date.parse(site.dataDate);
    for (const phase of PHASES) {
      const ph = list.filter((r) => r.row.phase === phase);
      const all = ph.find((r) => r.row.mentor === "with" && r.row.scheme_type === "all");
      const types = ph.filter((r) => r.row.mentor === "with" && r.row.scheme_type !== "all");
      for (const f of ["entered", "dropped"])
        b.add(
          `hazards: with (all) = Σ with by scheme type incl. workplace (.${f}, ${phase})`,
          [b.term(all, f)],
          b.terms(types, f)
        );
      if (phase !== "first_weeks" || !mature) continue;
      const without = ph.find((r) => r.row.mentor === "without" && r.row.scheme_type === "all");
      const fam = (what: string) => `hazards first weeks vs slice outcomes [period ${period}]: ${what}`;
      const slice = list[0].ctx.key;
      b.add(
        fam("entered with + without = Σ outcome n"),
        [b.term(all, "entered"), b.term(without, "entered")],
        b.terms(outs, "n")
      );
      b.add(
        fam("dropped with + without = Σ dropped_first_weeks"),
        [b.term(all, "dropped"), b.term(without, "dropped")],
        b.terms(outs, "dropped_first_weeks")
      );
      b.add(
        fam("entered without = outcome n none + workplace"),
        [b.term(without, "entered")],
        termsOf(groupRecs(outs, slice, "without"), "n")
      );
      b.add(
        fam("dropped without = dropped_first_weeks none + workplace"),
        [b.term(without, "dropped")],
        termsOf(groupRecs(outs, slice, "without"), "dropped_first_weeks")
      );
      b.add(
        fam("entered with = Σ outcome n of intake types"),
        [b.term(all, "entered")],
        termsOf(groupRecs(outs, slice, "with"), "n")
      );
      for (const t of types) {
        const o = outs.find((x) => x.row.scheme_type === t.row.scheme_type);
        b.add(fam("entered (scheme type) = outcome n"), [b.term(t, "entered")], [b.term(o, "n")]);
        b.add(
          fam("dropped (scheme type) = outcome dropped_first_weeks"),
          [b.term(t, "dropped")],
          [b.term(o, "dropped_first_weeks")]
        );
      }
    }
  }
  // Phase effects (transitions page) = the hazards of the whole population (slice all.all.all), mentored side.
  const topHaz = hazards.filter(
    (r) => r.ctx.programme === "all" && r.ctx.main_area === "all" && r.ctx.period === "all"
  );
  const phaseEffects = rows(site, "transitions.phase_effects");
  for (const rec of phaseEffects) {
    const h = topHaz.find(
      (x) => x.row.phase === rec.row.phase && x.row.mentor === "with" && x.row.scheme_type === rec.row.scheme_type
    );
    b.add(
      "phase effects entered_with = hazard entered (all.all.all)",
      [b.term(rec, "entered_with")],
      [b.term(h, "entered")]
    );
    b.add(
      "phase effects dropped_with = hazard dropped (all.all.all)",
      [b.term(rec, "dropped_with")],
      [b.term(h, "dropped")]
    );
    if (rec.row.scheme_type === "all") {
      const kids = phaseEffects.filter((x) => x.row.phase === rec.row.phase && x.row.scheme_type !== "all");
      for (const f of ["entered_with", "dropped_with"])
        b.add(`phase effects: all = Σ scheme types (.${f})`, [b.term(rec, f)], b.terms(kids, f));
    }
  }

  // 7. Schemes: a scheme's mentorships (facts) = Σ its process bands, for each process measure; rematched = band "yes".
  const facts = rows(site, "schemes.facts");
  const process = rows(site, "schemes.process");
  for (const fact of facts) {
    const mine = process.filter((p) => p.row.scheme_id === fact.row.scheme_id);
    const measures = [...new Set(mine.map((p) => String(p.row.measure)))];
    // Process rows cover mentorships followed for a year: the facts equal the bands only for some schemes, so each
    // scheme is its own family (believed when one of its measures is fully published and adds up).
    for (const m of measures) {
      const bands = mine.filter((p) => p.row.measure === m);
      b.add(
        `schemes: facts.mentorships = Σ process bands (any measure) [${fact.row.scheme_id}]`,
        [b.term(fact, "mentorships")],
        b.terms(bands, "n")
      );
      if (m === "rematched") {
        b.add(
          `schemes: facts.rematched = process band rematched=yes .n [${fact.row.scheme_id}]`,
          [b.term(fact, "rematched")],
          [
            b.term(
              bands.find((x) => x.row.band === "yes"),
              "n"
            )
          ],
          false,
          [`schemes: facts.mentorships = Σ process bands (any measure) [${fact.row.scheme_id}]`]
        );
      }
    }
    // within the scheme's own contact target = the contact bands up to it (bands: ≤24, 24–72, 72–168, >168 hours)
    const target = fact.row.target_hours_to_first_contact;
    const upTo: Record<number, string[]> = {24: ["le24"], 72: ["le24", "24_72"], 168: ["le24", "24_72", "72_168"]};
    if (typeof target === "number" && upTo[target]) {
      const bands = mine.filter((p) => p.row.measure === "contact" && upTo[target].includes(String(p.row.band)));
      b.add(
        `schemes: facts.within_target = contact bands up to the target [${fact.row.scheme_id}]`,
        [b.term(fact, "within_target")],
        b.terms(bands, "n"),
        false,
        [`schemes: facts.mentorships = Σ process bands (any measure) [${fact.row.scheme_id}]`]
      );
    }
    for (let i = 1; i < measures.length; i++) {
      const a = mine.filter((p) => p.row.measure === measures[0]);
      const c = mine.filter((p) => p.row.measure === measures[i]);
      for (const f of ["n", "dropped"])
        b.add(`schemes: Σ process bands agree across measures (.${f})`, b.terms(a, f), b.terms(c, f));
    }
  }
  // Effects: scheme type = Σ its schemes; overall = Σ scheme types.
  const effects = [...rows(site, "schemes.effects"), ...rows(site, "overview.effects")];
  for (const rec of effects.filter((e) => e.row.level === "scheme_type")) {
    const kids = rows(site, "schemes.effects").filter(
      (e) => e.row.level === "scheme" && e.row.scheme_type === rec.row.scheme_type && e.row.horizon === rec.row.horizon
    );
    for (const f of ["n_mentored", "dropped_mentored"])
      b.add(`effects: scheme type = Σ schemes (.${f})`, [b.term(rec, f)], b.terms(kids, f));
  }
  for (const rec of effects.filter((e) => e.row.level === "overall")) {
    const kids = rows(site, "overview.effects").filter(
      (e) => e.row.level === "scheme_type" && e.row.horizon === rec.row.horizon
    );
    for (const f of ["n_mentored", "dropped_mentored"])
      b.add(`effects: overall = Σ scheme types (.${f})`, [b.term(rec, f)], b.terms(kids, f));
  }
  // "ever" = cohorts with five years of follow-up, as the stage hazards of the whole population: the mentees of an intake
  // scheme type are those who entered the first weeks with it.
  for (const rec of effects.filter((e) => e.row.level === "scheme_type" && e.row.horizon === "ever")) {
    const h = topHaz.find(
      (x) => x.row.phase === "first_weeks" && x.row.mentor === "with" && x.row.scheme_type === rec.row.scheme_type
    );
    b.add(
      "effects ever n_mentored (scheme type) = first-weeks hazard entered (all.all.all)",
      [b.term(rec, "n_mentored")],
      [b.term(h, "entered")]
    );
  }
  // the same row in two files
  for (const rec of rows(site, "overview.effects")) {
    const twin = rows(site, "schemes.effects").find(
      (e) =>
        e.row.level === rec.row.level &&
        e.row.scheme_type === rec.row.scheme_type &&
        e.row.horizon === rec.row.horizon &&
        e.row.scheme_id === rec.row.scheme_id
    );
    for (const f of ["n_mentored", "dropped_mentored", "n_comparison", "dropped_comparison"])
      b.add(`effects: same row in overview and schemes (.${f})`, [b.term(rec, f)], [b.term(twin, f)]);
  }

  // 8. Ingest log: read = accepted + rejected (documented on the methods page).
  for (const rec of rows(site, "methods.ingest_log"))
    b.add(
      "ingest log: rows_read = rows_accepted + rows_rejected",
      [b.term(rec, "rows_read")],
      [b.term(rec, "rows_accepted"), b.term(rec, "rows_rejected")],
      true
    );

  // 9. Curves. Life tables: at risk of the next band = at risk − events − censored. Start of a curve = the group in the slice.
  const curves = curveGroups(site);
  for (const c of curves) {
    const pts = c.points;
    for (let i = 0; i + 1 < pts.length; i++) {
      const [a, z] = [pts[i], pts[i + 1]];
      const contiguous = !("time_end" in a.row) || a.row.time_end === z.row.time;
      if (contiguous && b.term(a, "events") && b.term(a, "censored"))
        b.add(
          "life table: at_risk(next) = at_risk − events − censored",
          [b.term(a, "at_risk")],
          [b.term(z, "at_risk"), b.term(a, "events"), b.term(a, "censored")],
          true
        );
    }
  }
  const startFacts = new Map<string, string>();
  for (const c of curves)
    if (c.points.length && b.term(c.points[0], "events") && c.points[0].row.time === 0)
      startFacts.set(c.id, fieldRef(c.points[0], "at_risk"));
  for (const f of extra.curveFacts ?? []) if (f.kind === "start") startFacts.set(f.curve, f.ref);
  for (const c of curves) {
    const start = startFacts.get(c.id);
    if (!start) continue;
    const outs = outBySlice.get(sliceKey(c.ctx.programme, c.ctx.main_area, c.ctx.period)) ?? [];
    const slice = keyOf(c.ctx.programme, c.ctx.main_area, c.ctx.period);
    const of = (group: string) => termsOf(groupRecs(outs, slice, group), "n");
    // mentor/with = intake types; mentor/without and scheme_type/none = none + workplace; scheme_type/<type> = that type
    const fam = "curve start (everyone at risk at time 0) = outcome n of the same people";
    if (c.set === "mentor") b.add(fam, [start], of(c.group === "with" ? "with" : "without"));
    if (c.set === "scheme_type") b.add(fam, [start], of(c.group === "none" ? "without" : c.group));
    if (c.set === "workplace" && c.group === "workplace")
      b.add("curve start (placement) workplace/workplace = outcome n workplace", [start], of("workplace"));
  }
  // 10. Baseline risk (scenario page, methods page): bands and groups partition the effects' mentees and comparison
  // students; reach and pools partition the mature students; calibration deciles nest in the bands.
  const overallEver = rows(site, "overview.effects").find((r) => r.row.level === "overall" && r.row.horizon === "ever");
  const typeEver = (t: string) =>
    rows(site, "schemes.effects").find(
      (r) => r.row.level === "scheme_type" && r.row.scheme_type === t && r.row.horizon === "ever"
    );
  const bands = rows(site, "scenario.band_effects");
  const groups = rows(site, "scenario.group_effects");
  const reach = rows(site, "scenario.reach");
  const pools = rows(site, "scenario.pools");
  const calibration = rows(site, "methods.risk.calibration");
  const EFFECT_COUNTS = ["n_mentored", "dropped_mentored", "n_comparison", "dropped_comparison"];
  if (bands.length) {
    for (const f of EFFECT_COUNTS)
      b.add(`overall effect = Σ bands (.${f})`, [b.term(overallEver, f)], b.terms(bands, f));
    const types = [...new Set(groups.map((g) => String(g.row.scheme_type)))];
    for (const t of types)
      for (const f of EFFECT_COUNTS)
        b.add(
          `scheme type effect = Σ risk groups (.${f})`,
          [b.term(typeEver(t), f)],
          b.terms(
            groups.filter((g) => g.row.scheme_type === t),
            f
          )
        );
    const reachAt = (band: number, type: string) =>
      reach.find((r) => r.row.risk_band === band && r.row.scheme_type === type);
    const ranges = [...new Set(groups.map((g) => `${g.row.band_from}-${g.row.band_to}`))];
    for (const range of ranges) {
      const [from, to] = range.split("-").map(Number);
      const inRange = (r: Rec) => Number(r.row.band_from) === from && Number(r.row.band_to) === to;
      const span = [1, 2, 3, 4, 5].filter((x) => x >= from && x <= to);
      for (const t of types)
        b.add(
          "group effect mentees = Σ reach of its bands",
          [
            b.term(
              groups.find((r) => inRange(r) && r.row.scheme_type === t),
              "n_mentored"
            )
          ],
          span.map((band) => b.term(reachAt(band, t), "students"))
        );
    }
    for (const r of bands) {
      const band = Number(r.row.risk_band);
      b.add(
        "band effect mentees = Σ reach of the scheme types",
        [b.term(r, "n_mentored")],
        types.map((t) => b.term(reachAt(band, t), "students"))
      );
    }
  }
  for (const band of [...new Set(reach.map((r) => Number(r.row.risk_band)))]) {
    const inBand = reach.filter((r) => r.row.risk_band === band);
    b.add(
      "reach: band = Σ scheme types + none",
      b.terms(
        inBand.filter((r) => r.row.scheme_type === "all"),
        "students"
      ),
      b.terms(
        inBand.filter((r) => r.row.scheme_type !== "all"),
        "students"
      )
    );
    const none = inBand.find((r) => r.row.scheme_type === "none");
    b.add(
      "pools: all programmes without a mentor = reach none",
      [b.term(none, "students")],
      [
        b.term(
          pools.find((p) => p.row.programme === "all" && p.row.risk_band === band && p.row.scheme_type === "none"),
          "students"
        )
      ]
    );
    b.add(
      "calibration: two deciles = the band's students without a mentor",
      [b.term(none, "students")],
      b.terms(
        calibration.filter((c) => Math.ceil(Number(c.row.risk_decile) / 2) === band),
        "students"
      )
    );
  }
  const programmesOf = [...new Set(pools.map((p) => String(p.row.programme)))].filter((p) => p !== "all");
  const poolAt = (programme: string, band: unknown, type: string) =>
    pools.find((p) => p.row.programme === programme && p.row.risk_band === band && p.row.scheme_type === type);
  for (const band of [...new Set(pools.map((p) => p.row.risk_band))])
    b.add(
      "pools: all programmes = Σ programmes",
      [b.term(poolAt("all", band, "none"), "students")],
      programmesOf.map((p) => b.term(poolAt(p, band, "none"), "students"))
    );
  for (const programme of ["all", ...programmesOf])
    b.add(
      "pools: all bands = Σ bands",
      [b.term(poolAt(programme, "all", "none"), "students")],
      [1, 2, 3, 4, 5].map((band) => b.term(poolAt(programme, band, "none"), "students"))
    );
  for (const t of [...new Set(pools.map((p) => String(p.row.scheme_type)))].filter((t) => t !== "none"))
    b.add(
      "pools: a type's mentees in all programmes = Σ programmes",
      [b.term(poolAt("all", "all", t), "students")],
      programmesOf.map((p) => b.term(poolAt(p, "all", t), "students"))
    );

  return b.relations;
}

// ---- Curves ----------------------------------------------------------------------------------------

export interface CurveGroup {
  id: string;
  set: string;
  group: string;
  origin: string;
  ctx: Record<string, string>;
  points: Rec[];
  /** "life-table" when counts (events, censored) are published per row, else "km". */
  shape: "km" | "life-table";
}

export function curveGroups(site: Site): CurveGroup[] {
  const by = new Map<string, CurveGroup>();
  for (const rec of rows(site, "slices.curves")) {
    const id = `${rec.file}:curves[${rec.row.set}/${rec.row.group}/${rec.row.origin}]`;
    let g = by.get(id);
    if (!g)
      by.set(
        id,
        (g = {
          id,
          set: String(rec.row.set),
          group: String(rec.row.group),
          origin: String(rec.row.origin),
          ctx: rec.ctx,
          points: [],
          shape: "km"
        })
      );
    g.points.push(rec);
    if ("events" in rec.row || "censored" in rec.row || "time_end" in rec.row) g.shape = "life-table";
  }
  for (const g of by.values()) g.points.sort((a, b) => Number(a.row.time) - Number(b.row.time));
  return [...by.values()];
}

const Z95 = 1.959963984540054;
/** Published with six significant digits: is `x` what rounds to `published`? */
export function close6(x: number, published: number): boolean {
  if (published === 0) return Math.abs(x) < 5e-12;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(published))) - 5);
  return Math.abs(x - published) <= unit * 0.5 * 1.0001 + 1e-15;
}
type Conf = "log" | "log-log" | "plain";
export function kmLimits(s: number, greenwood: number, conf: Conf): [number, number] {
  const sigma = Math.sqrt(greenwood);
  if (conf === "log") return [s * Math.exp(-Z95 * sigma), Math.min(1, s * Math.exp(Z95 * sigma))];
  if (conf === "plain") return [Math.max(0, s - Z95 * s * sigma), Math.min(1, s + Z95 * s * sigma)];
  if (s === 1) return [NaN, NaN];
  const c = Math.log(-Math.log(s));
  const h = (Z95 * sigma) / Math.abs(Math.log(s));
  return [Math.exp(-Math.exp(c + h)), Math.exp(-Math.exp(c - h))];
}
/** Published as 6 significant digits or rounded to 4 decimals (the life tables). */
const closeRounded = (x: number, published: number) => close6(x, published) || Math.abs(x - published) <= 5e-5 * 1.0001;
const limitsMatch = (s: number, g: number, lower: unknown, upper: unknown, close = close6) =>
  (["log", "log-log", "plain"] as Conf[]).some((conf) => {
    const [lo, up] = kmLimits(s, g, conf);
    return (
      (typeof lower !== "number" || close(lo, lower)) &&
      (typeof upper !== "number" || close(up, upper)) &&
      (typeof lower === "number" || typeof upper === "number")
    );
  });

/** An exact figure the attacker derived from a curve. */
export interface CurveFact {
  curve: string;
  /** "start": everyone at risk at time 0; "events": events up to `time` (no censoring before); "step": at risk after one point and events to the next. */
  kind: "start" | "events" | "step";
  ref: string;
  value: number;
  time: number;
  /** The published (rounded) at-risk figure next to it. */
  published: number | null;
  how: string;
}

export interface CurveFindings {
  curves: number;
  points: number;
  /** Consecutive point pairs tried (Kaplan-Meier points). */
  pairs: number;
  /** Life-table rows checked. */
  lifeRows: number;
  facts: CurveFact[];
  /** Life tables: rows whose survival/lower/upper the published counts do not reproduce. */
  notReproducible: string[];
  /** Life tables: rows published after a hidden count in the same curve. */
  afterHidden: string[];
  /** Life tables: hidden event counts solved from the survival step. */
  solvedEvents: CurveFact[];
}

/**
 * Invert the curves. Kaplan-Meier points (today): the first points before any censoring satisfy
 * S = 1 − D/N and Greenwood Σ d/(n(n−d)) = D/(N(N−D)); with N near the rounded at-risk at time 0
 * only the true (N, D) reproduces S, lower and upper to six digits. Then each consecutive pair is
 * tried as one step S_j/S_{j−1} = 1 − d/m with m between the rounded at-risk figures, checked against
 * the Greenwood increment of the published limits. Life tables: counts must reproduce the values.
 */
export function invertCurves(site: Site): CurveFindings {
  const out: CurveFindings = {
    curves: 0,
    points: 0,
    pairs: 0,
    lifeRows: 0,
    facts: [],
    notReproducible: [],
    afterHidden: [],
    solvedEvents: []
  };
  const k = site.minCell;
  for (const c of curveGroups(site)) {
    out.curves++;
    out.points += c.points.length;
    if (c.shape === "life-table") {
      lifeTable(c, out);
      continue;
    }
    // Only where nobody can have been censored yet: from the intake, everyone of the slice's last intake year is followed to
    // the data date. From a placement start (any day up to the data date) there is no such window.
    const safe = censorFreeDays(site, c);
    const pts = c.points
      .map((p) => ({
        t: Number(p.row.time),
        s: p.row.survival as Num,
        lo: p.row.lower as Num,
        up: p.row.upper as Num,
        r: p.row.at_risk as Num
      }))
      .filter((p) => p.t < safe);
    if (!pts.length || pts[0].t !== 0 || typeof pts[0].r !== "number") continue;
    const r0 = pts[0].r;
    const window = Math.max(k, 5);
    // (a) N and D from the first points before any censoring
    const candidates: {n: number; path: {i: number; d: number}[]}[] = [];
    for (let n = Math.max(1, r0 - window); n <= r0 + window; n++) {
      const path: {i: number; d: number}[] = [];
      for (let i = 1; i < pts.length; i++) {
        const p = pts[i];
        if (typeof p.s !== "number") break;
        if (p.s === 1) continue;
        const d = Math.round(n * (1 - p.s));
        if (d <= 0 || d >= n || !close6(1 - d / n, p.s) || !limitsMatch(1 - d / n, d / (n * (n - d)), p.lo, p.up))
          break;
        path.push({i, d});
      }
      if (path.length) candidates.push({n, path});
    }
    // the true N explains the longest run; it must be unique
    const best = Math.max(0, ...candidates.map((x) => x.path.length));
    const top = candidates.filter((x) => x.path.length === best);
    if (top.length === 1 && best > 0) {
      const {n, path} = top[0];
      out.facts.push({
        curve: c.id,
        kind: "start",
        ref: `${c.id}.start`,
        value: n,
        time: 0,
        published: r0,
        how: `S(${pts[path[0].i].t}) = ${pts[path[0].i].s} and its limits [${pts[path[0].i].lo}, ${pts[path[0].i].up}] fit only N = ${n}, D = ${path[0].d} (at risk published as ${r0})`
      });
      for (const {i, d} of path)
        out.facts.push({
          curve: c.id,
          kind: "events",
          ref: `${c.id}.events@${pts[i].t}`,
          value: d,
          time: pts[i].t,
          published: pts[i].r,
          how: `N = ${n}, S = ${pts[i].s}`
        });
    }
    // (b) one step between consecutive points: S_j/S_{j−1} = 1 − d/m; Greenwood increment d/(m(m−d)) from the published
    //     log limits. Tolerances follow the six-digit rounding of each published value; the solution must be unique.
    const half = (x: number) => (x === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - 5));
    const sigma2 = (s: number, lo: number) => (Math.log(s / lo) / Z95) ** 2;
    const sigma2Err = (s: number, lo: number) =>
      s === 1 ? 0 : (2 * Math.sqrt(sigma2(s, lo)) * (half(s) / s + half(lo) / lo)) / Z95;
    for (let i = 1; i < pts.length; i++) {
      const [a, z] = [pts[i - 1], pts[i]];
      if (
        typeof a.s !== "number" ||
        typeof z.s !== "number" ||
        typeof a.r !== "number" ||
        typeof z.r !== "number" ||
        z.s >= a.s
      )
        continue;
      if (typeof z.lo !== "number" || (a.s < 1 && typeof a.lo !== "number")) continue;
      out.pairs++;
      const ratio = z.s / a.s;
      const ratioErr = ratio * (half(a.s) / a.s + half(z.s) / z.s) * 1.0001;
      const dg = sigma2(z.s, z.lo) - (a.s === 1 ? 0 : sigma2(a.s, a.lo as number));
      const dgErr = (sigma2Err(z.s, z.lo) + (a.s === 1 ? 0 : sigma2Err(a.s, a.lo as number))) * 1.0001 + 1e-15;
      const found: {m: number; d: number}[] = [];
      for (let m = Math.max(1, z.r - window); m <= a.r + window; m++) {
        for (
          let d = Math.max(1, Math.floor(m * (1 - ratio - ratioErr)));
          d <= Math.ceil(m * (1 - ratio + ratioErr)) && d < m;
          d++
        ) {
          if (Math.abs(1 - d / m - ratio) > ratioErr) continue;
          if (Math.abs(d / (m * (m - d)) - dg) > dgErr) continue;
          found.push({m, d});
        }
      }
      if (found.length === 1) {
        const {m, d} = found[0];
        out.facts.push({
          curve: c.id,
          kind: "step",
          ref: `${c.id}.step@${a.t}-${z.t}`,
          value: m,
          time: a.t,
          published: a.r,
          how: `S(${z.t})/S(${a.t}) = ${z.s}/${a.s} = 1 − ${d}/${m} and the Greenwood increment of the limits fits no other (m, d) (at risk published as ${a.r} and ${z.r})`
        });
      }
    }
  }
  return out;
}

/** Days from the origin during which no one in the curve can be censored (the attacker's reading of the data date and the slice). */
export function censorFreeDays(site: Site, c: CurveGroup): number {
  if (c.origin !== "intake" || !site.dataDate) return 0;
  const last =
    c.ctx.period === "all"
      ? Math.max(...site.periods.map((p) => p.to))
      : site.periods.find((p) => p.key === c.ctx.period)?.to;
  if (!last || !Number.isFinite(last)) return 0;
  return Math.max(0, Math.floor((Date.parse(site.dataDate) - Date.UTC(last, 11, 31)) / 86_400_000));
}

function lifeTable(c: CurveGroup, out: CurveFindings) {
  const pts = c.points;
  out.lifeRows += pts.length;
  const COUNTS = ["at_risk", "events", "censored"];
  let hiddenAt: number | null = null;
  for (let i = 0; i < pts.length; i++) {
    const row = pts[i].row;
    if (hiddenAt !== null) {
      out.afterHidden.push(`${pts[i].ref} (time ${row.time}) after a hidden count at time ${pts[hiddenAt].row.time}`);
      continue;
    }
    if (COUNTS.some((f) => f in row && row[f] === null)) hiddenAt = i;
  }
  // Reproduce survival/lower/upper from the counts: KM on bands (n = at_risk) or actuarial (n = at_risk − censored/2),
  // the value at the band's end or at its start.
  const variants = [
    {actuarial: false, atStart: false},
    {actuarial: true, atStart: false},
    {actuarial: false, atStart: true},
    {actuarial: true, atStart: true}
  ];
  const fails = variants.map(() => [] as string[]);
  variants.forEach((v, vi) => {
    let s = 1;
    let g = 0;
    let started = false;
    for (const p of pts) {
      const r = p.row;
      // the survival starts (S = 1) at the curve's first band with one: day 0, or a landmark (bands before it: counts only)
      if (!started && typeof r.survival === "number") {
        [s, g, started] = [1, 0, true];
      }
      const [n0, e, cz] = [r.at_risk, r.events, r.censored];
      const before = {s, g};
      const ok = typeof n0 === "number" && typeof e === "number" && typeof cz === "number";
      if (ok) {
        const n = v.actuarial ? n0 - cz / 2 : n0;
        if (e > 0 && n > 0) {
          s *= 1 - e / n;
          g = n > e ? g + e / (n * (n - e)) : Infinity;
        }
      }
      const at = v.atStart ? before : {s, g};
      if (typeof r.survival === "number") {
        if (!ok) fails[vi].push(`${p.ref}: survival ${r.survival} published with a hidden count`);
        else if (
          !closeRounded(at.s, r.survival) ||
          ((typeof r.lower === "number" || typeof r.upper === "number") &&
            at.s > 0 &&
            at.s < 1 &&
            !limitsMatch(at.s, at.g, r.lower, r.upper, closeRounded))
        ) {
          fails[vi].push(
            `${p.ref}: survival/limits ${r.survival} [${r.lower}, ${r.upper}] ≠ from counts ${at.s.toPrecision(6)}`
          );
        }
      }
    }
  });
  const best = fails.reduce((a, f) => (f.length < a.length ? f : a), fails[0]);
  out.notReproducible.push(...best);
  // hidden events solved from the survival step with a published at-risk
  for (let i = 1; i < pts.length; i++) {
    const [prev, row] = [pts[i - 1].row, pts[i].row];
    if (
      row.events === null &&
      typeof row.at_risk === "number" &&
      typeof row.survival === "number" &&
      typeof prev.survival === "number" &&
      prev.survival > 0
    ) {
      const e = Math.round(row.at_risk * (1 - row.survival / prev.survival));
      if (close6(prev.survival * (1 - e / row.at_risk), row.survival)) {
        out.solvedEvents.push({
          curve: c.id,
          kind: "events",
          ref: fieldRef(pts[i], "events"),
          value: e,
          time: Number(row.time),
          published: null,
          how: `survival ${prev.survival} → ${row.survival} with ${row.at_risk} at risk`
        });
      }
    }
  }
}

// ---- Scans -------------------------------------------------------------------------------------------

/** Fields that hold counts of individuals (or of records). */
export const COUNT_FIELD =
  /^(n|n_.+|.+_n|students|mentored.*|mentees|mentorships|entered.*|dropped.*|completed|transferred|ongoing|events.*|at_risk|censored|rematched|within_target|count.*|rows_.*|(n|events|entered|dropped)_(with|without|mentored|comparison))$/;
/** Small integers under these names are not counts of individuals. */
export const NOT_COUNT = new Set([
  "df",
  "level",
  "intake_year",
  "year",
  "start_year",
  "time",
  "time_end",
  "median_day",
  "q1_day",
  "q3_day",
  "days",
  "min_cell",
  "strata",
  "mentor_fte",
  "target_hours_to_first_contact",
  "value"
]);
/** Field names that look like an identifier of a person or a record. */
export const IDENTIFIER_FIELD =
  /(^|_)(student|pupil|person|elev|cpr|cprnr|cpr_nr|enrol?ment|enrollment|mentorship|mentee|mentor)_?(key|id|nr|no|number|uuid|hash)($|_)|(^|_)(cpr|cprnr|uuid|email|phone|birth_?date|fødselsdato|navn_elev)($|_)/i;

/** Counts of 1 … k−1 under count-like names, in rows and in tables stored by column. `funnel` (a chart grid, not people) is skipped. */
export function scanSmallCounts(site: Site, max = site.minCell - 1): string[] {
  const out: string[] = [];
  const visit = (v: unknown, path: string, key: string) => {
    const small = (x: unknown, k: string) =>
      typeof x === "number" && Number.isInteger(x) && x >= 1 && x <= max && COUNT_FIELD.test(k) && !NOT_COUNT.has(k);
    if (key === "funnel") return;
    if (Array.isArray(v))
      v.forEach((x, i) => (small(x, key) ? out.push(`${path}[${i}] = ${x}`) : visit(x, `${path}[${i}]`, key)));
    else if (isObj(v))
      for (const [k, x] of Object.entries(v))
        small(x, k) ? out.push(`${path}.${k} = ${x}`) : visit(x, `${path}.${k}`, k);
  };
  for (const [name, json] of site.files) visit(json, name, "");
  return out;
}

export function scanIdentifierFields(site: Site): string[] {
  const out = new Set<string>();
  const visit = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x) => visit(x, `${path}[]`));
    else if (isObj(v))
      for (const [k, x] of Object.entries(v)) {
        if (IDENTIFIER_FIELD.test(k)) out.add(`${path}.${k}`);
        visit(x, `${path}.${k}`);
      }
  };
  for (const [name, json] of site.files) visit(json, name);
  return [...out];
}

// ---- Rates carry their counts ---------------------------------------------------------------------------

/** rate = numerator / denominator, by the site's column names. */
export const RATE_TRIPLES: [rate: string, numerator: string, denominator: string][] = [
  ["rate_with", "events_with", "n_with"],
  ["rate_without", "events_without", "n_without"],
  ["hazard", "dropped", "entered"],
  ["rate", "dropped", "n"],
  ["rate_mentored", "dropped_mentored", "n_mentored"],
  ["rematched_share", "rematched", "mentorships"]
];

/** A published rate next to a hidden numerator (or denominator) and its published partner gives the hidden count. */
export function rateAttack(site: Site): {recovered: Recovery[]; checked: number} {
  const recovered: Recovery[] = [];
  let checked = 0;
  for (const list of site.tables.values()) {
    for (const rec of list) {
      for (const [rate, num, den] of RATE_TRIPLES) {
        const [r, x, n] = [rec.row[rate], rec.row[num], rec.row[den]];
        if (!(rate in rec.row && num in rec.row && den in rec.row)) continue;
        checked++;
        if (typeof r !== "number") continue;
        if (x === null && typeof n === "number" && n > 0) {
          const fits = [Math.floor(r * n), Math.ceil(r * n)].filter(
            (v, i, a) => a.indexOf(v) === i && v >= 0 && v <= n && close6(v / n, r)
          );
          if (fits.length === 1)
            recovered.push({
              ref: fieldRef(rec, num),
              value: fits[0],
              family: `rate × n (${rate} × ${den})`,
              depth: 1,
              how: `${rate} ${r} × ${den} ${n}`
            });
        }
        if (n === null && typeof x === "number" && x > 0 && r > 0) {
          const guess = Math.round(x / r);
          const fits = [guess - 1, guess, guess + 1].filter((v) => v >= x && close6(x / v, r));
          if (fits.length === 1)
            recovered.push({
              ref: fieldRef(rec, den),
              value: fits[0],
              family: `n = count / rate (${num} / ${rate})`,
              depth: 1,
              how: `${num} ${x} / ${rate} ${r}`
            });
        }
      }
    }
  }
  return {recovered, checked};
}

// ---- Everything at once --------------------------------------------------------------------------------

export interface AttackReport {
  site: Site;
  curves: CurveFindings;
  relations: Relation[];
  result: SolveResult;
  /** Hidden published figures recovered exactly (any value). */
  hidden: Recovery[];
  /** Hidden figures recovered with the help of a curve fact. */
  viaCurves: Recovery[];
  /** Hidden figures peeling does not give but the linear system of the relations determines. */
  linear: Recovery[];
  /** Hidden counts next to a published rate (and the number of rate/count triples checked). */
  rates: Recovery[];
  ratesChecked: number;
  linearStats: Omit<LinearResult, "recovered">;
}

/** Run the curve inversion, then the subtraction search over the published figures plus the exact curve facts. */
export function attack(site: Site): AttackReport {
  const curves = invertCurves(site);
  const {recovered: rates, checked: ratesChecked} = rateAttack(site);
  const values = new Map(site.values);
  for (const r of rates) values.set(r.ref, r.value);
  const facts = [...curves.facts, ...curves.solvedEvents];
  for (const f of facts)
    if (!values.has(f.ref) || values.get(f.ref) === null)
      values.set(f.ref, values.get(f.ref) === null ? null : f.value);
  // a hidden life-table count solved from its survival step is a finding on its own; the start of a KM curve is a new term
  const relations = siteRelations(site, {curveFacts: curves.facts});
  const result = solve(relations, values);
  // small counts (1 … min_cell − 1) first, then by how direct the attack is
  const small = (r: Recovery) => (r.value >= 1 && r.value < site.minCell ? 0 : 1);
  const hidden = result.recovered
    .filter((r) => site.values.get(r.ref) === null)
    .sort((a, b) => small(a) - small(b) || a.depth - b.depth);
  const viaCurves = hidden.filter((r) => r.how.includes(".start (") || r.how.includes("curves["));
  const {recovered: linearAll, ...linearStats} = solveLinear(relations, values, result);
  const linear = linearAll.filter((r) => site.values.get(r.ref) === null).sort((a, b) => small(a) - small(b));
  return {site, curves, relations, result, hidden, viaCurves, linear, linearStats, rates, ratesChecked};
}

/** A field reference with what identifies its row: "data/cohorts:cells[43].n {intake_year: 2015, programme: …}". */
export function label(site: Site, ref: string): string {
  const m = ref.match(/^(.*)\.([^.\]]+)$/);
  const rec = m ? site.records.get(m[1]) : undefined;
  if (!rec) return ref;
  const dims = Object.entries(rec.row)
    .filter(([k, v]) => (typeof v === "string" && v.length < 60) || ["intake_year", "time", "year"].includes(k))
    .map(([k, v]) => `${k}: ${v}`);
  const slice = rec.ctx.key ? [`slice: ${rec.ctx.key}`] : [];
  return `${ref} {${[...slice, ...dims].join(", ")}}`;
}

/** One line per recovery, for test messages. */
export const explain = (site: Site, r: Recovery) => `${label(site, r.ref)} = ${r.value} (${r.family}; ${r.how})`;
