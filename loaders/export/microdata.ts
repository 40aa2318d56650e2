/**
 * Pseudonymised enrolment-level rows for a researcher under a data-use
 * agreement (DUA). Only the export CLI reaches this module (loaded lazily by
 * `exportCohort` when microdata is asked for); no site code imports it.
 *
 * Refused unless BOTH the `--microdata` flag (option `microdata: true`) is
 * given AND the environment variable MENTOR_DUA names the agreement; the name
 * and a warning go into provenance.json. These rows do not pass the privacy
 * gate (which refuses row-level data by design): they are personal data.
 *
 * What is in them: the keyed hashes of the warehouse (`enrolment_id`,
 * `student_key` — the same pseudonyms as in the warehouse, so a later export
 * under the same key links), the covariates, the outcome, the transition
 * point of a dropout and the first mentorship. Calendar dates are reduced to
 * months (yyyy-mm); durations stay in days from intake because survival
 * analysis needs them (and so they reproduce the aggregated tables). Note
 * that with the data date (in provenance.json) an exact day can still be
 * worked out from follow_days: the reduction keeps exact dates out of the
 * file (no direct join on dates); it is not anonymisation.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {query} from "../warehouse.ts";
import type {Base} from "../analysis/sql/base.ts";

export const DUA_ENV = "MENTOR_DUA";

export class MicrodataRefused extends Error {}

/**
 * The agreement's name if microdata may be exported; throws MicrodataRefused
 * naming what is missing otherwise.
 */
export function microdataAgreement(flag: boolean, env: Record<string, string | undefined> = process.env): string {
  const agreement = (env[DUA_ENV] ?? "").replace(/\s+/g, " ").trim();
  if (!flag)
    throw new MicrodataRefused(
      "Microdata are exported only with --microdata (and MENTOR_DUA naming the data-use agreement)."
    );
  if (agreement === "") {
    throw new MicrodataRefused(
      `Refusing to export microdata: set the environment variable ${DUA_ENV} to the name of the data-use agreement (databehandleraftale) that covers this export, e.g. ${DUA_ENV}="DUA 2026-014 Region Hovedstaden / KU".`
    );
  }
  return agreement;
}

export const MICRODATA_COLUMNS = [
  "enrolment_id",
  "student_key",
  "institution_id",
  "programme",
  "programme_group",
  "main_area",
  "intake_month",
  "intake_year",
  "age_at_start",
  "age_band",
  "gender",
  "prior_band",
  "outcome",
  "outcome_month",
  "end_day",
  "follow_days",
  "drop_phase",
  "scheme_id",
  "scheme_type",
  "mentor_intake",
  "mentor_workplace",
  "mentor_start_day",
  "hours_to_first_contact",
  "meetings_held",
  "rematched",
  "placement_day"
] as const;

/** SQL of the microdata rows over the base table of the cohort. */
export function microdataSql(base: Base): string {
  return `SELECT b.enrolment_id, e.student_key, b.institution_id, b.programme, b.programme_group, b.main_area,
  strftime(b.intake_date, '%Y-%m') AS intake_month, b.intake_year,
  CAST(e.age_at_start AS INTEGER) AS age_at_start, b.age_band, b.gender, b.prior_band,
  b.outcome, strftime(b.outcome_date, '%Y-%m') AS outcome_month, b.end_day, b.follow_days, b.drop_phase,
  b.scheme_id, coalesce(b.scheme_type, 'none') AS scheme_type, b.mentor_intake, b.mentor_workplace,
  CAST(b.m_start - b.intake_date AS INTEGER) AS mentor_start_day, b.hours AS hours_to_first_contact, b.meetings AS meetings_held, b.rematched,
  CAST(b.placement_date - b.intake_date AS INTEGER) AS placement_day
FROM ${base.enrol} b JOIN enrolments e ON e.enrolment_id = b.enrolment_id
ORDER BY b.intake_date, b.enrolment_id`;
}

export async function microdataRows(
  con: DuckDBConnection,
  base: Base
): Promise<Record<string, string | number | boolean | null>[]> {
  return query(con, microdataSql(base));
}
