/**
 * The codebook of a researcher export: every column of every exported file
 * with its type, its kind (dimension, count, estimate, …), its coding (the
 * allowed codes with Danish and English labels, or the unit) and Danish and
 * English labels. `buildCodebook` throws when a file has a column the
 * dictionary does not document, so no file can leave undocumented.
 *
 * Pure (no Node APIs; imports only the contract constants and the wide-step bound of coarsen.ts), so the cohort page
 * can bundle it for browser downloads later.
 */
import {WIDE_STEP} from "./coarsen.ts";
import {
  AGE_BANDS,
  CONTRACT_VERSION,
  GENDERS,
  MAIN_AREAS,
  PHASE_CUTOFFS,
  PHASES,
  PRIOR_ATTAINMENT_BANDS,
  PROGRAMMES,
  SCHEME_TYPES
} from "../contract/contract.ts";

export type ColumnType = "integer" | "number" | "string" | "boolean";

/**
 * - dimension: defines the cell a row counts (additive: rows partition the population over it)
 * - label: key or label of a row that is not additive (time, period, phase, curve set, …)
 * - count: number of individuals (passed the privacy gate; empty when hidden)
 * - estimate: computed from counts (empty when a count it comes from is hidden)
 * - statistic: test statistic describing no cell of individuals
 * - flag: which columns of the row the privacy gate hid
 * - identifier: pseudonymised key (microdata only)
 * - value: a value of one enrolment (microdata only)
 * - meta: a column of the codebook itself
 */
export type ColumnKind =
  "dimension" | "label" | "count" | "estimate" | "statistic" | "flag" | "identifier" | "value" | "meta";

export interface Code {
  code: string;
  da: string;
  en: string;
}

export interface ColumnDoc {
  type: ColumnType;
  kind: ColumnKind;
  da: string;
  en: string;
  /** Allowed codes with labels. */
  codes?: readonly Code[];
  /** Unit or coding note when there are no codes (e.g. "days from intake"). */
  coding?: string;
}

export interface Text2 {
  da: string;
  en: string;
}

// ---- Codes -------------------------------------------------------------------------------

const PROGRAMME_LABELS: Record<string, [string, string]> = {
  EUD: ["Erhvervsuddannelse", "Vocational education and training (EUD)"],
  EUX: ["Erhvervsuddannelse med studentereksamen", "Vocational education with upper-secondary exam (EUX)"],
  STX: ["Almen studentereksamen", "General upper secondary (STX)"],
  HHX: ["Højere handelseksamen", "Higher commercial examination (HHX)"],
  HTX: ["Højere teknisk eksamen", "Higher technical examination (HTX)"],
  HF: ["Højere forberedelseseksamen (2-årig hf)", "Higher preparatory examination (2-year HF)"],
  "10K": ["10. klasse", "10th form (10K)"],
  FGU: ["Forberedende grunduddannelse (FGU)", "Preparatory basic education (FGU)"]
};
const AREA_EN = [
  "Care, health and pedagogy",
  "Office, trade and business service",
  "Food, agriculture and hospitality",
  "Technology, construction and transport"
];

export const CODES = {
  programme: PROGRAMMES.map((p) => ({code: p, da: PROGRAMME_LABELS[p][0], en: PROGRAMME_LABELS[p][1]})),
  programme_group: [
    {code: "vocational", da: "Erhvervsuddannelser (EUD/EUX)", en: "Vocational (EUD/EUX)"},
    {code: "gymnasium", da: "Gymnasiale (STX/HHX/HTX/HF)", en: "Upper secondary (STX/HHX/HTX/HF)"},
    {code: "preparatory", da: "Forberedende (10. klasse/FGU)", en: "Preparatory (10th form/FGU)"}
  ],
  main_area: [
    ...MAIN_AREAS.map((a, i) => ({code: a, da: a, en: AREA_EN[i]})),
    {code: "none", da: "Intet hovedområde (ikke EUD/EUX)", en: "No main area (not EUD/EUX)"}
  ],
  age_band: AGE_BANDS.map((a) => ({code: a, da: `${a} år ved start`, en: `${a} years at intake`})),
  gender: GENDERS.map((g) => ({
    code: g,
    da: {female: "Kvinde", male: "Mand", other: "Andet"}[g],
    en: {female: "Female", male: "Male", other: "Other"}[g]
  })),
  prior_band: PRIOR_ATTAINMENT_BANDS.map((b) => ({
    code: b,
    da: {
      under_4: "Karaktergennemsnit under 4",
      "4_to_6": "Karaktergennemsnit 4,0–5,9",
      "6_to_8": "Karaktergennemsnit 6,0–7,9",
      "8_plus": "Karaktergennemsnit 8 eller derover",
      unknown: "Ukendt (fx voksne)"
    }[b],
    en: {
      under_4: "Grade average below 4",
      "4_to_6": "Grade average 4.0–5.9",
      "6_to_8": "Grade average 6.0–7.9",
      "8_plus": "Grade average 8 or above",
      unknown: "Unknown (e.g. adults)"
    }[b]
  })),
  scheme_type: [
    ...SCHEME_TYPES.map((t) => ({
      code: t,
      da: {
        peer: "Ung-til-ung (frivillig)",
        adult_volunteer: "Voksen-til-ung (frivillig)",
        professional: "Professionel mentor",
        group: "Gruppementor",
        workplace: "Arbejdspladsmentor"
      }[t],
      en: {
        peer: "Peer (volunteer)",
        adult_volunteer: "Adult volunteer",
        professional: "Professional mentor",
        group: "Group mentor",
        workplace: "Workplace mentor"
      }[t]
    })),
    {code: "none", da: "Ingen mentor", en: "No mentor"}
  ],
  mentor: [
    {code: "with", da: "Med mentor", en: "With a mentor"},
    {code: "without", da: "Uden mentor", en: "Without a mentor"}
  ],
  phase: PHASES.map((p) => ({
    code: p,
    da: {
      first_weeks: "De første uger",
      gf1_gf2: "GF1 → GF2",
      school_to_apprenticeship: "Skole → læreplads",
      probation: "Prøvetiden",
      main_course: "Hovedforløbet/undervejs",
      final_stretch: "Slutspurten"
    }[p],
    en: {
      first_weeks: "First weeks",
      gf1_gf2: "GF1 → GF2",
      school_to_apprenticeship: "School → apprenticeship",
      probation: "Probation",
      main_course: "Main course",
      final_stretch: "Final stretch"
    }[p]
  })),
  outcome: [
    {code: "completed", da: "Gennemført", en: "Completed"},
    {code: "dropped", da: "Frafaldet", en: "Dropped out"},
    {code: "transferred", da: "Skiftet uddannelse", en: "Transferred"},
    {code: "ongoing", da: "I gang ved dataudtræk", en: "Ongoing at data extraction"}
    // no_show (withdrew before the start) is never in an export: cohorts are of students who started
  ],
  curve_set: [
    {
      code: "mentor",
      da: "Med og uden mentor fra start (tid fra optagelse)",
      en: "With and without an intake mentor (time from intake)"
    },
    {
      code: "scheme_type",
      da: "Efter ordningstype fra start; none = ingen mentor fra start (tid fra optagelse)",
      en: "By intake scheme type; none = no intake mentor (time from intake)"
    },
    {
      code: "workplace",
      da: "Lærlinge med og uden arbejdspladsmentor (tid fra lærepladsstart)",
      en: "Apprentices with and without a workplace mentor (time from the placement start)"
    }
  ],
  origin: [
    {code: "intake", da: "Optagelsesdato", en: "Intake date"},
    {code: "placement", da: "Start på første læreplads", en: "Start of the first apprenticeship placement"}
  ],
  boolean: [
    {code: "TRUE", da: "Ja", en: "Yes"},
    {code: "FALSE", da: "Nej", en: "No"}
  ]
} satisfies Record<string, readonly Code[]>;

