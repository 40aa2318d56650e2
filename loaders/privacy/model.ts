/**
 * One model of every published count. Each count the site publishes is a sum
 * over one base table: the enrolments grouped by every attribute any published
 * figure is computed from (intake year, institution, programme, main area,
 * mentor group, scheme, status, phase of dropout, exit and follow-up time
 * bands, placement, the phases entered with the mentor status at entry, the
 * stage starts, the process bands, the comparison units of the effects, and
 * the baseline-risk band and decile of analysis/risk.ts).
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
import {PHASES, PROGRAMMES_IN_GROUP, SCHEME_TYPES, STAGES, STARTED_OUTCOMES} from "../contract/contract.ts";
import {quoteLiteral} from "../stats/index.ts";
import {horizonDays, type HorizonKey} from "../horizons.ts";
import {query} from "../warehouse.ts";
import {bandsOfLabel} from "../risk-bands.ts";

/** Day breaks of the time bands (band i = [BREAKS[i], BREAKS[i+1]); the last is open): the horizons and the curves' bands. */
export const TIME_BREAKS = [0, 1, 42, 91, 182, 365, 730, 1095, 1461, 1826, 2557] as const;
/**
 * The site curves' bands: the time bands with day 0 folded into the first weeks. A day-0 band of its own held a
 * count of 1–4 in almost every group (a few students drop out on their first day), and a curve stops at its first
 * hidden band, so the gate hid nearly every curve from day 0 on. Day-0 dropouts count in the first band.
 */
export const CURVE_BREAKS: readonly number[] = TIME_BREAKS.filter((b) => b !== 1);

const INTAKE_TYPES = SCHEME_TYPES.filter((t) => t !== "workplace");
const PROGRAMME_GROUPS: Record<string, readonly string[]> = PROGRAMMES_IN_GROUP;

/** A conjunction over atom attributes (each in a set of values), counted `weight` times (default 1; a name = a numeric attribute). */
export interface Term {
  where: Record<string, readonly string[]>;
  weight?: string;
  /** −1: subtracted (a derived count such as those leaving a risk set: at risk − events − at risk next; the sum must stay a count). */
  sign?: -1;
}
export type CellModel = Term[];

export class ModelError extends Error {}

/** Band index (as SQL) of a day count under day breaks (default: the time bands); NULL stays 'none', below the first break 'neg'. */
function bandSql(expr: string, breaks: readonly number[] = TIME_BREAKS): string {
  return `CASE WHEN ${expr} IS NULL THEN 'none' ${[...breaks]
    .reverse()
    .map((b, i) => `WHEN ${expr} >= ${b} THEN '${breaks.length - 1 - i}'`)
    .join(" ")} ELSE 'neg' END`;
}
/** Bands at or after a day (inclusive). */
const bandsFrom = (day: number): string[] =>
  TIME_BREAKS.map((_, i) => String(i)).filter((i) => TIME_BREAKS[Number(i)] >= day);
/** Bands wholly before a day. */
const bandsBefore = (day: number): string[] =>
  TIME_BREAKS.map((_, i) => String(i)).filter((i) => TIME_BREAKS[Number(i)] < day);
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
  /** The maturity horizon in force (DataInfo.mature_days): "ever" and the phase tables count cohorts followed this long. */
  matureDays: number;
}

/**
 * A researcher export (or one to be made) in the model: its cohort and the
 * time breaks its tables count in. Inside the cohort the atoms are split
 * further by gender, age band, prior attainment band and the export's own
 * time bands; outside it they are not (those attributes read "*").
 */
export interface AtomScope {
  /** Prefix of the scope's attributes ("x0"). */
  key: string;
  /** SQL predicate over the per-enrolment base table (analysis/filters.ts `filterPredicate`). */
  predicate: string;
  /** Person-period breaks (days from intake; period p = [breaks[p], breaks[p + 1])). */
  periodBreaks: readonly number[];
  /** Start days of the survival table's intervals (curves from intake; every curve's, merged). */
  times: readonly number[];
  /** The same for the curves from the læreplads start. */
  placeTimes: readonly number[];
}

/** Sorted distinct days (a band list must be increasing). */
const breakList = (days: readonly number[]) => [...new Set(days)].sort((a, b) => a - b);

/**
 * The atoms: enrolments grouped by every attribute of the model, with their
 * number. Attribute values are strings. `enrol` and `phases` are the analysis
 * base tables (sql/base.ts) of the whole population; `scopes` add the
 * attributes researcher exports count by. `noShows` (the base's no-show view,
 * same columns) adds the no-shows as atoms of their own status ("out" =
 * "no_show"); every other count leaves them out (`modelOf`).
 */
