/**
 * One model of every published count. Each count the site publishes is a sum
 * over one base table: the enrolments grouped by every attribute any published
 * figure is computed from (intake year, institution, programme, main area,
 * mentor group, scheme, status, phase of dropout, exit and follow-up time
 * bands, placement, the phases entered with the mentor status at entry, the
 * stage starts, the process bands and the comparison units of the effects).
 * A distinct combination of those attributes is an *atom*; a published count
 * is a linear form over atoms (`terms`), which the audit (audit.ts) uses as
 * the attacker's equations. So "with a mentor" (the intake scheme types), a
 * phase's "entered", an effect's mentees, a scheme's mentorships and a
 * curve's at-risk are all sums of the same atoms, whatever they are called.
 *
 * `modelOf(measure, dims)` translates the gate's (measure, dimensions) cells
 * into terms; `checkModel` verifies every translation against the published
 * value itself, so the model cannot silently drift from the SQL that made the
 * numbers.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {PHASES, SCHEME_TYPES, STAGES} from "../contract/contract.ts";
import {quoteLiteral} from "../stats/index.ts";
import {query} from "../warehouse.ts";

/** Day breaks of the time bands (band i = [BREAKS[i], BREAKS[i+1]); the last is open): the horizons and the curves' bands. */
export const TIME_BREAKS = [0, 1, 42, 91, 182, 365, 730, 1095, 1461, 1826, 2557] as const;
export const MATURE_BAND = TIME_BREAKS.indexOf(1826);

const INTAKE_TYPES = SCHEME_TYPES.filter((t) => t !== "workplace");
const PROGRAMME_GROUPS: Record<string, readonly string[]> = {
  vocational: ["EUD", "EUX"],
  gymnasium: ["STX", "HHX", "HTX"],
  tenth_form: ["10K"]
};
const HORIZON_DAYS: Record<string, number | null> = {"3m": 91, "1y": 365, "2y": 730, "5y": 1826, ever: null};

/** A conjunction over atom attributes (each in a set of values), counted `weight` times (default 1; a name = a numeric attribute). */
export interface Term {
  where: Record<string, readonly string[]>;
  weight?: string;
}
export type CellModel = Term[];

export class ModelError extends Error {}

/** Band index (as SQL) of a day count; NULL stays NULL. */
function bandSql(expr: string): string {
  return `CASE WHEN ${expr} IS NULL THEN 'none' ${[...TIME_BREAKS].reverse().map((b, i) => `WHEN ${expr} >= ${b} THEN '${TIME_BREAKS.length - 1 - i}'`).join(" ")} ELSE 'neg' END`;
}
/** Bands at or after a day (inclusive). */
const bandsFrom = (day: number): string[] => TIME_BREAKS.map((_, i) => String(i)).filter((i) => TIME_BREAKS[Number(i)] >= day);
/** Bands wholly before a day. */
const bandsBefore = (day: number): string[] => TIME_BREAKS.map((_, i) => String(i)).filter((i) => TIME_BREAKS[Number(i)] < day);
const bandOf = (day: number): number => {
  const i = TIME_BREAKS.indexOf(day as (typeof TIME_BREAKS)[number]);
  if (i < 0) throw new ModelError(`time ${day} is not a band break of the privacy model (${TIME_BREAKS.join(", ")})`);
  return i;
};

export interface ModelContext {
  /** Intake years of each period key ("2014-2016" → 2014, 2015, 2016). */
  periods: Record<string, string[]>;
  /** Scheme id → scheme type. */
  schemes: Record<string, string>;
}

/**
 * The atoms: enrolments grouped by every attribute of the model, with their
 * number. Attribute values are strings. `enrol` and `phases` are the analysis
 * base tables (sql/base.ts) of the whole population.
 */