const withAll = (codes: readonly Code[], da: string, en: string): Code[] => [{code: "all", da, en}, ...codes];

// ---- Column dictionary --------------------------------------------------------------------

const count = (da: string, en: string): ColumnDoc => ({
  type: "integer",
  kind: "count",
  da,
  en,
  coding: "number of enrolments (students); empty = hidden by the privacy gate"
});
const estimate = (da: string, en: string, coding = "proportion 0–1"): ColumnDoc => ({
  type: "number",
  kind: "estimate",
  da,
  en,
  coding
});
const dim = (da: string, en: string, codes: readonly Code[], type: ColumnType = "string"): ColumnDoc => ({
  type,
  kind: "dimension",
  da,
  en,
  codes
});

/** Columns shared by several files (per-file entries in FILE_COLUMNS take precedence). */
export const COLUMNS: Record<string, ColumnDoc> = {
  intake_year: {
    type: "integer",
    kind: "dimension",
    da: "Optagelsesår",
    en: "Intake year",
    coding: "calendar year of the intake date"
  },
  programme: dim("Uddannelse", "Programme", CODES.programme),
  programme_group: dim("Uddannelsesgruppe", "Programme group", CODES.programme_group),
  main_area: dim("Hovedområde (EUD/EUX)", "Main area (EUD/EUX)", CODES.main_area),
  institution_id: {
    type: "string",
    kind: "dimension",
    da: "Institution (skolens id i institutions-tabellen)",
    en: "Institution (the school's id in the institutions table)",
    coding: "institutions.institution_id"
  },
  age_band: dim("Aldersgruppe ved start", "Age band at intake", CODES.age_band),
  gender: dim("Køn", "Gender", CODES.gender),
  prior_band: dim(
    "Karaktergennemsnit fra grundskolen (gruppe)",
    "Prior attainment band (lower-secondary grade average)",
    CODES.prior_band
  ),
  scheme_type: dim(
    "Ordningstype for elevens første mentorforløb (none = ingen mentor)",
    "Scheme type of the student's first mentorship (none = no mentor)",
    CODES.scheme_type
  ),
  mentor: {
    type: "string",
    kind: "label",
    da: "Mentor (med = scheme_type er ikke none)",
    en: "Mentor status (with = scheme_type is not none)",
    codes: CODES.mentor
  },
  n: count("Antal elever (optag)", "Number of enrolments"),
  completed: count("Heraf gennemført", "Of which completed"),
  dropped: count("Heraf frafaldet", "Of which dropped out"),
  transferred: count("Heraf skiftet uddannelse", "Of which transferred"),
  ongoing: count("Heraf stadig i gang ved dataudtræk", "Of which still ongoing at data extraction"),
  ...Object.fromEntries(
    CODES.phase.map((p) => [
      `dropped_${p.code}`,
      count(`Heraf frafaldet i fasen: ${p.da}`, `Of which dropped out in the phase: ${p.en}`)
    ])
  ),
  // outcomes.*: share of n of each status with Wilson 95 % limits (empty when n = 0 or a count it comes from is hidden)
  ...Object.fromEntries(
    CODES.outcome.flatMap((o) => [
      [
        `share_${o.code}`,
        estimate(
          `Andel af n: ${o.da.toLowerCase()}`,
          `Share of n: ${o.en.toLowerCase()}`,
          `proportion 0–1: ${o.code}/n; empty when n = 0 or when n or ${o.code} is hidden`
        )
      ],
      [
        `share_${o.code}_lower`,
        estimate(
          `Andel ${o.da.toLowerCase()}: nedre 95 %-grænse (Wilson)`,
          `Share ${o.en.toLowerCase()}: lower 95% limit (Wilson)`,
          `Wilson score limit of ${o.code}/n (as R prop.test(correct = FALSE))`
        )
      ],
      [
        `share_${o.code}_upper`,
        estimate(
          `Andel ${o.da.toLowerCase()}: øvre 95 %-grænse (Wilson)`,
          `Share ${o.en.toLowerCase()}: upper 95% limit (Wilson)`,
          `Wilson score limit of ${o.code}/n (as R prop.test(correct = FALSE))`
        )
      ]
    ])
  ),
  suppressed: {
    type: "string",
    kind: "flag",
    da: "Kolonner i rækken, som diskretionsreglen har skjult (adskilt af ;); tom = intet skjult",
    en: "Columns of the row hidden by the privacy gate (separated by ;); empty = nothing hidden",
    coding: "column names separated by ;"
  }
};