export async function modelAtoms(
  con: DuckDBConnection,
  enrol: string,
  phases: string,
  dataDate: string,
  scopes: readonly AtomScope[] = [],
  noShows?: string
): Promise<{atoms: Record<string, string>[]; counts: number[]; attributes: string[]}> {
  const schemes = await query<{scheme_id: string; scheme_type: string}>(
    con,
    "SELECT scheme_id, scheme_type FROM schemes"
  );
  const intakeTargets = [
    "all",
    ...INTAKE_TYPES,
    ...schemes.filter((s) => s.scheme_type !== "workplace").map((s) => s.scheme_id)
  ];
  const placeTargets = [
    "all",
    "workplace",
    ...schemes.filter((s) => s.scheme_type === "workplace").map((s) => s.scheme_id)
  ];
  const targetOf = (t: string) =>
    t === "all"
      ? "TRUE"
      : SCHEME_TYPES.includes(t as never)
        ? `scheme_type = ${quoteLiteral(t)}`
        : `scheme_id = ${quoteLiteral(t)}`;
  // comparison units of the effects: first intake year of each target's mentoring per institution × programme,
  // first placement year of each workplace target per programme × main area (joins, one pass each)
  const intakeUnits = `SELECT institution_id, programme, ${intakeTargets.map((t, i) => `min(intake_year) FILTER (WHERE ${targetOf(t)}) AS fy_${i}`).join(", ")}
    FROM ${enrol} WHERE mentor_intake GROUP BY ALL`;
  const placeUnits = `SELECT programme, main_area, ${placeTargets.map((t, i) => `min(year(placement_date)) FILTER (WHERE ${targetOf(t)}) AS fy_${i}`).join(", ")}
    FROM ${enrol} WHERE mentor_workplace AND placement_date IS NOT NULL GROUP BY ALL`;
  const unitCols = [
    ...intakeTargets.map(
      (_, i) => `CASE WHEN ui.fy_${i} IS NOT NULL AND b.intake_year >= ui.fy_${i} THEN '1' ELSE '0' END AS ci_${i}`
    ),
    ...placeTargets.map(
      (_, i) =>
        `CASE WHEN b.placement_date IS NOT NULL AND up.fy_${i} IS NOT NULL AND year(b.placement_date) >= up.fy_${i} THEN '1' ELSE '0' END AS cp_${i}`
    )
  ];
  const dd = `DATE ${quoteLiteral(dataDate)}`;
  const phaseAgg = PHASES.map(
    (p) =>
      `max(coalesce(scheme_type_at_entry, 'none')) FILTER (WHERE phase = '${p}') AS e_${p}, count(*) FILTER (WHERE phase = '${p}') AS en_${p}`
  );
  const phaseCols = PHASES.map(
    (p) => `coalesce(pe.e_${p}, 'no') AS e_${p}, CAST(coalesce(pe.en_${p}, 0) AS VARCHAR) AS en_${p}`
  );
  const stageAgg = STAGES.map((s) => `count(*) FILTER (WHERE s.stage = '${s}') AS st_${s}`);
  const stageCols = STAGES.map((s) => `CAST(coalesce(se.st_${s}, 0) AS VARCHAR) AS st_${s}`);
  const perMonth = `CASE WHEN b.meetings IS NULL OR date_diff('day', b.m_start, coalesce(b.m_end, ${dd})) < 15 THEN NULL
    ELSE b.meetings / (date_diff('day', b.m_start, coalesce(b.m_end, ${dd})) / 30.44) END`;
  // researcher exports: their cohorts and time bands (outside every cohort the extra attributes are "*")
  const inScope = (s: AtomScope) => `b.in_${scopes.indexOf(s)}`;
  const inAny = scopes.length ? scopes.map(inScope).join(" OR ") : "FALSE";
  const scoped = (s: AtomScope | null, expr: string) => `CASE WHEN ${s ? inScope(s) : inAny} THEN ${expr} ELSE '*' END`;
  const scopeCols: string[] = [];
  const scopeNames: [string, string][] = [];
  if (scopes.length) {
    scopeCols.push(
      `${scoped(null, "coalesce(CAST(b.gender AS VARCHAR), 'null')")} AS gen`,
      `${scoped(null, "coalesce(CAST(b.age_band AS VARCHAR), 'null')")} AS age`,
      `${scoped(null, "coalesce(CAST(b.prior_band AS VARCHAR), 'null')")} AS prior`
    );
  }
  scopes.forEach((s, j) => {
    const pb = breakList(s.periodBreaks);
    const cols: [string, string][] = [
      ["c", `CASE WHEN ${inScope(s)} THEN '1' ELSE '0' END`],
      // person-period: followed through, left, dropped out, workplace mentor started (day − 1: started on or before a period's first day)
      ["pf", scoped(s, bandSql("b.follow_days", pb))],
      ["pe", scoped(s, bandSql("b.end_day", pb))],
      ["pd", scoped(s, bandSql("b.drop_day", pb))],
      [
        "pw",
        scoped(
          s,
          `CASE WHEN b.mentor_workplace AND b.m_start IS NOT NULL THEN ${bandSql("(date_diff('day', b.intake_date, b.m_start) - 1)", pb)} ELSE 'none' END`
        )
      ],
      // survival: time to dropout or censoring from intake / from the læreplads start, in the table's intervals
      ["t", scoped(s, bandSql("coalesce(b.drop_day, b.follow_days)", breakList(s.times.length ? s.times : [0])))],
      [
        "tp",
        scoped(
          s,
          bandSql("coalesce(b.place_drop_day, b.place_follow)", breakList(s.placeTimes.length ? s.placeTimes : [0]))
        )
      ]
    ];
    for (const [name, expr] of cols) {
      scopeCols.push(`${expr} AS s${j}_${name}`);
      scopeNames.push([`s${j}_${name}`, `${s.key}.${name}`]);
    }
  });
  const sql = `WITH pe AS (SELECT enrolment_id, ${phaseAgg.join(", ")} FROM ${phases} GROUP BY enrolment_id),
  se AS (SELECT s.enrolment_id, ${stageAgg.join(", ")} FROM stage_events s JOIN ${enrol} b ON b.enrolment_id = s.enrolment_id
    WHERE s.start_date > b.intake_date GROUP BY s.enrolment_id),
  ui AS (${intakeUnits}),
  up AS (${placeUnits})
  SELECT
    CAST(b.intake_year AS VARCHAR) AS y, b.institution_id AS inst,
    coalesce(CAST(b.risk_band AS VARCHAR), 'none') AS rk, coalesce(CAST(b.risk_decile AS VARCHAR), 'none') AS rd, b.programme AS prog, b.main_area AS area,
    coalesce(b.scheme_type, 'none') AS grp, coalesce(b.scheme_id, 'none') AS sid,
    CASE WHEN b.outcome IN ('completed', 'dropped', 'transferred', 'no_show') THEN b.outcome ELSE 'ongoing' END AS out,
    coalesce(b.drop_phase, 'none') AS ph,
    ${bandSql("b.end_day")} AS xb, ${bandSql("b.follow_days")} AS fb,
    ${bandSql("b.place_follow")} AS pfb, ${bandSql("b.place_drop_day")} AS pdb,
    coalesce(CAST(year(b.placement_date) AS VARCHAR), 'none') AS py,
    ${phaseCols.join(",\n    ")},
    ${stageCols.join(",\n    ")},
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN date_diff('day', b.m_start, ${dd}) >= 365 THEN '1' ELSE '0' END AS mf,
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN b.hours IS NULL THEN 'unknown' WHEN b.hours <= 24 THEN 'le24' WHEN b.hours <= 72 THEN '24_72' WHEN b.hours <= 168 THEN '72_168' ELSE 'gt168' END AS cb,
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN ${perMonth} IS NULL THEN 'unknown' WHEN ${perMonth} < 1 THEN 'lt1' WHEN ${perMonth} < 2 THEN '1_2' WHEN ${perMonth} < 4 THEN '2_4' ELSE 'ge4' END AS mb,
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN b.rematched THEN 'yes' WHEN NOT b.rematched THEN 'no' ELSE 'unknown' END AS rb,
    CASE WHEN b.scheme_id IS NULL THEN 'none' WHEN b.outcome = 'dropped' AND b.outcome_date >= b.m_start AND date_diff('day', b.m_start, b.outcome_date) < 365 THEN '1' ELSE '0' END AS ev,
    CASE WHEN b.scheme_id IS NULL OR s.target_hours_to_first_contact IS NULL THEN 'none' WHEN b.hours <= s.target_hours_to_first_contact THEN '1' ELSE '0' END AS wt,
    ${[...unitCols, ...scopeCols].join(",\n    ")}
  FROM (SELECT *${scopes.map((s, j) => `, coalesce((${s.predicate}), FALSE) AS in_${j}`).join("")}
    FROM ${noShows ? `(SELECT * FROM ${enrol} UNION ALL SELECT * FROM ${noShows})` : enrol}) b LEFT JOIN schemes s ON s.scheme_id = b.scheme_id
    LEFT JOIN pe ON pe.enrolment_id = b.enrolment_id
    LEFT JOIN se ON se.enrolment_id = b.enrolment_id
    LEFT JOIN ui ON ui.institution_id = b.institution_id AND ui.programme = b.programme
    LEFT JOIN up ON up.programme = b.programme AND up.main_area = b.main_area`;
  // ordered: the audit's LPs and its choice of cells to hide must not depend on DuckDB's thread scheduling
  const attributesRows = await query<Record<string, string | number>>(
    con,
    `SELECT *, CAST(count(*) AS INTEGER) AS atom_n FROM (${sql}) GROUP BY ALL ORDER BY ALL`
  );
  const attributes = attributesRows.length ? Object.keys(attributesRows[0]).filter((k) => k !== "atom_n") : [];
  // unit and scope columns by name (the SQL names are positional)
  const rename = new Map<string, string>([
    ...intakeTargets.map((t, i) => [`ci_${i}`, `ci:${t}`] as const),
    ...placeTargets.map((t, i) => [`cp_${i}`, `cp:${t}`] as const),
    ...scopeNames
  ]);
  const atoms = attributesRows.map((r) =>
    Object.fromEntries(attributes.map((a) => [rename.get(a) ?? a, String(r[a])]))
  );
  return {
    atoms,
    counts: attributesRows.map((r) => Number(r.atom_n)),
    attributes: attributes.map((a) => rename.get(a) ?? a)
  };
}

