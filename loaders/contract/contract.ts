/**
 * The data contract in code: one description of every table and column that
 * the synthetic generator writes, the ingest validates against and the
 * documentation (data/README.md) explains. Change it here, bump the version,
 * and update data/README.md (a test keeps the two in step).
 */

export const CONTRACT_VERSION = "1.1.0";

/** The file beside a source's data files that says what the data are (synthetic, provider, extraction date): loaders/ingest/dataset.ts. */
export const DATASET_FILE = "dataset.json";

export type ColumnType = "string" | "integer" | "decimal" | "date" | "boolean";

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  /** Allowed values for coded columns. */
  values?: readonly string[];
  /** Inclusive numeric range. */
  min?: number;
  max?: number;
  /** Short English description (the README has the Danish labels). */
  description: string;
}

export interface TableSpec {
  name: TableName;
  /** Column(s) that identify a row; duplicates are rejected. */
  key: readonly string[];
  columns: readonly ColumnSpec[];
}

export const SCHEME_TYPES = ["peer", "adult_volunteer", "professional", "group", "workplace"] as const;
export type SchemeType = (typeof SCHEME_TYPES)[number];

export const PROGRAMMES = ["EUD", "EUX", "STX", "HHX", "HTX", "HF", "10K", "FGU"] as const;
export type Programme = (typeof PROGRAMMES)[number];

/**
 * Programme groups the pages and exports summarise by: vocational (EUD, EUX),
 * the four gymnasiale uddannelser (STX, HHX, HTX and 2-årig hf) and the
 * preparatory offers before youth education (10th form, FGU).
 */
export const PROGRAMME_GROUP_CODES = ["vocational", "gymnasium", "preparatory"] as const;
export type ProgrammeGroupCode = (typeof PROGRAMME_GROUP_CODES)[number];
export const PROGRAMME_GROUP_OF: Record<Programme, ProgrammeGroupCode> = {
  EUD: "vocational",
  EUX: "vocational",
  STX: "gymnasium",
  HHX: "gymnasium",
  HTX: "gymnasium",
  HF: "gymnasium",
  "10K": "preparatory",
  FGU: "preparatory"
};
/** The programmes of each group, in PROGRAMMES order. */
export const PROGRAMMES_IN_GROUP = Object.fromEntries(
  PROGRAMME_GROUP_CODES.map((g) => [g, PROGRAMMES.filter((p) => PROGRAMME_GROUP_OF[p] === g)])
) as unknown as Record<ProgrammeGroupCode, readonly Programme[]>;

/** The four EUD/EUX main areas (hovedområder). */
export const MAIN_AREAS = [
  "Omsorg, sundhed og pædagogik",
  "Kontor, handel og forretningsservice",
  "Fødevarer, jordbrug og oplevelser",
  "Teknologi, byggeri og transport"
] as const;
export type MainArea = (typeof MAIN_AREAS)[number];

/**
 * Status at extraction. `no_show`: the student was admitted but withdrew
 * before the intake date (never started); not part of any dropout population.
 */
export const OUTCOMES = ["completed", "dropped", "transferred", "ongoing", "no_show"] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes of students who started (every survival and dropout population). */
export const STARTED_OUTCOMES = ["completed", "dropped", "transferred", "ongoing"] as const;

export const GENDERS = ["female", "male", "other"] as const;

/** Grade-average band (7-point scale) from the lower-secondary leaving exam. */
export const PRIOR_ATTAINMENT_BANDS = ["under_4", "4_to_6", "6_to_8", "8_plus", "unknown"] as const;

/** Age bands used for strata (age at start). */
export const AGE_BANDS = ["15-16", "17-19", "20-24", "25+"] as const;

export const INSTITUTION_KINDS = ["school", "company", "organisation"] as const;
export const FUNDING = ["permanent", "project"] as const;

/** Stages of the vocational programmes (EUD, EUX). */
export const VOCATIONAL_STAGES = ["gf1", "gf2", "laereplads", "skoleoplaering", "hf_school", "final"] as const;
/** Stages of the general upper-secondary programmes (STX, HHX, HTX). */
export const GYMNASIUM_STAGES = ["grundforloeb", "g1", "g2", "g3"] as const;
/** 2-årig hf: two school years (hf1, hf2). */
export const HF_STAGES = ["hf1", "hf2"] as const;
/** 10th form is one stage. */
export const TENTH_FORM_STAGES = ["k10"] as const;
/**
 * FGU (forberedende grunduddannelse): an optional basisforløb, then one of
 * three tracks — agu (almen grunduddannelse), pgu (produktionsgrunduddannelse),
 * egu (erhvervsgrunduddannelse); a student may change track.
 */
export const FGU_STAGES = ["fgu_basis", "agu", "pgu", "egu"] as const;
export const STAGES = [
  ...VOCATIONAL_STAGES,
  ...GYMNASIUM_STAGES,
  ...HF_STAGES,
  ...TENTH_FORM_STAGES,
  ...FGU_STAGES,
  "completion"
] as const;
export type Stage = (typeof STAGES)[number];