export async function modelAtoms(con: DuckDBConnection, enrol: string, phases: string, dataDate: string): Promise<{atoms: Record<string, string>[]; counts: number[]; attributes: string[]}> {
  const schemes = await query<{scheme_id: string; scheme_type: string}>(con, "SELECT scheme_id, scheme_type FROM schemes");
  const intakeTargets = ["all", ...INTAKE_TYPES, ...schemes.filter((s) => s.scheme_type !== "workplace").map((s) => s.scheme_id)];
  const placeTargets = ["all", "workplace", ...schemes.filter((s) => s.scheme_type === "workplace").map((s) => s.scheme_id)];
  const targetOf = (t: string) => (t === "all" ? "TRUE" : SCHEME_TYPES.includes(t as never) ? `scheme_type = ${quoteLiteral(t)}` : `scheme_id = ${quoteLiteral(t)}`);
  const unitCols = [
    ...intakeTargets.map((t, i) => `CASE WHEN EXISTS (SELECT 1 FROM (SELECT institution_id, programme, min(intake_year) AS fy FROM ${enrol} WHERE mentor_intake AND ${targetOf(t)} GROUP BY ALL) u
        WHERE u.institution_id = b.institution_id AND u.programme = b.programme AND b.intake_year >= u.fy) THEN '1' ELSE '0' END AS ci_${i}`),
    ...placeTargets.map((t, i) => `CASE WHEN b.placement_date IS NOT NULL AND EXISTS (SELECT 1 FROM (SELECT programme, main_area, min(year(placement_date)) AS fy FROM ${enrol}
        WHERE mentor_workplace AND placement_date IS NOT NULL AND ${targetOf(t === "workplace" ? "workplace" : t)} GROUP BY ALL) u
        WHERE u.programme = b.programme AND u.main_area = b.main_area AND year(b.placement_date) >= u.fy) THEN '1' ELSE '0' END AS cp_${i}`)
  ];
  const dd = `DATE ${quoteLiteral(dataDate)}`;
  const phaseCols = PHASES.map((p) => `coalesce((SELECT max(coalesce(x.scheme_type_at_entry, 'none')) FROM ${phases} x WHERE x.enrolment_id = b.enrolment_id AND x.phase = '${p}'), 'no') AS e_${p}`);
  const phaseCounts = PHASES.map((p) => `CAST((SELECT count(*) FROM ${phases} x WHERE x.enrolment_id = b.enrolment_id AND x.phase = '${p}') AS VARCHAR) AS en_${p}`);
  const stageCols = STAGES.map((s) => `CAST((SELECT count(*) FROM stage_events s WHERE s.enrolment_id = b.enrolment_id AND s.stage = '${s}' AND s.start_date > b.intake_date) AS VARCHAR) AS st_${s}`);
  const perMonth = `CASE WHEN b.meetings IS NULL OR date_diff('day', b.m_start, coalesce(b.m_end, ${dd})) < 15 THEN NULL
    ELSE b.meetings / (date_diff('day', b.m_start, coalesce(b.m_end, ${dd})) / 30.44) END`;
  const sql = `SELECT
    CAST(b.intake_year AS VARCHAR) AS y, b.institution_id AS inst, b.programme AS prog, b.main_area AS area,
    coalesce(b.scheme_type, 'none') AS grp, coalesce(b.scheme_id, 'none') AS sid,
    CASE WHEN b.outcome IN ('completed', 'dropped', 'transferred') THEN b.outcome ELSE 'ongoing' END AS out,
    coalesce(b.drop_phase, 'none') AS ph,
    ${bandSql("b.end_day")} AS xb, ${bandSql("b.follow_days")} AS fb,
    ${bandSql("b.place_follow")} AS pfb, ${bandSql("b.place_drop_day")} AS pdb,
    coalesce(CAST(year(b.placement_date) AS VARCHAR), 'none') AS py,
    ${phaseCols.join(",\n    ")},
    ${phaseCounts.join(",\n    ")},
    ${stageCols.join(",\n    ")},
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN date_diff('day', b.m_start, ${dd}) >= 365 THEN '1' ELSE '0' END AS mf,
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN b.hours IS NULL THEN 'unknown' WHEN b.hours <= 24 THEN 'le24' WHEN b.hours <= 72 THEN '24_72' WHEN b.hours <= 168 THEN '72_168' ELSE 'gt168' END AS cb,
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN ${perMonth} IS NULL THEN 'unknown' WHEN ${perMonth} < 1 THEN 'lt1' WHEN ${perMonth} < 2 THEN '1_2' WHEN ${perMonth} < 4 THEN '2_4' ELSE 'ge4' END AS mb,
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN b.rematched THEN 'yes' WHEN NOT b.rematched THEN 'no' ELSE 'unknown' END AS rb,
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN b.outcome = 'dropped' AND b.outcome_date >= b.m_start AND date_diff('day', b.m_start, b.outcome_date) < 365 THEN '1' ELSE '0' END AS ev,
    CASE WHEN b.scheme_id IS NULL OR s.target_hours_to_first_contact IS NULL THEN 'none' WHEN b.hours <= s.target_hours_to_first_contact THEN '1' ELSE '0' END AS wt,
    ${unitCols.join(",\n    ")}
  FROM ${enrol} b LEFT JOIN schemes s ON s.scheme_id = b.scheme_id`;
  // ordered: the audit's LPs and its choice of cells to hide must not depend on DuckDB's thread scheduling
  const attributesRows = await query<Record<string, string | number>>(con, `SELECT *, CAST(count(*) AS INTEGER) AS atom_n FROM (${sql}) GROUP BY ALL ORDER BY ALL`);
  const attributes = attributesRows.length ? Object.keys(attributesRows[0]).filter((k) => k !== "atom_n") : [];
  // unit columns by target name (the SQL names are positional)
  const rename = new Map<string, string>([...intakeTargets.map((t, i) => [`ci_${i}`, `ci:${t}`] as const), ...placeTargets.map((t, i) => [`cp_${i}`, `cp:${t}`] as const)]);
  const atoms = attributesRows.map((r) => Object.fromEntries(attributes.map((a) => [rename.get(a) ?? a, String(r[a])])));
  return {atoms, counts: attributesRows.map((r) => Number(r.atom_n)), attributes: attributes.map((a) => rename.get(a) ?? a)};
}