// ---- Translation of the gate's cells ------------------------------------------------------

const one = (v: string) => [v] as const;

/** Terms of the common dimensions (everything but mentor/scheme semantics, which depend on the measure). */
function baseWhere(
  dims: Record<string, string>,
  ctx: ModelContext,
  skip: readonly string[] = []
): Record<string, readonly string[]> {
  const w: Record<string, readonly string[]> = {};
  const and = (attr: string, values: readonly string[]) => {
    const prev = w[attr];
    w[attr] = prev ? prev.filter((v) => values.includes(v)) : values;
  };
  for (const [d, v] of Object.entries(dims)) {
    if (skip.includes(d)) continue;
    switch (d) {
      case "intake_year":
        and("y", one(v));
        break;
      case "period": {
        const years = ctx.periods[v];
        if (!years) throw new ModelError(`unknown period "${v}"`);
        and("y", years);
        break;
      }
      case "programme":
        and("prog", PROGRAMME_GROUPS[v] ?? one(v));
        break;
      case "programme_group":
        and(
          "prog",
          PROGRAMME_GROUPS[v] ??
            (() => {
              throw new ModelError(`unknown programme group "${v}"`);
            })()
        );
        break;
      case "main_area":
        and("area", one(v));
        break;
      case "institution":
        and("inst", one(v));
        break;
      case "outcome":
        and("out", one(v));
        break;
      case "phase":
        and("ph", one(v));
        break;
      case "scheme_id":
        and("sid", one(v));
        break;
      case "contact":
        and("cb", one(v));
        break;
      case "meetings":
        and("mb", one(v));
        break;
      case "rematched":
        and("rb", one(v));
        break;
      case "risk_band":
        and("rk", one(v));
        break;
      case "risk_group":
        and("rk", riskGroupBands(v));
        break;
      case "risk_decile":
        and("rd", one(v));
        break;
      default:
        throw new ModelError(`dimension "${d}" is not in the privacy model`);
    }
  }
  return w;
}

