/**
 * An outsider who holds the built site AND researcher exports (the folders written by `npm run export`,
 * aggregated, without microdata) and tries to recover what either of them hides.
 *
 * It reads only published files: the site through `loadSite` (attacker.ts) and each export folder's
 * CSV tables and provenance.json (whose `cohort.filters` says which students the export describes).
 * Counts are addressed like the site's: "export/<name>:<table>[i].<column>"; an empty value is hidden.
 *
 * Relations between published figures that hold by definition (the same students under different names):
 * - inside an export (`exportRelations`): a row's statuses add up to its n, the fine outcome cells to
 *   outcomes_by_mentor, programme groups to the total of stage_hazards, the start of a survival curve is
 *   its group in outcomes_by_mentor and its events add up to the group's dropouts, a survival interval
 *   leads to the next, person-period cells to their margins and period 0 to the cohort, …;
 * - between publications (`crossRelations`): every publication describes a population — a site slice
 *   (programme group × main area × intake period), an export's cohort (from its filter), the benchmark's
 *   row of an institution — and a population's figures (students, statuses and phase dropouts by scheme
 *   type, stage hazards, the start and cumulative dropouts of survival curves, one-year totals) are the
 *   same numbers wherever the same students are described, and add up where populations partition one.
 * Every relation belongs to a family; a family is believed only if it holds wherever all its terms are
 * published (and at least once), or is documented, as in attacker.ts.
 *
 * Then everything at once: peeling (`solve`), linear algebra (`solveLinear`) and, for the hidden counts
 * linked to an export, a linear programme per hidden count (min and max subject to every believed
 * relation and counts ≥ 0, HiGHS) — a hidden count determined exactly, or a hidden count of 1 … k − 1
 * confined to fewer than k values, is a finding.
 */
import highsImport from "highs";
import {PROGRAMMES as CONTRACT_PROGRAMMES, PROGRAMMES_IN_GROUP} from "../../loaders/contract/contract.ts";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {
  attack,
  INTAKE_TYPES,
  label as siteLabel,
  PHASES,
  rateAttack,
  rows,
  siteRelations,
  solve,
  solveLinear,
  STATUS,
  STATUS_FIELDS,
  WITHOUT_TYPES,
  type Num,
  type Rec,
  type Recovery,
  type Relation,
  type Site
} from "./attacker.ts";

type Obj = Record<string, unknown>;

// ---- Reading an export --------------------------------------------------------------------------------

export interface ExportPub {
  /** Short name used in references ("E1"). */
  name: string;
  dir: string;
  /** Canonical cohort and the filter object, from provenance.json. */
  cohort: string;
  filters: Record<string, unknown>;
  dataDate: string | null;
  minCell: number;
  /** provenance.json `options`: strata, covariates, period breakpoints. */
  options: Record<string, unknown>;
  /** Records by table name ("outcomes_by_mentor", "stage_hazards", …). */
  tables: Map<string, Rec[]>;
  /** Every count of every record (null = hidden), by reference. */
  values: Map<string, Num>;
  records: Map<string, Rec>;
}

/** Columns that hold numbers of students (or of events / person-periods). */
export const EXPORT_COUNTS = new Set([
  "n",
  ...STATUS,
  ...PHASES.map((p) => `dropped_${p}`),
  "entered",
  "at_risk",
  "events",
  "censored"
]);
export const EXPORT_TABLES = [
  "outcomes_by_mentor",
  "outcomes",
  "stage_hazards",
  "survival",
  "person_period_margins",
  "person_period"
];

/** RFC 4180 CSV (quoted fields may hold commas); empty = null, numbers as numbers. */
export function readCsv(text: string): Obj[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (record.push(field), (field = ""));
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      ((record = []), (field = ""));
    } else field += c;
  }
  if (field !== "" || record.length) (record.push(field), records.push(record));
  const [header, ...body] = records.filter((r) => r.length > 1 || r[0] !== "");
  return body.map((cells) =>
    Object.fromEntries(
      header.map((h, i) => {
        const v = cells[i] ?? "";
        return [h, v === "" || v === "NA" ? null : /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) ? Number(v) : v];
      })
    )
  );
}

/** Read an export folder (CSV format). */
export function loadExport(dir: string, name: string): ExportPub {
  const prov = JSON.parse(readFileSync(join(dir, "provenance.json"), "utf8")) as Obj;
  const cohort = (prov.cohort ?? {}) as Obj;
  const data = (prov.data ?? {}) as Obj;
  const privacy = (prov.privacy ?? {}) as Obj;
  const exp: ExportPub = {
    name,
    dir,
    cohort: String(cohort.canonical ?? ""),
    filters: (cohort.filters ?? {}) as Record<string, unknown>,
    dataDate: typeof data.data_date === "string" ? data.data_date : null,
    minCell: typeof privacy.min_cell === "number" ? privacy.min_cell : 5,
    options: (prov.options ?? {}) as Record<string, unknown>,
    tables: new Map(),
    values: new Map(),
    records: new Map()
  };
  const files = readdirSync(dir);
  for (const table of EXPORT_TABLES) {
    if (!files.includes(`${table}.csv`)) continue;
    const list: Rec[] = readCsv(readFileSync(join(dir, `${table}.csv`), "utf8")).map((row, i) => ({
      file: `export/${name}`,
      table,
      ref: `export/${name}:${table}[${i}]`,
      row,
      ctx: {export: name}
    }));
    exp.tables.set(table, list);
    for (const rec of list) {
      exp.records.set(rec.ref, rec);
      // a survival group that is not published is one placeholder row (time empty): not a count of anything
      if (table === "survival" && rec.row.time === null) continue;
      for (const [k, v] of Object.entries(rec.row))
        if (EXPORT_COUNTS.has(k) && (v === null || typeof v === "number")) exp.values.set(`${rec.ref}.${k}`, v as Num);
    }
  }
  return exp;
}