// ---- Translation of the gate's cells ------------------------------------------------------

const one = (v: string) => [v] as const;

/** Terms of the common dimensions (everything but mentor/scheme semantics, which depend on the measure). */
function baseWhere(dims: Record<string, string>, ctx: ModelContext, skip: readonly string[] = []): Record<string, readonly string[]> {
  const w: Record<string, readonly string[]> = {};
  const and = (attr: string, values: readonly string[]) => {
    const prev = w[attr];
    w[attr] = prev ? prev.filter((v) => values.includes(v)) : values;
  };
  for (const [d, v] of Object.entries(dims)) {
    if (skip.includes(d)) continue;
    switch (d) {
      case "intake_year": and("y", one(v)); break;
      case "period": {
        const years = ctx.periods[v];
        if (!years) throw new ModelError(`unknown period "${v}"`);
        and("y", years);
        break;
      }
      case "programme": and("prog", PROGRAMME_GROUPS[v] ?? one(v)); break;
      case "programme_group": and("prog", PROGRAMME_GROUPS[v] ?? (() => { throw new ModelError(`unknown programme group "${v}"`); })()); break;
      case "main_area": and("area", one(v)); break;
      case "institution": and("inst", one(v)); break;
      case "outcome": and("out", one(v)); break;
      case "phase": and("ph", one(v)); break;
      case "scheme_id": and("sid", one(v)); break;
      case "contact": and("cb", one(v)); break;
      case "meetings": and("mb", one(v)); break;
      case "rematched": and("rb", one(v)); break;
      default: throw new ModelError(`dimension "${d}" is not in the privacy model`);
    }
  }
  return w;
}

const withAttr = (w: Record<string, readonly string[]>, attr: string, values: readonly string[]) => {
  const prev = w[attr];
  return {...w, [attr]: prev ? prev.filter((v) => values.includes(v)) : values};
};

