/**
 * Parameters of the synthetic programme model, in one place. Every number here
 * is a planted "truth" that truth.json reports and the calibration tests check
 * (see data/README.md, "Synthetic data", for the published figures these are
 * tuned to).
 *
 * The model is a sequence of phases per programme. In each phase a student
 * survives with probability (1 − p)^(h·m), where p is the phase's base dropout
 * probability, h = exp(lp) the student's relative risk from observed
 * covariates, and m ≤ 1 the mentor's hazard multiplier in that phase
 * (proportional hazards within a phase). The multiplier acts only from the
 * mentor's start day (MENTOR_DELAY after the intake for intake schemes, the
 * læreplads start for workplace schemes): a phase the mentor joins part-way
 * has the hazard without a mentor before the start day (trajectory.ts).
 */
import {PHASE_CUTOFFS, type MainArea, type Phase, type Programme, type SchemeType} from "../contract/contract.ts";

/** Date of the synthetic data extraction: later events are not yet known (censored). */
export const EXTRACTION_DATE = "2026-10-01";
export const INTAKE_YEARS = [2014, 2025] as const;

/** Shares of the intake (HF and FGU about 12 % together, so the other programmes keep enough students per slice). */
export const PROGRAMME_MIX: readonly (readonly [Programme, number])[] = [
  ["EUD", 33],
  ["EUX", 7],
  ["STX", 28],
  ["HHX", 9],
  ["HTX", 5],
  ["HF", 7],
  ["10K", 6],
  ["FGU", 5]
];

/** FGU opened on 1 August 2019 (lov om forberedende grunduddannelse); it takes students in all year (løbende optag). */
export const FGU_FIRST_INTAKE = {year: 2019, month: 8};

/**
 * No-shows: admitted students who withdraw before the intake date (outcome
 * `no_show`, outcome_date 0–`maxDaysBefore` days before the intake date, no
 * stages, no mentor). Shares are illustrative (no published source used).
 */
export const NO_SHOW = {
  share: {EUD: 0.03, EUX: 0.02, STX: 0.015, HHX: 0.02, HTX: 0.02, HF: 0.03, "10K": 0.015, FGU: 0.04} as Record<
    Programme,
    number
  >,
  maxDaysBefore: 30
};

/** Log-hazard contributions of observed covariates. */
export const RISK = {
  programme: {EUD: -0.45, EUX: -0.6, STX: 0, HHX: 0.35, HTX: 0.45, HF: 0, "10K": 0, FGU: 0} as Record<
    Programme,
    number
  >,
  band: {under_4: 0.5, "4_to_6": 0.2, "6_to_8": -0.15, "8_plus": -0.45, unknown: 0.25} as Record<string, number>,
  ageBand: {"15-16": 0, "17-19": 0.15, "20-24": 0.3, "25+": 0.05} as Record<string, number>,
  gender: {female: 0, male: 0.05, other: 0.2} as Record<string, number>,
  mainArea: {
    "Omsorg, sundhed og pædagogik": 0.05,
    "Kontor, handel og forretningsservice": -0.05,
    "Fødevarer, jordbrug og oplevelser": 0.15,
    "Teknologi, byggeri og transport": 0
  } as Record<MainArea, number>,
  /** Per intake year after 2019 (a slow improvement). */
  yearTrend: -0.015
};

