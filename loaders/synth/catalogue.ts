/**
 * The fixed cast of the synthetic data set: institutions in Region Hovedstaden,
 * the mentoring schemes (the guide's Danish examples with their facts, plus a
 * few illustrative schemes marked "fiktiv"), and the published external
 * figures (VerA, ROCK YOUR LIFE!, MentorProgramma Friesland, CEFU).
 *
 * Real school names are used for realism; every figure about them in the
 * synthetic set is invented. Institutions marked "(fiktiv)" do not exist.
 */
import type {MainArea, Programme, SchemeType} from "../contract/contract.ts";

export interface Institution {
  institution_id: string;
  name: string;
  kind: "school" | "company" | "organisation";
  municipality: string;
  region: string;
  country: string;
  reported_size: number | null;
  /** Schools: programmes offered and relative intake weight. */
  programmes?: readonly Programme[];
  mainAreas?: readonly MainArea[];
  weight?: number;
  /** Planted institution effect on the log dropout hazard. */
  effect?: number;
}

const OSP: MainArea = "Omsorg, sundhed og pædagogik";
const KHF: MainArea = "Kontor, handel og forretningsservice";
const FJO: MainArea = "Fødevarer, jordbrug og oplevelser";
const TBT: MainArea = "Teknologi, byggeri og transport";

const school = (
  id: string,
  name: string,
  municipality: string,
  size: number,
  weight: number,
  programmes: readonly Programme[],
  mainAreas: readonly MainArea[] = [],
  effect = 0
): Institution => ({
  institution_id: id,
  name,
  kind: "school",
  municipality,
  region: "Hovedstaden",
  country: "DK",
  reported_size: size,
  programmes,
  mainAreas,
  weight,
  effect
});

export const INSTITUTIONS: readonly Institution[] = [
  school("I01", "TEC Frederiksberg", "Frederiksberg", 4000, 7, ["EUD", "EUX", "HTX"], [TBT], 0.05),
  school("I02", "SOPU København", "København", 1000, 4, ["EUD", "EUX"], [OSP], 0.08),
  school("I03", "KNord", "Lyngby-Taarbæk", 3000, 6, ["EUD", "EUX", "HHX"], [KHF], -0.05),
  school("I04", "NEXT Uddannelse København", "København", 5000, 7, ["EUD", "EUX", "HTX"], [TBT, FJO, KHF], 0.1),
  school("I05", "Niels Brock", "København", 4000, 5, ["EUD", "EUX", "HHX"], [KHF], -0.08),
  school("I06", "Hotel- og Restaurantskolen", "København", 1500, 3, ["EUD"], [FJO], 0.12),
  school("I07", "CPH WEST", "Ishøj", 2500, 4, ["EUD", "EUX", "HHX", "HTX"], [TBT, KHF, OSP], 0.06),
  school("I08", "SOSU H", "Herlev", 2000, 4, ["EUD"], [OSP], 0.0),
  school("I09", "Campus Bornholm", "Bornholm", 1200, 2, ["EUD", "STX", "HHX", "HTX"], [TBT, OSP, FJO], -0.04),
  school("I10", "U/NORD", "Hillerød", 2500, 4, ["EUD", "EUX", "HTX"], [TBT, FJO], 0.03),
  school("I11", "Erhvervsskolen Vestegnen (fiktiv)", "Albertslund", 900, 2, ["EUD"], [TBT, KHF], 0.45),
  school("I12", "Frederiksberg Gymnasium", "Frederiksberg", 1000, 3, ["STX"], [], -0.1),
  school("I13", "Øregård Gymnasium", "Gentofte", 1100, 3, ["STX"], [], -0.15),
  school("I14", "Gladsaxe Gymnasium", "Gladsaxe", 1000, 3, ["STX"], [], 0.05),
  school("I15", "Rysensteen Gymnasium", "København", 900, 3, ["STX"], [], -0.05),
  school("I16", "Nørre Gymnasium", "København", 1200, 3, ["STX"], [], 0.0),
  school("I17", "Frederiksborg Gymnasium og HF", "Hillerød", 1300, 3, ["STX", "HF"], [], 0.02),
  school("I18", "Espergærde Gymnasium og HF", "Helsingør", 900, 2, ["STX", "HF"], [], 0.04),
  school("I19", "Ørestad Gymnasium", "København", 1000, 3, ["STX"], [], -0.02),
  school("I20", "Herlev Gymnasium og HF", "Herlev", 800, 2, ["STX", "HF"], [], 0.08),
  school("I21", "Falkonergårdens Gymnasium og HF", "Frederiksberg", 900, 2, ["STX", "HF"], [], -0.04),
  school("I22", "Egedal Gymnasium og HF", "Egedal", 800, 2, ["STX", "HF"], [], 0.06),
  school("I23", "Vestegnens Gymnasium (fiktiv)", "Høje-Taastrup", 700, 2, ["STX", "HHX"], [], 0.4),
  school("I24", "10. klassecenter København", "København", 800, 3, ["10K"], [], 0.0),
  school("I25", "10. klasse Gladsaxe", "Gladsaxe", 300, 1, ["10K"], [], 0.05),
  school("I26", "Rødovre Gymnasium", "Rødovre", 800, 2, ["STX"], [], 0.03),
  school("I27", "KVUC", "København", 5000, 4, ["HF"], [], 0.1),
  school("I28", "FGU Hovedstaden", "København", 1500, 3, ["FGU"], [], 0.05),
  school("I29", "FGU Vestegnen", "Albertslund", 900, 2, ["FGU"], [], 0.12),
  school("I30", "FGU Nordsjælland", "Hillerød", 800, 2, ["FGU"], [], -0.02),
  {
    institution_id: "C01",
    name: "Danfoss A/S",
    kind: "company",
    municipality: "Sønderborg",
    region: "Syddanmark",
    country: "DK",
    reported_size: 25000
  },
  {
    institution_id: "C02",
    name: "Øens Murerfirma",
    kind: "company",
    municipality: "København",
    region: "Hovedstaden",
    country: "DK",
    reported_size: 187
  },
  {
    institution_id: "C03",
    name: "Hovedstadens El-installation ApS (fiktiv)",
    kind: "company",
    municipality: "Glostrup",
    region: "Hovedstaden",
    country: "DK",
    reported_size: 240
  },
  {
    institution_id: "C04",
    name: "Plejecenter Solgården (fiktiv)",
    kind: "company",
    municipality: "Gentofte",
    region: "Hovedstaden",
    country: "DK",
    reported_size: 160
  },
  {
    institution_id: "O01",
    name: "Seniormentor Hovedstaden (fiktiv)",
    kind: "organisation",
    municipality: "København",
    region: "Hovedstaden",
    country: "DK",
    reported_size: null
  },
  {
    institution_id: "O02",
    name: "Ung-til-ung Mentornetværk (fiktiv)",
    kind: "organisation",
    municipality: "København",
    region: "Hovedstaden",
    country: "DK",
    reported_size: null
  }
];

