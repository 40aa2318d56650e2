/**
 * The `--cohort` filter syntax of the researcher export and its mapping onto
 * the analysis layer's `CohortFilters`.
 *
 *   --cohort "years=2015-2019;programme=EUD,EUX;mentor=yes"
 *
 * `key=value` parts separated by `;`, list values separated by `,`. Keys (and
 * aliases) are in `COHORT_KEYS`; values are matched case-insensitively to the
 * contract's codes. Main areas may be given by a short code (`omsorg`,
 * `kontor`, `foedevarer`, `teknologi`, `none`) or by the full name (full
 * names contain ", ", which is handled). `all` or an empty string = the whole
 * warehouse. Syntax errors throw `CohortSyntaxError`; unknown values are left
 * to `validateFilters` (analysis layer), whose message lists the allowed
 * values, and are re-worded in terms of the `--cohort` keys by `validateCohort`.
 *
 * Also parses `--covariates` (the cell columns of the aggregated tables).
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
import {FilterError, NO_MAIN_AREA, validateFilters} from "../analysis/filters.ts";
import type {CohortFilters} from "../analysis/types.ts";

export class CohortSyntaxError extends Error {}

type FilterKey = keyof CohortFilters;

interface KeySpec {
  /** Canonical key in the --cohort syntax. */
  key: string;
  aliases: string[];
  filter: FilterKey;
  /** Allowed values (for messages and case-insensitive matching); institutions are checked against the warehouse. */
  values?: readonly string[];
  help: string;
}

/** Short codes of the four main areas (hovedområder). */
export const MAIN_AREA_CODES: Record<string, string> = {
  omsorg: MAIN_AREAS[0],
  kontor: MAIN_AREAS[1],
  foedevarer: MAIN_AREAS[2],
  teknologi: MAIN_AREAS[3],
  none: NO_MAIN_AREA
};

export const COHORT_KEYS: readonly KeySpec[] = [
  {
    key: "years",
    aliases: ["year", "intake_year", "intake_years"],
    filter: "intakeYears",
    help: "intake years: 2017 or 2015-2019 (inclusive)"
  },
  {
    key: "programme",
    aliases: ["programmes", "program", "programs"],
    filter: "programmes",
    values: PROGRAMMES,
    help: `programme: ${PROGRAMMES.join(", ")}`
  },
  {
    key: "area",
    aliases: ["main_area", "main_areas", "areas"],
    filter: "mainAreas",
    values: [...MAIN_AREAS, NO_MAIN_AREA],
    help: `main area: ${Object.keys(MAIN_AREA_CODES).join(", ")} (or the full name; none = programmes without main areas)`
  },
  {
    key: "institution",
    aliases: ["institutions", "institution_id"],
    filter: "institutions",
    help: "institution ids (institutions.institution_id)"
  },
  {
    key: "scheme",
    aliases: ["scheme_type", "scheme_types", "schemes"],
    filter: "schemeTypes",
    values: SCHEME_TYPES,
    help: `scheme types: ${SCHEME_TYPES.join(", ")} (keeps students without a mentor too; add mentor=yes for mentees only)`
  },
  {
    key: "mentor",
    aliases: ["mentored"],
    filter: "mentor",
    values: ["yes", "no"],
    help: "yes (any mentorship) or no (none)"
  },
  {
    key: "age",
    aliases: ["age_band", "age_bands"],
    filter: "ageBands",
    values: AGE_BANDS,
    help: `age band at intake: ${AGE_BANDS.join(", ")}`
  },
  {
    key: "gender",
    aliases: ["genders", "sex"],
    filter: "genders",
    values: GENDERS,
    help: `gender: ${GENDERS.join(", ")}`
  },
  {
    key: "prior",
    aliases: ["prior_band", "prior_bands", "prior_attainment_band"],
    filter: "priorBands",
    values: PRIOR_ATTAINMENT_BANDS,
    help: `prior-attainment band: ${PRIOR_ATTAINMENT_BANDS.join(", ")}`
  }
];

const allKeys = () => COHORT_KEYS.map((k) => `${k.key} (${k.help})`).join("; ");

function keySpec(name: string): KeySpec {
  const n = name.trim().toLowerCase();
  const spec = COHORT_KEYS.find((k) => k.key === n || k.aliases.includes(n));
  if (!spec) throw new CohortSyntaxError(`Unknown cohort filter "${name.trim()}". Known filters: ${allKeys()}`);
  return spec;
}

const YES = ["yes", "ja", "true", "1", "with"];
const NO = ["no", "nej", "false", "0", "without"];

/** Split a list value on commas; leave the value as is when no canonical value matches case-insensitively. */
function listValues(raw: string, allowed?: readonly string[]): string[] {
  const items = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (!allowed) return items;
  return items.map((item) => allowed.find((a) => a.toLowerCase() === item.toLowerCase()) ?? item);
}

