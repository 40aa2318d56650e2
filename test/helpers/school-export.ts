// A school administration's export, shaped unlike the project's own files, made from a generated data set:
// Danish headers, tab-separated, its own codes (mixed case), a composite key (school + pupil + start date) instead
// of an enrolment id, the end date as a day count from the start, the grade average as a number, and only the
// intakes from `fromYear` (so the data have less than five years of follow-up). `mappingJson` maps it onto the
// contract without any preprocessing. What the data are goes in `dataset.json`.
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {MAIN_AREAS, STAGES} from "../../loaders/contract/contract.ts";
import {quoteLiteral} from "../../loaders/contract/checks.ts";
import {memoryDb} from "./duckdb.ts";

const AREA_CODES = ["OSP", "KHF", "FJO", "TBT"] as const;
const PROGRAMME_CODES: Record<string, string> = {
  EUD: "eud",
  EUX: "Eux",
  STX: "stx",
  HHX: "HHX",
  HTX: "htx",
  HF: "2-årig hf",
  "10K": "10. kl",
  FGU: "fgu"
};
const STATUS_CODES: Record<string, string> = {
  completed: "Fuldført",
  dropped: "Afbrudt",
  transferred: "Skiftet",
  ongoing: "Igang",
  no_show: "Udeblevet"
};
const GENDER_CODES: Record<string, string> = {female: "K", male: "M", other: "A"};
/** A grade average inside each band (6,0 is on an edge: the lower edge is inclusive). */
const GRADE_OF_BAND: Record<string, string> = {
  under_4: "3,2",
  "4_to_6": "5,0",
  "6_to_8": "6,0",
  "8_plus": "9,1",
  unknown: "ukendt"
};

const caseSql = (expr: string, codes: Record<string, string>) =>
  `CASE ${expr} ${Object.entries(codes)
    .map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${quoteLiteral(v)}`)
    .join(" ")} END`;
const dmy = (expr: string) => `strftime(${expr}, '%d.%m.%Y')`;
const invert = (codes: Record<string, string>) =>
  Object.fromEntries(Object.entries(codes).map(([k, v]) => [v.toUpperCase(), k]));

/** Write the export of the generated data set in `generated` into `out`; returns the mapping file's path. */
export async function writeSchoolExport(
  generated: string,
  out: string,
  {fromYear, provider, extractionDate}: {fromYear: number; provider: string; extractionDate: string}
): Promise<string> {
  mkdirSync(out, {recursive: true});
  const db = await memoryDb();
  const read = (table: string) =>
    `read_csv(${quoteLiteral(join(generated, `${table}.csv`))}, header = true, all_varchar = false)`;
  const copy = (sql: string, file: string) =>
    db.con.run(`COPY (${sql}) TO ${quoteLiteral(join(out, file))} (HEADER, DELIMITER '\t')`);
  const key = `e.institution_id AS "Skole nr.", e.student_key AS "Elevnr", ${dmy("e.intake_date")} AS "Startdato"`;
  await db.con.run(`CREATE TABLE e AS SELECT * FROM ${read("enrolments")} WHERE year(intake_date) >= ${fromYear}`);
  await copy(
    `SELECT ${key},
      ${caseSql("e.programme", PROGRAMME_CODES)} AS "Uddannelse",
      ${caseSql("e.main_area", Object.fromEntries(MAIN_AREAS.map((a, i) => [a, AREA_CODES[i]])))} AS "Hovedområde",
      e.age_at_start AS "Alder", ${caseSql("e.gender", GENDER_CODES)} AS "Køn",
      ${caseSql("e.prior_attainment_band", GRADE_OF_BAND)} AS "Karaktersnit",
      ${caseSql("e.outcome", STATUS_CODES)} AS "Status",
      CAST(e.outcome_date - e.intake_date AS INTEGER) AS "Dage"
    FROM e ORDER BY e.enrolment_id`,
    "elever.tsv"
  );
  await copy(
    `SELECT ${key}, upper(s.stage) AS "Trin", ${dmy("s.start_date")} AS "Fra", ${dmy("s.end_date")} AS "Til"
    FROM ${read("stage_events")} s JOIN e USING (enrolment_id) ORDER BY s.enrolment_id, s.start_date`,
    "stadier.tsv"
  );
  await copy(
    `SELECT m.mentorship_id AS "Forløb", ${key}, m.scheme_id AS "Ordning", ${dmy("m.start_date")} AS "Tildelt",
      ${dmy("m.end_date")} AS "Slut", m.group_id AS "Gruppe", CASE WHEN m.rematched THEN 'ja' ELSE 'nej' END AS "Skiftet mentor",
      replace(CAST(m.hours_to_first_contact AS VARCHAR), '.', ',') AS "Timer til kontakt", m.meetings_held AS "Møder"
    FROM ${read("mentorships")} m JOIN e USING (enrolment_id) ORDER BY m.mentorship_id`,
    "mentorforloeb.tsv"
  );
  await copy(`SELECT * FROM ${read("institutions")}`, "skoler.tsv");
  await copy(`SELECT * FROM ${read("schemes")}`, "ordninger.tsv");
  db.close();

  writeFileSync(
    join(out, "dataset.json"),
    JSON.stringify({synthetic: false, provider, extraction_date: extractionDate})
  );
  const enrolmentId = {expr: {concat: [{col: "Skole nr."}, "/", {col: "Elevnr"}, "/", {col: "Startdato"}]}};
  const mapping = {
    $comment:
      "A school administration's export: tab-separated, Danish headers and codes, composite enrolment keys, end dates as day counts.",
    enrolments: {
      enrolment_id: enrolmentId,
      "Skole nr.": "institution_id",
      Elevnr: "student_key",
      Startdato: "intake_date",
      programme: {expr: {recode: {col: "Uddannelse"}, values: invert(PROGRAMME_CODES)}},
      main_area: {
        expr: {
          recode: {col: "Hovedområde"},
          values: Object.fromEntries(AREA_CODES.map((c, i) => [c.toLowerCase(), MAIN_AREAS[i]]))
        }
      },
      Alder: "age_at_start",
      Køn: {column: "gender", values: invert(GENDER_CODES)},
      prior_attainment_band: {
        expr: {
          recode: {bands: {col: "Karaktersnit"}, edges: [4, 6, 8], labels: ["under_4", "4_to_6", "6_to_8", "8_plus"]},
          values: {Ukendt: "unknown"}
        }
      },
      Status: {column: "outcome", values: invert(STATUS_CODES)},
      outcome_date: {expr: {add_days: [{col: "Startdato"}, {col: "Dage"}]}}
    },
    stage_events: {
      enrolment_id: enrolmentId,
      "Skole nr.": null,
      Elevnr: null,
      Startdato: null,
      Trin: {column: "stage", values: Object.fromEntries(STAGES.map((s) => [s.toUpperCase(), s]))},
      Fra: "start_date",
      Til: "end_date"
    },
    mentorships: {
      enrolment_id: enrolmentId,
      "Skole nr.": null,
      Elevnr: null,
      Startdato: null,
      Forløb: "mentorship_id",
      Ordning: "scheme_id",
      Tildelt: "start_date",
      Slut: "end_date",
      Gruppe: "group_id",
      "Skiftet mentor": {column: "rematched", values: {ja: "true", nej: "false"}},
      "Timer til kontakt": "hours_to_first_contact",
      Møder: "meetings_held"
    }
  };
  const path = join(out, "..", "skole-mapping.json");
  writeFileSync(path, JSON.stringify(mapping, null, 2));
  return path;
}