const withAttr = (w: Record<string, readonly string[]>, attr: string, values: readonly string[]) => {
  const prev = w[attr];
  return {...w, [attr]: prev ? prev.filter((v) => values.includes(v)) : values};
};

/** "with" = an intake mentorship (status at intake); "without" = none or a workplace mentor later. */
function mentorAtIntake(
  w: Record<string, readonly string[]>,
  dims: Record<string, string>,
  noneMeans: "none" | "not_intake"
) {
  let out = w;
  if (dims.mentor === "with") out = withAttr(out, "grp", INTAKE_TYPES);
  else if (dims.mentor === "without") out = withAttr(out, "grp", ["none", "workplace"]);
  else if (dims.mentor !== undefined) throw new ModelError(`mentor "${dims.mentor}"`);
  if (dims.scheme_type !== undefined) {
    out = withAttr(
      out,
      "grp",
      dims.scheme_type === "none" && noneMeans === "not_intake" ? ["none", "workplace"] : one(dims.scheme_type)
    );
  }
  return out;
}

/** Eligibility (followed the whole horizon) and event-within-horizon terms. */
function eligible(h: string, origin: "intake" | "placement", ctx: ModelContext): Record<string, readonly string[]> {
  const days = daysOf(h);
  if (origin === "placement")
    return days === null ? {py: NOT_NONE_YEARS, fb: matureBands(ctx)} : {pfb: bandsFrom(days)};
  return {fb: days === null ? matureBands(ctx) : bandsFrom(days)};
}
function event(
  h: string,
  origin: "intake" | "placement",
  measure: "dropout" | "completion" = "dropout"
): Record<string, readonly string[]> {
  const days = daysOf(h);
  if (origin === "placement") return days === null ? {pdb: ALL_BANDS} : {pdb: bandsBefore(days)};
  const out = {out: [measure === "dropout" ? "dropped" : "completed"]};
  return days === null ? out : {...out, xb: bandsBefore(days)};
}
const ALL_BANDS = TIME_BREAKS.map((_, i) => String(i));
function daysOf(h: string): number | null {
  try {
    return horizonDays(h as HorizonKey);
  } catch {
    throw new ModelError(`unknown horizon "${h}"`);
  }
}
/** Follow-up bands of mature cohorts (followed at least the maturity horizon in force). */
const matureBands = (ctx: ModelContext): string[] => bandsFrom(TIME_BREAKS[bandOf(ctx.matureDays)]);
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
    level === "overall"
      ? [
          {origin: "intake", target: "all"},
          {origin: "placement", target: "workplace"}
        ]
      : [{origin: type === "workplace" ? "placement" : "intake", target: level === "scheme" ? id : type}];
  return parts.map(({origin, target}) => {
    const who: Record<string, readonly string[]> =
      role === "mentees"
        ? origin === "intake"
          ? target === "all"
            ? {grp: INTAKE_TYPES}
            : SCHEME_TYPES.includes(target as never)
              ? {grp: [target]}
              : {sid: [target]}
          : target === "workplace"
            ? {grp: ["workplace"], py: NOT_NONE_YEARS}
            : {sid: [target], py: NOT_NONE_YEARS}
        : origin === "intake"
          ? {[`ci:${target}`]: ["1"], grp: ["none", "workplace"]}
          : {[`cp:${target === "workplace" ? "workplace" : target}`]: ["1"], grp: ["none"]};
    return {where: merge(who, eligible(h, origin, ctx), dropouts ? event(h, origin) : {})};
  });
  void ctx;
}

