/**
 * Full grids of the export's tables: every combination of the allowed values
 * of a table's dimensions is a row (with zeros where the cohort has nobody),
 * so that whether a row exists says nothing about the students. The allowed
 * values come from the contract (programmes, main areas, age bands, genders,
 * prior-attainment bands, scheme types), narrowed by the cohort's own filter
 * (`programme=EUD` → only EUD), and for intake years and institutions from the
 * warehouse as a whole (the years and institutions the site shows), never
 * from the cohort's data.
 *
 * Combinations the contract rules out are left out: main areas exist only for
 * EUD/EUX ("none" for the other programmes), and a programme belongs to one
 * programme group.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {
  AGE_BANDS,
  GENDERS,
  MAIN_AREAS,
  PRIOR_ATTAINMENT_BANDS,
  PROGRAMME_GROUP_CODES,
  PROGRAMME_GROUP_OF as PROGRAMME_GROUP_OF_CONTRACT,
  PROGRAMMES,
  SCHEME_TYPES
} from "../contract/contract.ts";
import {NO_MAIN_AREA} from "../analysis/filters.ts";
import type {CohortFilters} from "../analysis/types.ts";
import {quoteIdentifier, quoteLiteral} from "../stats/index.ts";
import {query} from "../warehouse.ts";

export const VOCATIONAL = ["EUD", "EUX"];
export const PROGRAMME_GROUP_OF: Record<string, string> = PROGRAMME_GROUP_OF_CONTRACT;
const PROGRAMME_GROUP_ORDER: readonly string[] = PROGRAMME_GROUP_CODES;
/** Scheme types whose mentor counts from intake (all but workplace). */
export const INTAKE_TYPES = SCHEME_TYPES.filter((t) => t !== "workplace") as string[];

/** Allowed values of every covariate and of the scheme type ("none" = no mentor) for one cohort. */
export interface Domains {
  intake_year: number[];
  programme: string[];
  programme_group: string[];
  main_area: string[];
  institution_id: string[];
  age_band: string[];
  gender: string[];
  prior_band: string[];
  /** Scheme type of the first mentorship, "none" = no mentor (outcome tables). */
  scheme_type: string[];
  /** Scheme type at a point in time (person-period periods, phase starts): adds "none" when workplace mentees are in the cohort (before their mentor starts). */
  scheme_type_at: string[];
}

/**
 * The domains of a cohort. `allEnrol` is the per-enrolment base table of the whole warehouse
 * (intake years; the institutions come from the enrolments table, as in validateFilters).
 */
export async function cohortDomains(con: DuckDBConnection, filters: CohortFilters, allEnrol: string): Promise<Domains> {
  const [range] = await query<{lo: number | null; hi: number | null}>(
    con,
    `SELECT min(intake_year) AS lo, max(intake_year) AS hi FROM ${allEnrol}`
  );
  let years: number[] = [];
  if (range.lo !== null && range.hi !== null) {
    const lo = Math.max(range.lo, filters.intakeYears?.[0] ?? range.lo);
    const hi = Math.min(range.hi, filters.intakeYears?.[1] ?? range.hi);
    for (let y = lo; y <= hi; y++) years.push(y);
  }
  if (years.length === 0 && filters.intakeYears) years = [filters.intakeYears[0]];
  const institutions = filters.institutions
    ? [...filters.institutions].sort()
    : (await query<{id: string}>(con, "SELECT DISTINCT institution_id AS id FROM enrolments ORDER BY 1")).map(
        (r) => r.id
      );
  const areasAll = [...MAIN_AREAS, NO_MAIN_AREA] as string[];
  let programmes = (filters.programmes ?? [...PROGRAMMES]) as string[];
  let areas = filters.mainAreas ?? areasAll;
  // main areas exist for EUD/EUX only: keep the programmes and areas that can go together
  programmes = PROGRAMMES.filter((p) => programmes.includes(p) && areas.some((a) => validProgrammeArea(p, a)));
  areas = areasAll.filter((a) => areas.includes(a) && programmes.some((p) => validProgrammeArea(p, a)));
  let types: string[] = [...SCHEME_TYPES, "none"];
  if (filters.schemeTypes) types = [...SCHEME_TYPES.filter((t) => filters.schemeTypes!.includes(t)), "none"];
  if (filters.mentor === true) types = types.filter((t) => t !== "none");
  if (filters.mentor === false) types = ["none"];
  const typesAt = types.includes("workplace") && !types.includes("none") ? [...types, "none"] : types;
  return {
    intake_year: years,
    programme: programmes,
    programme_group: PROGRAMME_GROUP_ORDER.filter((g) => programmes.some((p) => PROGRAMME_GROUP_OF[p] === g)),
    main_area: areas,
    institution_id: institutions,
    age_band: (filters.ageBands ? AGE_BANDS.filter((b) => filters.ageBands!.includes(b)) : [...AGE_BANDS]) as string[],
    gender: (filters.genders ? GENDERS.filter((g) => filters.genders!.includes(g)) : [...GENDERS]) as string[],
    prior_band: (filters.priorBands
      ? PRIOR_ATTAINMENT_BANDS.filter((b) => filters.priorBands!.includes(b))
      : [...PRIOR_ATTAINMENT_BANDS]) as string[],
    scheme_type: types,
    scheme_type_at: typesAt
  };
}