const recsOf = (e: ExportPub, table: string) => e.tables.get(table) ?? [];
const term = (rec: Rec | undefined, field: string, values: Map<string, Num>): string | undefined => {
  if (!rec) return undefined;
  const ref = `${rec.ref}.${field}`;
  return values.has(ref) ? ref : undefined;
};

// ---- Relations ------------------------------------------------------------------------------------------

class Relations {
  list: Relation[] = [];
  /** Σ left = Σ right; nothing is added when a term is missing or both sides are empty. */
  add(family: string, left: (string | undefined)[], right: (string | undefined)[], documented = false) {
    if ([...left, ...right].some((t) => t === undefined)) return;
    if (left.length + right.length === 0) return;
    this.list.push({family, left: left as string[], right: right as string[], documented});
  }
}

const SCHEMES = ["none", "workplace", ...INTAKE_TYPES];
const HAZARD_COMBOS: [string, string][] = [
  ["without", "all"],
  ["with", "all"],
  ...[...INTAKE_TYPES, "workplace"].map((t): [string, string] => ["with", t])
];

/** Relations inside one export, from its documented structure (loaders/export/README.md). */
export function exportRelations(e: ExportPub): Relation[] {
  const R = new Relations();
  const v = e.values;
  const t = (rec: Rec | undefined, f: string) => term(rec, f, v);
  const fam = (what: string) => `export: ${what}`;
  const obm = recsOf(e, "outcomes_by_mentor");
  const cells = recsOf(e, "outcomes");
  const byType = (list: Rec[], type: string) => list.filter((r) => r.row.scheme_type === type);
  // 1. statuses and phases of a row
  for (const rec of [...obm, ...cells]) {
    R.add(
      fam("row: n = completed + dropped + transferred + ongoing"),
      [t(rec, "n")],
      STATUS.map((s) => t(rec, s)),
      true
    );
    R.add(
      fam("row: dropped = Σ dropped_<phase>"),
      [t(rec, "dropped")],
      PHASES.map((p) => t(rec, `dropped_${p}`)),
      true
    );
  }
  // 2. outcomes_by_mentor = Σ outcome cells (every stratum of the full grid)
  for (const rec of obm) {
    const mine = byType(cells, String(rec.row.scheme_type));
    if (mine.length)
      for (const f of STATUS_FIELDS)
        R.add(
          fam(`outcomes_by_mentor.${f} = Σ outcomes.${f}`),
          [t(rec, f)],
          mine.map((c) => t(c, f))
        );
  }
  // 3. stage hazards: all programme groups = Σ groups; with (all) = Σ with by scheme type
  const haz = recsOf(e, "stage_hazards");
  const hkey = (r: Rec) => `${r.row.phase}|${r.row.mentor}|${r.row.scheme_type}`;
  for (const rec of haz.filter((r) => r.row.programme_group === "all")) {
    const kids = haz.filter((r) => r.row.programme_group !== "all" && hkey(r) === hkey(rec));
    for (const f of ["entered", "dropped"])
      if (kids.length)
        R.add(
          fam(`stage_hazards: all programme groups = Σ groups (.${f})`),
          [t(rec, f)],
          kids.map((k) => t(k, f))
        );
  }
  for (const rec of haz.filter((r) => r.row.mentor === "with" && r.row.scheme_type === "all")) {
    const kids = haz.filter(
      (r) =>
        r.row.mentor === "with" &&
        r.row.scheme_type !== "all" &&
        r.row.phase === rec.row.phase &&
        r.row.programme_group === rec.row.programme_group
    );
    for (const f of ["entered", "dropped"])
      if (kids.length)
        R.add(
          fam(`stage_hazards: with (all) = Σ scheme types (.${f})`),
          [t(rec, f)],
          kids.map((k) => t(k, f))
        );
  }
  // first weeks: everyone enters it — when stage hazards count the whole cohort (only cohorts with five years of
  // follow-up count: every intake year of the cohort at least five years before the data date)
  const obmN = (types: string[], f: string) => types.flatMap((ty) => byType(obm, ty)).map((r) => t(r, f));
  const lastYear = (e.filters.intakeYears as [number, number] | undefined)?.[1];
  const mature =
    lastYear !== undefined && e.dataDate !== null && Date.UTC(lastYear + 5, 11, 31) <= Date.parse(e.dataDate);
  // Everyone enters the first weeks, but a mentor who starts after the intake is not there yet (mentor at the phase's
  // start): only the total over with and without equals the outcomes' total, not each mentor group.
  const enteredRows = haz.filter(
    (r) =>
      mature &&
      r.row.programme_group === "all" &&
      r.row.phase === "first_weeks" &&
      (r.row.mentor === "without" || r.row.scheme_type === "all")
  );
  if (enteredRows.length === 2) {
    const all = [...INTAKE_TYPES, ...WITHOUT_TYPES];
    R.add(
      fam(`stage_hazards first weeks = outcomes_by_mentor (mature cohort) [${e.cohort}] (.entered)`),
      enteredRows.map((r) => t(r, "entered")),
      obmN(all, "n")
    );
    R.add(
      fam(`stage_hazards first weeks = outcomes_by_mentor (mature cohort) [${e.cohort}] (.dropped)`),
      enteredRows.map((r) => t(r, "dropped")),
      obmN(all, "dropped_first_weeks")
    );
  }
  // 4. survival: the start of a curve is its group; its events sum to the group's dropouts; intervals chain
  const surv = recsOf(e, "survival").filter((r) => r.row.time !== null);
  const curves = new Map<string, Rec[]>();
  for (const r of surv) {
    const k = `${r.row.set}|${r.row.group}`;
    let l = curves.get(k);
    if (!l) curves.set(k, (l = []));
    l.push(r);
  }
  for (const [k, list] of curves) {
    list.sort((a, b) => Number(a.row.time) - Number(b.row.time));
    const [set, group] = k.split("|");
    const types =
      set === "mentor"
        ? group === "with"
          ? INTAKE_TYPES
          : WITHOUT_TYPES
        : set === "scheme_type"
          ? group === "none"
            ? WITHOUT_TYPES
            : [group]
          : null;
    if (types) {
      R.add(fam(`survival start = outcomes_by_mentor n (${set})`), [t(list[0], "at_risk")], obmN(types, "n"), true);
      R.add(
        fam(`survival Σ events = outcomes_by_mentor dropped (${set})`),
        list.map((r) => t(r, "events")),
        obmN(types, "dropped"),
        true
      );
    }
    for (let i = 0; i < list.length; i++) {
      const next = list[i + 1];
      R.add(
        fam("survival: at_risk − events − censored = at_risk of the next interval (0 after the last)"),
        [t(list[i], "at_risk")],
        [t(list[i], "events"), t(list[i], "censored"), ...(next ? [t(next, "at_risk")] : [])],
        true
      );
    }
  }
  // 5. person-period: margins = Σ scheme types = Σ cells; period 0 = the cohort (everyone followed through it)
  const margins = recsOf(e, "person_period_margins");
  const pp = recsOf(e, "person_period");
  for (const m of margins) {
    const kids =
      m.row.scheme_type === "all"
        ? margins.filter((x) => x.row.period === m.row.period && x.row.scheme_type !== "all")
        : pp.filter((x) => x.row.period === m.row.period && x.row.scheme_type === m.row.scheme_type);
    for (const f of ["at_risk", "events"])
      if (kids.length)
        R.add(
          fam(`person_period: margin = Σ ${m.row.scheme_type === "all" ? "scheme types" : "cells"} (.${f})`),
          [t(m, f)],
          kids.map((x) => t(x, f)),
          true
        );
  }
  const p0 = margins.filter((m) => m.row.period === 0);
  const firstWeeks = p0.length > 0 && Number(p0[0].row.end_day) === 41;
  for (const m of p0) {
    const ty = String(m.row.scheme_type);
    // at the start of period 0, "workplace" is a workplace mentor from day 0 and "none" everyone else without an intake mentor
    const types = ty === "all" ? SCHEMES : ty === "none" ? null : ty === "workplace" ? null : [ty];
    if (!types) continue;
    R.add(
      fam(`person_period period 0 at_risk = outcomes_by_mentor n [${e.cohort}]`),
      [t(m, "at_risk")],
      obmN(types, "n")
    );
    if (firstWeeks)
      R.add(
        fam(`person_period period 0 events = outcomes_by_mentor dropped_first_weeks [${e.cohort}]`),
        [t(m, "events")],
        obmN(types, "dropped_first_weeks")
      );
  }
  const none0 = p0.filter((m) => m.row.scheme_type === "none" || m.row.scheme_type === "workplace");
  if (none0.length === 2) {
    R.add(
      fam(`person_period period 0 at_risk = outcomes_by_mentor n [${e.cohort}]`),
      none0.map((m) => t(m, "at_risk")),
      obmN(WITHOUT_TYPES, "n")
    );
    if (firstWeeks)
      R.add(
        fam(`person_period period 0 events = outcomes_by_mentor dropped_first_weeks [${e.cohort}]`),
        none0.map((m) => t(m, "events")),
        obmN(WITHOUT_TYPES, "dropped_first_weeks")
      );
  }
  return R.list;
}

