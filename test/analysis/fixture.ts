// A tiny hand-made warehouse (in memory) with one enrolment per transition-point rule.
import type {DuckDBConnection} from "@duckdb/node-api";
import {memoryDb} from "../helpers/duckdb.ts";

const INTAKE = "2015-08-10";
const day = (n: number) => {
  const d = new Date(`${INTAKE}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

type Stage = [stage: string, start: number, end: number | null];
interface Case {
  id: string;
  programme: string;
  area?: string;
  outcome: string;
  outcomeDay: number | null;
  stages: Stage[];
  mentorship?: {scheme: string; startDay: number};
  age?: number;
}

/** Expected phase of each dropout, and phases entered, per case. */
export const CASES: (Case & {phase: string | null; entered: string[]})[] = [
  {
    id: "E01",
    programme: "EUD",
    area: "Teknologi, byggeri og transport",
    outcome: "dropped",
    outcomeDay: 10,
    stages: [["gf1", 0, 10]],
    phase: "first_weeks",
    entered: ["first_weeks"]
  },
  {
    id: "E02",
    programme: "EUD",
    area: "Teknologi, byggeri og transport",
    outcome: "dropped",
    outcomeDay: 200,
    stages: [
      ["gf1", 0, 140],
      ["gf2", 140, 200]
    ],
    phase: "gf1_gf2",
    entered: ["first_weeks", "gf1_gf2"]
  },
  {
    id: "E03",
    programme: "EUD",
    area: "Teknologi, byggeri og transport",
    outcome: "dropped",
    outcomeDay: 350,
    stages: [["gf2", 0, 280]],
    phase: "school_to_apprenticeship",
    entered: ["first_weeks", "gf1_gf2", "school_to_apprenticeship"]
  },
  {
    id: "E04",
    programme: "EUD",
    area: "Teknologi, byggeri og transport",
    outcome: "dropped",
    outcomeDay: 350,
    stages: [
      ["gf2", 0, 280],
      ["laereplads", 300, 350]
    ],
    phase: "probation",
    entered: ["first_weeks", "gf1_gf2", "school_to_apprenticeship", "probation"]
  },
  {
    id: "E05",
    programme: "EUD",
    area: "Teknologi, byggeri og transport",
    outcome: "dropped",
    outcomeDay: 480,
    stages: [
      ["gf2", 0, 280],
      ["laereplads", 280, 480]
    ],
    phase: "main_course",
    entered: ["first_weeks", "gf1_gf2", "probation", "main_course"]
  },
  {
    id: "E06",
    programme: "EUX",
    area: "Teknologi, byggeri og transport",
    outcome: "dropped",
    outcomeDay: 1300,
    stages: [
      ["gf2", 0, 280],
      ["laereplads", 280, 1200],
      ["final", 1200, 1300]
    ],
    phase: "final_stretch",
    entered: ["first_weeks", "gf1_gf2", "probation", "main_course", "final_stretch"]
  },
  {
    id: "E07",
    programme: "STX",
    outcome: "dropped",
    outcomeDay: 800,
    stages: [
      ["grundforloeb", 0, 91],
      ["g1", 91, 365],
      ["g2", 365, 730],
      ["g3", 730, 800]
    ],
    phase: "final_stretch",
    entered: ["first_weeks", "main_course", "final_stretch"]
  },
  {
    id: "E08",
    programme: "STX",
    outcome: "dropped",
    outcomeDay: 200,
    stages: [
      ["grundforloeb", 0, 91],
      ["g1", 91, 200]
    ],
    phase: "main_course",
    entered: ["first_weeks", "main_course"],
    mentorship: {scheme: "S07", startDay: 0}
  },
  {
    id: "E09",
    programme: "10K",
    outcome: "dropped",
    outcomeDay: 100,
    stages: [["k10", 0, 100]],
    phase: "main_course",
    entered: ["first_weeks", "main_course"]
  },
  {
    id: "E10",
    programme: "EUD",
    area: "Teknologi, byggeri og transport",
    outcome: "completed",
    outcomeDay: 1500,
    stages: [
      ["gf2", 0, 280],
      ["laereplads", 280, 1300],
      ["final", 1300, 1500],
      ["completion", 1500, 1500]
    ],
    phase: null,
    entered: ["first_weeks", "gf1_gf2", "probation", "main_course", "final_stretch"],
    mentorship: {scheme: "S04", startDay: 280}
  },
  {
    id: "E11",
    programme: "STX",
    outcome: "ongoing",
    outcomeDay: null,
    stages: [
      ["grundforloeb", 0, 91],
      ["g1", 91, 365],
      ["g2", 365, null]
    ],
    phase: null,
    entered: ["first_weeks", "main_course"],
    mentorship: {scheme: "S07", startDay: 9999}
  },
  // the latest date in the warehouse: the data date
  {
    id: "E12",
    programme: "STX",
    outcome: "transferred",
    outcomeDay: 2336,
    stages: [
      ["grundforloeb", 0, 91],
      ["g1", 91, 365],
      ["g2", 365, 730],
      ["g3", 730, 2336]
    ],
    phase: null,
    entered: ["first_weeks", "main_course", "final_stretch"]
  },
  // HF: hf2 is the final stretch; FGU has no final stage (basisforløb and track are the main course)
  {
    id: "E13",
    programme: "HF",
    outcome: "dropped",
    outcomeDay: 500,
    stages: [
      ["hf1", 0, 365],
      ["hf2", 365, 500]
    ],
    phase: "final_stretch",
    entered: ["first_weeks", "main_course", "final_stretch"]
  },
  {
    id: "E14",
    programme: "FGU",
    outcome: "dropped",
    outcomeDay: 200,
    stages: [
      ["fgu_basis", 0, 91],
      ["pgu", 91, 200]
    ],
    phase: "main_course",
    entered: ["first_weeks", "main_course"]
  },
  {
    id: "E15",
    programme: "FGU",
    outcome: "dropped",
    outcomeDay: 20,
    stages: [["agu", 0, 20]],
    phase: "first_weeks",
    entered: ["first_weeks"]
  }
];

/** No-shows (withdrew before the intake date): in the warehouse, in no population of the analysis base. */
export const NO_SHOWS: Case[] = [
  {id: "N01", programme: "HF", outcome: "no_show", outcomeDay: -10, stages: []},
  {
    id: "N02",
    programme: "FGU",
    outcome: "no_show",
    outcomeDay: 0,
    stages: [],
    mentorship: {scheme: "S07", startDay: 0}
  },
  {id: "N03", programme: "EUD", area: "Teknologi, byggeri og transport", outcome: "no_show", outcomeDay: -3, stages: []}
];

export const DATA_DATE = day(2336);

export async function fixtureDb(): Promise<{con: DuckDBConnection; close: () => void}> {
  const db = await memoryDb();
  const {con} = db;
  await con.run(`CREATE TABLE institutions (institution_id VARCHAR, name VARCHAR, kind VARCHAR, municipality VARCHAR, region VARCHAR, country VARCHAR, reported_size INTEGER);
    INSERT INTO institutions VALUES ('I01', 'Skole A', 'school', 'København', 'Hovedstaden', 'DK', 1000), ('C01', 'Firma', 'company', 'København', 'Hovedstaden', 'DK', 50);
    CREATE TABLE schemes (scheme_id VARCHAR, name VARCHAR, scheme_type VARCHAR, host_institution_id VARCHAR, country VARCHAR, start_year INTEGER, funding VARCHAR, mentor_fte DOUBLE, target_hours_to_first_contact DOUBLE, description VARCHAR);
    INSERT INTO schemes VALUES ('S04', 'Værkstedsmentor', 'workplace', 'C01', 'DK', 2010, 'permanent', 1, NULL, ''), ('S07', 'Studiementor', 'peer', 'I01', 'DK', 2010, 'project', NULL, 24, '');
    CREATE TABLE enrolments (enrolment_id VARCHAR, student_key VARCHAR, institution_id VARCHAR, programme VARCHAR, main_area VARCHAR, intake_date DATE,
      age_at_start INTEGER, gender VARCHAR, prior_attainment_band VARCHAR, outcome VARCHAR, outcome_date DATE);
    CREATE TABLE stage_events (enrolment_id VARCHAR, stage VARCHAR, start_date DATE, end_date DATE);
    CREATE TABLE mentorships (mentorship_id VARCHAR, enrolment_id VARCHAR, scheme_id VARCHAR, start_date DATE, end_date DATE, group_id VARCHAR,
      rematched BOOLEAN, hours_to_first_contact DOUBLE, meetings_held INTEGER);
    CREATE TABLE external_aggregates (programme_name VARCHAR, scheme_type VARCHAR, country VARCHAR, year INTEGER, measure VARCHAR, value DOUBLE, source VARCHAR, note VARCHAR);`);
  const lit = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v}'`);
  for (const c of [...CASES, ...NO_SHOWS]) {
    await con.run(
      `INSERT INTO enrolments VALUES (${[
        c.id,
        `K${c.id}`,
        "I01",
        c.programme,
        c.area ?? null,
        INTAKE,
        c.age ?? 17,
        "female",
        "4_to_6",
        c.outcome,
        c.outcomeDay === null ? null : day(c.outcomeDay)
      ]
        .map(lit)
        .join(", ")})`
    );
    for (const [stage, start, end] of c.stages) {
      await con.run(
        `INSERT INTO stage_events VALUES (${[c.id, stage, day(start), end === null ? null : day(end)].map(lit).join(", ")})`
      );
    }
    if (c.mentorship) {
      await con.run(
        `INSERT INTO mentorships VALUES (${[`M${c.id}`, c.id, c.mentorship.scheme, day(c.mentorship.startDay), null, null].map(lit).join(", ")}, FALSE, 12, 3)`
      );
    }
  }
  return db;
}