/** Base dropout probability per phase for a reference student (lp = 0). */
export const VOCATIONAL = {
  /** Share of students aged ≤ 17 who come straight from lower secondary and start on GF1. */
  directShare: 0.85,
  gf1Days: 140,
  gf2Days: {EUD: 140, EUX: 280} as Record<string, number>,
  firstWeeksGf1: 0.058,
  gf1Rest: 0.02,
  gf2AfterGf1: 0.012,
  firstWeeksGf2: 0.11,
  gf2DirectRest: 0.005,
  transferAtGfEnd: 0.03,
  /** Share of grundforløb completers with a placement contract in hand. */
  placementImmediate: 0.2,
  placementWaitMinDays: 14,
  placementWaitMeanDays: 150,
  /** After this long without a contract some students move to skoleoplæring … */
  skoleoplaeringAfterDays: 200,
  skoleoplaeringShare: 0.3,
  /** … and the others keep searching until they find one or give up (mean days, reference risk). */
  giveUpMeanDays: 60,
  gapHazardPerDay: 0.0001,
  probationDays: PHASE_CUTOFFS.probationDays,
  probation: 0.085,
  main: 0.14,
  /** Skoleoplæring has no probation; its main phase carries a little more risk. */
  mainSkoleoplaering: 0.16,
  final: 0.04,
  finalDays: 180,
  hovedforloebDays: {EUD: [900, 400], EUX: [800, 300]} as Record<string, [number, number]>
};

/**
 * A programme of school years: stages starting on fixed days (the last one is
 * the final stretch unless `final` is null), dropout per phase, and a share
 * who transfer to another programme before `transferUntil`.
 */
export interface SchoolYears {
  schedule: readonly (readonly [string, number])[];
  completionDay: number;
  firstWeeks: number;
  main: number;
  /** Dropout in the last stage (null: no final stage; the main course runs to completion). */
  final: number | null;
  transfer: number;
  transferUntil: number;
}

export const GYMNASIUM: SchoolYears = {
  schedule: [
    ["grundforloeb", 0],
    ["g1", 91],
    ["g2", 365],
    ["g3", 730]
  ],
  completionDay: 1050,
  firstWeeks: 0.02,
  main: 0.065,
  final: 0.025,
  transfer: 0.04,
  transferUntil: 365
};

/**
 * 2-årig hf: hf1 from August, hf2 from the next August, exams in June of the
 * second year. HF students are older and have lower grades than STX students,
 * and dropout is markedly higher (tuned to about a quarter of starters
 * within three years; see calibration.ts — approximate, unverified).
 */
export const HF: SchoolYears = {
  schedule: [
    ["hf1", 0],
    ["hf2", 365]
  ],
  completionDay: 680,
  firstWeeks: 0.045,
  main: 0.11,
  final: 0.05,
  transfer: 0.03,
  transferUntil: 365
};

export const TENTH_FORM: SchoolYears = {
  schedule: [["k10", 0]],
  completionDay: 300,
  firstWeeks: 0.02,
  main: 0.04,
  final: null,
  transfer: 0,
  transferUntil: 0
};

/**
 * FGU: some start with a basisforløb (clarification, about 3 months), then one
 * of three tracks of individual length (max. 2 years). Many leave early; some
 * move on to other education before finishing (transferred). Tuned to high
 * early dropout and about 30 % dropout within a year (calibration.ts —
 * approximate, unverified).
 */
export const FGU = {
  basisShare: 0.35,
  basisDays: 91,
  tracks: [
    ["agu", 45],
    ["pgu", 35],
    ["egu", 20]
  ] as readonly (readonly [string, number])[],
  /** Track length in days: base + uniform spread. */
  trackDays: {agu: [250, 250], pgu: [300, 300], egu: [540, 170]} as Record<string, [number, number]>,
  firstWeeks: 0.07,
  main: 0.22,
  transfer: 0.15
};

/** Selection into mentoring: odds of being offered a scheme grow with baseline risk. */
export const SELECTION = {intakeSlope: 1.1, workplaceSlope: 0.8, centre: 0.2, maxShare: 0.75};

/**
 * Planted mentor effects: hazard multipliers per phase at full strength.
 * Professional mentors act most in the first weeks and at GF1→GF2, adult
 * volunteers around the placement search, workplace mentors in the probation.
 */
