/**
 * The contract's rules across columns and tables (data/README.md, "Rules
 * across columns and tables"), as SQL predicates that are TRUE for a failing
 * row — the companion of checks.ts, which covers single columns.
 *
 * A predicate sees one row of its table with
 *  - every contract column under its own name, typed (DATE, BIGINT, DOUBLE,
 *    BOOLEAN; NULL when empty or unparseable),
 *  - the text of each column as `v_<column>` (NULL when empty),
 *  - for rules with a parent, the parent's typed columns as
 *    `<alias>_<column>` (NULL when the reference does not resolve to an
 *    accepted row; reference failures themselves are reported separately),
 *  - for stage_events, `stage_rank` and `lower_stage_max_start` (the latest
 *    start of the same enrolment's stages that come earlier in the sequence).
 */
import {PROGRAMMES, STAGES, STAGES_BY_PROGRAMME, type TableName} from "./contract.ts";
import {quoteLiteral} from "./checks.ts";

export interface RowRule {
  table: TableName;
  id: string;
  /** The column the reject is reported on. */
  column: string;
  failsSql: string;
  reasonDa: string;
  reasonEn: string;
}

/** A reference from a child column to the key of a parent table. */
export interface Reference {
  table: TableName;
  column: string;
  parent: TableName;
  parentColumn: string;
  /** Prefix of the parent's columns in rule predicates. */
  alias: string;
}

export const REFERENCES: readonly Reference[] = [
  {
    table: "schemes",
    column: "host_institution_id",
    parent: "institutions",
    parentColumn: "institution_id",
    alias: "host"
  },
  {
    table: "enrolments",
    column: "institution_id",
    parent: "institutions",
    parentColumn: "institution_id",
    alias: "inst"
  },
  {table: "stage_events", column: "enrolment_id", parent: "enrolments", parentColumn: "enrolment_id", alias: "enr"},
  {table: "mentorships", column: "enrolment_id", parent: "enrolments", parentColumn: "enrolment_id", alias: "enr"},
  {table: "mentorships", column: "scheme_id", parent: "schemes", parentColumn: "scheme_id", alias: "sch"}
];

/**
 * Order of the stages within a programme: a stage may not start before a
 * stage of a lower rank of the same enrolment. The three hovedforløb forms
 * (laereplads, skoleoplaering, hf_school) share a rank: they can alternate.
 */
export const STAGE_RANK: Record<string, number> = {
  gf1: 1,
  gf2: 2,
  laereplads: 3,
  skoleoplaering: 3,
  hf_school: 3,
  final: 4,
  grundforloeb: 1,
  g1: 2,
  g2: 3,
  g3: 4,
  hf1: 1,
  hf2: 2,
  k10: 1,
  // FGU: the basisforløb comes first; the three tracks share a rank (a student may change track)
  fgu_basis: 1,
  agu: 2,
  pgu: 2,
  egu: 2,
  completion: 5
};
export const MAX_STAGE_RANK = 5;

export function stageRankSql(expr: string): string {
  return `CASE ${expr} ${Object.entries(STAGE_RANK)
    .map(([s, r]) => `WHEN ${quoteLiteral(s)} THEN ${r}`)
    .join(" ")} END`;
}

const VOCATIONAL = ["EUD", "EUX"];
const list = (values: readonly string[]) => values.map(quoteLiteral).join(", ");
const OTHER_PROGRAMMES = PROGRAMMES.filter((p) => !VOCATIONAL.includes(p));

const stageNotInProgramme = `CASE enr_programme ${PROGRAMMES.map((p) => `WHEN ${quoteLiteral(p)} THEN stage NOT IN (${list(STAGES_BY_PROGRAMME[p])})`).join(" ")} END`;