/** A proportion in percentage points, as text. */
/** The days of a person-period period, the same columns in person_period and its margins. */
const PERIOD_DAYS: Record<"start_day" | "end_day", ColumnDoc> = {
  start_day: {
    type: "integer",
    kind: "label",
    da: "Periodens første dag (dage fra optagelse)",
    en: "First day of the period (days from intake)",
    coding: "days"
  },
  end_day: {
    type: "integer",
    kind: "label",
    da: "Periodens sidste dag (dage fra optagelse)",
    en: "Last day of the period (days from intake)",
    coding: "days"
  }
};

const pp = (x: number) => String(Math.round(x * 1000) / 10);

// ---- Baseline risk (risk-tables.ts) ---------------------------------------------------------

const RISK_BAND: ColumnDoc = {
  type: "integer",
  kind: "dimension",
  da: "Risikobånd: femtedel af den forudsagte frafaldsrisiko uden mentor (1 = laveste, 5 = højeste)",
  en: "Risk band: fifth of the predicted dropout risk without a mentor (1 = lowest, 5 = highest)",
  coding:
    "1–5; band cut points in risk_model (term band_cut), quintiles of the predicted risk in the whole warehouse's fitting population"
};
const RISK_GROUP: ColumnDoc = {
  type: "string",
  kind: "dimension",
  da: "Risikogruppe: sammenhængende risikobånd, slået sammen fra det laveste, til hver gruppe har mindst 20 × k af ordningstypens mentees i kohorten",
  en: "Risk group: contiguous risk bands, merged from the lowest up until each group holds at least 20 × k of the scheme type's mentees in the cohort",
  coding: "band range: 1-2, 3, 3-5, …; 1-5 for a scheme type with too few mentees to split"
};
const BAND_END = (da: string, en: string): ColumnDoc => ({
  type: "integer",
  kind: "label",
  da,
  en,
  coding: "risk band 1–5"
});
const diff = (da: string, en: string, coding: string) => estimate(da, en, `difference of proportions −1–1; ${coding}`);

/** The columns of band_effects and group_effects (the analysis layer's effect rows, horizon "ever"). */
const EFFECT_DOCS: Record<string, ColumnDoc> = {
  origin: {
    type: "string",
    kind: "label",
    da: "Tidens nulpunkt for sammenligningen",
    en: "Time origin of the comparison",
    codes: [
      ...CODES.origin,
      {
        code: "mixed",
        da: "Begge: mentorer fra start fra optagelsen, arbejdspladsmentorer fra lærepladsstarten",
        en: "Both: intake mentors from intake, workplace mentors from the placement start"
      }
    ]
  },
  n_mentored: count(
    "Mentees (årgange fulgt i mindst modenhedshorisonten)",
    "Mentees (intakes followed for at least the maturity horizon)"
  ),
  dropped_mentored: count("Heraf frafaldet", "Of which dropped out"),
  rate_mentored: estimate(
    "Frafald blandt mentees",
    "Dropout among the mentees",
    "proportion 0–1: dropped_mentored/n_mentored"
  ),
  rate_mentored_lower: estimate("Nedre 95 %-grænse (Wilson)", "Lower 95% limit (Wilson)"),
  rate_mentored_upper: estimate("Øvre 95 %-grænse (Wilson)", "Upper 95% limit (Wilson)"),
  n_comparison: count(
    "Sammenligningselever uden mentor (samme skoler × uddannelser; arbejdsplads: samme uddannelser × hovedområder)",
    "Comparison students without a mentor (same institutions × programmes; workplace: same programmes × main areas)"
  ),
  dropped_comparison: count("Heraf frafaldet", "Of which dropped out"),
  rate_comparison: estimate(
    "Frafald blandt sammenligningseleverne, vægtet til mentees' skoler × uddannelser",
    "Dropout of the comparison students, weighted to the mentees' institutions × programmes",
    "proportion 0–1; Wald 95% limits in _lower/_upper"
  ),
  rate_comparison_lower: estimate("Nedre 95 %-grænse (Wald)", "Lower 95% limit (Wald)"),
  rate_comparison_upper: estimate("Øvre 95 %-grænse (Wald)", "Upper 95% limit (Wald)"),
  naive: diff(
    "Rå forskel i frafald: mentees minus sammenligning (ingen risikojustering)",
    "Crude difference in dropout: mentees minus comparison (no risk adjustment)",
    "rate_mentored − rate_comparison"
  ),
  naive_lower: estimate("Nedre 95 %-grænse (Wald)", "Lower 95% limit (Wald)", "difference of proportions"),
  naive_upper: estimate("Øvre 95 %-grænse (Wald)", "Upper 95% limit (Wald)", "difference of proportions"),
  adjusted: diff(
    "Justeret forskel i frafald (direkte standardisering til mentees over skole × uddannelse × hovedområde × karakterniveau × aldersgruppe × køn)",
    "Adjusted difference in dropout (direct standardisation to the mentees over institution × programme × main area × prior band × age band × gender)",
    "negative = less dropout with a mentor; Wald 95% limits"
  ),
  adjusted_lower: estimate("Nedre 95 %-grænse (Wald)", "Lower 95% limit (Wald)", "difference of proportions"),
  adjusted_upper: estimate("Øvre 95 %-grænse (Wald)", "Upper 95% limit (Wald)", "difference of proportions"),
  adjusted_rate_without: estimate(
    "Standardiseret frafald, mentees ville have haft uden mentor",
    "Standardised dropout the mentees would have had without a mentor"
  ),
  support_share: estimate(
    "Andel af mentees i strata med sammenligningselever",
    "Share of the mentees in strata with comparison students"
  ),
  strata: estimate(
    "Antal strata i den justerede sammenligning",
    "Number of strata in the adjusted comparison",
    "number of strata with mentees and comparison students (not a count of students)"
  ),
  nnt: estimate(
    "Antal mentees pr. forebygget frafald (NNT; ved skade: pr. ekstra frafald)",
    "Mentees per dropout prevented (NNT; for harm: per extra dropout)",
    "1/|adjusted|; empty when the 95% interval of adjusted contains 0 or adjusted is hidden"
  ),
  nnt_lower: estimate(
    "Nedre 95 %-grænse for NNT",
    "Lower 95% limit of the NNT",
    "benefit: 1/(−adjusted_lower); harm: 1/adjusted_upper"
  ),
  nnt_upper: estimate(
    "Øvre 95 %-grænse for NNT",
    "Upper 95% limit of the NNT",
    "benefit: 1/(−adjusted_upper); harm: 1/adjusted_lower"
  ),
  nnt_kind: {
    type: "string",
    kind: "estimate",
    da: "Retning af NNT",
    en: "Direction of the NNT",
    codes: [
      {code: "benefit", da: "Gavn: mentees pr. forebygget frafald", en: "Benefit: mentees per dropout prevented"},
      {code: "harm", da: "Skade: mentees pr. ekstra frafald", en: "Harm: mentees per extra dropout"}
    ]
  }
};

