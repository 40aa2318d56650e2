/**
 * The what-if page's inputs besides the band effects (effects.ts riskBandEffects): the target pools
 * (students without a mentor by programme and baseline-risk band, and each scheme type's mentees by
 * programme, the data's support) and the observed mentees per mentor FTE of each scheme type.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {PROGRAMME_GROUP_CODES, SCHEME_TYPES} from "../contract/contract.ts";
import {query} from "../warehouse.ts";
import {prepareBase} from "./sql/base.ts";
import {RISK_BANDS} from "../risk-bands.ts";
import type {CohortFilters, DataInfo, MenteesPerFte, ScenarioPoolRow, SchemeFactRow} from "./types.ts";

/**
 * Students of mature cohorts (the effects' population): without any mentor by programme group × band (and each
 * group's and band's totals), and each scheme type's mentees by programme group (all bands). Programme groups,
 * as the curves and slices: single programmes × bands linked the pools to the curves' small cells so tightly
 * that the audit could not protect them.
 */
export async function scenarioPools(con: DuckDBConnection, filters: CohortFilters = {}): Promise<ScenarioPoolRow[]> {
  const base = await prepareBase(con, filters);
  const rows = await query<{programme: string; risk_band: number; scheme_type: string; students: number}>(
    con,
    `SELECT programme_group AS programme, risk_band, coalesce(scheme_type, 'none') AS scheme_type, CAST(count(*) AS INTEGER) AS students
     FROM ${base.enrol} WHERE mature AND risk_band IS NOT NULL GROUP BY ALL`
  );
  const count = (programme: string, band: number | "all", type: string) =>
    rows
      .filter(
        (r) =>
          (programme === "all" || r.programme === programme) &&
          (band === "all" || r.risk_band === band) &&
          r.scheme_type === type
      )
      .reduce((a, r) => a + r.students, 0);
  const programmes = ["all", ...PROGRAMME_GROUP_CODES] as const;
  return [
    ...programmes.flatMap((programme) =>
      (["all", ...RISK_BANDS] as const).map((band) => ({
        programme,
        risk_band: band,
        scheme_type: "none" as const,
        students: count(programme, band, "none")
      }))
    ),
    ...programmes.flatMap((programme) =>
      SCHEME_TYPES.map((type) => ({
        programme,
        risk_band: "all" as const,
        scheme_type: type,
        students: count(programme, "all", type)
      }))
    )
  ];
}

/**
 * Mentees per mentor FTE of each scheme type, from the published scheme facts: a scheme's mentorships per
 * year = its mentorships / the years from its start (or the first intake in the data, if later) to the data
 * date; summed over the type's schemes with a stated mentor_fte and published mentorships, divided by their
 * summed FTE. Null when no scheme of the type qualifies.
 */
export function menteesPerFte(
  facts: readonly SchemeFactRow[],
  meta: Pick<DataInfo, "data_date" | "first_intake">
): MenteesPerFte[] {
  const end = Date.parse(meta.data_date);
  const first = meta.first_intake ? Date.parse(meta.first_intake) : end;
  return SCHEME_TYPES.map((type) => {
    const used = facts.filter(
      (f) => f.scheme_type === type && f.mentor_fte !== null && f.mentor_fte > 0 && f.mentorships !== null
    );
    let perYear = 0;
    let fte = 0;
    for (const f of used) {
      const from = Math.max(first, Date.UTC(f.start_year, 0, 1));
      const years = (end - from) / (365.25 * 86_400_000);
      if (!(years > 0)) continue;
      perYear += f.mentorships! / years;
      fte += f.mentor_fte!;
    }
    return {
      scheme_type: type,
      mentorships_per_year: fte > 0 ? perYear : null,
      fte: fte > 0 ? fte : null,
      per_fte: fte > 0 ? perYear / fte : null,
      schemes: used.map((f) => f.scheme_id)
    };
  });
}