/** An effect's terms restricted to a baseline-risk band (the band effects: analysis/effects.ts riskBandEffects). */
const inBand = (terms: Term[], dims: Record<string, string>): Term[] => {
  const bands =
    dims.risk_band !== undefined
      ? [dims.risk_band]
      : dims.risk_group !== undefined
        ? riskGroupBands(dims.risk_group)
        : null;
  return bands ? terms.map((t) => ({...t, where: withAttr(t.where, "rk", bands)})) : terms;
};

function riskGroupBands(group: string): string[] {
  try {
    return bandsOfLabel(group).map(String);
  } catch (e) {
    throw new ModelError((e as Error).message);
  }
}

/**
 * The terms of a gate cell (measure at dimension values), or a ModelError for
 * a measure the model does not know — every published count must be modelled.
 * `no_shows` counts the no-shows; every other count is of students who
 * started, as in the analysis base (no-show atoms left out).
 */
export function modelOf(measure: string, dims: Record<string, string>, ctx: ModelContext): CellModel {
  if (measure === "no_shows") return [{where: withAttr(baseWhere(dims, ctx), "out", ["no_show"])}];
  return modelOfStarted(measure, dims, ctx).map((t) => ({...t, where: withAttr(t.where, "out", STARTED_OUTCOMES)}));
}

