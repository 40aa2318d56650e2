/**
 * Cohort definition shared by the analysis functions, the cohorts page and
 * the researcher export: validation (with an error that lists the allowed
 * values) and the SQL predicate over the per-enrolment base table.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {
  AGE_BANDS,
  GENDERS,
  MAIN_AREAS,
  PRIOR_ATTAINMENT_BANDS,
  PROGRAMMES,
  SCHEME_TYPES
} from "../contract/contract.ts";
import {quoteLiteral} from "../stats/index.ts";
import {query} from "../warehouse.ts";
import type {CohortFilters} from "./types.ts";

export type {CohortFilters};

/** Value used for the main area of programmes without main areas. */
export const NO_MAIN_AREA = "none";

const LIST_FILTERS = {
  programmes: PROGRAMMES as readonly string[],
  mainAreas: [...MAIN_AREAS, NO_MAIN_AREA] as readonly string[],
  schemeTypes: SCHEME_TYPES as readonly string[],
  ageBands: AGE_BANDS as readonly string[],
  genders: GENDERS as readonly string[],
  priorBands: PRIOR_ATTAINMENT_BANDS as readonly string[]
} as const;

const KNOWN_KEYS = ["intakeYears", "institutions", "mentor", ...Object.keys(LIST_FILTERS)];

export class FilterError extends Error {}

/**
 * Check a filter object; throws FilterError naming the bad key and listing
 * the allowed values. Institutions are checked against the warehouse when a
 * connection is given.
 */
export async function validateFilters(filters: CohortFilters = {}, con?: DuckDBConnection): Promise<CohortFilters> {
  if (filters === null || typeof filters !== "object" || Array.isArray(filters))
    throw new FilterError("filters must be an object");
  for (const key of Object.keys(filters)) {
    if (!KNOWN_KEYS.includes(key))
      throw new FilterError(`Unknown filter "${key}". Known filters: ${KNOWN_KEYS.join(", ")}`);
  }
  const f = filters as Record<string, unknown>;
  if (f.intakeYears !== undefined) {
    const y = f.intakeYears;
    if (
      !Array.isArray(y) ||
      y.length !== 2 ||
      !y.every((v) => Number.isInteger(v)) ||
      (y[0] as number) > (y[1] as number)
    ) {
      throw new FilterError(
        `intakeYears must be [from, to] with integer years and from ≤ to, got ${JSON.stringify(y)}`
      );
    }
  }
  if (f.mentor !== undefined && typeof f.mentor !== "boolean")
    throw new FilterError(`mentor must be true or false, got ${JSON.stringify(f.mentor)}`);
  for (const [key, allowed] of Object.entries(LIST_FILTERS)) {
    const v = f[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
      throw new FilterError(`${key} must be an array of strings`);
    const bad = (v as string[]).filter((x) => !allowed.includes(x));
    if (bad.length > 0)
      throw new FilterError(
        `${key}: unknown value(s) ${bad.map((b) => JSON.stringify(b)).join(", ")}. Allowed: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`
      );
  }
  if (f.institutions !== undefined) {
    const v = f.institutions;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
      throw new FilterError("institutions must be an array of strings");
    if (con) {
      const institutions = await warehouseInstitutions(con);
      const known = institutions.map((r) => r.id);
      // ids match regardless of case (as every other filter value), unless the warehouse has ids that differ only in case
      const resolved = (v as string[]).map((x) =>
        known.includes(x) ? [x] : known.filter((k) => k.toLowerCase() === x.toLowerCase())
      );
      const bad = (v as string[]).filter((_, i) => resolved[i].length !== 1);
      if (bad.length > 0)
        throw new FilterError(
          `institutions: unknown value(s) ${bad.join(", ")}. Allowed: ${describeInstitutions(institutions)}`
        );
      return {...filters, institutions: resolved.map((r) => r[0])};
    }
  }
  return filters;
}

/** The institutions that have enrolments in the warehouse, with their names (institutions.name). */
export async function warehouseInstitutions(con: DuckDBConnection): Promise<{id: string; name: string | null}[]> {
  return query<{id: string; name: string | null}>(
    con,
    `SELECT DISTINCT e.institution_id AS id, i.name
    FROM enrolments e LEFT JOIN institutions i USING (institution_id) ORDER BY 1`
  );
}

/** "I01 (TEC Frederiksberg), I02 (SOPU København), …" for messages. */
export function describeInstitutions(list: readonly {id: string; name: string | null}[]): string {
  return list.map((r) => (r.name ? `${r.id} (${r.name})` : r.id)).join(", ");
}

/**
 * What the warehouse holds, for a message about a cohort that holds nothing: the intake years, the
 * programmes and the institutions (with names) of its enrolments. Values only, no counts.
 */
export async function warehouseHoldings(
  con: DuckDBConnection
): Promise<{years: number[]; programmes: string[]; institutions: {id: string; name: string | null}[]}> {
  const years = (
    await query<{y: number}>(con, "SELECT DISTINCT CAST(year(intake_date) AS INTEGER) AS y FROM enrolments ORDER BY 1")
  ).map((r) => Number(r.y));
  const programmes = (await query<{p: string}>(con, "SELECT DISTINCT programme AS p FROM enrolments ORDER BY 1")).map(
    (r) => r.p
  );
  return {years, programmes, institutions: await warehouseInstitutions(con)};
}

/** Canonical string of a filter object (cache key). */
export function filterKey(filters: CohortFilters = {}): string {
  const entries = Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) && k !== "intakeYears" ? [...v].sort() : v] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(entries);
}

const list = (values: readonly string[]) => values.map(quoteLiteral).join(", ");

/**
 * SQL predicate over the per-enrolment base table (columns intake_year,
 * programme, main_area, institution_id, scheme_type, age_band, gender,
 * prior_band). `schemeTypes` keeps students without a mentor plus those
 * mentored in the listed types; `mentor` true/false keeps students with any /
 * no mentorship.
 */
export function filterPredicate(filters: CohortFilters = {}): string {
  const parts: string[] = ["TRUE"];
  if (filters.intakeYears) parts.push(`intake_year BETWEEN ${filters.intakeYears[0]} AND ${filters.intakeYears[1]}`);
  if (filters.programmes)
    parts.push(filters.programmes.length ? `programme IN (${list(filters.programmes)})` : "FALSE");
  if (filters.mainAreas) parts.push(filters.mainAreas.length ? `main_area IN (${list(filters.mainAreas)})` : "FALSE");
  if (filters.institutions)
    parts.push(filters.institutions.length ? `institution_id IN (${list(filters.institutions)})` : "FALSE");
  if (filters.schemeTypes)
    parts.push(
      `(scheme_type IS NULL${filters.schemeTypes.length ? ` OR scheme_type IN (${list(filters.schemeTypes)})` : ""})`
    );
  if (filters.mentor !== undefined) parts.push(filters.mentor ? "scheme_type IS NOT NULL" : "scheme_type IS NULL");
  if (filters.ageBands) parts.push(filters.ageBands.length ? `age_band IN (${list(filters.ageBands)})` : "FALSE");
  if (filters.genders) parts.push(filters.genders.length ? `gender IN (${list(filters.genders)})` : "FALSE");
  if (filters.priorBands)
    parts.push(filters.priorBands.length ? `prior_band IN (${list(filters.priorBands)})` : "FALSE");
  return parts.join(" AND ");
}