// ---- Populations: who a publication describes --------------------------------------------------------

export const PROGRAMMES: string[] = [...CONTRACT_PROGRAMMES];
export const PROGRAMME_GROUPS: Record<string, string[]> = Object.fromEntries(
  Object.entries(PROGRAMMES_IN_GROUP).map(([g, ps]) => [g, [...ps]])
);
const VOCATIONAL = PROGRAMME_GROUPS.vocational;

/**
 * A population and its figures. A figure is a sum of published counts (an empty sum is a published zero: a group
 * the file leaves out because nobody is in it); a key may have several ways of being read (alternatives).
 */
export interface Population {
  id: string;
  /** "site slice", "export", "benchmark". */
  kind: string;
  /** programme|main area|intake year, or null when the publication is not a union of those. */
  atoms: Set<string> | null;
  institution: string | null;
  figures: Map<string, string[][]>;
}

const put = (p: Population, key: string, terms: (string | undefined)[]) => {
  if (terms.some((x) => x === undefined)) return;
  let l = p.figures.get(key);
  if (!l) p.figures.set(key, (l = []));
  l.push(terms as string[]);
};

function atomsOf(programmes: string[], areas: string[] | null, years: number[]): Set<string> {
  const out = new Set<string>();
  for (const p of programmes) {
    for (const a of VOCATIONAL.includes(p) ? (areas ?? ["*"]) : areas ? [] : ["none"]) {
      for (const y of years) out.add(`${p}|${a}|${y}`);
    }
  }
  return out;
}

/**
 * Figures of the outcome rows of a population (by scheme type, as in outcomes_by_mentor and slice outcomes). A site slice
 * whose mentor groups are merged has rows "with" and "without" only: its group totals, and nothing of one scheme type.
 */