function modelOfStarted(measure: string, dims: Record<string, string>, ctx: ModelContext): CellModel {
  let m: RegExpExecArray | null;
  if (measure === "enrolments")
    return [{where: mentorAtIntake(baseWhere(dims, ctx, ["mentor", "scheme_type"]), dims, "none")}];
  if (measure === "enrolments_mentored") return [{where: withAttr(baseWhere(dims, ctx), "grp", SCHEME_TYPES)}];
  if (measure === "enrolments_mentored_intake") return [{where: withAttr(baseWhere(dims, ctx), "grp", INTAKE_TYPES)}];
  if ((m = /^enrolments@(.+)$/.exec(measure)))
    return [
      {
        where: merge(
          mentorAtIntake(baseWhere(dims, ctx, ["mentor", "scheme_type"]), dims, "none"),
          eligible(m[1], "intake", ctx)
        )
      }
    ];
  if ((m = /^(dropout|completion)@(.+)$/.exec(measure))) {
    return [
      {
        where: merge(
          mentorAtIntake(baseWhere(dims, ctx, ["mentor", "scheme_type"]), dims, "none"),
          eligible(m[2], "intake", ctx),
          event(m[2], "intake", m[1] as "dropout" | "completion")
        )
      }
    ];
  }
  if ((m = /^(mentees|mentee_dropouts)@(.+)$/.exec(measure))) {
    const level = dims.scheme_id ? "scheme" : dims.scheme_type ? "scheme_type" : "overall";
    const key = `${level}:${dims.scheme_type ?? "all"}:${dims.scheme_id ?? ""}@${m[2]}`;
    return inBand(effectTerms(key, "mentees", m[1] === "mentee_dropouts", ctx), dims);
  }
  if ((m = /^(comparison|comparison_dropouts):(.+)$/.exec(measure)))
    return inBand(effectTerms(m[2], "comparison", m[1] === "comparison_dropouts", ctx), dims);
  if ((m = /^phase_(entered|dropped):(.+)$/.exec(measure))) {
    const p = m[2];
    const w = baseWhere(dims, ctx, ["mentor", "scheme_type"]);
    const at =
      dims.scheme_type && dims.scheme_type !== "all"
        ? [dims.scheme_type]
        : dims.mentor === "with"
          ? SCHEME_TYPES
          : dims.mentor === "without"
            ? ["none"]
            : [...SCHEME_TYPES, "none"];
    return [
      {where: merge(w, {[`e_${p}`]: at, fb: matureBands(ctx)}, m[1] === "dropped" ? {ph: [p]} : {}), weight: `en_${p}`}
    ];
  }
  if ((m = /^phase_comparison(_dropped)?:([^:]+):(.+)$/.exec(measure))) {
    const [, dropped, p, type] = m;
    const intakeTarget = type === "all" ? "all" : type === "workplace" ? null : type;
    const placeTarget = type === "all" ? "all" : type === "workplace" ? "workplace" : null;
    const common = merge(
      baseWhere(dims, ctx, ["mentor", "scheme_type"]),
      {[`e_${p}`]: ["none"], fb: matureBands(ctx)},
      dropped ? {ph: [p]} : {}
    );
    const terms: Term[] = [];
    if (intakeTarget) terms.push({where: merge(common, {[`ci:${intakeTarget}`]: ["1"]}), weight: `en_${p}`});
    if (placeTarget) {
      // students in a place unit but not in the intake unit (the SQL takes the union)
      terms.push({
        where: merge(
          common,
          {[`cp:${placeTarget}`]: ["1"], grp: ["none"]},
          intakeTarget ? {[`ci:${intakeTarget}`]: ["0"]} : {}
        ),
        weight: `en_${p}`
      });
    }
    return terms;
  }
  if (measure === "stage_starts") {
    const {stage, ...rest} = dims;
    if (stage === "gf2_end")
      return [
        {
          where: merge(baseWhere(rest, ctx), {e_school_to_apprenticeship: [...SCHEME_TYPES, "none"]}),
          weight: "en_school_to_apprenticeship"
        }
      ];
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
    const start = Number(startText);
    const ci = CURVE_BREAKS.indexOf(start);
    if (ci < 0) throw new ModelError(`time ${start} is not a curve band start (${CURVE_BREAKS.join(", ")})`);
    const b = bandOf(start);
    const end = ci + 1 < CURVE_BREAKS.length ? bandOf(CURVE_BREAKS[ci + 1]) : TIME_BREAKS.length;
    const {mentor, scheme_type, workplace, ...rest} = dims;
    let w = baseWhere(rest, ctx);
    if (mentor !== undefined) w = withAttr(w, "grp", mentor === "with" ? INTAKE_TYPES : ["none", "workplace"]);
    if (scheme_type !== undefined)
      w = withAttr(w, "grp", scheme_type === "none" ? ["none", "workplace"] : [scheme_type]);
    if (workplace !== undefined) w = withAttr(w, "grp", [workplace]);
    const from = ALL_BANDS.filter((x) => Number(x) >= b);
    const at = ALL_BANDS.filter((x) => Number(x) >= b && Number(x) < end); // the model's bands inside the curve's band
    if (origin === "intake") {
      const dropped = {out: ["dropped"]};
      const other = {out: ["completed", "transferred", "ongoing"]};
      if (what === "at_risk") return [{where: merge(w, dropped, {xb: from})}, {where: merge(w, other, {fb: from})}];
      if (what === "events") return [{where: merge(w, dropped, {xb: at})}];
      return [{where: merge(w, other, {fb: at})}];
    }
    const placed = {py: NOT_NONE_YEARS};
    if (what === "at_risk")
      return [{where: merge(w, placed, {pdb: from})}, {where: merge(w, placed, {pdb: ["none"], pfb: from})}];
    if (what === "events") return [{where: merge(w, placed, {pdb: at})}];
    return [{where: merge(w, placed, {pdb: ["none"], pfb: at})}];
  }
  throw new ModelError(
    `measure "${measure}" is not in the privacy model; declare how it sums over the base cells in loaders/privacy/model.ts`
  );
}

// ---- Researcher exports ------------------------------------------------------------------