export const ROW_RULES: readonly RowRule[] = [
  {
    table: "enrolments",
    id: "main_area_required",
    column: "main_area",
    failsSql: `programme IN (${list(VOCATIONAL)}) AND v_main_area IS NULL`,
    reasonDa: "main_area skal udfyldes for EUD og EUX",
    reasonEn: "main_area is required for EUD and EUX"
  },
  {
    table: "enrolments",
    id: "main_area_not_allowed",
    column: "main_area",
    failsSql: `programme IN (${list(OTHER_PROGRAMMES)}) AND v_main_area IS NOT NULL`,
    reasonDa: "main_area skal være tom for andre uddannelser end EUD og EUX",
    reasonEn: "main_area must be empty for programmes other than EUD and EUX"
  },
  {
    table: "enrolments",
    id: "outcome_date_required",
    column: "outcome_date",
    failsSql: `outcome IN ('completed', 'dropped', 'transferred', 'no_show') AND v_outcome_date IS NULL`,
    reasonDa: "outcome_date skal udfyldes, når outcome ikke er ongoing",
    reasonEn: "outcome_date is required unless outcome is ongoing"
  },
  {
    table: "enrolments",
    id: "outcome_date_not_allowed",
    column: "outcome_date",
    failsSql: `outcome = 'ongoing' AND v_outcome_date IS NOT NULL`,
    reasonDa: "outcome_date skal være tom, når outcome er ongoing",
    reasonEn: "outcome_date must be empty while outcome is ongoing"
  },
  {
    table: "enrolments",
    id: "outcome_before_intake",
    column: "outcome_date",
    failsSql: `outcome_date < intake_date AND outcome IS DISTINCT FROM 'no_show'`,
    reasonDa: "outcome_date ligger før intake_date (kun no_show, framelding før start, kan ligge før)",
    reasonEn: "outcome_date is before intake_date (only no_show, withdrawal before the start, can be)"
  },
  {
    table: "enrolments",
    id: "no_show_after_intake",
    column: "outcome_date",
    failsSql: `outcome = 'no_show' AND outcome_date > intake_date`,
    reasonDa:
      "no_show (framelding før start) skal have outcome_date på eller før intake_date; en elev, der er startet og går ud senere, er dropped",
    reasonEn:
      "no_show (withdrawal before the start) needs an outcome_date on or before intake_date; a student who started and left later is dropped"
  },
  {
    table: "stage_events",
    id: "end_before_start",
    column: "end_date",
    failsSql: `end_date < start_date`,
    reasonDa: "end_date ligger før start_date",
    reasonEn: "end_date is before start_date"
  },
  {
    table: "stage_events",
    id: "stage_not_in_programme",
    column: "stage",
    failsSql: `stage IN (${list(STAGES)}) AND enr_programme IS NOT NULL AND (${stageNotInProgramme})`,
    reasonDa: "stadiet hører ikke til forløbets uddannelse (fx gf1 på STX)",
    reasonEn: "the stage does not belong to the enrolment's programme (e.g. gf1 on STX)"
  },
  {
    table: "stage_events",
    id: "stage_of_no_show",
    column: "enrolment_id",
    failsSql: `enr_outcome = 'no_show'`,
    reasonDa: "forløbet er en no_show (aldrig startet) og kan ikke have stadier",
    reasonEn: "the enrolment is a no_show (never started) and cannot have stages"
  },
  {
    table: "stage_events",
    id: "start_before_intake",
    column: "start_date",
    failsSql: `start_date < enr_intake_date`,
    reasonDa: "start_date ligger før forløbets intake_date",
    reasonEn: "start_date is before the enrolment's intake_date"
  },
  {
    table: "stage_events",
    id: "start_after_outcome",
    column: "start_date",
    failsSql: `start_date > enr_outcome_date`,
    reasonDa: "start_date ligger efter forløbets outcome_date",
    reasonEn: "start_date is after the enrolment's outcome_date"
  },
  {
    table: "stage_events",
    id: "out_of_sequence",
    column: "start_date",
    failsSql: `start_date < lower_stage_max_start`,
    reasonDa: "stadiet starter før et tidligere stadie i forløbet (fx gf2 før gf1)",
    reasonEn: "the stage starts before an earlier stage of the enrolment (e.g. gf2 before gf1)"
  },
  {
    table: "mentorships",
    id: "end_before_start",
    column: "end_date",
    failsSql: `end_date < start_date`,
    reasonDa: "end_date ligger før start_date",
    reasonEn: "end_date is before start_date"
  },
  {
    table: "mentorships",
    id: "start_before_intake",
    column: "start_date",
    failsSql: `start_date < enr_intake_date`,
    reasonDa: "start_date ligger før forløbets intake_date",
    reasonEn: "start_date is before the enrolment's intake_date"
  },
  {
    table: "mentorships",
    id: "group_id_required",
    column: "group_id",
    failsSql: `sch_scheme_type = 'group' AND v_group_id IS NULL`,
    reasonDa: "group_id skal udfyldes for gruppeordninger (scheme_type group)",
    reasonEn: "group_id is required for group schemes (scheme_type group)"
  }
];

/** Parent columns the rules use, per reference alias. */
export const PARENT_COLUMNS: Record<string, readonly string[]> = {
  host: [],
  inst: [],
  enr: ["programme", "intake_date", "outcome", "outcome_date"],
  sch: ["scheme_type"]
};