/** Main areas: short codes or full names (which contain ", "), comma-separated. */
function areaValues(raw: string): string[] {
  const tokens = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const out: string[] = [];
  const fold = (s: string) => s.toLowerCase().replace(/ø/g, "oe").replace(/æ/g, "ae").replace(/å/g, "aa");
  for (let i = 0; i < tokens.length; i++) {
    // the longest run of tokens that spells a full name ("Kontor, handel og …" starts like the code "kontor")
    let matched = false;
    for (let j = tokens.length; j > i; j--) {
      const name = tokens.slice(i, j).join(", ");
      const full = [...MAIN_AREAS, NO_MAIN_AREA].find((a) => fold(a) === fold(name));
      if (full) {
        out.push(full);
        i = j - 1;
        matched = true;
        break;
      }
    }
    if (!matched) out.push(MAIN_AREA_CODES[fold(tokens[i])] ?? tokens[i]);
  }
  return out;
}

function years(raw: string): [number, number] {
  const m = /^\s*(\d{4})\s*(?:(?:-|–|\.\.)\s*(\d{4})\s*)?$/.exec(raw);
  if (!m) throw new CohortSyntaxError(`--cohort years: expected a year (2017) or a range (2015-2019), got "${raw}"`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > to) throw new CohortSyntaxError(`--cohort years: the range ${from}-${to} is empty (from > to)`);
  return [from, to];
}

/**
 * Parse a `--cohort` string into `CohortFilters` (syntax only; values are
 * checked by `validateCohort`). Returns the filters and a canonical spelling.
 */
export function parseCohort(text: string | undefined): {filters: CohortFilters; canonical: string} {
  const filters: CohortFilters = {};
  const trimmed = (text ?? "").trim();
  if (trimmed === "" || trimmed.toLowerCase() === "all") return {filters, canonical: "all"};
  const seen = new Set<string>();
  for (const part of trimmed.split(";")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0)
      throw new CohortSyntaxError(`--cohort: expected key=value, got "${part.trim()}". Known filters: ${allKeys()}`);
    const spec = keySpec(part.slice(0, eq));
    const raw = part.slice(eq + 1).trim();
    if (seen.has(spec.key))
      throw new CohortSyntaxError(
        `--cohort: "${spec.key}" is given twice; list several values with commas (${spec.key}=a,b)`
      );
    seen.add(spec.key);
    if (raw === "") throw new CohortSyntaxError(`--cohort ${spec.key}: no value given. Allowed: ${spec.help}`);
    switch (spec.filter) {
      case "intakeYears":
        filters.intakeYears = years(raw);
        break;
      case "mentor": {
        const v = raw.toLowerCase();
        if (YES.includes(v)) filters.mentor = true;
        else if (NO.includes(v)) filters.mentor = false;
        else throw new CohortSyntaxError(`--cohort mentor: unknown value "${raw}". Allowed: yes, no`);
        break;
      }
      case "mainAreas":
        filters.mainAreas = areaValues(raw);
        break;
      default:
        (filters as Record<string, string[]>)[spec.filter] = listValues(raw, spec.values);
    }
  }
  return {filters, canonical: formatCohort(filters)};
}

/** The canonical `--cohort` spelling of a filter object (recorded in provenance.json). */
export function formatCohort(filters: CohortFilters): string {
  const parts: string[] = [];
  for (const spec of COHORT_KEYS) {
    const v = filters[spec.filter];
    if (v === undefined) continue;
    if (spec.filter === "intakeYears") {
      const [a, b] = v as [number, number];
      parts.push(`years=${a === b ? a : `${a}-${b}`}`);
    } else if (spec.filter === "mentor") parts.push(`mentor=${v ? "yes" : "no"}`);
    else if (spec.filter === "mainAreas") {
      const codes = Object.fromEntries(Object.entries(MAIN_AREA_CODES).map(([c, name]) => [name, c]));
      parts.push(`area=${(v as string[]).map((a) => codes[a] ?? a).join(",")}`);
    } else parts.push(`${spec.key}=${(v as string[]).join(",")}`);
  }
  return parts.length ? parts.join(";") : "all";
}

/**
 * Validate parsed filters with the analysis layer's `validateFilters`
 * (institutions against the warehouse when `con` is given). Its FilterError
 * names the CohortFilters key; the message is re-worded with the `--cohort`
 * key (and main-area short codes) so a command-line user knows what to fix.
 */
export async function validateCohort(filters: CohortFilters, con?: DuckDBConnection): Promise<CohortFilters> {
  try {
    return await validateFilters(filters, con);
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    let message = error.message;
    for (const spec of COHORT_KEYS) {
      if (message.startsWith(`${spec.filter}:`) || message.startsWith(`${spec.filter} `)) {
        message = `--cohort ${spec.key}${message.slice(spec.filter.length)}`;
        if (spec.filter === "mainAreas")
          message += ` (short codes: ${Object.entries(MAIN_AREA_CODES)
            .map(([c, n]) => `${c} = ${n}`)
            .join("; ")})`;
        break;
      }
    }
    throw new CohortSyntaxError(message);
  }
}

// ---- Covariates of the aggregated cells -------------------------------------------------