/** A researcher export's cells in the model: its scope (cohort, time breaks) and the survival curves' interval starts. */
export interface ExportScope extends AtomScope {
  /** Row ends of each survival curve ("set|group"), ascending: the last day merged into each row (export/coarsen.ts `through`; the published time is the row's last dropout, on or before it); a row ending on day t covers (the previous row's end, t]. */
  curves: Record<string, readonly number[]>;
}

/** Survival intervals, times and curves of an export's cells (from the cells themselves: measures and dimensions name them). */
export function exportCurves(
  cells: readonly {measure: string; dims: Record<string, string>}[]
): Pick<ExportScope, "curves" | "times" | "placeTimes"> {
  const curves = new Map<string, Set<number>>();
  const add = (set: string, group: string, time: number) => {
    const key = `${set}|${group}`;
    let s = curves.get(key);
    if (!s) curves.set(key, (s = new Set()));
    s.add(time);
  };
  for (const c of cells) {
    const m = KM_MEASURE.exec(c.measure);
    if (m) add(m[2], m[3], Number(m[4]));
    for (const [d, v] of Object.entries(c.dims)) {
      const i = KM_INTERVAL.exec(d);
      if (i) add(i[1], i[2], Number(v));
    }
  }
  const out: Record<string, number[]> = {};
  for (const [key, s] of curves) out[key] = [...s].sort((a, b) => a - b);
  // a row of time t covers (previous row's time, t]: the bands break at 0 and at every t + 1
  const merged = (workplace: boolean) =>
    breakList([
      0,
      ...Object.entries(out)
        .filter(([k]) => k.startsWith("workplace|") === workplace)
        .flatMap(([, t]) => t.map((x) => x + 1))
    ]);
  return {curves: out, times: merged(false), placeTimes: merged(true)};
}
const KM_MEASURE = /^km_(at_risk|events|censored):(mentor|scheme_type|workplace):(.+):(\d+)$/;
const KM_INTERVAL = /^km_(mentor|scheme_type|workplace)_(.+)_interval$/;
const PP_MEASURE = /^pp_(at_risk|events)@(\d+)$/;

/**
 * The terms of a researcher export's cell: as `modelOf`, within the export's
 * cohort, with the dimensions and measures only exports have (strata of
 * gender, age and prior attainment; mentor status at intake and at a
 * period's start; person-period cells; the survival table's intervals).
 * Definitions as in loaders/export/tables.ts, checked like every cell against
 * the published value.
 */