function outcomeFigures(p: Population, outcomes: Rec[], values: Map<string, Num>, absentIsZero: boolean) {
  if (outcomes.some((r) => r.row.scheme_type === "with" || r.row.scheme_type === "without")) {
    const side = (g: string) => outcomes.filter((r) => r.row.scheme_type === g).map((r) => term(r, "n", values));
    put(p, "total.with", side("with"));
    put(p, "total.without", side("without"));
    put(p, "total.n", [...side("with"), ...side("without")]);
    return;
  }
  for (const ty of SCHEMES) {
    const rec = outcomes.find((r) => r.row.scheme_type === ty);
    if (!rec && !absentIsZero) continue;
    for (const f of STATUS_FIELDS) put(p, `out.${ty}.${f}`, rec ? [term(rec, f, values)] : []);
  }
  const n = (types: string[]) => types.flatMap((ty) => p.figures.get(`out.${ty}.n`)?.[0] ?? [undefined]);
  put(p, "total.n", n(SCHEMES));
  put(p, "total.with", n(INTAKE_TYPES));
  put(p, "total.without", n(WITHOUT_TYPES));
}

function hazardFigures(p: Population, hazards: Rec[], values: Map<string, Num>, absentIsZero: boolean) {
  for (const phase of PHASES) {
    for (const [mentor, ty] of HAZARD_COMBOS) {
      const rec = hazards.find((r) => r.row.phase === phase && r.row.mentor === mentor && r.row.scheme_type === ty);
      if (!rec && !absentIsZero) continue;
      for (const f of ["entered", "dropped"])
        put(p, `haz.${phase}.${mentor}.${ty}.${f}`, rec ? [term(rec, f, values)] : []);
    }
  }
}

/**
 * Survival curves: the start (everyone at risk at time 0), the number at risk at the start of day s, the dropouts up to
 * and including day d. `rows` sorted by time; `start(r)` first day, `end(r)` last day of the row's interval.
 */
function curveFigures(
  p: Population,
  set: string,
  group: string,
  list: Rec[],
  values: Map<string, Num>,
  start: (r: Rec, i: number) => number,
  end: (r: Rec) => number
) {
  if (!list.length || start(list[0], 0) !== 0) return;
  put(p, `start.${set}.${group}`, [term(list[0], "at_risk", values)]);
  const events: (string | undefined)[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (i > 0 && start(r, i) !== end(list[i - 1]) + 1) break; // not contiguous
    put(p, `km.${set}.${group}.at_risk@${start(r, i)}`, [term(r, "at_risk", values)]);
    events.push(term(r, "events", values));
    put(p, `km.${set}.${group}.dropped_by@${end(r)}`, [...events]);
  }
}