/** Columns of the per-enrolment base table that can define the cells of the aggregated tables. */
export const COVARIATES = [
  "intake_year",
  "programme",
  "programme_group",
  "main_area",
  "institution_id",
  "age_band",
  "gender",
  "prior_band"
] as const;
export type Covariate = (typeof COVARIATES)[number];
/**
 * Default strata of the outcome tables: the analysis's risk strata (EFFECT_STRATA) without the
 * institution, which would make most cells too small to publish.
 */
export const DEFAULT_STRATA: readonly Covariate[] = ["programme", "main_area", "age_band", "gender", "prior_band"];
/**
 * Default covariates of the person-period cells: coarse, because those cells are also split by period
 * and by scheme type at the period start. At 20,000 synthetic enrolments the risk-strata cells leave most
 * mentees' dropouts in hidden cells, and a model on them is badly biased; programme group × age band
 * keeps the mentor coefficients of a GLM on the cells close to the microdata fit (loaders/export/README.md).
 */
export const DEFAULT_COVARIATES: readonly Covariate[] = ["programme_group", "age_band"];

/**
 * Parse `--strata` / `--covariates` ("a,b,c"; `none` = no covariates: mentor status / scheme type
 * only), or take a list; `fallback` when not given.
 */
export function parseCovariates(
  text: string | readonly string[] | undefined,
  fallback: readonly Covariate[] = DEFAULT_COVARIATES,
  option = "--covariates"
): Covariate[] {
  if (text === undefined) return [...fallback];
  if (typeof text !== "string") text = text.join(",");
  const t = text.trim();
  if (t === "" || t.toLowerCase() === "none") return [];
  const out: Covariate[] = [];
  for (const raw of t
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    const alias: Record<string, Covariate> = {
      year: "intake_year",
      years: "intake_year",
      area: "main_area",
      age: "age_band",
      prior: "prior_band",
      institution: "institution_id"
    };
    const name = (alias[raw] ?? raw) as Covariate;
    if (!COVARIATES.includes(name)) {
      throw new CohortSyntaxError(
        `${option}: unknown covariate "${raw}". Allowed: ${COVARIATES.join(", ")} (or none). Mentor status and scheme type are always included.`
      );
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

// ---- Format of the data files ----------------------------------------------------------

/** `--format`: csv (default) or parquet, regardless of case like every other option value. */
export function parseFormat(text: string | undefined): "csv" | "parquet" {
  if (text === undefined) return "csv";
  const f = String(text).trim().toLowerCase();
  if (f === "csv" || f === "parquet") return f;
  throw new CohortSyntaxError(`--format must be csv or parquet, got "${String(text)}"`);
}

// ---- Periods of the person-period cells ---------------------------------------------------

/**
 * Default periods (days from intake): the first weeks (42 days, the first transition point), then
 * quarters of the first year, half a year, and whole years to five years — short where the hazard
 * changes fast, long where events are sparse (so fewer cells are hidden by the privacy gate). They
 * meet the analysis horizons (91, 365, 730, 1826 days).
 */
export const DEFAULT_PERIODS: readonly number[] = [0, 42, 91, 182, 273, 365, 547, 730, 1095, 1461, 1826];

/** Periods: equal lengths ({days}) or breakpoints in days from intake (period k = [b_k, b_k+1)). */
export type PeriodSpec = {days: number} | {breaks: number[]};

/** Parse `--periods`: one number = equal periods of that many days; a list = breakpoints starting at 0. */
export function parsePeriods(text: string | number | readonly number[] | undefined): PeriodSpec {
  if (text === undefined) return {breaks: [...DEFAULT_PERIODS]};
  const values =
    typeof text === "number"
      ? [text]
      : typeof text === "string"
        ? text
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
            .map(Number)
        : [...text];
  const usage =
    "--periods: give one number of days (equal periods, 7–3660), or breakpoints in days from intake starting at 0 (e.g. 0,42,91,182,365,730)";
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0 || v > 36600))
    throw new CohortSyntaxError(`${usage}; got "${String(text)}"`);
  if (values.length === 1) {
    if (values[0] < 7 || values[0] > 3660) throw new CohortSyntaxError(`${usage}; got ${values[0]}`);
    return {days: values[0]};
  }
  if (values[0] !== 0) throw new CohortSyntaxError(`${usage}; the first breakpoint must be 0, got ${values[0]}`);
  for (let i = 1; i < values.length; i++) {
    if (values[i] <= values[i - 1])
      throw new CohortSyntaxError(`${usage}; breakpoints must increase, got ${values.join(",")}`);
  }
  return {breaks: values};
}

/** Breakpoints of a period spec, up to `maxDays` of follow-up for equal periods. */
export function periodBreaks(spec: PeriodSpec, maxDays: number): number[] {
  if ("breaks" in spec) return spec.breaks;
  const out = [0];
  while (out[out.length - 1] + spec.days <= Math.max(maxDays, spec.days)) out.push(out[out.length - 1] + spec.days);
  return out;
}