export interface Scheme {
  scheme_id: string;
  name: string;
  scheme_type: SchemeType;
  host_institution_id: string;
  country: string;
  start_year: number;
  funding: "permanent" | "project";
  mentor_fte: number | null;
  target_hours_to_first_contact: number | null;
  description: string;
  /** Where the scheme recruits: schools (by id) or, for workplace schemes, main areas. */
  schools?: readonly string[];
  programmes?: readonly Programme[];
  mainAreas?: readonly MainArea[];
  femaleOnly?: boolean;
  /** Base share of eligible students offered the scheme (before risk selection). */
  uptake: number;
  /** Median hours from assignment to first contact and its log-sd. */
  contactMedianHours: number;
  contactSdLog: number;
  /** Meetings per month while the mentorship runs. */
  meetingsPerMonth: number;
  /** Months a mentorship runs (null: until the programme ends). */
  durationMonths: number | null;
  /** Groups of these sizes, cycled (group schemes). */
  groupSizes?: readonly number[];
}

const ALL_EUD_SCHOOLS = ["I01", "I02", "I03", "I04", "I05", "I06", "I07", "I08", "I09", "I10", "I11"];
const GYM_SCHOOLS = [
  "I09",
  "I12",
  "I13",
  "I14",
  "I15",
  "I16",
  "I17",
  "I18",
  "I19",
  "I20",
  "I21",
  "I22",
  "I23",
  "I24",
  "I25",
  "I26",
  "I27",
  "I03",
  "I05",
  "I07",
  "I01",
  "I04",
  "I10"
];
const FGU_SCHOOLS = ["I28", "I29", "I30"];