/** Every population the attacker can name: site slices, the benchmark's institutions and the exports. */
export function populations(site: Site, exports: ExportPub[]): Population[] {
  const out: Population[] = [];
  const years = site.periods.length
    ? Array.from(
        {length: Math.max(...site.periods.map((q) => q.to)) - Math.min(...site.periods.map((q) => q.from)) + 1},
        (_, i) => Math.min(...site.periods.map((q) => q.from)) + i
      )
    : [];
  const periodYears = (key: string) => {
    if (key === "all") return years;
    const q = site.periods.find((x) => x.key === key);
    return q ? years.filter((y) => y >= q.from && y <= q.to) : [];
  };
  // site slices
  const bySlice = new Map<string, {ctx: Record<string, string>; outcomes: Rec[]; hazards: Rec[]; curves: Rec[]}>();
  for (const table of ["slices.outcomes", "slices.hazards", "slices.curves"]) {
    for (const r of rows(site, table)) {
      let s = bySlice.get(r.file);
      if (!s) bySlice.set(r.file, (s = {ctx: r.ctx, outcomes: [], hazards: [], curves: []}));
      (table === "slices.outcomes" ? s.outcomes : table === "slices.hazards" ? s.hazards : s.curves).push(r);
    }
  }
  for (const [file, s] of bySlice) {
    const programmes = s.ctx.programme === "all" ? PROGRAMMES : (PROGRAMME_GROUPS[s.ctx.programme] ?? []);
    const p: Population = {
      id: file,
      kind: "site slice",
      atoms: atomsOf(programmes, s.ctx.main_area === "all" ? null : [s.ctx.main_area], periodYears(s.ctx.period)),
      institution: null,
      figures: new Map()
    };
    // a merged slice (site detail.ts) has no row of one scheme type: an absent row is then unknown, not zero
    const merged = (site.files.get(file) as {groups?: string} | undefined)?.groups === "mentor";
    outcomeFigures(p, s.outcomes, site.values, true);
    hazardFigures(p, s.hazards, site.values, !merged);
    const curves = new Map<string, Rec[]>();
    for (const r of s.curves) {
      const k = `${r.row.set}|${r.row.group}`;
      let l = curves.get(k);
      if (!l) curves.set(k, (l = []));
      l.push(r);
    }
    for (const [k, list] of curves) {
      list.sort((a, b) => Number(a.row.time) - Number(b.row.time));
      const [set, group] = k.split("|");
      // life-table rows: [time, time_end)
      if (list.every((r) => typeof r.row.time_end === "number"))
        curveFigures(
          p,
          set,
          group,
          list,
          site.values,
          (r) => Number(r.row.time),
          (r) => Number(r.row.time_end) - 1
        );
    }
    out.push(p);
  }
  // benchmark rows of the institutions (n, one-year dropouts; with / without an intake mentor)
  const bench = rows(site, "benchmark.institutions");
  const benchComps = rows(site, "benchmark.comparisons").filter((c) => c.row.measure === "dropout");
  const horizon = (site.files.get("data/benchmark") as Obj | undefined)?.horizon;
  for (const rec of bench) {
    const id = String(rec.row.institution_id);
    const p: Population = {id: `benchmark:${id}`, kind: "benchmark", atoms: null, institution: id, figures: new Map()};
    put(p, "total.n", [term(rec, "n", site.values)]);
    if (horizon === "1y") put(p, "dropped_1y.all", [term(rec, "dropped", site.values)]);
    const c = benchComps.find((x) => x.row.group === id);
    if (c) {
      put(p, "total.with", [term(c, "n_with", site.values)]);
      put(p, "total.without", [term(c, "n_without", site.values)]);
      if (c.row.horizon === "1y") {
        put(p, "dropped_1y.with", [term(c, "events_with", site.values)]);
        put(p, "dropped_1y.without", [term(c, "events_without", site.values)]);
      }
    }
    out.push(p);
  }
  // exports
  for (const e of exports) {
    const f = e.filters;
    const keys = Object.keys(f).filter((k) => f[k] !== undefined && f[k] !== null);
    let atoms: Set<string> | null = null;
    let institution: string | null = null;
    if (keys.every((k) => ["programmes", "mainAreas", "intakeYears"].includes(k))) {
      const yr = f.intakeYears as [number, number] | undefined;
      atoms = atomsOf(
        (f.programmes as string[] | undefined) ?? PROGRAMMES,
        (f.mainAreas as string[] | undefined) ?? null,
        yr ? years.filter((y) => y >= yr[0] && y <= yr[1]) : years
      );
    } else if (keys.length === 1 && keys[0] === "institutions" && (f.institutions as string[]).length === 1) {
      institution = (f.institutions as string[])[0];
    }
    const p: Population = {id: `export/${e.name}`, kind: "export", atoms, institution, figures: new Map()};
    outcomeFigures(p, recsOf(e, "outcomes_by_mentor"), e.values, false);
    hazardFigures(
      p,
      recsOf(e, "stage_hazards").filter((r) => r.row.programme_group === "all"),
      e.values,
      false
    );
    const surv = recsOf(e, "survival").filter((r) => r.row.time !== null);
    const curves = new Map<string, Rec[]>();
    for (const r of surv) {
      const k = `${r.row.set}|${r.row.group}`;
      let l = curves.get(k);
      if (!l) curves.set(k, (l = []));
      l.push(r);
    }
    for (const [k, list] of curves) {
      list.sort((a, b) => Number(a.row.time) - Number(b.row.time));
      const [set, group] = k.split("|");
      // `time` is the last day of the interval; it starts the day after the previous one
      curveFigures(
        p,
        set,
        group,
        list,
        e.values,
        (_r, i) => (i === 0 ? 0 : Number(list[i - 1].row.time) + 1),
        (r) => Number(r.row.time)
      );
    }
    // person-period margins: period 0 is everyone; dropouts in the periods that end on day 364 = within the first year
    const margins = recsOf(e, "person_period_margins");
    const mt = (r: Rec, fld: string) => term(r, fld, e.values);
    const p0 = margins.filter((m) => m.row.period === 0);
    const at0 = (types: string[]) =>
      p0.filter((m) => types.includes(String(m.row.scheme_type))).map((m) => mt(m, "at_risk"));
    if (p0.length) {
      put(p, "total.n", at0(["all"]));
      put(p, "total.with", at0(INTAKE_TYPES));
      put(p, "total.without", at0(WITHOUT_TYPES));
    }
    const periods = [...new Set(margins.map((m) => Number(m.row.period)))].sort((a, b) => a - b);
    const last = periods.find((q) => margins.some((m) => m.row.period === q && Number(m.row.end_day) === 364));
    if (last !== undefined) {
      const within = margins.filter((m) => Number(m.row.period) <= last);
      const ev = (types: string[]) =>
        within.filter((m) => types.includes(String(m.row.scheme_type))).map((m) => mt(m, "events"));
      put(p, "dropped_1y.all", ev(["all"]));
      put(p, "dropped_1y.with", ev(INTAKE_TYPES));
      put(p, "dropped_1y.without", ev(WITHOUT_TYPES));
    }
    for (const [set, group] of [
      ["mentor", "with"],
      ["mentor", "without"]
    ]) {
      const by = p.figures.get(`km.${set}.${group}.dropped_by@364`);
      if (by) put(p, `dropped_1y.${group}`, by[0]);
    }
    out.push(p);
  }
  return out;
}