/** Which stages belong to which programme (completion is allowed for all). */
export const STAGES_BY_PROGRAMME: Record<Programme, readonly string[]> = {
  EUD: [...VOCATIONAL_STAGES, "completion"],
  EUX: [...VOCATIONAL_STAGES, "completion"],
  STX: [...GYMNASIUM_STAGES, "completion"],
  HHX: [...GYMNASIUM_STAGES, "completion"],
  HTX: [...GYMNASIUM_STAGES, "completion"],
  HF: [...HF_STAGES, "completion"],
  "10K": [...TENTH_FORM_STAGES, "completion"],
  FGU: [...FGU_STAGES, "completion"]
};

/**
 * Transition points: every dropout is assigned to exactly one phase (see
 * data/README.md, "Transition points"). Five are the guide's transition
 * points; `main_course` is the stretch between them.
 */
export const PHASES = [
  "first_weeks",
  "gf1_gf2",
  "school_to_apprenticeship",
  "probation",
  "main_course",
  "final_stretch"
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * The transition points a programme's students can enter (data/README.md,
 * "Transition points"). GF1→GF2, school→apprenticeship and probation exist
 * only in the vocational programmes; 10th form and FGU have no final stage.
 */
export const PHASES_BY_PROGRAMME: Record<Programme, readonly Phase[]> = {
  EUD: PHASES,
  EUX: PHASES,
  STX: ["first_weeks", "main_course", "final_stretch"],
  HHX: ["first_weeks", "main_course", "final_stretch"],
  HTX: ["first_weeks", "main_course", "final_stretch"],
  HF: ["first_weeks", "main_course", "final_stretch"],
  "10K": ["first_weeks", "main_course"],
  FGU: ["first_weeks", "main_course"]
};

/** The last stage before completion in each programme that has one: a dropout in it is in the `final_stretch`. */
export const FINAL_STAGES = ["final", "g3", "hf2"] as const;

/** Cut-offs of the transition-point definitions, in days. */
export const PHASE_CUTOFFS = {
  /** Dropout within this many days of intake counts as "first weeks" (6 weeks). */
  firstWeeksDays: 42,
  /** Probation (prøvetid) of an apprenticeship contract: 3 months. */
  probationDays: 91,
  /** A grundforløb completer without a placement after this long is "stuck" at school→apprenticeship. */
  placementGapDays: 91
} as const;

export const EXTERNAL_MEASURES = [
  "matches",
  "retained_share",
  "noncompletion_share_mentees",
  "noncompletion_share_national",
  "volunteer_mentors",
  "coordinators",
  "sites",
  "mentees_foreign_born_parents_share",
  "mentee_age_min",
  "mentee_age_max",
  "founded_year",
  "said_mentor_mattered_share",
  "said_mentor_mattered_a_lot_share"
] as const;

const id = (name: string, description: string): ColumnSpec => ({name, type: "string", required: true, description});