export function exportModelOf(
  measure: string,
  rawDims: Record<string, string>,
  scope: ExportScope,
  ctx: ModelContext
): CellModel {
  const S = scope.key;
  const dims: Record<string, string> = {};
  for (const [d, v] of Object.entries(rawDims)) dims[d] = v === "\u0000null" ? "null" : v;
  const cohort = {[`${S}.c`]: ["1"]};
  const bands = (breaks: readonly number[]) => breaks.map((_, i) => String(i));
  const pb = breakList(scope.periodBreaks);
  const pBands = bands(pb);
  const idx = (list: readonly number[], day: number, what: string) => {
    const i = list.indexOf(day);
    if (i < 0) throw new ModelError(`${what}: day ${day} is not one of the export's breaks`);
    return i;
  };
  // the export's own dimensions; the rest are the site model's
  const own: Record<string, readonly string[]>[] = [];
  const rest: Record<string, string> = {};
  let groupTerms: Record<string, readonly string[]>[] = [{}];
  let interval: {set: string; group: string; start: number} | null = null;
  for (const [d, v] of Object.entries(dims)) {
    let m: RegExpExecArray | null;
    if (d === "gender") own.push({gen: [v]});
    else if (d === "age_band") own.push({age: [v]});
    else if (d === "prior_band") own.push({prior: [v]});
    else if (d === "institution_id") own.push({inst: [v]});
    else if (d === "intake_mentor") own.push({grp: v === "with" ? INTAKE_TYPES : ["none", "workplace"]});
    else if (d === "followed_period_0") own.push({[`${S}.pf`]: v === "yes" ? pBands.slice(1) : ["neg", "0"]});
    else if (d === "workplace_curve") own.push({py: NOT_NONE_YEARS, grp: [v]});
    else if ((m = KM_INTERVAL.exec(d))) interval = {set: m[1], group: m[2], start: Number(v)};
    else if (d === "scheme_type" && !/^phase_/.test(measure)) {
      // mentor status: the first mentorship (outcomes), or at a period's start (person-period)
      const p = PP_MEASURE.exec(measure);
      const started = (period: number) => ["neg", ...pBands.slice(0, period)];
      if (v === "workplace_started") groupTerms = [{grp: ["workplace"], [`${S}.pw`]: started(0)}];
      else if (v === "none_at_start")
        groupTerms = [{grp: ["none"]}, {grp: ["workplace"], [`${S}.pw`]: [...pBands, "none"]}];
      else if (p && v === "workplace") groupTerms = [{grp: ["workplace"], [`${S}.pw`]: started(Number(p[2]))}];
      else if (p && v === "none")
        groupTerms = [{grp: ["none"]}, {grp: ["workplace"], [`${S}.pw`]: [...pBands.slice(Number(p[2])), "none"]}];
      else own.push({grp: [v]});
    } else rest[d] = v;
  }
  // exports count students who started (no-show atoms left out, as in modelOf)
  const within = (terms: CellModel): CellModel =>
    terms.flatMap((t) =>
      groupTerms.map((g) => ({...t, where: merge(t.where, cohort, ...own, g, {out: STARTED_OUTCOMES})}))
    );
  /** Bands of a survival row of time t: (the curve's previous row time, t]; `atRisk`: from the row's start on. */
  const intervalBands = (set: string, group: string, time: number, times: readonly number[], atRisk = false) => {
    const list = scope.curves[`${set}|${group}`] ?? [];
    const prev = list.filter((t) => t < time).pop();
    const from = prev === undefined ? 0 : idx(times, prev + 1, `survival ${set}=${group}`);
    const to = atRisk ? times.length : idx(times, time + 1, `survival ${set}=${group}`);
    return bands(times).slice(from, to);
  };
  let m: RegExpExecArray | null;
  if (measure === "enrolments") {
    const extra: Record<string, readonly string[]> = {};
    if (interval) {
      if (interval.set === "workplace") throw new ModelError(`enrolments by ${interval.set} interval`);
      extra[`${S}.t`] = intervalBands(interval.set, interval.group, interval.start, scope.times);
    }
    return within([{where: merge(baseWhere(rest, ctx), extra)}]);
  }
  if ((m = KM_MEASURE.exec(measure))) {
    const [, what, set, group, startText] = m;
    const start = Number(startText);
    const placement = set === "workplace";
    const times = placement ? scope.placeTimes : scope.times;
    const t = placement ? `${S}.tp` : `${S}.t`;
    const w = baseWhere(rest, ctx);
    const population: Record<string, readonly string[]> = placement ? {py: NOT_NONE_YEARS} : {};
    if (what === "at_risk")
      return within([{where: merge(w, population, {[t]: intervalBands(set, group, start, times, true)})}]);
    const span = {[t]: intervalBands(set, group, start, times)};
    const event: Record<string, readonly string[]> = placement
      ? what === "events"
        ? {pdb: ALL_BANDS}
        : {pdb: ["none"]}
      : what === "events"
        ? {out: ["dropped"]}
        : {out: ["completed", "transferred", "ongoing"]};
    return within([{where: merge(w, population, span, event)}]);
  }
  if ((m = /^pp_left@(\d+)$/.exec(measure))) {
    // those who leave a person-period cell in period p other than by dropping out: at risk in p − events in p − at risk in p + 1
    const p = Number(m[1]);
    const part = (what: string, q: number, sign?: -1) =>
      exportModelOf(`pp_${what}@${q}`, rawDims, scope, ctx).map((t) => (sign ? {...t, sign} : t));
    return [...part("at_risk", p), ...part("events", p, -1), ...part("at_risk", p + 1, -1)];
  }
  if ((m = PP_MEASURE.exec(measure))) {
    const p = Number(m[2]);
    // at risk in period p: followed through it and not left before it; an event: a dropout in it
    const followed = {[`${S}.pf`]: pBands.slice(p + 1)};
    const atRisk: Record<string, readonly string[]>[] = [{[`${S}.pe`]: ["none", ...pBands.slice(p)]}];
    const terms = atRisk.map((a) => ({
      where: merge(baseWhere(rest, ctx), followed, a, m![1] === "events" ? {[`${S}.pd`]: [String(p)]} : {})
    }));
    return within(terms);
  }
  if (/^phase_/.test(measure)) return within(modelOf(measure, rest, ctx));
  throw new ModelError(
    `export measure "${measure}" is not in the privacy model; declare how it sums over the base cells in loaders/privacy/model.ts`
  );
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
        const vals =
          wanted === NOT_NONE_YEARS || (wanted.length === 1 && wanted[0] === NOT_NONE_YEARS[0])
            ? this.values.get(attr)!.filter((v) => v !== "none")
            : wanted;
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
          const c = (term.weight ? Number(this.atoms[i][term.weight]) : 1) * (term.sign ?? 1);
          if (c) out.set(i, (out.get(i) ?? 0) + c);
        }
      }
    }
    for (const [i, c] of out) {
      if (c === 0) out.delete(i);
      else if (c < 0)
        throw new ModelError(
          "a derived count subtracts students it does not hold (terms with sign −1 must be parts of the others)"
        );
    }
    return out;
  }
}