const modelValue = (da: string, en: string, coding: string): ColumnDoc => ({
  type: "number",
  kind: "estimate",
  da,
  en,
  coding
});

/** Per-file columns (and overrides of shared ones). */
export const FILE_COLUMNS: Record<string, Record<string, ColumnDoc>> = {
  risk_model: {
    term: {
      type: "string",
      kind: "label",
      da: "Led i modellen",
      en: "Term of the model",
      codes: [
        {
          code: "intercept",
          da: "Konstantled (log-odds ved referenceniveauerne og centreringsåret)",
          en: "Intercept (log-odds at the reference levels and the centre year)"
        },
        {
          code: "reference",
          da: "Referenceniveau for en faktor (koefficient 0)",
          en: "Reference level of a factor (coefficient 0)"
        },
        {
          code: "level",
          da: "Niveau af en faktor (forskel i log-odds fra referencen)",
          en: "Level of a factor (log-odds difference from the reference)"
        },
        {
          code: "intake_year",
          da: "Optagelsesår, lineært (pr. år; value = centreringsåret)",
          en: "Intake year, linear (per year; value = the centre year)"
        },
        {
          code: "band_cut",
          da: "Skæringspunkt mellem risikobånd level og level + 1 (value)",
          en: "Cut point between risk band level and level + 1 (value)"
        },
        {
          code: "decile_cut",
          da: "Skæringspunkt mellem decil level og level + 1 (value)",
          en: "Cut point between decile level and level + 1 (value)"
        },
        {
          code: "c_statistic",
          da: "C-statistik (konkordans) i tilpasningspopulationen (value)",
          en: "C-statistic (concordance) in the fitting population (value)"
        },
        {
          code: "ridge",
          da: "Ridge-straf på alle koefficienter undtagen konstantleddet (value)",
          en: "Ridge penalty on every coefficient but the intercept (value)"
        },
        {
          code: "min_level_students",
          da: "Niveauer med færre elever i tilpasningspopulationen er slået sammen (value)",
          en: "Levels with fewer students in the fitting population are pooled (value)"
        }
      ]
    },
    factor: {
      type: "string",
      kind: "label",
      da: "Faktor (kolonne i grunddata)",
      en: "Factor (column of the base data)",
      codes: [
        {code: "institution_id", da: "Institution", en: "Institution"},
        {code: "programme", da: "Uddannelse", en: "Programme"},
        {code: "main_area", da: "Hovedområde", en: "Main area"},
        {code: "prior_band", da: "Karaktergennemsnit fra grundskolen (gruppe)", en: "Prior attainment band"},
        {code: "age_band", da: "Aldersgruppe ved start", en: "Age band at intake"},
        {code: "gender", da: "Køn", en: "Gender"},
        {code: "intake_year", da: "Optagelsesår", en: "Intake year"},
        {code: "(intercept)", da: "Konstantleddet", en: "The intercept"},
        {code: "risk_band", da: "Risikobånd (skæringspunkter)", en: "Risk band (cut points)"},
        {code: "risk_decile", da: "Decil (skæringspunkter)", en: "Decile (cut points)"},
        {code: "(model)", da: "Modellen som helhed (level = leddet)", en: "The model as a whole (level = the term)"}
      ]
    },
    level: {
      type: "string",
      kind: "label",
      da: "Niveau af faktoren ((other) = små niveauer slået sammen); for skæringspunkter: båndet/decilen under punktet",
      en: "Level of the factor ((other) = small levels pooled); for cut points: the band/decile below the cut",
      coding:
        "a value of the factor's column ('?' = missing) or (other); intake_year: per year; cut points: 1–9; otherwise the term"
    },
    pooled_levels: {
      type: "string",
      kind: "label",
      da: "Niveauer slået sammen i dette niveau (adskilt af ;)",
      en: "Levels pooled into this level (separated by ;)",
      coding: "values separated by ;"
    },
    coefficient: modelValue(
      "Koefficient (log-odds)",
      "Coefficient (log-odds)",
      "log-odds; risk = 1/(1 + exp(−Σ terms)), see sql/risk_model.sql"
    ),
    std_error: modelValue(
      "Standardfejl af koefficienten",
      "Standard error of the coefficient",
      "log-odds (ridge-penalised information)"
    ),
    odds_ratio: modelValue(
      "Oddsratio exp(koefficient)",
      "Odds ratio exp(coefficient)",
      "ratio; intercept: the odds at the reference"
    ),
    odds_ratio_lower: modelValue(
      "Nedre 95 %-grænse for oddsratio",
      "Lower 95% limit of the odds ratio",
      "exp(coefficient − 1.96·std_error)"
    ),
    odds_ratio_upper: modelValue(
      "Øvre 95 %-grænse for oddsratio",
      "Upper 95% limit of the odds ratio",
      "exp(coefficient + 1.96·std_error)"
    ),
    value: modelValue(
      "Værdi af leddet (centreringsår, skæringspunkt, C-statistik, ridge, mindste niveau)",
      "Value of the term (centre year, cut point, C-statistic, ridge, minimum level size)",
      "cut points: predicted risk 0–1 (a risk on a cut is in the lower band)"
    )
  },
  band_effects: (({origin: _origin, ...docs}) => ({risk_band: RISK_BAND, ...docs}))(EFFECT_DOCS),
  group_effects: {
    scheme_type: dim(
      "Ordningstype for elevens første mentorforløb",
      "Scheme type of the student's first mentorship",
      CODES.scheme_type.filter((c) => c.code !== "none")
    ),
    risk_group: RISK_GROUP,
    band_from: BAND_END("Gruppens laveste risikobånd", "The group's lowest risk band"),
    band_to: BAND_END("Gruppens højeste risikobånd", "The group's highest risk band"),
    ...EFFECT_DOCS
  },
  risk_calibration: {
    risk_decile: {
      type: "integer",
      kind: "dimension",
      da: "Decil af den forudsagte frafaldsrisiko i tilpasningspopulationen (1 = laveste)",
      en: "Decile of the predicted dropout risk in the fitting population (1 = lowest)",
      coding: "1–10; cut points in risk_model (term decile_cut)"
    },
    students: count(
      "Elever i tilpasningspopulationen (årgange fulgt i mindst modenhedshorisonten, aldrig mentor)",
      "Students of the fitting population (intakes followed for at least the maturity horizon, never a mentor)"
    ),
    dropped: count("Heraf frafaldet", "Of which dropped out"),
    observed: estimate("Observeret frafald", "Observed dropout", "proportion 0–1: dropped/students"),
    observed_lower: estimate("Nedre 95 %-grænse (Wilson)", "Lower 95% limit (Wilson)"),
    observed_upper: estimate("Øvre 95 %-grænse (Wilson)", "Upper 95% limit (Wilson)"),
    predicted: estimate(
      "Gennemsnitlig forudsagt risiko",
      "Mean predicted risk",
      "proportion 0–1; mean of the students' predicted risks"
    )
  },
  survival: {
    set: {type: "string", kind: "label", da: "Kurvesæt", en: "Curve set", codes: CODES.curve_set},
    group: {
      type: "string",
      kind: "label",
      da: "Gruppe i kurvesættet",
      en: "Group within the curve set",
      codes: [
        ...CODES.mentor,
        ...CODES.scheme_type.filter((c) => c.code !== "workplace"),
        {code: "workplace", da: "Arbejdspladsmentor", en: "Workplace mentor"}
      ]
    },
    origin: {type: "string", kind: "label", da: "Tidens nulpunkt", en: "Time origin", codes: CODES.origin},
    time: {
      type: "integer",
      kind: "label",
      da: "Dage fra nulpunktet: intervallets sidste frafald (tom: ikke offentliggjort)",
      en: "Days from the origin: the interval's last dropout (empty: not published)",
      coding:
        "days; the row's dropouts lie after the previous row's time and on or before this time (a row without dropouts: its last day)"
    },
    at_risk: count("Under risiko ved intervallets start", "At risk at the start of the interval"),
    events: count("Frafald i intervallet", "Dropouts in the interval"),
    censored: {
      ...count(
        "Censureret i intervallet (data slutter; gennemførte og skiftede forbliver under risiko til dataudtrækket)",
        "Censored in the interval (end of data; completers and transfers stay at risk until the data date)"
      ),
      coding:
        "number of enrolments; after the previous row's time and before the next row's first dropout: those before this row's time count as at risk for all its dropouts, those after it left after them; empty = hidden by the privacy gate"
    },
    survival: estimate(
      "Kaplan-Meier: andel ikke frafaldet ved intervallets slutning",
      "Kaplan-Meier: share not dropped out at the end of the interval",
      "proportion 0–1; product over rows of 1 − events/at_risk"
    ),
    std_err: estimate(
      "Standardfejl af overlevelsen (Greenwood)",
      "Standard error of the survival (Greenwood)",
      "S·sqrt(Σ events/(at_risk·(at_risk − events))); empty where survival = 0"
    ),
    lower: estimate(
      "Nedre 95 %-grænse (log-transformeret, som R survfit)",
      "Lower 95% limit (log transformation, as R survfit)",
      "S·exp(−1.96·σ), σ² = Greenwood sum"
    ),
    upper: estimate(
      "Øvre 95 %-grænse (log-transformeret, som R survfit)",
      "Upper 95% limit (log transformation, as R survfit)",
      "min(1, S·exp(1.96·σ))"
    ),
    wide_step: {
      type: "boolean",
      kind: "estimate",
      da: `Bredt trin: overlevelsen falder mere end ${pp(WIDE_STEP)} procentpoint i intervallet`,
      en: `Wide step: survival drops by more than ${pp(WIDE_STEP)} percentage points in the interval`,
      codes: [
        {
          code: "TRUE",
          da: `Ja: faldet fra rækken før (1 før første række) er over ${String(WIDE_STEP).replace(".", ",")}; i intervallet kan kurven afvige fra den præcise med op til faldet`,
          en: `Yes: the drop from the row before (1 before the first row) exceeds ${WIDE_STEP}; within the interval the curve can be off the exact one by up to the drop`
        },
        {
          code: "FALSE",
          da: `Nej: faldet er højst ${String(WIDE_STEP).replace(".", ",")}`,
          en: `No: the drop is at most ${WIDE_STEP}`
        }
      ]
    }
  },
  log_rank: {
    set: {type: "string", kind: "label", da: "Kurvesæt", en: "Curve set", codes: CODES.curve_set},
    groups: {
      type: "string",
      kind: "label",
      da: "Sammenlignede grupper (kommasepareret)",
      en: "Groups compared (comma-separated)",
      coding: "group codes as in survival.group"
    },
    chi_square: {
      type: "number",
      kind: "statistic",
      da: "Log-rank chi²",
      en: "Log-rank chi-square",
      coding: "computed on the exact (daily) survival table, as R survdiff"
    },
    df: {
      type: "integer",
      kind: "statistic",
      da: "Frihedsgrader",
      en: "Degrees of freedom",
      coding: "number of groups with events − 1"
    },
    p_value: {type: "number", kind: "statistic", da: "p-værdi", en: "p-value", coding: "upper tail of chi-square(df)"}
  },
  stage_hazards: {
    phase: {type: "string", kind: "label", da: "Overgang (fase)", en: "Transition point (phase)", codes: CODES.phase},
    mentor: {
      type: "string",
      kind: "dimension",
      da: "Mentor ved fasens start",
      en: "Mentor at the start of the phase",
      codes: CODES.mentor
    },
    scheme_type: dim(
      "Ordningstype ved fasens start (all = alle typer; uden mentor altid all)",
      "Scheme type at the start of the phase (all = every type; always all without a mentor)",
      withAll(
        CODES.scheme_type.filter((c) => c.code !== "none"),
        "Alle",
        "All"
      )
    ),
    programme_group: dim(
      "Uddannelsesgruppe (all = alle)",
      "Programme group (all = every programme)",
      withAll(CODES.programme_group, "Alle uddannelser", "All programmes")
    ),
    entered: count(
      "Nåede fasen (årgange fulgt i mindst modenhedshorisonten: provenance.json data.mature_days, normalt 5 år)",
      "Entered the phase (intakes followed for at least the maturity horizon: provenance.json data.mature_days, normally 5 years)"
    ),
    dropped: count("Heraf frafaldet i fasen", "Of which dropped out in the phase"),
    hazard: estimate(
      "Risiko for frafald i fasen (dropped/entered)",
      "Hazard of dropping out in the phase (dropped/entered)"
    ),
    hazard_lower: estimate("Nedre 95 %-grænse (Wilson)", "Lower 95% limit (Wilson)"),
    hazard_upper: estimate("Øvre 95 %-grænse (Wilson)", "Upper 95% limit (Wilson)")
  },
  person_period: {
    period: {
      type: "integer",
      kind: "label",
      da: "Periode fra optagelse (0 = første)",
      en: "Period from intake (0 = first)",
      coding: "period k covers days start_day … end_day from intake"
    },
    ...PERIOD_DAYS,
    scheme_type: dim(
      "Ordningstype ved periodens start (mentor fra start tæller fra optagelse, arbejdspladsmentor fra sin start; none = ingen)",
      "Scheme type at the start of the period (intake mentors count from intake, workplace mentors from their start; none = no mentor yet)",
      CODES.scheme_type
    ),
    mentor: {
      type: "string",
      kind: "label",
      da: "Mentor ved periodens start",
      en: "Mentor at the start of the period",
      codes: CODES.mentor
    },
    at_risk: count(
      "Under risiko: i gang ved periodens start og fulgt hele perioden",
      "At risk: enrolled at the start of the period and followed for all of it"
    ),
    events: count("Frafald i perioden", "Dropouts in the period")
  },
  person_period_margins: {
    period: {
      type: "integer",
      kind: "label",
      da: "Periode fra optagelse (0 = første)",
      en: "Period from intake (0 = first)",
      coding: "as in person_period"
    },
    ...PERIOD_DAYS,
    scheme_type: dim(
      "Ordningstype ved periodens start (all = alle celler i perioden)",
      "Scheme type at the start of the period (all = every cell of the period)",
      withAll(CODES.scheme_type, "Alle", "All")
    ),
    mentor: {
      type: "string",
      kind: "label",
      da: "Mentor ved periodens start (all = alle)",
      en: "Mentor at the start of the period (all = everyone)",
      codes: withAll(CODES.mentor, "Alle", "All")
    },
    at_risk: count("Under risiko (sum over person_period-cellerne)", "At risk (sum over the person_period cells)"),
    events: count(
      "Frafald i perioden (sum over person_period-cellerne)",
      "Dropouts in the period (sum over the person_period cells)"
    )
  },
  microdata: {
    enrolment_id: {
      type: "string",
      kind: "identifier",
      da: "Optag (pseudonym: nøglet hash fra indlæsningen)",
      en: "Enrolment (pseudonym: keyed hash from the ingest)",
      coding: "as in the warehouse"
    },
    student_key: {
      type: "string",
      kind: "identifier",
      da: "Elev (pseudonym: nøglet hash fra indlæsningen)",
      en: "Student (pseudonym: keyed hash from the ingest)",
      coding: "as in the warehouse; one student can have several enrolments"
    },
    institution_id: {
      type: "string",
      kind: "value",
      da: "Institution",
      en: "Institution",
      coding: "institutions.institution_id"
    },
    programme: {...COLUMNS.programme, kind: "value"},
    programme_group: {...COLUMNS.programme_group, kind: "value"},
    main_area: {...COLUMNS.main_area, kind: "value"},
    intake_month: {
      type: "string",
      kind: "value",
      da: "Optagelsesmåned",
      en: "Intake month",
      coding: "yyyy-mm (dates reduced to months)"
    },
    intake_year: {type: "integer", kind: "value", da: "Optagelsesår", en: "Intake year", coding: "calendar year"},
    age_at_start: {
      type: "integer",
      kind: "value",
      da: "Alder ved start (hele år)",
      en: "Age at intake (whole years)",
      coding: "years"
    },
    age_band: {...COLUMNS.age_band, kind: "value"},
    gender: {...COLUMNS.gender, kind: "value"},
    prior_band: {...COLUMNS.prior_band, kind: "value"},
    outcome: {
      type: "string",
      kind: "value",
      da: "Status ved dataudtræk",
      en: "Status at data extraction",
      codes: CODES.outcome
    },
    outcome_month: {
      type: "string",
      kind: "value",
      da: "Måned for gennemførelse, frafald eller skift (tom hvis i gang)",
      en: "Month of completion, dropout or transfer (empty if ongoing)",
      coding: "yyyy-mm"
    },
    end_day: {
      type: "integer",
      kind: "value",
      da: "Dage fra optagelse til gennemførelse, frafald eller skift (tom hvis i gang)",
      en: "Days from intake to completion, dropout or transfer (empty if ongoing)",
      coding: "days"
    },
    follow_days: {
      type: "integer",
      kind: "value",
      da: "Dage fra optagelse til dataudtrækket (opfølgningstid)",
      en: "Days from intake to the data date (follow-up)",
      coding: "days"
    },
    drop_phase: {
      type: "string",
      kind: "value",
      da: "Overgang, hvor eleven faldt fra (tom hvis ikke frafaldet)",
      en: "Transition point of the dropout (empty if not dropped out)",
      codes: CODES.phase
    },
    scheme_id: {
      type: "string",
      kind: "value",
      da: "Ordning for første mentorforløb (tom = ingen)",
      en: "Scheme of the first mentorship (empty = none)",
      coding: "schemes.scheme_id"
    },
    scheme_type: {
      type: "string",
      kind: "value",
      da: "Ordningstype for første mentorforløb",
      en: "Scheme type of the first mentorship",
      codes: CODES.scheme_type
    },
    mentor_intake: {
      type: "boolean",
      kind: "value",
      da: "Mentor fra start (ordningstype ikke arbejdsplads)",
      en: "Intake mentor (scheme type other than workplace)",
      codes: CODES.boolean
    },
    mentor_workplace: {
      type: "boolean",
      kind: "value",
      da: "Arbejdspladsmentor",
      en: "Workplace mentor",
      codes: CODES.boolean
    },
    mentor_start_day: {
      type: "integer",
      kind: "value",
      da: "Dage fra optagelse til mentorforløbets start",
      en: "Days from intake to the start of the mentorship",
      coding: "days"
    },
    hours_to_first_contact: {
      type: "number",
      kind: "value",
      da: "Timer til første kontakt",
      en: "Hours to first contact",
      coding: "hours"
    },
    meetings_held: {type: "integer", kind: "value", da: "Afholdte møder", en: "Meetings held", coding: "count"},
    rematched: {
      type: "boolean",
      kind: "value",
      da: "Fik ny mentor undervejs",
      en: "Re-matched with a new mentor",
      codes: CODES.boolean
    },
    placement_day: {
      type: "integer",
      kind: "value",
      da: "Dage fra optagelse til første læreplads (tom = ingen)",
      en: "Days from intake to the first apprenticeship placement (empty = none)",
      coding: "days"
    }
  },
  codebook: {
    file: {type: "string", kind: "meta", da: "Fil", en: "File"},
    column: {type: "string", kind: "meta", da: "Kolonne", en: "Column"},
    type: {type: "string", kind: "meta", da: "Datatype", en: "Data type", coding: "integer, number, string, boolean"},
    kind: {
      type: "string",
      kind: "meta",
      da: "Slags kolonne",
      en: "Kind of column",
      coding: "dimension, label, count, estimate, statistic, flag, identifier, value, meta"
    },
    coding: {
      type: "string",
      kind: "meta",
      da: "Kodning (kode: dansk / engelsk; …) eller enhed",
      en: "Coding (code: Danish / English; …) or unit"
    },
    label_da: {type: "string", kind: "meta", da: "Dansk betegnelse", en: "Danish label"},
    label_en: {type: "string", kind: "meta", da: "Engelsk betegnelse", en: "English label"}
  }
};