export const SCHEMES: readonly Scheme[] = [
  {
    scheme_id: "S01",
    name: "TEC Frederiksberg: kontaktlærere med studievejledning",
    scheme_type: "professional",
    host_institution_id: "I01",
    country: "DK",
    start_year: 2012,
    funding: "permanent",
    mentor_fte: 14,
    target_hours_to_first_contact: null,
    description:
      "Hver klasse har en kontaktlærer, der arbejder med studievejledning. Eleverne får at vide inden for de første 14 dage, at tilbuddet findes. Ekstra opmærksomhed ved overgangen fra GF1 til GF2 og ved overgangen til praktik.",
    schools: ["I01"],
    programmes: ["EUD", "EUX"],
    uptake: 0.16,
    contactMedianHours: 48,
    contactSdLog: 0.7,
    meetingsPerMonth: 2,
    durationMonths: 14
  },
  {
    scheme_id: "S02",
    name: "SOPU København: fuldtidsmentorer",
    scheme_type: "professional",
    host_institution_id: "I02",
    country: "DK",
    start_year: 2010,
    funding: "permanent",
    mentor_fte: 2,
    target_hours_to_first_contact: 24,
    description:
      "To fuldtidsmentorer til ca. 1.000 elever, til rådighed 37 timer om ugen. Kontakt som regel inden for 24 timer efter en henvendelse og et møde inden for den første uge. Succeskriterier aftales med eleven (gennemføre en praktik, mindre fravær …).",
    schools: ["I02"],
    programmes: ["EUD", "EUX"],
    uptake: 0.14,
    contactMedianHours: 10,
    contactSdLog: 0.8,
    meetingsPerMonth: 2.5,
    durationMonths: 12
  },
  {
    scheme_id: "S03",
    name: "KNord: pigenetværk",
    scheme_type: "group",
    host_institution_id: "I03",
    country: "DK",
    start_year: 2015,
    funding: "permanent",
    mentor_fte: 1.5,
    target_hours_to_first_contact: null,
    description:
      "Netværk for piger med 6–8 deltagere, der mødes ugentligt i skoletiden på tværs af semestre (Lyngby, Hillerød, Frederikssund). Mål: mindre frafald og fravær.",
    schools: ["I03"],
    programmes: ["EUD", "EUX", "HHX"],
    femaleOnly: true,
    uptake: 0.22,
    contactMedianHours: 96,
    contactSdLog: 0.6,
    meetingsPerMonth: 4,
    durationMonths: 12,
    groupSizes: [6, 7, 8]
  },
  {
    scheme_id: "S04",
    name: "Danfoss: arbejdspladsmentorer for lærlinge",
    scheme_type: "workplace",
    host_institution_id: "C01",
    country: "DK",
    start_year: 2005,
    funding: "permanent",
    mentor_fte: 2,
    target_hours_to_first_contact: null,
    description:
      "Ca. 25.000 ansatte globalt og 130 lærlinge i Danmark. To fuldtidsinstruktører og ca. 75 uddannelsesansvarlige fungerer som arbejdspladsmentorer uden ledelsesansvar; mentorerne tager et 2-dages AMU-kursus.",
    mainAreas: [TBT],
    programmes: ["EUD", "EUX"],
    uptake: 0.07,
    contactMedianHours: 4,
    contactSdLog: 0.8,
    meetingsPerMonth: 4,
    durationMonths: null
  },
  {
    scheme_id: "S05",
    name: "Øens Murerfirma: instruktører og murersvende som mentorer",
    scheme_type: "workplace",
    host_institution_id: "C02",
    country: "DK",
    start_year: 2008,
    funding: "permanent",
    mentor_fte: 1.5,
    target_hours_to_first_contact: null,
    description:
      "Ca. 150 timelønnede, 37 funktionærer og 20 lærlinge. Tre instruktører er mentorer på deltid, og fem murersvende er uddannet som mentorer; én instruktør (Jan) besøger alle lærlinge én dag om ugen.",
    mainAreas: [TBT],
    programmes: ["EUD"],
    uptake: 0.035,
    contactMedianHours: 8,
    contactSdLog: 0.7,
    meetingsPerMonth: 4,
    durationMonths: null
  },
  {
    scheme_id: "S06",
    name: "Seniormentorer for erhvervsskoleelever (fiktiv)",
    scheme_type: "adult_volunteer",
    host_institution_id: "O01",
    country: "DK",
    start_year: 2016,
    funding: "project",
    mentor_fte: null,
    target_hours_to_first_contact: 168,
    description:
      "Illustrativ ordning: frivillige seniorer matches med elever på erhvervsuddannelser efter geografi, behov og fag; møder et par gange om måneden.",
    schools: ALL_EUD_SCHOOLS,
    programmes: ["EUD", "EUX"],
    uptake: 0.035,
    contactMedianHours: 200,
    contactSdLog: 0.6,
    meetingsPerMonth: 2,
    durationMonths: 12
  },
  {
    scheme_id: "S07",
    name: "Ung-til-ung studiementorer (fiktiv)",
    scheme_type: "peer",
    host_institution_id: "O02",
    country: "DK",
    start_year: 2017,
    funding: "project",
    mentor_fte: null,
    target_hours_to_first_contact: null,
    description:
      "Illustrativ ordning: frivillige unge studerende et par år ældre end eleven mødes med eleven hver anden til tredje uge.",
    schools: GYM_SCHOOLS,
    programmes: ["STX", "HHX", "HTX", "HF", "10K"],
    uptake: 0.05,
    contactMedianHours: 120,
    contactSdLog: 0.6,
    meetingsPerMonth: 1.5,
    durationMonths: 10
  },
  {
    scheme_id: "S08",
    name: "NEXT: studievejleder-mentorer (fiktiv ordning)",
    scheme_type: "professional",
    host_institution_id: "I04",
    country: "DK",
    start_year: 2014,
    funding: "permanent",
    mentor_fte: 4,
    target_hours_to_first_contact: 72,
    description: "Illustrativ ordning: lønnede mentorer tilknyttet studievejledningen.",
    schools: ["I04"],
    programmes: ["EUD", "EUX"],
    uptake: 0.12,
    contactMedianHours: 72,
    contactSdLog: 0.7,
    meetingsPerMonth: 1.5,
    durationMonths: 12
  },
  {
    scheme_id: "S09",
    name: "Hovedstadens El-installation: lærlingementor (fiktiv)",
    scheme_type: "workplace",
    host_institution_id: "C03",
    country: "DK",
    start_year: 2016,
    funding: "permanent",
    mentor_fte: 0.5,
    target_hours_to_first_contact: null,
    description: "Illustrativ ordning: en erfaren elektriker følger hver lærling gennem prøvetiden og første år.",
    mainAreas: [TBT],
    programmes: ["EUD", "EUX"],
    uptake: 0.04,
    contactMedianHours: 6,
    contactSdLog: 0.8,
    meetingsPerMonth: 3,
    durationMonths: null
  },
  {
    scheme_id: "S10",
    name: "Plejecenter Solgården: elevmentor (fiktiv)",
    scheme_type: "workplace",
    host_institution_id: "C04",
    country: "DK",
    start_year: 2018,
    funding: "project",
    mentor_fte: 0.5,
    target_hours_to_first_contact: null,
    description: "Illustrativ ordning: en social- og sundhedsassistent er mentor for elever i praktik.",
    mainAreas: [OSP],
    programmes: ["EUD", "EUX"],
    uptake: 0.08,
    contactMedianHours: 12,
    contactSdLog: 0.8,
    meetingsPerMonth: 3,
    durationMonths: null
  },
  {
    scheme_id: "S11",
    name: "CPH WEST: drengegrupper (fiktiv)",
    scheme_type: "group",
    host_institution_id: "I07",
    country: "DK",
    start_year: 2019,
    funding: "project",
    mentor_fte: 1,
    target_hours_to_first_contact: null,
    description: "Illustrativ ordning: grupper på 6–8 elever med en fast voksen mentor, ugentlige møder.",
    schools: ["I07"],
    programmes: ["EUD", "EUX", "HHX", "HTX"],
    uptake: 0.12,
    contactMedianHours: 120,
    contactSdLog: 0.5,
    meetingsPerMonth: 4,
    durationMonths: 10,
    groupSizes: [8, 6, 7]
  },
  {
    scheme_id: "S12",
    name: "Gladsaxe Gymnasium: tutorordning (fiktiv)",
    scheme_type: "peer",
    host_institution_id: "I14",
    country: "DK",
    start_year: 2014,
    funding: "permanent",
    mentor_fte: null,
    target_hours_to_first_contact: null,
    description: "Illustrativ ordning: elever fra 3.g er tutorer for nye 1.g-elever det første halve år.",
    schools: ["I14"],
    programmes: ["STX"],
    uptake: 0.15,
    contactMedianHours: 48,
    contactSdLog: 0.5,
    meetingsPerMonth: 2,
    durationMonths: 6
  },
  {
    scheme_id: "S13",
    name: "FGU: kontaktlærer-mentorer (fiktiv ordning)",
    scheme_type: "professional",
    host_institution_id: "I28",
    country: "DK",
    start_year: 2019,
    funding: "permanent",
    mentor_fte: 3,
    target_hours_to_first_contact: 48,
    description:
      "Illustrativ ordning: lønnede mentorer på FGU-skolerne følger elever, der er i risiko for at stoppe, fra basisforløbet og ind i sporet.",
    schools: FGU_SCHOOLS,
    programmes: ["FGU"],
    uptake: 0.12,
    contactMedianHours: 36,
    contactSdLog: 0.7,
    meetingsPerMonth: 3,
    durationMonths: 9
  }
];

