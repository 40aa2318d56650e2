/**
 * Contract 1.1.0 through the real ingest: HF and FGU with their own stages,
 * and no-shows (withdrew before the intake date) accepted while every other
 * outcome dated before the intake is still rejected.
 */
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {BASE, read, run, type Reject} from "../ingest/helpers.ts";
import {tempDir} from "../helpers/tmp.ts";

const ENR =
  "enrolment_id,student_key,institution_id,programme,main_area,intake_date,age_at_start,gender,prior_attainment_band,outcome,outcome_date";
const STG = "enrolment_id,stage,start_date,end_date";

function source(): string {
  const dir = tempDir("landscape");
  writeFileSync(
    join(dir, "enrolments.csv"),
    [
      ENR,
      "H1,K1,I02,HF,,2019-08-12,18,female,4_to_6,completed,2021-06-20",
      "H2,K2,I02,HF,,2020-08-10,17,male,6_to_8,dropped,2021-03-01",
      "F1,K3,I01,FGU,,2020-02-03,17,male,under_4,dropped,2020-09-15",
      "F2,K4,I01,FGU,,2021-03-01,19,female,unknown,ongoing,",
      "N1,K5,I02,HF,,2021-08-09,17,female,4_to_6,no_show,2021-07-20",
      "N2,K6,I01,FGU,,2021-09-01,18,male,under_4,no_show,2021-09-01",
      "N3,K7,I02,STX,,2020-08-10,16,male,8_plus,dropped,2020-08-01",
      "N4,K8,I02,STX,,2020-08-10,16,male,8_plus,no_show,2020-09-01",
      "N5,K9,I02,STX,,2020-08-10,16,male,8_plus,no_show,"
    ].join("\n") + "\n"
  );
  writeFileSync(
    join(dir, "stage_events.csv"),
    [
      STG,
      "H1,hf1,2019-08-12,2020-08-10",
      "H1,hf2,2020-08-10,2021-06-20",
      "H1,completion,2021-06-20,2021-06-20",
      "F1,fgu_basis,2020-02-03,2020-05-04",
      "F1,pgu,2020-05-04,2020-09-15",
      "F2,egu,2021-03-01,",
      "H2,hf2,2020-08-10,2021-03-01",
      "H2,hf1,2020-09-01,2021-03-01",
      "F2,g1,2021-03-01,",
      "N2,agu,2021-09-01,"
    ].join("\n") + "\n"
  );
  return dir;
}

const compact = (rs: Reject[]) => rs.map((r) => [r.file.split("/").pop()!, Number(r.line), r.column_name, r.rule]);

describe("HF, FGU and no-shows in the contract", () => {
  it("accepts HF and FGU stages and no-shows dated on or before the intake; rejects the rest with the rule that failed", async () => {
    const {rejects, db} = await run([BASE, source()]);
    expect(compact(rejects)).toEqual([
      ["enrolments.csv", 8, "outcome_date", "outcome_before_intake"],
      ["enrolments.csv", 9, "outcome_date", "no_show_after_intake"],
      ["enrolments.csv", 10, "outcome_date", "outcome_date_required"],
      ["stage_events.csv", 8, "start_date", "out_of_sequence"],
      ["stage_events.csv", 10, "stage", "stage_not_in_programme"],
      ["stage_events.csv", 11, "enrolment_id", "stage_of_no_show"]
    ]);
    const enrolments = await read<{programme: string; outcome: string; n: number}>(
      db,
      "SELECT programme, outcome, CAST(count(*) AS INTEGER) AS n FROM enrolments GROUP BY ALL ORDER BY ALL"
    );
    expect(enrolments).toEqual([
      {programme: "FGU", outcome: "dropped", n: 1},
      {programme: "FGU", outcome: "no_show", n: 1},
      {programme: "FGU", outcome: "ongoing", n: 1},
      {programme: "HF", outcome: "completed", n: 1},
      {programme: "HF", outcome: "dropped", n: 1},
      {programme: "HF", outcome: "no_show", n: 1}
    ]);
    const stages = await read<{stage: string}>(db, "SELECT stage FROM stage_events ORDER BY stage");
    expect(stages.map((s) => s.stage)).toEqual(["completion", "egu", "fgu_basis", "hf1", "hf1", "hf2", "pgu"]);
  });
});
