// English user-facing strings (same keys as da.ts; the type checker keeps them in step).
import type {Dictionary} from "./da.js";

export const en: Dictionary = {
  furniture: {
    skipLink: "Skip to content",
    dataDate: "Data up to",
    unknownDate: "unknown",
    releaseDate: "Released",
    publisher: "Publisher",
    contact: "Contact",
    contactExample: "(example – to be set on publication)",
    accessibility: "Accessibility statement",
    methodsLink: "Methods and definitions",
    contents: "Contents",
    site: "Mentoring schemes and dropout from upper-secondary and vocational education in the Capital Region of Denmark.",
    funding: "Funding",
    programmeLabel: "Programme",
    resultsHeading: "Results for the chosen slice",
    schemeResultsHeading: "The difference with a mentor, scheme by scheme",
    invented: "invented figures",
    inventedTitle: "The name is real, but the figures here are invented.",
    mainAreas: {
      "Omsorg, sundhed og pædagogik": "Care, health and pedagogy",
      "Kontor, handel og forretningsservice": "Office, trade and business services",
      "Fødevarer, jordbrug og oplevelser": "Food, agriculture and hospitality",
      "Teknologi, byggeri og transport": "Technology, construction and transport"
    } as Record<string, string>,
    sections: {
      definitions: "Definitions",
      adjustment: "Risk adjustment",
      intervals: "Uncertainty and intervals",
      curves: "Retention curves",
      hazards: "Dropout at the transitions",
      benchmark: "Benchmarking institutions",
      schemes: "Schemes and sources",
      disclosure: "Disclosure control",
      risk: "Baseline risk",
      data: "Data and data contract"
    },
    definitionsLead:
      "How the words are used on every page. Each student is one enrolment: one intake into one programme.",
    definitions: [
      {
        term: "Dropout",
        text: 'A student who started the programme and left it without completing and without transferring to another programme (status "dropped"). Dropout shares are always of the students who started.'
      },
      {
        term: "Transfer",
        text: 'A student who leaves the programme to begin another one (status "transferred"). A transfer is not counted as dropout: the student stays in the denominator but can no longer drop out of the enrolment.'
      },
      {
        term: "Retention",
        text: "The student has not dropped out: completed, still enrolled, or transferred to another programme. Retention is 100% minus dropout."
      },
      {
        term: "No-show",
        text: "An admitted student who withdraws before the start date. No-shows never started and are in no denominator; the overview counts them on their own."
      },
      {
        term: "Mentee",
        text: "A student with a mentoring scheme. Schemes that begin at intake are compared from the intake; workplace mentors from the start of the apprenticeship."
      },
      {
        term: "Follow-up",
        text: 'Dropout within a period (e.g. 1 year) counts only students followed for the whole period. "The whole course" and the transitions cover intake years followed long enough for nearly all to have finished.'
      }
    ],
    adjustmentText:
      "Students more often get a mentor when they are already at higher risk of dropping out. The risk-adjusted difference therefore compares each mentee with students without a mentor at the same institution, in the same programme and main area, with the same grade band from lower-secondary school, age group and gender, who were still enrolled when the mentor came (direct standardisation). The adjustment cannot account for what the data do not show, such as motivation and well-being.",
    intervalsText:
      "A 95% confidence interval is the range in which the true value very likely lies, given the figures. When the whole interval of a difference is below zero, there is less dropout with a mentor; above zero, more; when it spans zero, the data cannot tell the difference from chance. Small groups give wide intervals.",
    curvesText:
      "The curves show the share who have not dropped out by time since the start, computed in fixed time bands. The curves are unadjusted: they show how the groups fared, not what the mentor did.",
    hazardsText:
      "For each transition (the first weeks, GF1 → GF2, school → apprenticeship, the probation, the main course and the final stretch), dropout is the share of those who reached the transition who dropped out in it. Mentor status is taken at the start of the transition.",
    benchmarkText:
      "An institution's expected dropout is the dropout it would have if its students dropped out like students of the same programme, main area, grade band, age and gender across the region (indirect standardisation). Observed/expected below 1 means less dropout than expected. The funnel plot shows observed/expected (O/E) against the expected number of dropouts; the limits around 1 are exact Poisson limits (95% and 99.8%, Spiegelhalter 2005) for a school with that many expected dropouts. When the schools vary more than chance explains (the dispersion factor φ above 1), the limits are widened by the between-school variation (DerSimonian–Laird); the page says which applies. The verdict and the dot's place come from the same calculation. Comparable schools are at least four with the same profile and main area, nearest in size; when there are too few, the search widens to the same profile and then to all schools.",
    schemesText:
      "The named schemes and the five scheme types come from the inspiration guide. Figures from programmes abroad are published key figures and are not used in the calculations.",
    sourceGuideLabel: "Source",
    sourceGuideAuthor: "The think tank DEA for the Capital Region of Denmark (Region Hovedstaden)",
    sourceGuideTitle:
      "Mentorskab – Det professionelle venskab, der guider til uddannelse, arbejdsmarkedet og de mange valg i livet",
    sourceGuideNote:
      'An inspiration guide for companies and vocational colleges, in Danish; the title means "Mentoring – the professional friendship that guides to education, the labour market and life\'s many choices".',
    sourceGuideWhere:
      "The guide is published by the think tank DEA and the Capital Region of Denmark and is available from them; DEA:",
    dataText:
      "The figures are built from extracts of the schools' and companies' systems (students' enrolments, stages and mentorships), validated against a fixed data contract. Each column and its allowed values are in the tables below; rejected rows are kept with a reason and left out.",
    a11y: {
      heading: "Accessibility statement",
      lead: "We want everyone to be able to use this website – including with a screen reader, a keyboard or magnification.",
      lawTitle: "Which rules apply",
      law: "Websites of Danish public-sector bodies are covered by Act no. 692 of 8 June 2018 on the accessibility of public-sector bodies' websites and mobile applications. The Act requires the website to meet the European standard EN 301 549, which for websites corresponds to WCAG 2.1 level AA.",
      statusTitle: "Compliance",
      status: "The website partially complies with EN 301 549 / WCAG 2.1 AA. The shortcomings are listed below.",
      testedTitle: "How the website was assessed",
      tested:
        'On every release, every page in Danish and English is opened in a real browser and checked automatically with axe-core against WCAG 2.1 A and AA. It is also checked that headings come in order, that the "Skip to content" link moves focus to the content, and that the language is marked. No manual expert review or user testing with users of assistive technology has been done.',
      shortcomingsTitle: "Known shortcomings",
      shortcomings: [
        'The charts are images. Each chart has a description in words and can be shown as a table ("Show as table"), but the points of a chart cannot be read one by one with a screen reader or keyboard.',
        "Groups in the charts are told apart by colour (a palette that can be told apart with colour blindness) and explained in the legend and the table.",
        "When a filter changes, the charts update without announcing it to screen readers.",
        "The menu is shared by both languages; Danish page names on English pages (and the other way round) are marked with their language.",
        "Downloaded image files (PNG and SVG) have no text alternative beyond the title in the file; the CSV file is the accessible alternative."
      ],
      contactTitle: "Contact and feedback",
      contact: "If you have trouble using the website, or need content in another form, write to us:",
      complaintTitle: "Complaints",
      complaint:
        "The Danish Agency for Digital Government (Digitaliseringsstyrelsen) supervises that public-sector websites comply with the Act. If you are not satisfied with our answer, you can complain to the Agency.",
      filedTitle: "Status of this statement",
      filed:
        "The Act requires the statement to be published in the Agency's tool WAS-Tool. This has not been done yet: this page is a draft, which the publisher must file in WAS-Tool before the website is put into use.",
      dated: "The statement was prepared when this version of the website was released"
    }
  },
  langName: "English",
  otherLang: "Dansk",
  switchLabel: "Læs siden på dansk",
  findings: {
    title: "Key findings",
    fewerRange: (lo: string, hi: string) => `between ${lo} and ${hi} percentage points fewer`,
    moreRange: (lo: string, hi: string) => `between ${lo} and ${hi} percentage points more`,
    spanRange: (fewer: string, more: string) =>
      `from ${fewer} percentage points fewer to ${more} percentage points more`,
    shareRange: (lo: string, hi: string) => `between ${lo} and ${hi}`,
    rangeTitle:
      "95% confidence interval: computed so that in 95% of repeated studies it would contain the true value. It shows only the uncertainty from chance, not from differences the data do not show.",
    rangeWord: "uncertainty",
    methodsLink: "How this is calculated",
    overall: (pp: string, range: string, fewer: boolean) =>
      `Overall, students with a mentor dropped out ${pp} percentage points ${fewer ? "less" : "more"} often than similar students without one (${range}).`,
    overallUnclear: (range: string) =>
      `Overall, there is no clear difference in dropout between students with a mentor and similar students without one (${range}).`,
    rawVsAdjusted: (raw: string, adjusted: string, higherRisk: boolean) =>
      `The raw figures show a difference of ${raw}, the risk-adjusted ones ${adjusted}: the students with a mentor already had a ${higherRisk ? "higher" : "lower"} risk of dropping out than their schoolmates without one.`,
    typeHelpsMost: (type: string, pp: string, range: string) =>
      `The clearest benefit is with the scheme type “${type}”: ${pp} percentage points less dropout than similar students without a mentor (${range}).`,
    noTypeHelps:
      "For none of the scheme types is there a clear difference in dropout against similar students without a mentor.",
    harm: (who: string, range: string) =>
      `Possible harm: for ${who} the whole interval lies above zero – students with a mentor dropped out ${range} than similar students without one.`,
    uncertain: (who: string) => `Uncertain: for ${who} the difference cannot be told apart from zero.`,
    yearHighest: (year: string, h: string, rates: string) =>
      `Dropout within ${h} was highest among students admitted in ${year}: ${rates}.`,
    withMentorLower: "with a mentor",
    withoutMentorLower: "without a mentor",
    phaseHighest: (phase: string, rate: string, withRate: string | null) =>
      `Dropout is highest at the transition “${phase}”: ${rate} of those without a mentor who reached it dropped out${withRate ? ` (with a mentor: ${withRate})` : ""}.`,
    phaseHelpsMost: (phase: string, pp: string, range: string, adjusted: boolean) =>
      `The mentor makes the biggest difference at “${phase}”: ${pp} percentage points less dropout (${range})${adjusted ? ", adjusted for the students' background" : "; unadjusted, so part of it may come from who gets a mentor"}.`,
    noPhaseHelps: "At no transition is the difference with a mentor clear: every interval includes zero.",
    phasesUncertain: (n: string, total: string) =>
      `At ${n} of ${total} transitions the difference with a mentor cannot be told apart from zero.`,
    phaseWord: (phase: string) => `the transition “${phase}”`,
    schemeHelpsMost: (scheme: string, pp: string, range: string) =>
      `Biggest difference: in the scheme “${scheme}”, students with a mentor dropped out ${pp} percentage points less often than similar students without one (${range}).`,
    noSchemeHelps: "No single scheme has a clear difference in dropout against similar students without a mentor.",
    schemesUncertain: (n: string, total: string) =>
      `For ${n} of ${total} schemes the difference cannot be told apart from zero – often because they have few students.`,
    schemeHighest: (scheme: string, rate: string, comparison: string) =>
      `Highest dropout among students with a mentor: ${rate} with the scheme type “${scheme}” against ${comparison} among their schoolmates without one (raw shares).`,
    groupHighest: (group: string, rate: string, range: string) =>
      `In the chosen selection dropout is highest in the group “${group}”: ${rate} (${range}).`,
    groupHighestOfShown: (group: string, rate: string, range: string, hidden: string) =>
      `Among the groups whose dropout can be shown it is highest in “${group}”: ${rate} (${range}); for ${hidden} the dropout is hidden for confidentiality.`,
    cohortPhaseHighest: (phase: string, rate: string) =>
      `Students without a mentor dropped out most often at the transition “${phase}”: ${rate} of those who reached it.`,
    cohortGap: (phase: string, group: string, withRate: string, withoutRate: string) =>
      `Clearest gap at “${phase}”: ${withRate} dropped out in the group “${group}” against ${withoutRate} without a mentor (the intervals do not overlap).`,
    noCohortGap:
      "At no transition is there a clear gap between a mentor group and the students without a mentor in the selection: the intervals overlap.",
    cohortRaw:
      "The figures on this page are raw shares, not adjusted for who gets a mentor; the adjusted differences are on the Overview and Schemes pages.",
    cardWith: "Dropout with a mentor",
    cardWithout: "Dropout of schoolmates without a mentor",
    cardRaw: "Raw difference",
    cardAdjusted: "Risk-adjusted difference",
    cardStudents: (n: string) => `${n} students`,
    cardComparisonSub: (n: string) =>
      `${n} students without a mentor at the same schools and programmes, weighted like the mentees`,
    cardRawSub: "Dropout with a mentor minus dropout of the schoolmates",
    cardAdjustedSub: "Compared with students without a mentor of the same school, programme, grade level and age",
    populationTitle: "The comparison covers",
    population: (mentored: string, comparison: string, workplace: boolean) =>
      `${mentored} students with a mentor${workplace ? " (mentors from the intake, and workplace mentors counted from the start of the apprenticeship)" : " from the intake"} and ${comparison} students without a mentor at the same schools and programmes.`,
    support: (share: string) =>
      `The adjusted difference covers ${share} of the students with a mentor (those who have comparable students without one).`,
    wholeData: (students: string, mentored: string, noShows: string) =>
      `The whole dataset: ${students} students, ${mentored} of them with a mentor. In addition ${noShows} admitted who withdrew before the start (no-shows); they are not in the dropout figures.`,
    sliceEffectsNote: (slice: string) =>
      `For ${slice} the unadjusted difference is shown, worked out from the figures in the chart on the left (students with a mentor against all students without one in the selection). The risk-adjusted difference is published only for all programmes and intakes together. Below zero means less dropout with a mentor.`,
    markersAll:
      "Dashed lines: when the transitions typically happen in vocational programmes (median), where all five transitions exist; a transition whose timing is hidden for confidentiality has no line.",
    curvesTestClear: "The difference between the curves is unlikely to be chance.",
    curvesTestUnclear: "The difference between the curves may be chance.",
    testTitle: (p: string) => `Log-rank test on the time bands: ${p}`
  },
  siteTitle: "Mentoring schemes and retention",
  showTable: "Show as table",
  downloadSvg: "Download SVG",
  downloadPng: "Download PNG",
  downloadCsv: "Download CSV",
  downloads: {
    source: (site: string, provider: string | null) =>
      `Source: ${site}, Capital Region of Denmark${provider ? ` (data: ${provider})` : ""}.`,
    dataDate: (date: string) => `Data up to ${date}.`,
    noteHeader: "Note",
    hiddenHeader: "Hidden cells (confidentiality)",
    yes: "TRUE",
    no: "FALSE"
  },
  suppressedNote: (label: string, k: number) =>
    `${label}: fewer than ${k} students – hidden for confidentiality (as are cells that would reveal it).`,
  withMentor: "With a mentor",
  horizonFallback: (used: string, setting: string) =>
    `Showing ${used}: no intake has been followed for ${setting} yet.`,
  withoutMentor: "Without a mentor",
  mentor: "Mentor",
  students: "Students",
  dropped: "Dropped out",
  dropout: "Dropout",
  completed: "Completed",
  lower: "Lower 95% limit",
  upper: "Upper 95% limit",
  intakeYear: "Intake year",
  intakeYears: "Intake years",
  allYears: "All intakes",
  allMainAreas: "All main areas",
  intakeIn: (years: string) => `intake ${years}`,
  coarserSlice: (asked: string, shown: string, min: number) =>
    `${asked} is not shown on its own because the selection has fewer than ${min} students with or without a mentor: ${shown} is shown instead.`,
  mergedGroups: (min: number) =>
    `The mentor groups are merged in this selection because at least one of them has fewer than ${min} students: "with a mentor" are students with a scheme from the start (all types), "without a mentor" are students with no mentor or with a workplace mentor who came later. Choose a wider selection to see the scheme types one by one.`,
  programme: "Programme",
  mainArea: "Main area",
  schemeType: "Scheme type",
  scheme: "Scheme",
  institution: "Institution",
  phase: "Transition",
  all: "All",
  difference: "Difference",
  naive: "Unadjusted difference",
  estimateKind: "Estimate",
  noEstimate: "no figure",
  adjusted: "Risk-adjusted difference",
  ci95: "95% confidence interval",
  dataVersion: "Data version",
  schemeTypes: {
    peer: "Peer (volunteer)",
    adult_volunteer: "Adult volunteer",
    professional: "Professional mentor",
    group: "Group mentor",
    workplace: "Workplace mentor"
  },
  phases: {
    first_weeks: "First weeks",
    gf1_gf2: "GF1 → GF2",
    school_to_apprenticeship: "School → apprenticeship",
    probation: "Probation",
    main_course: "Main course",
    final_stretch: "Final stretch"
  },
  outcomes: {
    completed: "Completed",
    dropped: "Dropped out",
    transferred: "Transferred",
    ongoing: "Ongoing",
    no_show: "No-show (withdrew before the start)"
  },
  programmeGroups: {
    all: "All programmes",
    vocational: "Vocational (EUD/EUX)",
    gymnasium: "Upper secondary (STX/HHX/HTX/HF)",
    preparatory: "Preparatory (10th form/FGU)"
  },
  curveSets: {
    mentor: "With and without a mentor (from 6 weeks after intake)",
    scheme_type: "By scheme type (from 6 weeks after intake)",
    workplace: "Workplace mentor (from the apprenticeship start)"
  },
  curveGroups: {with: "With a mentor", without: "Without a mentor", none: "No mentor"},
  transitions: {
    heading: "When do students drop out – and where does a mentor help?",
    lead: "Retention over time and dropout at the five transition points the guide names.",
    filters: "Choose",
    curveSet: "Curves",
    curvesTitle: "Share still enrolled or completed",
    curvesSummary: (set: string, slice: string, p: string) =>
      `Life tables over fixed time bands for ${slice}: ${set.toLowerCase()}. The curve shows the share not dropped out at the end of each band; dashed lines mark when the transitions typically happen. ${p}`,
    curveStops:
      "A curve stops at the first time band where a count is hidden (below the disclosure threshold, or because it could otherwise be worked out); that band is listed in the table without a curve value.",
    curvesFromIntake:
      'The curves with and without a mentor and by scheme type begin 6 weeks after the intake and cover the students still enrolled then; most mentors have started by that time. Many mentors only come after some weeks, and counting mentees from the first day would credit them with the weeks before the mentor came (in simulated data with no mentor effect at all, that lifted the curve with a mentor by about 2–3 percentage points; from 6 weeks, by about 0). The table also shows the counts of the first 6 weeks; dropout in the first weeks by mentor group: see the transition point "First weeks".',
    band: "Time band (days)",
    bandLabel: (from: number, to: number | null) =>
      to === null ? `${from}+` : to === from + 1 ? `day ${from}` : `${from}–${to - 1}`,
    atRisk: "At risk at the band start",
    bandEvents: "Dropped out in the band",
    bandCensored: "Censored in the band (data date)",
    retainedAtEnd: "Not dropped out at the band end",
    xYears: "Years after intake",
    xYearsPlacement: "Years after the apprenticeship start",
    yRetained: "Not dropped out",
    hazardsTitle: "Dropout at each transition",
    hazardsSummary: (slice: string, scheme: string) =>
      `The share of those who reached each transition who dropped out in it, for ${slice}; with a mentor (${scheme.toLowerCase()}) and without, with uncertainty interval.`,
    hazardAxis: "Dropout in the phase",
    entered: "Reached the phase",
    phaseEffectsTitle: "The mentor's difference at each transition",
    phaseEffectsSummary: (scheme: string) =>
      `Difference in the risk of dropping out in each phase with and without a mentor (${scheme.toLowerCase()}), unadjusted and risk-adjusted, in percentage points; below zero means fewer dropouts with a mentor.`,
    pValue: (p: string) => `p = ${p}`,
    pBelow: (p: string) => `p < ${p}`,
    allSchemes: "All scheme types",
    filterNote:
      "Intake years are chosen in fixed periods that do not overlap: two overlapping selections could be subtracted from each other and reveal a small group. The mentor's difference at each transition (bottom right) follows every filter: for all programmes and intakes together the risk-adjusted difference is shown too, for a selection only the unadjusted one.",
    noCurves:
      'Too few students in this selection to show curves (below the disclosure threshold). Curves are shown for all intakes together only – choose "All intakes".',
    curvesHidden:
      "The curves cannot be shown here: a count in their first time band is hidden for confidentiality, and a curve is only drawn from its beginning. See the dropout at each transition point, or choose another set of curves.",
    noHazards: (years: string) =>
      `No intake in this selection has been followed for ${years} yet, so dropout at the transitions cannot be counted. Choose an earlier period or all intakes.`
  },
  schemesText: {
    heading: "The schemes: what works, for whom?",
    lead: "The five types of mentoring scheme and the named schemes – local figures compared with similar students without a mentor, and experience from abroad as reference.",
    effectsTitle: "Difference in dropout with a mentor, by scheme",
    effectsSummary: (years: string) =>
      `Difference in dropout (cohorts followed for at least ${years}) for students with a mentor in each scheme compared with students without a mentor at the same schools and programmes; unadjusted (light grey) and risk-adjusted (black), with uncertainty interval.`,
    level: {scheme_type: "Scheme type", scheme: "Scheme"},
    mentees: "Mentees",
    comparison: "Comparison group",
    facts: "Facts about the schemes",
    host: "Host",
    since: "Since",
    funding: {permanent: "Permanent funding", project: "Project money"},
    fte: "Mentor full-time equivalents",
    target: "Promised first contact",
    hours: (h: string) => `${h} hours`,
    medianContact: "Median time to first contact",
    withinTarget: "Contacted within the promised time",
    rematched: "Re-matched",
    meetingsPerMonth: "Meetings per month (median)",
    processTitle: "Process and outcome",
    processSummary: (scheme: string, measure: string) =>
      `Dropout within a year of the mentorship start in ${scheme}, split by ${measure.toLowerCase()}, with uncertainty interval. The association alone does not show cause and effect.`,
    processMeasure: "Process measure",
    measures: {
      contact: "Time to first contact",
      meetings: "Meetings per month",
      rematched: "Re-matched during the mentorship"
    },
    bands: {
      le24: "≤ 24 hours",
      "24_72": "24–72 hours",
      "72_168": "3–7 days",
      gt168: "> 7 days",
      unknown: "Unknown",
      lt1: "< 1",
      "1_2": "1–2",
      "2_4": "2–4",
      ge4: "≥ 4",
      yes: "Yes",
      no: "No"
    },
    dropout1y: "Dropout within 1 year",
    externalTitle: "Experience from other countries (published figures)",
    externalLead:
      "Key figures from programmes abroad that the guide mentions. They are published figures, each with its source, and are not part of the estimates above.",
    measure: "Measure",
    value: "Value",
    year: "Year",
    country: "Country",
    source: "Source",
    externalMeasures: {
      matches: "Mentor/mentee matches",
      retained_share: "Mentees who stayed in education",
      noncompletion_share_mentees: "Mentees who did not complete",
      noncompletion_share_national: "Apprentices nationally who did not complete",
      volunteer_mentors: "Volunteer mentors",
      coordinators: "Regional coordinators",
      sites: "Local sites",
      mentees_foreign_born_parents_share: "Mentees with foreign-born parents",
      mentee_age_min: "Mentee age from",
      mentee_age_max: "Mentee age to",
      founded_year: "Founded",
      said_mentor_mattered_share: "Said the mentor mattered",
      said_mentor_mattered_a_lot_share: "Said the mentor mattered a lot"
    },
    noExternal:
      "The warehouse holds no figures from other programmes (the external_aggregates table is empty or was not ingested).",
    veraTitle: "VerA (Germany)",
    veraText: (national: string, mentees: string) =>
      `In Germany ${national} of apprentices do not complete, against ${mentees} of VerA's mentees. The figures are not adjusted for who gets a mentor.`
  },
  funnel: {
    findingsTitle: "Key findings",
    observedValue: (x: string, n: string, pct: string) => `${x} of ${n} (${pct})`,
    expectedValue: (e: string, pct: string) => `${e} (${pct})`,
    expectedSub:
      "Expected number of dropouts if the school's students dropped out like students of the same programme, main area, grades, age and gender across the region.",
    oeWords: (lo: string, hi: string) => `With 95% confidence between ${lo} and ${hi} times the expected.`,
    verdictFromFunnel:
      "The verdict is the dot's place in the funnel plot: the ratio of observed to expected held against the limits for a school with that many expected dropouts.",
    adjustedWhy:
      "The school's dropout converted to a student body like the region's average (observed/expected × the region's dropout). It is higher than the observed when the school's students had a lower risk than average to begin with, and lower when they had a higher one.",
    xExpected: "Expected dropouts (log scale)",
    yOe: "Observed/expected dropout",
    oeColumn: "Observed/expected (95% interval)",
    oeCell: (oe: string, lo: string, hi: string) => `${oe} (${lo}–${hi})`,
    positionColumn: "Place in the funnel",
    dispersionExact: (phi: string) =>
      `The schools vary no more than chance can explain (dispersion factor ${phi}; 1 is pure chance), so the limits are the exact Poisson limits.`,
    dispersionWidened: (phi: string) =>
      `The schools vary more than chance can explain (dispersion factor ${phi}; 1 is pure chance), so the limits are widened by the variation between schools (random effects, DerSimonian–Laird). Otherwise many schools would lie outside the funnel for that reason alone.`,
    outside: (n95: number, n998: number, total: number) =>
      `Of the ${total} schools whose dropout is shown, ${n95} lie outside the 95% limits and ${n998} outside the 99.8% limits. By chance alone one would expect about 1 in 20 outside the 95% limits and almost none outside the 99.8% limits.`,
    peersHow: {
      profile_area: (k: number) =>
        `The ${k} institutions with the same profile and the same largest main area that are nearest in size.`,
      profile: (k: number) =>
        `Too few institutions share the profile and largest main area, so the ${k} with the same profile that are nearest in size (those with the same main area first).`,
      all: (k: number) =>
        `Too few institutions share the profile, so the ${k} institutions nearest in size (those with the same profile and main area first).`
    } as Record<string, (k: number) => string>,
    profiles: {
      vocational: "Vocational",
      gymnasium: "Upper secondary (gymnasium)",
      preparatory: "Preparatory",
      mixed: "Mixed"
    } as Record<string, string>,
    sizeBands: {small: "Small", medium: "Medium", large: "Large"} as Record<string, string>,
    hidden: (k: number, n: string) =>
      `hidden for confidentiality (fewer than ${k} dropouts or students who stayed, or a figure that could otherwise work one out) of ${n} students`,
    hiddenNoN: (k: number) =>
      `hidden for confidentiality (fewer than ${k} students, or a figure that could otherwise work one out)`,
    mentorHidden: (name: string, k: number, counts: string) =>
      `The comparison with and without a mentor at ${name} is hidden for confidentiality (fewer than ${k} dropouts or students who stayed in one of the groups, or a figure that could otherwise work one out)${counts}.`,
    mentorCounts: (nWith: string, nWithout: string) => ` – ${nWith} students with a mentor and ${nWithout} without`,
    findMentorHidden: (text: string, with_: string, without: string) =>
      `${text} Across all institutions ${with_} with a mentor dropped out against ${without} without (raw shares).`,
    hiddenVerdict: "No verdict: the school's dropout is hidden for confidentiality.",
    noOwnMentor: (name: string, min: number) =>
      `${name} has no comparison of its own with and without a mentor: fewer than ${min} students with a mentor or without one. The chart shows the comparable schools that have one and all institutions together.`,
    schemesTitle: "Mentoring schemes at the school",
    schemesLead: (k: number) =>
      `Schemes hosted by the school or with at least ${k} mentees here. The link shows the scheme's results.`,
    noSchemes: (k: number) => `No scheme is hosted by the school or has at least ${k} mentees here.`,
    findVerdict: (name: string, obs: string, exp: string, h: string, pos: string, lo: string, hi: string) =>
      `${name}: ${obs} dropped out within ${h}; from the student mix ${exp} were expected – ${pos}. With 95% confidence the true ratio lies between ${lo} and ${hi} times the expected.`,
    findHidden: (name: string, why: string) => `${name}: the dropout is ${why}, so there is no verdict.`,
    findPeers: (name: string, lower: number, k: number) =>
      `${lower} of the ${k} comparable schools have a lower ratio of observed to expected dropout than ${name}.`,
    findMentor: (name: string, with_: string, without: string, diff: string) =>
      `At ${name}, ${with_} of students with a mentor dropped out against ${without} without one: ${diff} (raw shares; students with a mentor often had a higher risk to begin with).`,
    diffFewer: (a: string, b: string) => `between ${a} and ${b} percentage points fewer with a mentor`,
    diffMore: (a: string, b: string) => `between ${a} and ${b} percentage points more with a mentor`,
    diffEither: (a: string, b: string) =>
      `between ${a} percentage points fewer and ${b} percentage points more with a mentor, so no clear difference`,
    findNoMentor: (name: string, min: number, with_: string, without: string) =>
      `${name} has too few students with or without a mentor (under ${min} in one of the groups) for a comparison of its own; across all institutions ${with_} with a mentor dropped out against ${without} without (raw shares).`,
    findOutside: (n95: number, total: number) =>
      `Of the ${total} schools whose dropout is shown, ${n95} lie outside the 95% limits of the funnel plot.`,
    positionWords: {
      below_998: "well below the expected",
      below_95: "below the expected",
      within: "within the expected range",
      above_95: "above the expected",
      above_998: "well above the expected"
    } as Record<string, string>
  },
  benchmarkText: {
    heading: "Benchmark: how is your institution doing?",
    lead: (h: string) =>
      `Dropout within ${h} of the start compared with what the make-up of the student body would lead one to expect.`,
    choose: "Choose institution",
    observed: "Dropout (observed)",
    expected: "Expected from the student mix",
    oe: "Observed/expected",
    position: {
      below_998: "Well below expected (outside the 99.8% limit)",
      below_95: "Below expected (outside the 95% limit)",
      within: "Within the expected range",
      above_95: "Above expected (outside the 95% limit)",
      above_998: "Well above expected (outside the 99.8% limit)"
    },
    funnelTitle: "Funnel plot: all institutions",
    funnelSummary: (name: string, pos: string, h: string) =>
      `Each dot is an institution: observed dropout within ${h} divided by the expected from the student mix, against the expected number of dropouts. ${name} is highlighted: ${pos.toLowerCase()}.`,
    yDropout: (h: string) => `Dropout within ${h}`,
    howTitle: "How to read a funnel plot",
    how: 'Each school is measured against its own student mix: the horizontal line at 1 is "as expected", above 1 is more dropouts than expected. The funnel shows how far a school with that many expected dropouts can differ by chance alone: the dashed lines are 95% limits, the solid lines 99.8% limits. The dot\'s colour and shape and the verdict at the top come from the same calculation. Small schools have a wide funnel because few dropouts give uncertain figures. A dot outside the 99.8% limit is a signal to look closer – not a verdict: dropout also depends on things the data do not show.',
    peersTitle: "Comparable institutions",
    mentorTitle: "Mentor or not at the institution",
    mentorSummary: (name: string, h: string) =>
      `Dropout within ${h} for students with and without a mentor at ${name} and the comparable institutions (raw shares).`,
    noOwnComparison: (names: string, min: number) =>
      `${names} have fewer than ${min} students with or without a mentor and are not shown on their own (small groups would hide more figures elsewhere); "All institutions" shows the comparison for all schools together.`,
    allInstitutions: "All institutions",
    profile: "Profile",
    size: "Size",
    adjustedRate: "Dropout at the average student mix"
  },
  cohortsText: {
    heading: "Cohorts: define your own group of students",
    lead: "Choose programme, main area, intake period and mentor groups. Status and dropout phases are summed in your browser from the published, confidentiality-protected cells; curves and transition hazards are computed for exactly this selection.",
    groups: "Mentor group",
    none: "No mentor",
    outcomeTitle: "Status at data extraction",
    outcomeSummary: (n: string, slice: string) =>
      `${n} students (${slice}), by status at data extraction for each mentor group. The dropout share is of all starters, so cohorts still under way pull it down.`,
    phaseTitle: "Where did the dropout happen?",
    phaseSummary:
      "The share of each mentor group's students who dropped out in each phase, in the chosen cohort (the table shows the counts).",
    phaseShare: "Share of the group who dropped out in the phase (%)",
    share: "Share",
    dropoutShare: "Dropout share",
    status: "Status",
    hiddenStatus: (label: string) => `Hidden (cells ${label})`,
    cellsTitle: "Detailed cells",
    cellsNote: (n: number) =>
      `The cohort's cells (intake year × programme × main area × scheme type) for your own analyses, e.g. in R or Python. Figures under ${n} and those that could reveal them are empty; sums over the cells are therefore lower bounds. For statistical models use the researcher export (npm run export), described under Methods.`,
    downloadArrow: "Download cells for R or Python",
    downloadCellsCsv: "Download cells as CSV",
    methodsNote: (version: string, date: string, n: number) =>
      `Method: counted for the whole selection (programme × main area × intake period) and mentor group. Figures under ${n} are hidden, and one more is hidden when the hidden one could otherwise be worked out from the others (also across tables). 95% intervals: Wilson. Data version ${version}, data up to ${date}.`,
    empty: "No students match the filters.",
    curveTitle: "Retention over time in the cohort",
    curveSummary: (slice: string, p: string) =>
      `Share not dropped out by years since the start (life table over fixed time bands) for each chosen mentor group, ${slice}. ${p}`,
    hazardsTitle: "Dropout at each transition in the cohort",
    hazardsSummary: (slice: string) =>
      `The share of those who reached each transition who dropped out in it, without a mentor and with a mentor of each chosen scheme type, ${slice}; with uncertainty intervals.`,
    withoutAtPhase: "No mentor at the phase start",
    sliceMethods: (version: string, date: string, n: number) =>
      `Method: actuarial life table over fixed time bands with Greenwood (log) intervals, time from start to dropout, censored at data extraction; the numbers at risk, dropping out and otherwise leaving per band are hidden like every other count (under ${n}), and the curve is computed from the shown counts alone and stops at the first hidden one. Transition hazards: intakes with at least 5 years of follow-up, Wilson intervals, cells under ${n} hidden. Not adjusted for who gets a mentor. Data version ${version}, data up to ${date}.`,
    downloadArrowTable: "Download for R or Python"
  },
  overview: {
    heading: "Do students with a mentor drop out less?",
    lead: "Dropout among young people in upper-secondary education in the Capital Region of Denmark, with and without a mentor – overall, by scheme type and over time.",
    estimandLabel: "The figure is about:",
    trendTitle: (h: string) => `Dropout within ${h} of the start, by intake year`,
    trendAxis: (h: string) => `Dropout within ${h}`,
    typesAxis: "Difference in dropout with a mentor (percentage points)",
    dataDate: "Data up to",
    trendSummary: (first: string, last: string, h: string) =>
      `The share who dropped out within ${h} of starting, for students with and without a mentor, intakes ${first} to ${last}. Raw shares: the students with a mentor were at higher risk to begin with.`,
    typesTitle: "The five scheme types side by side",
    typesSummary:
      "Difference in dropout with and without a mentor for each scheme type, unadjusted (light grey) and risk-adjusted (black), with uncertainty interval; below zero means fewer dropouts with a mentor.",
    caveatTitle: "Why not just compare the raw figures?"
  },
  methodsText: {
    heading: "Methods and data",
    lead: "Where the figures come from, how they are computed, and what they cannot tell.",
    contract: "Data contract",
    contractLead: (v: string) =>
      `Data are ingested under data contract version ${v}. Schools' and companies' exports are validated against it; rejected rows are kept with a reason. The columns and their allowed values are in the tables below.`,
    table: "Table",
    column: "Column",
    type: "Type",
    required: "Required",
    allowed: "Allowed values",
    yes: "yes",
    no: "no",
    ingestLog: "Files ingested",
    ingestLead: "Each source file: rows read = accepted + rejected.",
    file: "File",
    read: "Read",
    accepted: "Accepted",
    rejected: "Rejected",
    disclosureTitle: "Hidden figures per page",
    disclosureLead: (lps: number, s: number) =>
      `Every published figure is modelled as a sum over the same base cells, and for every hidden figure the smallest and largest value it can take given everything the site shows is computed by linear programming (${lps} solves, ${s} s). A hidden figure under 5 must be able to take at least 5 values; a hidden figure that can be worked out is published instead. "Before" is after each table's own rules, "after" is what the site shows.`,
    page: "Page",
    cells: "Figures",
    hiddenGate: "Hidden before",
    hiddenFinal: "Hidden after",
    pageNames: {
      overview: "Overview",
      transitions: "Transitions",
      schemes: "Schemes",
      benchmark: "Benchmark",
      cohorts: "Cohorts",
      scenario: "What if",
      methods: "Methods"
    } as Record<string, string>,
    suppression: "Confidentiality",
    suppressionText: (n: number) =>
      `No published table shows individual students. Cells with fewer than ${n} students are hidden (shown as "<${n}"), together with every share, interval and difference computed from them, and further cells are hidden so that a hidden figure cannot be worked out from totals or by subtracting one table from another. The rule follows the practice of Statistics Denmark and the Danish Ministry of Children and Education.`,
    estimators: "Statistical methods",
    estimatorList: [
      "Shares: Wilson score interval (Wilson 1927; Newcombe 1998, method 3).",
      "Difference of two shares: Newcombe's hybrid score interval (Newcombe 1998, method 10).",
      "Risk-adjusted difference: direct standardisation to the mentored group over strata of institution, programme, grade band and age band; Mantel-Haenszel (Greenland & Robins 1985; Sato 1989) as a check.",
      "Retention over time: actuarial life table (Collett 2015, section 2.1; Kalbfleisch & Prentice 2002) over fixed time bands (6 weeks, 3 and 6 months, 1–5 and 7 years): effective number at risk n − c/2, Greenwood standard errors and log-transformed intervals. The curves with and without a mentor and by scheme type are landmark curves (Anderson, Cain & Gelber 1983): they begin 6 weeks after the intake among the students still enrolled and followed then, when most mentors have started (88 % of the sample's mentees). Many mentors only come after some weeks, and counting mentees from the intake would credit them with the time before the mentor came (immortal time): in 4 simulated data sets of 200,000 enrolments with no mentor effect at all, that lifted the curve with a mentor by 2.7 percentage points at 1 year and 2.3 at 5 years; with the 6-week landmark the lift was 0.1 and 0.0 (validation/curve-immortal-time.md). The counts of the first 6 weeks are shown in the table, and a hidden one there stops the curve like any other. The workplace mentor curves begin at the apprenticeship start; their first band (the first 6 weeks) includes the first day. The curves are computed from the published, confidentiality-protected counts per band alone and stop at the first hidden one. Log-rank test (Mantel 1966) on the same bands. The curves are unadjusted for who gets a mentor; the effect estimates compare from the mentor's start and adjust for the students' background.",
      "Transitions: P(dropout in phase k | reached phase k) with Wilson intervals.",
      "Benchmarking: indirect standardisation (observed/expected) with exact Poisson interval; funnel plot with 95% and 99.8% limits (Spiegelhalter 2005)."
    ],
    limitations: "Limitations",
    limitationList: [
      "Dropout is measured among students who started: admitted students who withdraw before the start date (no-shows) are counted on their own and are in no denominator, as in the Danish ministry of education's dropout statistics (the definition has not been checked against the ministry's own documentation of dropout and should be verified before it is cited).",
      "The adjustment only allows for differences the data show. Students may get a mentor for reasons that are not recorded (motivation, well-being, family).",
      "The latest cohorts have not finished; their dropout is only known for the time that has passed (censoring).",
      "Workplace mentors start only at the apprenticeship; they are therefore compared only with students who also started an apprenticeship.",
      "Figures from programmes abroad (VerA, ROCK YOUR LIFE!, MentorProgramma Friesland) are published key figures and are never mixed with the Danish data."
    ],
    /** The baseline-risk section (loaders/analysis/risk.ts). */
    risk: {
      model: (min: number, ridge: string) =>
        `The baseline risk is the predicted risk of dropping out over the whole programme without a mentor. It is estimated by logistic regression on the students the question is about: cohorts followed the whole programme who never had a mentor. The explanatory variables are institution, programme, main area, grade band from compulsory school, age band and gender (each as categories) and the intake year (linear). Levels with fewer than ${min} students are pooled into "other" (and into the reference level if even together they do not reach ${min}), so that no coefficient describes a handful of students. A weak ridge penalty (λ = ${ridge} on every coefficient but the intercept) keeps a level without any dropout finite. Every student – those with a mentor too – gets a baseline risk from their own characteristics.`,
      whyModel:
        "Why not simply the dropout in each group (stratum), as the risk-adjusted difference uses? Most of the six-way groups hold a handful of students, so their raw dropout is mostly 0 or 100% and would sort students into bands by chance; a model of main effects borrows strength across the groups.",
      bands: (cuts: string) =>
        `Risk bands are fifths of the predicted risk among the model's students, with the cut points ${cuts}; each band is two tenths (deciles). Every student is placed in a band by the same cut points. For a single scheme type neighbouring bands are merged into risk groups, from the lowest up, until each group holds at least 20 times the minimum cell of the type's mentees, because five bands per type leave cells of a handful of students; a type with fewer mentees has one group, bands 1–5 (its whole effect).`,
      coefficientsTitle: "The model's coefficients as odds ratios",
      coefficientsLead: (centre: number) =>
        `Odds ratio against the reference level (above 1: higher risk), with the 95% interval from the coefficient ± 1.96 standard errors. The intake year is per year from ${centre}.`,
      factor: "Variable",
      level: "Level",
      oddsRatio: "Odds ratio",
      reference: (level: string) => `reference: ${level}`,
      pooled: (levels: string) => `other (${levels})`,
      year: "Intake year (per year)",
      intercept: "Intercept (odds at the reference levels)",
      factors: {
        institution_id: "Institution",
        programme: "Programme",
        main_area: "Main area",
        prior_band: "Grade band",
        age_band: "Age band",
        gender: "Gender"
      } as Record<string, string>,
      /** Level names of the model's factors (the data's codes otherwise). */
      levels: {
        gender: {female: "Female", male: "Male", other: "Other"},
        prior_band: {under_4: "Under 4", "4_to_6": "4–6", "6_to_8": "6–8", "8_plus": "8 and above", unknown: "Unknown"},
        main_area: {none: "None (not vocational)"}
      } as Record<string, Record<string, string>>,
      calibrationTitle: "Predicted and observed dropout by tenth of baseline risk",
      calibrationSummary: (c: string) =>
        `The model's students (cohorts followed the whole programme, without a mentor) in ten equal groups by predicted risk: mean predicted risk against observed dropout with its Wilson interval. Points on the dashed diagonal mean the model is right. C-statistic ${c} (the share of pairs of a student who dropped out and one who did not in which the first has the higher predicted risk; 0.5 = chance, 1 = perfect; computed on the students the model was fitted to).`,
      predicted: "Predicted dropout (mean)",
      observed: "Observed dropout",
      decile: "Tenth",
      nnt: "Mentees per dropout prevented (NNT, number needed to treat) is 1 divided by the difference in dropout when the difference's whole interval lies below zero; its interval is 1 divided by the interval's limits (Laupacis, Sackett & Roberts 1988; Altman 1998). When the whole interval lies above zero, the number per extra dropout (NNH) is shown. When the interval spans zero, no number is shown: its interval would run through infinity and says nothing useful.",
      prevented:
        "What-if page: expected dropouts prevented = the sum over the bands of extra mentees × (−difference); each band's standard error is its interval's half-width / 1.96, and the bands' uncertainties are added as independent.",
      noModel:
        "The baseline risk could not be estimated for these data: among the students without a mentor there is no dropout, or nothing but dropout."
    },
    dataVersion: "Data version",
    contractVersion: "Contract version",
    estimandLabel: "What the overall effect figures are about:",
    followUpText: (used: string, setting: string, longest: string, fixed: string, short: string) =>
      `"Whole course" figures and the transition points cover intakes followed for at least ${used}${used === setting ? "" : ` (set to ${setting}, but no intake has been followed that long yet)`}. The longest follow-up in the data is ${longest}. Dropout within ${fixed} counts only students followed for the whole period; the benchmark and the trend over intake years use ${short}.`
  },
  /** The what-if page (src/scenarie.md). */
  scenarioText: {
    heading: "What if more students had a mentor?",
    lead: "Choose a scheme type, a target group and a number of extra mentees a year, and see how many dropouts that can be expected to prevent – if the associations in the data also hold for the new mentees.",
    controls: "Choose the scenario",
    schemeType: "Scheme type",
    allTypes: "All scheme types",
    target: "Target group",
    targets: {bands: "Risk bands and programme", phase: "One transition point"} as Record<string, string>,
    bands: "Risk bands",
    programme: "Programme",
    allProgrammes: "All programmes",
    phase: "Transition point",
    unit: "Give as",
    units: {mentees: "Extra mentees a year", fte: "Extra mentor FTE"} as Record<string, string>,
    amount: "Number",
    costLabel: "Cost per FTE (DKK, optional)",
    costPlaceholder: "e.g. 450000",
    phaseNote:
      "At a transition point the mentor's difference at that point is used for all the extra mentees; risk bands and programme are not split.",
    fteMissing: (type: string) =>
      `FTE cannot be converted to mentees for "${type}": none of its schemes states its mentors' FTE. Give the number of mentees.`,
    band: (b: number) => (b === 1 ? "Band 1 (lowest risk)" : b === 5 ? "Band 5 (highest risk)" : `Band ${b}`),
    bandShort: (b: number) => `band ${b}`,
    bandsWords: (bands: string) => `risk bands ${bands}`,
    whoBands: (bands: string, programme: string) => `students in ${bands} (${programme})`,
    whoPhase: (phase: string) => `students at the transition point "${phase}"`,
    answerTitle: "The result",
    answer: (mentees: string, type: string, who: string, prevented: string, range: string) =>
      `With ${mentees} extra mentees a year (${type.toLowerCase()}) among ${who}, ${prevented} fewer dropouts a year can be expected (${range}).`,
    answerUnclear: (mentees: string, type: string, who: string, range: string) =>
      `With ${mentees} extra mentees a year (${type.toLowerCase()}) among ${who}, the effect on dropout cannot be told from zero: ${range} a year.`,
    answerHarm: (mentees: string, type: string, who: string, range: string) =>
      `Possible harm: with ${mentees} extra mentees a year (${type.toLowerCase()}) among ${who}, the figures point to more dropouts, ${range} a year.`,
    answerNone: (mentees: string, who: string) =>
      `For ${mentees} extra mentees a year among ${who} there is no published effect to count on (see the notes below).`,
    preventedRange: (lo: string, hi: string) => `between ${lo} and ${hi}`,
    spanRange: (fewer: string, more: string) => `from ${fewer} fewer to ${more} more dropouts`,
    harmRange: (lo: string, hi: string) => `between ${lo} and ${hi} more`,
    perPrevented: (n: string) => `That is one dropout prevented for every ${n} extra mentees.`,
    fte: (mentees: string, fte: string, perFte: string) =>
      `${mentees} mentees a year are about ${fte} mentor FTE (the schemes have ${perFte} mentees a year per FTE).`,
    cost: (total: string, per: string, range: string) =>
      `That costs DKK ${total} a year, or DKK ${per} per dropout prevented (DKK ${range}).`,
    costUnbounded: (total: string, lower: string) =>
      `That costs DKK ${total} a year. Per dropout prevented the cost is at least DKK ${lower}; the interval reaches zero dropouts prevented, so there is no upper limit.`,
    costNone: (total: string) =>
      `That costs DKK ${total} a year; as no fewer dropouts can be expected, the cost per dropout prevented cannot be computed.`,
    warningsTitle: "Note",
    warnings: {
      hidden_effect: (cells: string, mentees: string) =>
        `The mentor's difference is hidden for confidentiality for ${cells}: the ${mentees} extra mentees there do not count in the result.`,
      missing_effect: (cells: string, mentees: string) =>
        `There is no difference to count on for ${cells} (too few comparable students with and without a mentor): the ${mentees} extra mentees there do not count in the result.`,
      few_mentees: (cells: string, min: string) =>
        `The mentor's difference for ${cells} rests on fewer than ${min} mentees (or a hidden number) and is therefore uncertain.`,
      little_support: (type: string, programme: string, n: string | null, min: string) =>
        `"${type}" has ${n === null ? "very few (a hidden number of)" : n} mentees in ${programme} in the data, fewer than ${min}: the difference is measured on other students than those the scenario is about.`,
      exceeds_pool: (mentees: string, pool: string) =>
        `${mentees} extra mentees a year are more than the about ${pool} students a year without a mentor in the target group.`,
      pool_hidden: (cells: string, even: boolean) =>
        `The number of students without a mentor in the chosen programme is hidden for confidentiality for ${cells}: the extra mentees are split ${even ? "evenly over the bands" : "by the number of students without a mentor in the bands across all programmes"}.`,
      no_fte_rate:
        "FTE cannot be converted to mentees for this scheme type: none of its schemes states its mentors' FTE.",
      no_bands: "Choose at least one risk band."
    },
    assumptions:
      "How it is computed: the extra mentees are split over the chosen risk bands in proportion to the students without a mentor in each band (cohorts followed for the full follow-up). Each band's mentees are multiplied by the mentor's risk-adjusted difference in that band (for a scheme type: its difference in the risk group – contiguous bands – the band belongs to), and the interval combines the bands' uncertainty. This assumes that the new mentees gain as much from a mentor as the current ones in the same band; the interval shows only the uncertainty of the differences, not whether that assumption holds.",
    bandEffectsTitle: "The mentor's difference in each risk band",
    bandEffectsSummary: (years: string) =>
      `Risk-adjusted difference in dropout (whole programme, cohorts followed at least ${years}) with and without a mentor in each risk band, all scheme types, with its 95% interval; the chosen bands are highlighted. Below zero means fewer dropouts with a mentor.`,
    groupEffectsTitle: (type: string) => `The difference for "${type}" in each risk group`,
    groupEffectsSummary: (type: string) =>
      `Risk-adjusted difference in dropout with and without a mentor for the scheme type "${type}" in its risk groups (contiguous bands with enough of the type's mentees), with its 95% interval; the groups with chosen bands are highlighted.`,
    groupLabel: (from: number, to: number) => (from === to ? `Band ${from}` : `Bands ${from}–${to}`),
    phaseEffectsTitle: (type: string) => `The mentor's difference at each transition point (${type.toLowerCase()})`,
    phaseEffectsSummary:
      "Risk-adjusted difference in the dropout risk in each phase with and without a mentor, with its 95% interval; the chosen transition point is highlighted. Below zero means fewer dropouts with a mentor.",
    chosen: "Chosen",
    notChosen: "Not chosen",
    reachTitle: "How many have a mentor today?",
    reachSummary: (type: string) =>
      `The share of the students in each risk band (cohorts followed the whole programme) who have had a mentor (${type.toLowerCase()}).`,
    reachAxis: "Share with a mentor",
    withType: "With a mentor (chosen type)",
    withoutAny: "No mentor",
    share: "Share",
    tableTitle: "The numbers behind the scenario",
    cell: "Band / transition point",
    pool: "Students without a mentor",
    poolPerYear: "Of these a year",
    shareOfMentees: "Share of the extra",
    mentees: "Extra mentees a year",
    differencePp: "Difference (percentage points)",
    to: "to",
    nMentored: "Mentees behind the difference",
    nnt: "Mentees per dropout prevented (NNT)",
    status: "Used",
    statuses: {used: "yes", hidden: "hidden", missing: "no estimate"} as Record<string, string>,
    prevented: "Dropouts prevented a year",
    total: "Total",
    downloadCsv: "Download the scenario as CSV",
    csv: {
      schemeType: "Scheme type",
      target: "Target group",
      programme: "Programme",
      phase: "Transition point",
      amount: "Number given",
      unit: "Unit",
      mentees: "Extra mentees a year in total",
      fte: "Mentor FTE",
      costPerFte: "Cost per FTE (DKK)",
      preventedTotal: "Dropouts prevented a year in total",
      preventedLower: "Prevented, lower 95% limit",
      preventedUpper: "Prevented, upper 95% limit",
      costPerPrevented: "Cost per dropout prevented (DKK)"
    },
    noModel:
      "The baseline risk cannot be estimated for these data (there is no dropout, or nothing but dropout, among the students without a mentor), so the what-if calculation cannot be shown."
  },
  empty: {
    answer: (years: string) =>
      `The difference between students with and without a mentor cannot be given here: there are too few comparable students with and without a mentor among intakes followed for at least ${years}, or the figures are hidden for confidentiality.`,
    trend: (h: string) =>
      `No intake has been followed for ${h} yet, or the figures are hidden for confidentiality: dropout within ${h} cannot be shown.`,
    effects: (years: string) =>
      `No scheme type has enough students with and without a mentor among intakes followed for at least ${years} to show a difference (or the figures are hidden for confidentiality).`,
    process: "Too few mentorships in this scheme with this information to show the relation.",
    funnel: (h: string) =>
      `No institution has students followed for ${h}, or the figures are hidden for confidentiality.`,
    mentorComparison: (h: string) =>
      `There are too few students with and without a mentor followed for ${h} to compare them (or the figures are hidden for confidentiality).`,
    phaseEffects: (years: string) =>
      `No transition point has enough students with and without a mentor among intakes followed for at least ${years} to show a difference.`,
    phases: "No student in this selection dropped out, or the figures are hidden for confidentiality."
  }
};
