/** The run's summary (report.ts): rejects grouped by table, column, rule and reason, with counts and example lines; no reason carries a line number. */
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {formatSummary} from "../../loaders/ingest/report.ts";
import {tempDir} from "../helpers/tmp.ts";
import {BASE, run} from "./helpers.ts";

const HEADER =
  "enrolment_id,student_key,institution_id,programme,main_area,intake_date,age_at_start,gender,prior_attainment_band,outcome,outcome_date";
const row = (id: string, gender = "female") => `${id},K${id},I01,STX,,2021-08-09,16,${gender},4_to_6,ongoing,`;

describe("rejects grouped by reason", () => {
  it("many rejects of one kind are one group with its count and the first lines; every row is still listed", async () => {
    const dir = tempDir("report");
    const rows = [row("E1"), row("E2"), row("E1"), row("E2"), row("E1")]; // lines 4–6 repeat earlier keys
    for (let i = 0; i < 40; i++) rows.push(row(`G${i}`, "pige")); // lines 7–46: 40 of one kind
    writeFileSync(join(dir, "enrolments.csv"), [HEADER, ...rows].join("\n") + "\n");
    const {summary, rejects} = await run([BASE, dir]);
    const file = join(dir, "enrolments.csv");
    expect(rejects).toHaveLength(43);
    expect(rejects.some((r) => /\d/.test(r.reason_en.replace(/4_to_6|under_4|6_to_8|8_plus/g, "")))).toBe(false);
    expect(summary.rejects.by_reason).toEqual([
      {
        table: "enrolments",
        column: "gender",
        rule: "allowed",
        reason_da: "gender skal være en af: female | male | other",
        reason_en: "gender must be one of: female | male | other",
        count: 40,
        examples: [
          {file, line: 7},
          {file, line: 8},
          {file, line: 9}
        ]
      },
      {
        table: "enrolments",
        column: "enrolment_id",
        rule: "duplicate",
        reason_da: "samme nøgle (enrolment_id) som en tidligere række; den første beholdes",
        reason_en: "same key (enrolment_id) as an earlier row; the first is kept",
        count: 3,
        examples: [
          {file, line: 4},
          {file, line: 5},
          {file, line: 6}
        ]
      }
    ]);
    // the row each duplicate repeats stays with it
    expect(rejects.filter((r) => r.rule === "duplicate").map((r) => [Number(r.line), Number(r.ref_line)])).toEqual([
      [4, 2],
      [5, 3],
      [6, 2]
    ]);
    const text = formatSummary(summary);
    expect(text).toContain(
      "     40 × enrolments.gender: gender must be one of: female | male | other / gender skal være en af: female | male | other (e.g. enrolments.csv:7, enrolments.csv:8, enrolments.csv:9, …)"
    );
    expect(text).toContain(
      "      3 × enrolments.enrolment_id: same key (enrolment_id) as an earlier row; the first is kept"
    );
    expect(text).toContain("(e.g. enrolments.csv:4, enrolments.csv:5, enrolments.csv:6)\n");
  });
});