/** "with" = an intake mentorship (status at intake); "without" = none or a workplace mentor later. */
function mentorAtIntake(w: Record<string, readonly string[]>, dims: Record<string, string>, noneMeans: "none" | "not_intake") {
  let out = w;
  if (dims.mentor === "with") out = withAttr(out, "grp", INTAKE_TYPES);
  else if (dims.mentor === "without") out = withAttr(out, "grp", ["none", "workplace"]);
  else if (dims.mentor !== undefined) throw new ModelError(`mentor "${dims.mentor}"`);
  if (dims.scheme_type !== undefined) {
    out = withAttr(out, "grp", dims.scheme_type === "none" && noneMeans === "not_intake" ? ["none", "workplace"] : one(dims.scheme_type));
  }
  return out;
}

/** Eligibility (followed the whole horizon) and event-within-horizon terms. */
function eligible(h: string, origin: "intake" | "placement"): Record<string, readonly string[]> {
  const days = HORIZON_DAYS[h];
  if (days === undefined) throw new ModelError(`unknown horizon "${h}"`);
  if (origin === "placement") return days === null ? {py: NOT_NONE_YEARS, fb: bandsFrom(1826)} : {pfb: bandsFrom(days)};
  return {fb: bandsFrom(days ?? 1826)};
}
function event(h: string, origin: "intake" | "placement", measure: "dropout" | "completion" = "dropout"): Record<string, readonly string[]> {
  const days = HORIZON_DAYS[h];
  if (origin === "placement") return days === null ? {pdb: ALL_BANDS} : {pdb: bandsBefore(days)};
  const out = {out: [measure === "dropout" ? "dropped" : "completed"]};
  return days === null ? out : {...out, xb: bandsBefore(days)};
}
const ALL_BANDS = TIME_BREAKS.map((_, i) => String(i));
/** Sentinel resolved against the atoms: every placement year (py ≠ none). */
const NOT_NONE_YEARS = ["\u0000not-none"];

function merge(...parts: Record<string, readonly string[]>[]): Record<string, readonly string[]> {
  let w: Record<string, readonly string[]> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) w = withAttr(w, k, v);
  return w;
}

/** Terms of an effect target's mentees or comparison students at a horizon. */
function effectTerms(key: string, role: "mentees" | "comparison", dropouts: boolean, ctx: ModelContext): Term[] {
  // key = level:scheme_type:scheme_id@horizon
  const m = /^(overall|scheme_type|scheme):([^:]*):([^@]*)@(.+)$/.exec(key);
  if (!m) throw new ModelError(`effect key "${key}"`);
  const [, level, type, id, h] = m;
  const parts: {origin: "intake" | "placement"; target: string}[] =
    level === "overall" ? [{origin: "intake", target: "all"}, {origin: "placement", target: "workplace"}]
      : [{origin: type === "workplace" ? "placement" : "intake", target: level === "scheme" ? id : type}];
  return parts.map(({origin, target}) => {
    const who: Record<string, readonly string[]> = role === "mentees"
      ? origin === "intake"
        ? target === "all" ? {grp: INTAKE_TYPES} : SCHEME_TYPES.includes(target as never) ? {grp: [target]} : {sid: [target]}
        : target === "workplace" ? {grp: ["workplace"], py: NOT_NONE_YEARS} : {sid: [target], py: NOT_NONE_YEARS}
      : origin === "intake"
        ? {[`ci:${target}`]: ["1"], grp: ["none", "workplace"]}
        : {[`cp:${target === "workplace" ? "workplace" : target}`]: ["1"], grp: ["none"]};
    return {where: merge(who, eligible(h, origin), dropouts ? event(h, origin) : {})};
  });
  void ctx;
}

/**
 * The terms of a gate cell (measure at dimension values), or a ModelError for
 * a measure the model does not know — every published count must be modelled.
 */
