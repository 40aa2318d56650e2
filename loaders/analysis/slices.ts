/**
 * Slices: the filter combinations the transitions and cohorts pages offer —
 * programme group, main area (vocational only) and intake period. The site
 * publishes one small file of curves and stage hazards per slice, and a page
 * loads only the slice chosen, so any view costs one file of data.
 *
 * The options partition the population on purpose (periods do not overlap,
 * main areas split the vocational group), so every slice is a cell or a total
 * of a partition: the privacy gate's complementary suppression then covers
 * them. Free year ranges would overlap, and two overlapping ranges subtract to
 * a single small cohort.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {MAIN_AREAS} from "../contract/contract.ts";
import {quoteLiteral} from "../stats/index.ts";
import {query} from "../warehouse.ts";
import type {ProgrammeGroup} from "./types.ts";

/** Years per intake period. */
export const PERIOD_YEARS = 3;

export interface IntakePeriod {
  /** "2014-2016" (file- and URL-safe). */
  key: string;
  from: number;
  to: number;
}

/** Consecutive periods of PERIOD_YEARS intake years from the first year (the last one may be shorter). */
export function intakePeriods(firstYear: number, lastYear: number): IntakePeriod[] {
  const out: IntakePeriod[] = [];
  for (let from = firstYear; from <= lastYear; from += PERIOD_YEARS) {
    const to = Math.min(lastYear, from + PERIOD_YEARS - 1);
    out.push({key: from === to ? String(from) : `${from}-${to}`, from, to});
  }
  return out;
}

/** The periods of the enrolments in a per-enrolment relation (column intake_year). */
export async function periodsOf(con: DuckDBConnection, relation: string): Promise<IntakePeriod[]> {
  const [r] = await query<{lo: number | null; hi: number | null}>(
    con,
    `SELECT min(intake_year) AS lo, max(intake_year) AS hi FROM ${relation}`
  );
  return r.lo === null || r.hi === null ? [] : intakePeriods(r.lo, r.hi);
}

/** SQL expression: the period key of `intake_year`. */
export function periodSql(periods: readonly IntakePeriod[], column = "intake_year"): string {
  if (periods.length === 0) return "'all'";
  return `CASE ${periods.map((p) => `WHEN ${column} BETWEEN ${p.from} AND ${p.to} THEN ${quoteLiteral(p.key)}`).join(" ")} END`;
}

/** Short, file-safe names of the main areas (slice keys and URLs). */
export const MAIN_AREA_SLUGS: Record<string, string> = {
  all: "all",
  [MAIN_AREAS[0]]: "omsorg",
  [MAIN_AREAS[1]]: "kontor",
  [MAIN_AREAS[2]]: "foedevarer",
  [MAIN_AREAS[3]]: "teknologi"
};

/** Programme group × main area choices: main areas exist only within the vocational group. */
export const PROGRAMME_CHOICES: readonly {programme: ProgrammeGroup; main_area: string}[] = [
  {programme: "all", main_area: "all"},
  {programme: "vocational", main_area: "all"},
  ...MAIN_AREAS.map((a) => ({programme: "vocational" as const, main_area: a as string})),
  {programme: "gymnasium", main_area: "all"},
  {programme: "preparatory", main_area: "all"}
];

export interface SliceId {
  programme: ProgrammeGroup;
  main_area: string;
  period: string;
}

/** The key of a slice: its file name under src/generated/slices/ (without .json). */
export function sliceKey(s: SliceId): string {
  const area = MAIN_AREA_SLUGS[s.main_area];
  if (!area) throw new Error(`No slug for main area "${s.main_area}"`);
  return `${s.programme}.${area}.${s.period}`;
}

/** Every slice, for the given periods ("all" first). */
export function allSlices(periods: readonly IntakePeriod[]): SliceId[] {
  return PROGRAMME_CHOICES.flatMap((c) => ["all", ...periods.map((p) => p.key)].map((period) => ({...c, period})));
}

/**
 * FROM-clause fragment that repeats each row of `alias` once per slice it
 * belongs to, as columns pg (programme group), area and period: the row's own
 * values and "all". Without periods only the programme-group split is made
 * (area and period "all").
 */
export function sliceUnnest(alias: string, periods: readonly IntakePeriod[] | null): string {
  const pg = `unnest(['all', ${alias}.programme_group]) AS g(pg)`;
  if (!periods) return `${pg}, (SELECT 'all' AS area, 'all' AS period) AS sl`;
  return `${pg},
      unnest(CASE WHEN g.pg = 'vocational' THEN ['all', ${alias}.main_area] ELSE ['all'] END) AS a(area),
      unnest(['all', ${periodSql(periods, `${alias}.intake_year`)}]) AS y(period)`;
}