export const MENTOR_EFFECT: Record<SchemeType, Record<Phase, number>> = {
  professional: {
    first_weeks: 0.45,
    gf1_gf2: 0.5,
    school_to_apprenticeship: 0.6,
    probation: 0.85,
    main_course: 0.9,
    final_stretch: 0.95
  },
  group: {
    first_weeks: 0.6,
    gf1_gf2: 0.55,
    school_to_apprenticeship: 0.85,
    probation: 0.95,
    main_course: 0.6,
    final_stretch: 0.85
  },
  peer: {
    first_weeks: 0.4,
    gf1_gf2: 0.5,
    school_to_apprenticeship: 0.9,
    probation: 1,
    main_course: 0.45,
    final_stretch: 0.6
  },
  adult_volunteer: {
    first_weeks: 0.85,
    gf1_gf2: 0.8,
    school_to_apprenticeship: 0.35,
    probation: 0.55,
    main_course: 0.8,
    final_stretch: 0.9
  },
  workplace: {
    first_weeks: 1,
    gf1_gf2: 1,
    school_to_apprenticeship: 1,
    probation: 0.45,
    main_course: 0.7,
    final_stretch: 0.75
  }
};

/**
 * The hazard multiplier is 1 − S·strength·(1 − effect) for the effect scale S
 * (generator option `effectScale`, default 1; 0 = no effect, negative =
 * harmful), floored here: a hazard cannot be negative, and no mentor makes
 * dropout impossible — at S = 1 the smallest multiplier is 0.35, so the floor
 * only binds for large scales (it also keeps the inverse of the survival
 * function in trajectory.ts finite).
 */
export const MIN_MULTIPLIER = 0.05;

/**
 * Delay between the intake and the start of an intake scheme's mentorship
 * (generator option `mentorDelays`; workplace schemes start at the placement
 * start). Per scheme type a mixture: a share starting on the intake day
 * (`day0`), a share starting at the next term start after the introduction
 * weeks (`term`: the first of `termStarts` at least `termMinDays` after the
 * intake), and the rest after a log-normal delay in days (`median`, `sdLog`),
 * at least one day and at most `maxDays`.
 *
 * ASSUMPTIONS, not published figures: professional mentors are assigned by
 * the school and mostly start within one to three weeks; peer and group
 * schemes often start with a term (after the introduction weeks); adult
 * volunteers take longest (matching a volunteer takes weeks to months).
 */
export const MENTOR_DELAY = {
  termStarts: [
    [9, 1],
    [2, 1]
  ] as readonly (readonly [number, number])[],
  termMinDays: 14,
  maxDays: 365,
  byType: {
    professional: {day0: 0.25, term: 0, median: 12, sdLog: 0.45},
    peer: {day0: 0.15, term: 0.45, median: 30, sdLog: 0.6},
    group: {day0: 0.1, term: 0.5, median: 35, sdLog: 0.6},
    adult_volunteer: {day0: 0.05, term: 0, median: 45, sdLog: 0.7}
  } as Record<Exclude<SchemeType, "workplace">, {day0: number; term: number; median: number; sdLog: number}>
};

/** Effect strength by baseline risk: largest for middle-risk students (as in the STAR trial). */
export const RISK_GROUP = {lowBelow: 0, highFrom: 0.45, strength: {low: 0.6, middle: 1, high: 0.7}};

/** Effect strength by hours to first contact (the SOPU 24-hour question). */
export const CONTACT_STRENGTH: readonly (readonly [number, number])[] = [
  [24, 1],
  [72, 0.85],
  [168, 0.7],
  [Infinity, 0.55]
];
export const REMATCH = {share: 0.08, strength: 0.8};

export function riskGroup(lp: number): "low" | "middle" | "high" {
  if (lp < RISK_GROUP.lowBelow) return "low";
  if (lp >= RISK_GROUP.highFrom) return "high";
  return "middle";
}

export function contactStrength(hours: number): number {
  for (const [limit, s] of CONTACT_STRENGTH) if (hours <= limit) return s;
  return CONTACT_STRENGTH[CONTACT_STRENGTH.length - 1][1];
}