export interface ExternalAggregate {
  programme_name: string;
  scheme_type: SchemeType | null;
  country: string;
  year: number;
  measure: string;
  value: number;
  source: string;
  note: string;
}

const GUIDE = "DEA for Region Hovedstaden: Mentorskab – inspirationsguide";
const ext = (
  programme_name: string,
  scheme_type: SchemeType | null,
  country: string,
  year: number,
  measure: string,
  value: number,
  source: string,
  note = ""
): ExternalAggregate => ({programme_name, scheme_type, country, year, measure, value, source, note});

export const EXTERNAL_AGGREGATES: readonly ExternalAggregate[] = [
  ext("VerA (SES Bonn)", "adult_volunteer", "DE", 2009, "founded_year", 2009, `${GUIDE}; SES Bonn`),
  ext(
    "VerA (SES Bonn)",
    "adult_volunteer",
    "DE",
    2016,
    "matches",
    3200,
    `${GUIDE}; SES Bonn`,
    "Mentor/mentee-match i 2016"
  ),
  ext("VerA (SES Bonn)", "adult_volunteer", "DE", 2016, "volunteer_mentors", 2500, `${GUIDE}; SES Bonn`, "ca."),
  ext(
    "VerA (SES Bonn)",
    "adult_volunteer",
    "DE",
    2016,
    "coordinators",
    80,
    `${GUIDE}; SES Bonn`,
    "ca., regionale koordinatorer"
  ),
  ext(
    "VerA (SES Bonn)",
    "adult_volunteer",
    "DE",
    2016,
    "retained_share",
    0.8,
    `${GUIDE}; SES Bonn`,
    "Andel af mentees, der blev i deres erhvervsuddannelse"
  ),
  ext("VerA (SES Bonn)", "adult_volunteer", "DE", 2016, "noncompletion_share_mentees", 0.2, `${GUIDE}; SES Bonn`),
  ext(
    "VerA (SES Bonn)",
    "adult_volunteer",
    "DE",
    2016,
    "noncompletion_share_national",
    0.25,
    `${GUIDE}; SES Bonn`,
    "Tyske lærlinge i alt, ca."
  ),
  ext("VerA (SES Bonn)", "adult_volunteer", "DE", 2016, "mentee_age_min", 16, `${GUIDE}; SES Bonn`),
  ext("VerA (SES Bonn)", "adult_volunteer", "DE", 2016, "mentee_age_max", 20, `${GUIDE}; SES Bonn`),
  ext("ROCK YOUR LIFE!", "peer", "DE", 2017, "sites", 46, `${GUIDE}; ROCK YOUR LIFE! gGmbH`),
  ext("ROCK YOUR LIFE!", "peer", "CH", 2017, "sites", 6, `${GUIDE}; ROCK YOUR LIFE! gGmbH`),
  ext("ROCK YOUR LIFE!", "peer", "DE", 2017, "mentee_age_min", 14, `${GUIDE}; ROCK YOUR LIFE! gGmbH`),
  ext("ROCK YOUR LIFE!", "peer", "DE", 2017, "mentee_age_max", 16, `${GUIDE}; ROCK YOUR LIFE! gGmbH`),
  ext(
    "ROCK YOUR LIFE!",
    "peer",
    "DE",
    2017,
    "mentees_foreign_born_parents_share",
    0.5,
    `${GUIDE}; ROCK YOUR LIFE! gGmbH`,
    "ca. halvdelen"
  ),
  ext(
    "MentorProgramma Friesland",
    "adult_volunteer",
    "NL",
    1997,
    "founded_year",
    1997,
    `${GUIDE}; MentorProgramma Friesland`
  ),
  ext(
    "CEFU: brobygning til EUD (forsøg)",
    null,
    "DK",
    2014,
    "said_mentor_mattered_share",
    0.99,
    `${GUIDE}; CEFU 2014`,
    "Adspurgte mentees"
  ),
  ext(
    "CEFU: brobygning til EUD (forsøg)",
    null,
    "DK",
    2014,
    "said_mentor_mattered_a_lot_share",
    0.64,
    `${GUIDE}; CEFU 2014`,
    "Betød meget eller rigtig meget"
  )
];