/** The class of a figure key, for family names: "out.none.dropped" → "out.dropped". */
export function keyClass(key: string): string {
  const parts = key.split(".");
  if (parts[0] === "out") return `outcomes.${parts[2]}`;
  if (parts[0] === "haz") return `stage hazards.${parts[4]}`;
  if (parts[0] === "start") return `curve start (${parts[1]})`;
  if (parts[0] === "km") return `curve ${key.includes("at_risk@") ? "at risk" : "dropouts by day"} (${parts[1]})`;
  return parts[0] === "total" ? `total (${parts[1]})` : key.replace(/\.(with|without|all)$/, "");
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
const disjoint = (a: Set<string>, b: Set<string>) => [...a].every((x) => !b.has(x));

/** Relations between populations: the same students, or a population split into two others. */
export function crossRelations(pops: Population[], matches: string[] = []): Relation[] {
  const R = new Relations();
  const kinds = (...ps: Population[]) => ps.map((p) => p.kind).join(" ≡ ");
  // the alternatives of one key inside a population are the same number
  for (const p of pops) {
    if (p.kind !== "export") continue;
    for (const [key, alts] of p.figures)
      for (let i = 1; i < alts.length; i++)
        R.add(`export: the same figure read two ways: ${keyClass(key)}`, alts[0], alts[i]);
  }
  const same = (a: Population, b: Population) =>
    (a.atoms && b.atoms && a.atoms.size > 0 && sameSet(a.atoms, b.atoms)) ||
    (a.institution !== null && a.institution === b.institution);
  for (let i = 0; i < pops.length; i++) {
    for (let j = i + 1; j < pops.length; j++) {
      const [a, b] = [pops[i], pops[j]];
      if (a.kind !== "export" && b.kind !== "export") continue; // the site's own relations are attacker.ts's
      if (!same(a, b)) continue;
      matches.push(`${a.id} ≡ ${b.id}`);
      for (const [key, alts] of a.figures) {
        const other = b.figures.get(key);
        if (!other) continue;
        for (const x of alts) for (const y of other) R.add(`same students (${kinds(a, b)}): ${keyClass(key)}`, x, y);
      }
    }
  }
  // a population split into two disjoint others (at least one an export)
  const withAtoms = pops.filter((p) => p.atoms && p.atoms.size > 0);
  for (const whole of withAtoms) {
    for (let i = 0; i < withAtoms.length; i++) {
      for (let j = i + 1; j < withAtoms.length; j++) {
        const [a, b] = [withAtoms[i], withAtoms[j]];
        if (a === whole || b === whole || ![whole, a, b].some((p) => p.kind === "export")) continue;
        if (
          a.atoms!.size + b.atoms!.size !== whole.atoms!.size ||
          !disjoint(a.atoms!, b.atoms!) ||
          ![...a.atoms!, ...b.atoms!].every((x) => whole.atoms!.has(x))
        )
          continue;
        matches.push(`${whole.id} = ${a.id} + ${b.id}`);
        for (const [key, alts] of whole.figures) {
          const [fa, fb] = [a.figures.get(key), b.figures.get(key)];
          if (!fa || !fb || key.startsWith("km.")) continue;
          R.add(`split (${whole.kind} = ${a.kind} + ${b.kind}): ${keyClass(key)}`, alts[0], [...fa[0], ...fb[0]]);
        }
      }
    }
  }
  return R.list;
}

// ---- The linear programme: how far can a hidden count move? --------------------------------------------

type HighsLoader = (typeof import("highs"))["default"];
const highsLoader = ((highsImport as unknown as {default?: HighsLoader}).default ??
  highsImport) as unknown as HighsLoader;
type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<Highs> | null = null;
const OPTIMAL = 7;
const UNBOUNDED = 10;

export interface Range {
  ref: string;
  lower: number;
  upper: number;
  /** Bounds seen at feasible points only (already wide enough): the true range may be wider. */
  seen?: boolean;
}

/**
 * Min and max of every hidden count in `targets` subject to the believed relations (known figures substituted) and
 * every count ≥ 0. One model per group of linked hidden counts; feasible points from a few random objectives settle
 * most counts as wide before their own LPs.
 */
export async function lpRanges(
  relations: Relation[],
  known: Map<string, number>,
  targets: Set<string>,
  k: number
): Promise<{
  ranges: Range[];
  lps: number;
  variables: number;
  groups: number;
  infeasible: {families: string[]; variables: number; relations: number}[];
}> {
  const highs = await (highsPromise ??= highsLoader());
  const open = relations.filter((r) => [...r.left, ...r.right].some((x) => !known.has(x)));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (parent.get(y) !== r) {
      const nx = parent.get(y)!;
      parent.set(y, r);
      y = nx;
    }
    return r;
  };
  const unk = (r: Relation) => [...new Set([...r.left, ...r.right].filter((x) => !known.has(x)))];
  for (const r of open) {
    const u = unk(r);
    for (const x of u) if (!parent.has(x)) parent.set(x, x);
    for (const x of u.slice(1)) {
      const [ra, rb] = [find(x), find(u[0])];
      if (ra !== rb) parent.set(ra, rb);
    }
  }
  const groups = new Map<string, Relation[]>();
  for (const r of open) {
    const g = find(unk(r)[0]);
    let l = groups.get(g);
    if (!l) groups.set(g, (l = []));
    l.push(r);
  }
  const ranges: Range[] = [];
  const infeasible: {families: string[]; variables: number; relations: number}[] = [];
  let lps = 0;
  let variables = 0;
  let used = 0;
  for (const rels of groups.values()) {
    const vars = [...new Set(rels.flatMap(unk))];
    const mine = vars.filter((x) => targets.has(x));
    if (!mine.length) continue;
    used++;
    variables += vars.length;
    const col = new Map(vars.map((x, i) => [x, i]));
    const lines = rels
      .map((r, i) => {
        const coef = new Map<number, number>();
        let rhs = 0;
        for (const x of r.left)
          known.has(x) ? (rhs -= known.get(x)!) : coef.set(col.get(x)!, (coef.get(col.get(x)!) ?? 0) + 1);
        for (const x of r.right)
          known.has(x) ? (rhs += known.get(x)!) : coef.set(col.get(x)!, (coef.get(col.get(x)!) ?? 0) - 1);
        const terms = [...coef]
          .filter(([, c]) => c !== 0)
          .map(([v, c], q) => `${c < 0 ? "- " : q ? "+ " : ""}${Math.abs(c) === 1 ? "" : Math.abs(c)} y${v}`);
        return terms.length ? ` c${i}: ${terms.join(" ")} = ${rhs}` : null;
      })
      .filter((x): x is string => x !== null);
    const text = `Maximize\n obj: ${vars.map((_, v) => `0 y${v}`).join(" + ")}\nSubject To\n${lines.join("\n") || " c0: y0 >= 0"}\nBounds\n${vars.map((_, v) => ` y${v} >= 0`).join("\n")}\nEnd\n`;
    const model = highs.createModel({format: "lp", data: text});
    try {
      model.options.set({output_flag: false, presolve: "off"});
      model.run();
      if (model.getModelStatus() !== OPTIMAL) {
        infeasible.push({
          families: [...new Set(rels.map((r) => r.family))],
          variables: vars.length,
          relations: rels.length
        });
        continue;
      }
      model.options.set({output_flag: false, presolve: "off", simplex_strategy: 4});
      const column = vars.map((_, v) => model.getColByName(`y${v}`));
      const all = {kind: "range" as const, from: 0, to: vars.length - 1};
      const maximise = (costs: Map<number, number>): {value: number; x: Float64Array | null} => {
        lps++;
        const cost = new Float64Array(vars.length);
        for (const [v, c] of costs) cost[column[v]] = c;
        model.changeColsCost(all, cost);
        model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
        model.run();
        const status = model.getModelStatus();
        if (status === UNBOUNDED) return {value: Infinity, x: null};
        if (status !== OPTIMAL)
          throw new Error(`LP status ${status} (the published figures are feasible: a believed relation is wrong?)`);
        const sol = model.getSolution();
        const x = new Float64Array(vars.length);
        for (let v = 0; v < vars.length; v++) x[v] = sol.colValue[column[v]];
        return {value: model.getObjectiveValue(), x};
      };
      const lo = new Map(mine.map((x) => [x, Infinity]));
      const hi = new Map(mine.map((x) => [x, -Infinity]));
      const see = (x: Float64Array) => {
        for (const m of mine) {
          const val = x[col.get(m)!];
          lo.set(m, Math.min(lo.get(m)!, val));
          hi.set(m, Math.max(hi.get(m)!, val));
        }
      };
      // at least k integers between two feasible values: the range holds them too
      const wide = (m: string) => Math.floor(hi.get(m)! + 1e-6) - Math.ceil(lo.get(m)! - 1e-6) >= k - 1;
      let seed = 0x2545f491;
      const rand = () => {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) / 2 ** 32;
      };
      for (let round = 0; round < 8; round++) {
        const todo = mine.filter((m) => !wide(m));
        if (todo.length < 10) break;
        const costs = new Map(todo.map((m) => [col.get(m)!, (rand() - 0.5) * 2]));
        const {x} = maximise(costs);
        if (x) see(x);
      }
      for (const m of mine) {
        const v = col.get(m)!;
        // feasible points already this far apart: neither exact nor narrow (the range is at least this wide)
        if (wide(m)) {
          ranges.push({ref: m, lower: Math.ceil(lo.get(m)! - 1e-6), upper: Math.floor(hi.get(m)! + 1e-6), seen: true});
          continue;
        }
        const up = maximise(new Map([[v, 1]]));
        if (up.x) see(up.x);
        const upper = up.value;
        const down = maximise(new Map([[v, -1]]));
        const lower = -down.value;
        ranges.push({
          ref: m,
          lower: Math.ceil(lower - 1e-6),
          upper: upper === Infinity ? Infinity : Math.floor(upper + 1e-6)
        });
      }
    } finally {
      model.dispose?.();
    }
  }
  return {ranges, lps, variables, groups: used, infeasible};
}

