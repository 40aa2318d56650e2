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
 * (proportional hazards within a phase).
 */
import {PHASE_CUTOFFS, type MainArea, type Phase, type Programme, type SchemeType} from "../contract/contract.ts";

/** Date of the synthetic data extraction: later events are not yet known (censored). */
export const EXTRACTION_DATE = "2026-10-01";
export const INTAKE_YEARS = [2014, 2025] as const;

export const PROGRAMME_MIX: readonly (readonly [Programme, number])[] = [
  ["EUD", 36], ["EUX", 8], ["STX", 32], ["HHX", 10], ["HTX", 6], ["10K", 8]
];

/** Log-hazard contributions of observed covariates. */
export const RISK = {
  programme: {EUD: -0.45, EUX: -0.6, STX: 0, HHX: 0.35, HTX: 0.45, "10K": 0} as Record<Programme, number>,
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

export const GYMNASIUM = {
  grundforloebDays: 91,
  g2Day: 365,
  g3Day: 730,
  completionDay: 1050,
  firstWeeks: 0.02,
  main: 0.065,
  final: 0.025,
  transfer: 0.04
};

export const TENTH_FORM = {completionDay: 300, firstWeeks: 0.02, main: 0.04};

/** Selection into mentoring: odds of being offered a scheme grow with baseline risk. */
export const SELECTION = {intakeSlope: 1.1, workplaceSlope: 0.8, centre: 0.2, maxShare: 0.75};

/**
 * Planted mentor effects: hazard multipliers per phase at full strength.
 * Professional mentors act most in the first weeks and at GF1→GF2, adult
 * volunteers around the placement search, workplace mentors in the probation.
 */
export const MENTOR_EFFECT: Record<SchemeType, Record<Phase, number>> = {
  professional: {first_weeks: 0.45, gf1_gf2: 0.5, school_to_apprenticeship: 0.6, probation: 0.85, main_course: 0.9, final_stretch: 0.95},
  group: {first_weeks: 0.6, gf1_gf2: 0.55, school_to_apprenticeship: 0.85, probation: 0.95, main_course: 0.6, final_stretch: 0.85},
  peer: {first_weeks: 0.4, gf1_gf2: 0.5, school_to_apprenticeship: 0.9, probation: 1, main_course: 0.45, final_stretch: 0.6},
  adult_volunteer: {first_weeks: 0.85, gf1_gf2: 0.8, school_to_apprenticeship: 0.35, probation: 0.55, main_course: 0.8, final_stretch: 0.9},
  workplace: {first_weeks: 1, gf1_gf2: 1, school_to_apprenticeship: 1, probation: 0.45, main_course: 0.7, final_stretch: 0.75}
};

/** Effect strength by baseline risk: largest for middle-risk students (as in the STAR trial). */
export const RISK_GROUP = {lowBelow: 0, highFrom: 0.45, strength: {low: 0.6, middle: 1, high: 0.7}};

/** Effect strength by hours to first contact (the SOPU 24-hour question). */
export const CONTACT_STRENGTH: readonly (readonly [number, number])[] = [
  [24, 1], [72, 0.85], [168, 0.7], [Infinity, 0.55]
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