export function modelOf(measure: string, dims: Record<string, string>, ctx: ModelContext): CellModel {
  let m: RegExpExecArray | null;
  if (measure === "enrolments") return [{where: mentorAtIntake(baseWhere(dims, ctx, ["mentor", "scheme_type"]), dims, "none")}];
  if (measure === "enrolments_mentored") return [{where: withAttr(baseWhere(dims, ctx), "grp", SCHEME_TYPES)}];
  if (measure === "enrolments_mentored_intake") return [{where: withAttr(baseWhere(dims, ctx), "grp", INTAKE_TYPES)}];
  if ((m = /^enrolments@(.+)$/.exec(measure))) return [{where: merge(mentorAtIntake(baseWhere(dims, ctx, ["mentor", "scheme_type"]), dims, "none"), eligible(m[1], "intake"))}];
  if ((m = /^(dropout|completion)@(.+)$/.exec(measure))) {
    return [{where: merge(mentorAtIntake(baseWhere(dims, ctx, ["mentor", "scheme_type"]), dims, "none"), eligible(m[2], "intake"), event(m[2], "intake", m[1] as "dropout" | "completion"))}];
  }
  if ((m = /^(mentees|mentee_dropouts)@(.+)$/.exec(measure))) {
    const level = dims.scheme_id ? "scheme" : dims.scheme_type ? "scheme_type" : "overall";
    const key = `${level}:${dims.scheme_type ?? "all"}:${dims.scheme_id ?? ""}@${m[2]}`;
    return effectTerms(key, "mentees", m[1] === "mentee_dropouts", ctx);
  }
  if ((m = /^(comparison|comparison_dropouts):(.+)$/.exec(measure))) return effectTerms(m[2], "comparison", m[1] === "comparison_dropouts", ctx);
  if ((m = /^phase_(entered|dropped):(.+)$/.exec(measure))) {
    const p = m[2];
    const w = baseWhere(dims, ctx, ["mentor", "scheme_type"]);
    const at = dims.scheme_type && dims.scheme_type !== "all" ? [dims.scheme_type] : dims.mentor === "with" ? SCHEME_TYPES : dims.mentor === "without" ? ["none"] : [...SCHEME_TYPES, "none"];
    return [{where: merge(w, {[`e_${p}`]: at, fb: bandsFrom(1826)}, m[1] === "dropped" ? {ph: [p]} : {}), weight: `en_${p}`}];
  }
  if ((m = /^phase_comparison(_dropped)?:([^:]+):(.+)$/.exec(measure))) {
    const [, dropped, p, type] = m;
    const intakeTarget = type === "all" ? "all" : type === "workplace" ? null : type;
    const placeTarget = type === "all" ? "all" : type === "workplace" ? "workplace" : null;
    const common = merge(baseWhere(dims, ctx, ["mentor", "scheme_type"]), {[`e_${p}`]: ["none"], fb: bandsFrom(1826)}, dropped ? {ph: [p]} : {});
    const terms: Term[] = [];
    if (intakeTarget) terms.push({where: merge(common, {[`ci:${intakeTarget}`]: ["1"]}), weight: `en_${p}`});
    if (placeTarget) {
      // students in a place unit but not in the intake unit (the SQL takes the union)
      terms.push({where: merge(common, {[`cp:${placeTarget}`]: ["1"], grp: ["none"]}, intakeTarget ? {[`ci:${intakeTarget}`]: ["0"]} : {}), weight: `en_${p}`});
    }
    return terms;
  }
  if (measure === "stage_starts") {
    const {stage, ...rest} = dims;
    if (stage === "gf2_end") return [{where: merge(baseWhere(rest, ctx), {e_school_to_apprenticeship: [...SCHEME_TYPES, "none"]}), weight: "en_school_to_apprenticeship"}];
    return [{where: baseWhere(rest, ctx), weight: `st_${stage}`}];
  }
  if (measure === "mentorships") return [{where: withAttr(baseWhere(dims, ctx), "sid", Object.keys(ctx.schemes))}];
  if (measure === "mentorships_within_target") return [{where: merge(baseWhere(dims, ctx), {wt: ["1"]})}];
  if (measure === "mentorships_rematched") return [{where: merge(baseWhere(dims, ctx), {rb: ["yes"]})}];
  if (measure === "process_mentorships" || measure === "process_dropouts") {
    return [{where: merge(baseWhere(dims, ctx), {mf: ["1"]}, measure === "process_dropouts" ? {ev: ["1"]} : {})}];
  }
  if ((m = /^curve_(at_risk|events|censored):(intake|placement):(\d+)$/.exec(measure))) {
    const [, what, origin, startText] = m;
    const b = bandOf(Number(startText));
    const {mentor, scheme_type, workplace, ...rest} = dims;
    let w = baseWhere(rest, ctx);
    if (mentor !== undefined) w = withAttr(w, "grp", mentor === "with" ? INTAKE_TYPES : ["none", "workplace"]);
    if (scheme_type !== undefined) w = withAttr(w, "grp", scheme_type === "none" ? ["none", "workplace"] : [scheme_type]);
    if (workplace !== undefined) w = withAttr(w, "grp", [workplace]);
    const from = ALL_BANDS.filter((x) => Number(x) >= b);
    const at = [String(b)];
    if (origin === "intake") {
      const dropped = {out: ["dropped"]};
      const other = {out: ["completed", "transferred", "ongoing"]};
      if (what === "at_risk") return [{where: merge(w, dropped, {xb: from})}, {where: merge(w, other, {fb: from})}];
      if (what === "events") return [{where: merge(w, dropped, {xb: at})}];
      return [{where: merge(w, other, {fb: at})}];
    }
    const placed = {py: NOT_NONE_YEARS};
    if (what === "at_risk") return [{where: merge(w, placed, {pdb: from})}, {where: merge(w, placed, {pdb: ["none"], pfb: from})}];
    if (what === "events") return [{where: merge(w, placed, {pdb: at})}];
    return [{where: merge(w, placed, {pdb: ["none"], pfb: at})}];
  }
  throw new ModelError(`measure "${measure}" is not in the privacy model; declare how it sums over the base cells in loaders/privacy/model.ts`);
}