// ---- Everything at once ----------------------------------------------------------------------------------

/** A hidden count determined exactly. */
export interface Finding {
  ref: string;
  /** Where the hidden count is published: "site" or "export/<name>". */
  where: string;
  value: number;
  how: string;
  /** Also found by the site alone (attacker.ts): not a finding of the combination. */
  siteAlone: boolean;
  /** Found in the export it belongs to alone (its own tables, peeling and linear algebra). */
  exportAlone: boolean;
}

export interface CombinedReport {
  relations: Relation[];
  /** Publications found to describe the same students ("A ≡ B") or a split ("A = B + C"). */
  matches: string[];
  /** Believed relation instances that involve an export figure, and those of them with a hidden term. */
  exportChecked: number;
  exportWithHidden: number;
  crossChecked: number;
  crossWithHidden: number;
  /** Every believed family (site, export and between publications). */
  believed: Set<string>;
  /** The believed families of the exports and between publications, with their instances and fully published instances that hold. */
  believedFamilies: {family: string; instances: number; holds: number}[];
  rejectedFamilies: {family: string; fails: number; example?: string}[];
  /** Hidden counts determined exactly (peeling, linear algebra, rates, LP). */
  exact: Finding[];
  /** Hidden counts the LP confines to fewer than k values (value unknown to the attacker: checked with `truth`). */
  ranges: Range[];
  /** Export figures whose range is as narrow from that export alone. */
  narrowAlone: Set<string>;
  lp: {
    lps: number;
    variables: number;
    groups: number;
    infeasible: {families: string[]; variables: number; relations: number}[];
  };
  contradictions: string[];
  /** Published figures (null = hidden), with the exact figures derived from the site's curves. */
  values: Map<string, Num>;
  known: Map<string, number>;
}

const whereOf = (ref: string) => (ref.startsWith("export/") ? ref.slice(0, ref.indexOf(":")) : "site");

