/**
 * How each scheme works, and whether that goes with retention: scheme facts (what it is, mentorships,
 * time to first contact, re-matches, meetings per month) and dropout by process band (the schemes page).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {query} from "../warehouse.ts";
import {num, rate} from "./common.ts";
import {prepareBase} from "./sql/base.ts";
import type {CohortFilters, ProcessRow, SchemeFactRow, SchemeTypeKey} from "./types.ts";

/** Hours-to-first-contact bands (the SOPU 24-hour promise is the first). */
export const CONTACT_BANDS_SQL = `CASE WHEN hours IS NULL THEN 'unknown' WHEN hours <= 24 THEN 'le24' WHEN hours <= 72 THEN '24_72' WHEN hours <= 168 THEN '72_168' ELSE 'gt168' END`;

/** Meetings per month while the mentorship ran (start → end or data date). */
function meetingsRateSql(dataDate: string): string {
  return `CASE WHEN meetings IS NULL OR date_diff('day', m_start, coalesce(m_end, DATE '${dataDate}')) < 15 THEN NULL
    ELSE meetings / (date_diff('day', m_start, coalesce(m_end, DATE '${dataDate}')) / 30.44) END`;
}

/**
 * Does the way a scheme works go with retention? Per scheme: dropout within
 * one year of the mentorship start (mentorships started ≥ 1 year before the
 * data date) by hours to first contact (≤24h, 24–72h, 72–168h, >168h),
 * meetings per active month (<1, 1–2, 2–4, ≥4) and whether the mentee was
 * re-matched; Wilson intervals. Descriptive: meetings are fewer when a
 * mentorship ends early (reverse causation), and contact speed differs
 * between schemes with different students — compare bands within a scheme.
 */
export async function processOutcomes(con: DuckDBConnection, filters: CohortFilters = {}): Promise<ProcessRow[]> {
  const base = await prepareBase(con, filters);
  const dd = base.info.data_date;
  const rows = await query<{
    scheme_id: string;
    scheme_type: SchemeTypeKey;
    measure: ProcessRow["measure"];
    band: string;
    n: number;
    x: number;
  }>(
    con,
    `
    WITH m AS (
      SELECT scheme_id, scheme_type, hours, rematched, ${meetingsRateSql(dd)} AS per_month,
        (outcome = 'dropped' AND outcome_date >= m_start AND date_diff('day', m_start, outcome_date) < 365) AS ev
      FROM ${base.enrol} WHERE scheme_id IS NOT NULL AND date_diff('day', m_start, DATE '${dd}') >= 365
    ),
    long AS (
      SELECT scheme_id, scheme_type, 'contact' AS measure, ${CONTACT_BANDS_SQL} AS band, ev FROM m
      UNION ALL
      SELECT scheme_id, scheme_type, 'meetings', CASE WHEN per_month IS NULL THEN 'unknown' WHEN per_month < 1 THEN 'lt1'
        WHEN per_month < 2 THEN '1_2' WHEN per_month < 4 THEN '2_4' ELSE 'ge4' END, ev FROM m
      UNION ALL
      SELECT scheme_id, scheme_type, 'rematched', CASE WHEN rematched THEN 'yes' WHEN NOT rematched THEN 'no' ELSE 'unknown' END, ev FROM m
    )
    SELECT scheme_id, scheme_type, measure, band, count(*) AS n, count(*) FILTER (WHERE ev) AS x
    FROM long GROUP BY ALL ORDER BY scheme_id, measure, band`
  );
  return rows.map((r) => {
    const rr = rate(r.x, r.n);
    return {
      scheme_id: r.scheme_id,
      scheme_type: r.scheme_type,
      measure: r.measure,
      band: r.band,
      n: r.n,
      dropped: r.x,
      rate: rr.rate,
      rate_lower: rr.lower,
      rate_upper: rr.upper
    };
  });
}

/** What each scheme is (schemes table) and how it runs: mentorships, median hours to first contact, share within its own target, re-matches, meetings per month. */
export async function schemeFacts(con: DuckDBConnection, filters: CohortFilters = {}): Promise<SchemeFactRow[]> {
  const base = await prepareBase(con, filters);
  const rows = await query<SchemeFactRow>(
    con,
    `
    WITH m AS (
      SELECT scheme_id, hours, rematched, ${meetingsRateSql(base.info.data_date)} AS per_month FROM ${base.enrol} WHERE scheme_id IS NOT NULL
    ),
    agg AS (
      SELECT scheme_id, count(*) AS mentorships, median(hours) AS median_hours_to_contact,
        count(*) FILTER (WHERE rematched) AS rematched, median(per_month) AS median_meetings_per_month
      FROM m GROUP BY 1
    ),
    target AS (
      SELECT m.scheme_id, count(*) FILTER (WHERE m.hours <= s.target_hours_to_first_contact) AS within_target, count(*) FILTER (WHERE m.hours IS NOT NULL) AS with_hours
      FROM m JOIN schemes s USING (scheme_id) WHERE s.target_hours_to_first_contact IS NOT NULL GROUP BY 1
    )
    SELECT s.scheme_id, s.name, s.scheme_type, s.host_institution_id, i.name AS host_name, CAST(s.start_year AS INTEGER) AS start_year,
      s.funding, CAST(s.mentor_fte AS DOUBLE) AS mentor_fte, CAST(s.target_hours_to_first_contact AS DOUBLE) AS target_hours_to_first_contact,
      s.description, coalesce(a.mentorships, 0) AS mentorships, a.median_hours_to_contact,
      CASE WHEN t.with_hours > 0 THEN t.within_target / t.with_hours END AS within_target_share,
      CASE WHEN s.target_hours_to_first_contact IS NOT NULL THEN coalesce(t.within_target, 0) END AS within_target,
      coalesce(a.rematched, 0) AS rematched,
      CASE WHEN a.mentorships > 0 THEN a.rematched / a.mentorships END AS rematched_share,
      a.median_meetings_per_month
    FROM schemes s LEFT JOIN agg a USING (scheme_id) LEFT JOIN target t USING (scheme_id)
    LEFT JOIN institutions i ON i.institution_id = s.host_institution_id
    ORDER BY s.scheme_id`
  );
  return rows.map((r) => ({
    ...r,
    median_hours_to_contact: num(r.median_hours_to_contact),
    within_target_share: num(r.within_target_share),
    rematched_share: num(r.rematched_share),
    median_meetings_per_month: num(r.median_meetings_per_month)
  }));
}