// ---- Evaluation over atoms ----------------------------------------------------------------

/** Bitset helpers over atoms. */
export class AtomIndex {
  readonly n: number;
  private readonly byValue = new Map<string, Map<string, Uint32Array>>();
  private readonly values = new Map<string, string[]>();
  constructor(readonly atoms: Record<string, string>[]) {
    this.n = atoms.length;
    const words = Math.ceil(this.n / 32);
    atoms.forEach((a, i) => {
      for (const [k, v] of Object.entries(a)) {
        let m = this.byValue.get(k);
        if (!m) this.byValue.set(k, (m = new Map()));
        let bits = m.get(v);
        if (!bits) m.set(v, (bits = new Uint32Array(words)));
        bits[i >>> 5] |= 1 << (i & 31);
      }
    });
    for (const [k, m] of this.byValue) this.values.set(k, [...m.keys()]);
  }
  /** Coefficients of every atom in a cell model (sparse: atom index → coefficient). */
  coefficients(model: CellModel): Map<number, number> {
    const out = new Map<number, number>();
    const words = Math.ceil(this.n / 32);
    for (const term of model) {
      let acc: Uint32Array | null = null;
      for (const [attr, wanted] of Object.entries(term.where)) {
        const m = this.byValue.get(attr);
        if (!m) throw new ModelError(`attribute "${attr}" is not in the model's atoms`);
        const vals = wanted === NOT_NONE_YEARS || (wanted.length === 1 && wanted[0] === NOT_NONE_YEARS[0]) ? this.values.get(attr)!.filter((v) => v !== "none") : wanted;
        const u = new Uint32Array(words);
        for (const v of vals) {
          const bits = m.get(v);
          if (bits) for (let i = 0; i < words; i++) u[i] |= bits[i];
        }
        if (acc === null) acc = u;
        else for (let i = 0; i < words; i++) acc[i] &= u[i];
      }
      if (acc === null) {
        acc = new Uint32Array(words).fill(0xffffffff);
      }
      for (let w = 0; w < words; w++) {
        let x = acc[w];
        while (x) {
          const bit = 31 - Math.clz32(x & -x);
          x &= x - 1;
          const i = (w << 5) + bit;
          if (i >= this.n) break;
          const c = term.weight ? Number(this.atoms[i][term.weight]) : 1;
          if (c) out.set(i, (out.get(i) ?? 0) + c);
        }
      }
    }
    return out;
  }
}