export function validProgrammeArea(programme: string, area: string): boolean {
  return VOCATIONAL.includes(programme) ? area !== NO_MAIN_AREA : area === NO_MAIN_AREA;
}

export interface GridDim {
  column: string;
  values: readonly (string | number)[];
}

/** The domain of a covariate (or "scheme_type" / "scheme_type_at"). */
export function dimOf(domains: Domains, column: keyof Domains, as = column): GridDim {
  return {column: as, values: domains[column]};
}

/** Number of rows of a grid (the product of the domain sizes, less the combinations the contract rules out). */
export function gridSize(dims: readonly GridDim[]): number {
  return gridRows(dims).length;
}

/** Rows of a grid, in the order of the domains. */
export function gridRows(dims: readonly GridDim[]): Record<string, string | number>[] {
  let rows: Record<string, string | number>[] = [{}];
  for (const d of dims) rows = rows.flatMap((r) => d.values.map((v) => ({...r, [d.column]: v})));
  return rows.filter(validCombination);
}

function validCombination(r: Record<string, string | number>): boolean {
  const area = r.main_area as string | undefined;
  const programme = r.programme as string | undefined;
  const group = r.programme_group as string | undefined;
  if (area !== undefined && programme !== undefined && !validProgrammeArea(programme, area)) return false;
  if (area !== undefined && group !== undefined && (group === "vocational") !== (area !== NO_MAIN_AREA)) return false;
  if (programme !== undefined && group !== undefined && PROGRAMME_GROUP_OF[programme] !== group) return false;
  return true;
}

/** SQL (a SELECT) listing every row of a grid, with the contract's exclusions as a WHERE clause. */
export function gridSql(dims: readonly GridDim[]): string {
  if (dims.length === 0) return "SELECT 1 AS _grid";
  const parts = dims.map((d) => {
    const numeric = d.values.length > 0 && typeof d.values[0] === "number";
    const list = `[${d.values.map((v) => (typeof v === "number" ? String(v) : quoteLiteral(v))).join(", ")}]::${numeric ? "INTEGER" : "VARCHAR"}[]`;
    return `(SELECT unnest(${list}) AS ${quoteIdentifier(d.column)})`;
  });
  const names = new Set(dims.map((d) => d.column));
  const where: string[] = [];
  const voc = `(${VOCATIONAL.map(quoteLiteral).join(", ")})`;
  if (names.has("programme") && names.has("main_area"))
    where.push(`(programme IN ${voc}) = (main_area <> ${quoteLiteral(NO_MAIN_AREA)})`);
  if (names.has("programme_group") && names.has("main_area"))
    where.push(`(programme_group = 'vocational') = (main_area <> ${quoteLiteral(NO_MAIN_AREA)})`);
  if (names.has("programme") && names.has("programme_group")) {
    where.push(
      `programme_group = CASE ${Object.entries(PROGRAMME_GROUP_OF)
        .map(([p, g]) => `WHEN programme = ${quoteLiteral(p)} THEN ${quoteLiteral(g)}`)
        .join(" ")} END`
    );
  }
  return `SELECT * FROM ${parts.join("\n  CROSS JOIN ")}${where.length ? `\n  WHERE ${where.join(" AND ")}` : ""}`;
}