/** Attack the site and the exports together. */
export async function attackCombined(site: Site, exports: ExportPub[]): Promise<CombinedReport> {
  const k = site.minCell;
  const values = new Map<string, Num>(site.values);
  for (const e of exports) for (const [r, x] of e.values) values.set(r, x);
  // the site alone (curves inverted, rates, peeling, linear algebra): what it gives is attacker.ts's finding
  const alone = attack(site);
  const siteAlone = new Set([...alone.hidden, ...alone.linear, ...alone.rates].map((r) => r.ref));
  // facts the site attack derived from curves are published knowledge too
  for (const f of [...alone.curves.facts, ...alone.curves.solvedEvents])
    if (!values.has(f.ref)) values.set(f.ref, f.value);
  // hidden counts next to a published rate, in the exports' tables
  const pseudo = {...site, tables: new Map<string, Rec[]>()} as Site;
  for (const e of exports) for (const [t, list] of e.tables) pseudo.tables.set(`export/${e.name}:${t}`, list);
  const rates = rateAttack(pseudo).recovered.filter((r) => values.get(r.ref) === null);
  const withRates = new Map(values);
  for (const r of rates) withRates.set(r.ref, r.value);

  const pops = populations(site, exports);
  const matches: string[] = [];
  const cross = crossRelations(pops, matches);
  const inner = exports.flatMap(exportRelations);
  const relations = [...siteRelations(site, {curveFacts: alone.curves.facts}), ...inner, ...cross];
  const peeled = solve(relations, withRates);
  const linear = solveLinear(relations, withRates, peeled);
  const believed = new Set(peeled.families.filter((f) => f.believed).map((f) => f.family));
  const known = new Map<string, number>();
  for (const [r, x] of withRates) if (typeof x === "number") known.set(r, x);
  for (const r of [...peeled.recovered, ...linear.recovered]) known.set(r.ref, r.value);

  const isExportRel = (r: Relation) => [...r.left, ...r.right].some((x) => x.startsWith("export/"));
  const bel = relations.filter((r) => believed.has(r.family));
  const hidden0 = (r: Relation) => [...r.left, ...r.right].some((x) => values.get(x) === null);
  const crossSet = new Set(cross);

  // each export on its own (peeling and linear algebra over its own tables)
  const exportAlone = new Set<string>();
  for (const e of exports) {
    const own = exportRelations(e);
    const p = solve(own, e.values);
    for (const r of [...p.recovered, ...solveLinear(own, e.values, p).recovered]) exportAlone.add(r.ref);
  }
  const exact: Finding[] = [];
  const seen = new Set<string>();
  const push = (r: Recovery, how: string) => {
    if (seen.has(r.ref) || values.get(r.ref) !== null) return;
    seen.add(r.ref);
    exact.push({
      ref: r.ref,
      where: whereOf(r.ref),
      value: r.value,
      how,
      siteAlone: siteAlone.has(r.ref),
      exportAlone: exportAlone.has(r.ref)
    });
  };
  for (const r of rates) push(r, `${r.family}: ${r.how}`);
  for (const r of peeled.recovered) push(r, `${r.family}: ${r.how}`);
  for (const r of linear.recovered) push(r, r.how);

  // LP over the hidden counts linked to an export (the site's own are audited by its seal and attacks.test.ts)
  const exportLinked = new Set<string>();
  for (const r of bel)
    if (isExportRel(r)) for (const x of [...r.left, ...r.right]) if (!known.has(x)) exportLinked.add(x);
  const targets = new Set([...exportLinked].filter((x) => values.get(x) === null));
  const lp = await lpRanges(bel, known, targets, k);
  for (const r of lp.ranges) {
    if (r.upper - r.lower < 0.5)
      push(
        {ref: r.ref, value: r.lower, family: "LP", how: "", depth: 99},
        `the linear programme over every believed relation and counts ≥ 0 gives min = max = ${r.lower}`
      );
  }
  // an exact LP finding (or a narrow range) in an export: does the export alone give it?
  const narrowAlone = new Set<string>();
  for (const e of exports) {
    const narrow = lp.ranges
      .filter((r) => whereOf(r.ref) === `export/${e.name}` && r.upper - r.lower < k - 1)
      .map((r) => r.ref);
    const mine = new Set([
      ...exact.filter((f) => f.where === `export/${e.name}` && !f.exportAlone).map((f) => f.ref),
      ...narrow
    ]);
    if (!mine.size) continue;
    const own = exportRelations(e);
    const p = solve(own, e.values);
    const believedOwn = new Set(p.families.filter((f) => f.believed).map((f) => f.family));
    const knownOwn = new Map<string, number>();
    for (const [r, x] of e.values) if (typeof x === "number") knownOwn.set(r, x);
    for (const r of [...p.recovered, ...solveLinear(own, e.values, p).recovered]) knownOwn.set(r.ref, r.value);
    const alone = await lpRanges(
      own.filter((r) => believedOwn.has(r.family)),
      knownOwn,
      mine,
      k
    );
    for (const r of alone.ranges) {
      if (r.upper - r.lower < 0.5) exportAlone.add(r.ref);
      if (r.upper - r.lower < k - 1) narrowAlone.add(r.ref);
    }
    for (const f of exact) if (exportAlone.has(f.ref)) f.exportAlone = true;
  }
  // findings that need more than one publication first, then counts of 1 … k − 1
  const rank = (f: Finding) => (f.exportAlone ? 2 : 0) + (f.value >= 1 && f.value < k ? 0 : 1);
  exact.sort((a, b) => rank(a) - rank(b));
  return {
    relations,
    matches,
    exportChecked: bel.filter(isExportRel).length,
    exportWithHidden: bel.filter((r) => isExportRel(r) && hidden0(r)).length,
    crossChecked: bel.filter((r) => crossSet.has(r)).length,
    crossWithHidden: bel.filter((r) => crossSet.has(r) && hidden0(r)).length,
    believed,
    believedFamilies: peeled.families
      .filter(
        (f) =>
          f.believed && (f.family.startsWith("export") || f.family.startsWith("same") || f.family.startsWith("split"))
      )
      .map((f) => ({family: f.family, instances: f.instances, holds: f.holds})),
    rejectedFamilies: peeled.families
      .filter((f) => !f.believed && f.fails > 0)
      .map((f) => ({family: f.family, fails: f.fails, example: f.example})),
    exact,
    ranges: lp.ranges,
    narrowAlone,
    lp: {lps: lp.lps, variables: lp.variables, groups: lp.groups, infeasible: lp.infeasible},
    contradictions: peeled.contradictions,
    values,
    known
  };
}

/** A reference with what identifies its row. */
export function describeRef(site: Site, exports: ExportPub[], ref: string): string {
  if (!ref.startsWith("export/")) return siteLabel(site, ref);
  const m = ref.match(/^(export\/([^:]+):[^.]+)\.(.+)$/);
  const e = exports.find((x) => x.name === m?.[2]);
  const rec = m && e ? e.records.get(m[1]) : undefined;
  if (!rec || !e) return ref;
  const dims = Object.entries(rec.row)
    .filter(
      ([c, v]) => (typeof v === "string" && c !== "suppressed" && c !== "mentor") || ["period", "time"].includes(c)
    )
    .map(([c, v]) => `${c}: ${v}`);
  return `${ref} {cohort: ${e.cohort}, ${dims.join(", ")}}`;
}