/** What each file holds. */
export const FILE_DESCRIPTIONS: Record<string, Text2> = {
  outcomes_by_mentor: {
    da: "Status ved dataudtræk og frafald pr. overgang efter ordningstype (første mentorforløb; none = ingen mentor).",
    en: "Status at data extraction and dropout per transition point by scheme type (first mentorship; none = no mentor)."
  },
  outcomes: {
    da: "Som outcomes_by_mentor, opdelt på celler af baggrundsvariable (kovariater) × ordningstype. Alle kombinationer af de tilladte værdier er med (0 hvor ingen er), så en rækkes tilstedeværelse siger intet om eleverne.",
    en: "As outcomes_by_mentor, split by cells of covariates × scheme type. Every combination of the allowed values is a row (0 where nobody is), so the presence of a row says nothing about the students."
  },
  stage_hazards: {
    da: `Risiko for frafald ved hver overgang blandt dem, der nåede den, med og uden mentor ved fasens start (årgange fulgt i mindst modenhedshorisonten, provenance.json data.mature_days; normalt 5 år). Faser: se data/README.md (${PHASE_CUTOFFS.firstWeeksDays} og ${PHASE_CUTOFFS.probationDays} dage).`,
    en: `Hazard of dropping out at each transition point among those who reached it, with and without a mentor at the phase start (intakes followed for at least the maturity horizon, provenance.json data.mature_days; normally 5 years). Phases: see data/README.md (${PHASE_CUTOFFS.firstWeeksDays} and ${PHASE_CUTOFFS.probationDays} days).`
  },
  survival: {
    da: "Kaplan-Meier-tabel for 'ikke frafaldet' pr. gruppe. Tider er slået sammen til intervaller med 0 eller mindst k hændelser og censureringer (k = mindste cellestørrelse); et interval slutter ved sit sidste frafald, og overlevelsen er beregnet på den sammenslåede tabel. Inden for et interval kan kurven afvige fra den præcise med op til intervallets fald (wide_step markerer fald over grænsen). Hver gruppe, kohorten tillader, har rækker; en gruppe, der ikke kan offentliggøres, er én række med alle værdier tomme.",
    en: "Kaplan-Meier table of 'not dropped out' per group. Times are merged into intervals with 0 or at least k events and censorings (k = minimum cell size); an interval ends at its last dropout, and the survival is computed on the merged table. Within an interval the curve can be off the exact one by up to the interval's drop (wide_step flags drops above the bound). Every group the cohort allows has rows; a group that cannot be published is one row with every value empty."
  },
  log_rank: {
    da: "Log-rank-test mellem grupperne i hvert kurvesæt (på den præcise, daglige tabel).",
    en: "Log-rank test between the groups of each curve set (on the exact, daily table)."
  },
  person_period: {
    da: "Person-periode-celler: under risiko og frafald pr. periode fra optagelse × celle af kovariater og mentorstatus ved periodens start. Nok til en diskret-tids hazardmodel (binomial GLM på cellerne). Alle perioder op til gitterets slutning for alle celler (0 under risiko, hvor ingen er fulgt).",
    en: "Person-period cells: at risk and dropouts per period from intake × cell of covariates and mentor status at the start of the period. Enough for a discrete-time hazard model (binomial GLM on the cells). Every period up to the end of the grid for every cell (0 at risk where nobody is followed)."
  },
  person_period_margins: {
    da: "Summer af person_period over kovariaterne: pr. periode i alt og pr. ordningstype. Skjulte frafald i cellerne = margin minus de viste celler.",
    en: "Sums of person_period over the covariates: per period in all and per scheme type. Hidden dropouts in the cells = margin minus the published cells."
  },
  risk_model: {
    da: "Modellen for baggrundsrisiko: logistisk regression af frafald (ved dataudtræk) på elever uden mentor i modne årgange, tilpasset på HELE datalageret (ikke kohorten), så kohortens risikobånd er de samme som sidens. Koefficienter, skæringspunkter for bånd og deciler og C-statistik.",
    en: "The baseline-risk model: logistic regression of dropout (by the data date) among students without a mentor in mature intakes, fitted on the WHOLE warehouse (not the cohort), so the cohort's risk bands are the site's. Coefficients, band and decile cut points and the C-statistic."
  },
  band_effects: {
    da: "Kohortens samlede mentoreffekt (hele forløbet) pr. risikobånd: mentees og sammenligningselever i båndet, rå og justeret forskel, antal mentees pr. forebygget frafald (NNT).",
    en: "The cohort's overall mentor effect (ever) per risk band: mentees and comparison students in the band, crude and adjusted difference, mentees per dropout prevented (NNT)."
  },
  group_effects: {
    da: "Hver ordningstypes mentoreffekt (hele forløbet) pr. risikogruppe (risikobånd slået sammen, til hver gruppe har mindst 20 × k af typens mentees), med NNT.",
    en: "Each scheme type's mentor effect (ever) per risk group (risk bands merged until each group holds at least 20 × k of the type's mentees), with the NNT."
  },
  risk_calibration: {
    da: "Modellens kalibrering i kohorten: elever uden mentor i modne årgange pr. decil af forudsagt risiko, observeret og forudsagt frafald.",
    en: "The model's calibration in the cohort: students without a mentor in mature intakes per decile of predicted risk, observed and predicted dropout."
  },
  microdata: {
    da: "Pseudonymiserede data på optagsniveau (kun med databehandleraftale). Personoplysninger: opbevares og slettes efter aftalen.",
    en: "Pseudonymised enrolment-level data (only under a data-use agreement). Personal data: store and delete as the agreement says."
  },
  codebook: {da: "Denne kodebog: hver kolonne i hver fil.", en: "This codebook: every column of every file."}
};