export const TABLES: readonly TableSpec[] = [
  {
    name: "institutions",
    key: ["institution_id"],
    columns: [
      id("institution_id", "Stable identifier of the school, company or organisation"),
      {name: "name", type: "string", required: true, description: "Name"},
      {
        name: "kind",
        type: "string",
        required: true,
        values: INSTITUTION_KINDS,
        description: "school, company or organisation"
      },
      {name: "municipality", type: "string", required: false, description: "Municipality (kommune)"},
      {name: "region", type: "string", required: false, description: "Region (e.g. Hovedstaden)"},
      {name: "country", type: "string", required: true, description: "ISO 3166-1 alpha-2 country code"},
      {
        name: "reported_size",
        type: "integer",
        required: false,
        min: 0,
        max: 1000000,
        description: "Students (schools) or staff (companies) as the institution reports it"
      }
    ]
  },
  {
    name: "schemes",
    key: ["scheme_id"],
    columns: [
      id("scheme_id", "Stable identifier of the mentoring scheme"),
      {name: "name", type: "string", required: true, description: "Name of the scheme"},
      {
        name: "scheme_type",
        type: "string",
        required: true,
        values: SCHEME_TYPES,
        description: "One of the guide's five scheme types"
      },
      {
        name: "host_institution_id",
        type: "string",
        required: true,
        description: "institutions.institution_id of the host"
      },
      {name: "country", type: "string", required: true, description: "ISO 3166-1 alpha-2 country code"},
      {
        name: "start_year",
        type: "integer",
        required: true,
        min: 1950,
        max: 2100,
        description: "Year the scheme started"
      },
      {
        name: "funding",
        type: "string",
        required: true,
        values: FUNDING,
        description: "permanent (drift) or project money"
      },
      {
        name: "mentor_fte",
        type: "decimal",
        required: false,
        min: 0,
        max: 10000,
        description: "Mentor full-time equivalents"
      },
      {
        name: "target_hours_to_first_contact",
        type: "decimal",
        required: false,
        min: 0,
        max: 8760,
        description: "Promised time from request to first contact, hours"
      },
      {name: "description", type: "string", required: false, description: "Facts about the scheme (free text)"}
    ]
  },
  {
    name: "enrolments",
    key: ["enrolment_id"],
    columns: [
      id("enrolment_id", "Identifier of this programme start"),
      {
        name: "student_key",
        type: "string",
        required: true,
        description: "Pseudonymous student key (replaced by a keyed hash at ingest)"
      },
      {
        name: "institution_id",
        type: "string",
        required: true,
        description: "institutions.institution_id of the school"
      },
      {
        name: "programme",
        type: "string",
        required: true,
        values: PROGRAMMES,
        description: "EUD, EUX, STX, HHX, HTX, HF (2-årig hf), 10K or FGU"
      },
      {
        name: "main_area",
        type: "string",
        required: false,
        values: MAIN_AREAS,
        description: "EUD main area; required for EUD and EUX, empty otherwise"
      },
      {name: "intake_date", type: "date", required: true, description: "Start date"},
      {
        name: "age_at_start",
        type: "integer",
        required: true,
        min: 13,
        max: 70,
        description: "Age in whole years at intake"
      },
      {name: "gender", type: "string", required: true, values: GENDERS, description: "Registered gender"},
      {
        name: "prior_attainment_band",
        type: "string",
        required: true,
        values: PRIOR_ATTAINMENT_BANDS,
        description: "Grade-average band from lower secondary"
      },
      {name: "outcome", type: "string", required: true, values: OUTCOMES, description: "Status at data extraction"},
      {
        name: "outcome_date",
        type: "date",
        required: false,
        description: "Date of completion, dropout, transfer or withdrawal (no_show); empty while ongoing"
      }
    ]
  },
  {
    name: "stage_events",
    key: ["enrolment_id", "stage", "start_date"],
    columns: [
      id("enrolment_id", "enrolments.enrolment_id"),
      {name: "stage", type: "string", required: true, values: STAGES, description: "Stage entered"},
      {name: "start_date", type: "date", required: true, description: "Date the stage was entered"},
      {
        name: "end_date",
        type: "date",
        required: false,
        description: "Date the stage ended (completed or left); empty while running"
      }
    ]
  },
  {
    name: "mentorships",
    key: ["mentorship_id"],
    columns: [
      id("mentorship_id", "Identifier of the mentorship"),
      {name: "enrolment_id", type: "string", required: true, description: "enrolments.enrolment_id of the mentee"},
      {name: "scheme_id", type: "string", required: true, description: "schemes.scheme_id"},
      {
        name: "start_date",
        type: "date",
        required: true,
        description:
          "Date the mentor started (the first meeting or the day the mentor took over); a mentorship that starts after the intake counts from this day"
      },
      {name: "end_date", type: "date", required: false, description: "Date it ended; empty while running"},
      {name: "group_id", type: "string", required: false, description: "Mentor group (group schemes: required)"},
      {
        name: "rematched",
        type: "boolean",
        required: true,
        description: "The mentee was re-matched with a new mentor at least once"
      },
      {
        name: "hours_to_first_contact",
        type: "decimal",
        required: false,
        min: 0,
        max: 8760,
        description: "Hours from assignment to the first contact"
      },
      {name: "meetings_held", type: "integer", required: false, min: 0, max: 1000, description: "Meetings held"}
    ]
  },
  {
    name: "external_aggregates",
    key: ["programme_name", "country", "year", "measure"],
    columns: [
      {
        name: "programme_name",
        type: "string",
        required: true,
        description: "Programme the figure describes (e.g. VerA)"
      },
      {
        name: "scheme_type",
        type: "string",
        required: false,
        values: SCHEME_TYPES,
        description: "Its scheme type, if one applies"
      },
      {name: "country", type: "string", required: true, description: "ISO 3166-1 alpha-2 country code"},
      {name: "year", type: "integer", required: true, min: 1900, max: 2100, description: "Year the figure refers to"},
      {name: "measure", type: "string", required: true, values: EXTERNAL_MEASURES, description: "What was measured"},
      {name: "value", type: "decimal", required: true, description: "The published figure (shares as 0–1)"},
      {name: "source", type: "string", required: true, description: "Citation of the publication"},
      {name: "note", type: "string", required: false, description: "Qualifier, e.g. 'about'"}
    ]
  }
] as const;

export type TableName =
  "institutions" | "schemes" | "enrolments" | "stage_events" | "mentorships" | "external_aggregates";

export const TABLE_NAMES: readonly TableName[] = TABLES.map((t) => t.name);

export function tableSpec(name: string): TableSpec {
  const spec = TABLES.find((t) => t.name === name);
  if (!spec) throw new Error(`Unknown table "${name}". Known tables: ${TABLE_NAMES.join(", ")}`);
  return spec;
}

/** Age band of an age at start (strata for risk adjustment). */
export function ageBand(age: number): (typeof AGE_BANDS)[number] {
  if (age <= 16) return "15-16";
  if (age <= 19) return "17-19";
  if (age <= 24) return "20-24";
  return "25+";
}

/** The same age bands as a SQL CASE expression over a column. */
export function ageBandSql(column: string): string {
  return `CASE WHEN ${column} <= 16 THEN '15-16' WHEN ${column} <= 19 THEN '17-19' WHEN ${column} <= 24 THEN '20-24' ELSE '25+' END`;
}