// ---- Builders -------------------------------------------------------------------------------

export interface CodebookColumn extends ColumnDoc {
  column: string;
}

export interface CodebookFile {
  /** Table name (file name without extension). */
  table: string;
  /** File name as written (e.g. "outcomes.csv"). */
  file: string;
  description: Text2;
  rows: number | null;
  columns: CodebookColumn[];
}

export interface Codebook {
  contract_version: string;
  files: CodebookFile[];
}

/** Documentation of one column of one file; throws if undocumented. */
export function columnDoc(table: string, column: string): ColumnDoc {
  const doc = FILE_COLUMNS[table]?.[column] ?? COLUMNS[column];
  if (!doc)
    throw new Error(
      `codebook: column "${column}" of ${table} is not documented (add it to loaders/export/codebook.ts)`
    );
  return doc;
}

/** The codebook of a set of files (each with its columns in file order). */
export function buildCodebook(
  files: readonly {table: string; file: string; columns: readonly string[]; rows?: number | null}[]
): Codebook {
  return {
    contract_version: CONTRACT_VERSION,
    files: files.map((f) => ({
      table: f.table,
      file: f.file,
      description: FILE_DESCRIPTIONS[f.table] ?? {da: "", en: ""},
      rows: f.rows ?? null,
      columns: f.columns.map((column) => ({column, ...columnDoc(f.table, column)}))
    }))
  };
}

/** The coding of a column as one line: "code: Danish / English; …" or the unit note. */
export function codingText(doc: ColumnDoc): string {
  if (doc.codes) return doc.codes.map((c) => `${c.code}: ${c.da} / ${c.en}`).join("; ");
  return doc.coding ?? "";
}

/** Column order of codebook.csv. */
export const CODEBOOK_CSV_COLUMNS = ["file", "column", "type", "kind", "coding", "label_da", "label_en"] as const;

/** Flat rows of codebook.csv (one per column of every file). */
export function codebookRows(codebook: Codebook): Record<(typeof CODEBOOK_CSV_COLUMNS)[number], string>[] {
  return codebook.files.flatMap((f) =>
    f.columns.map((c) => ({
      file: f.file,
      column: c.column,
      type: c.type,
      kind: c.kind,
      coding: codingText(c),
      label_da: c.da,
      label_en: c.en
    }))
  );
}
