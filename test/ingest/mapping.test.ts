/**
 * Mapping files (mapping.ts): keys equal after normalisation, value codes
 * regardless of case, and expressions in a real ingest — required columns fed
 * by an expression, expression results checked like any column, the file's
 * date order honoured, and the conflicts that are fatal.
 */
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {IngestError} from "../../loaders/ingest/errors.ts";
import {loadMapping} from "../../loaders/ingest/mapping.ts";
import {tempDir} from "../helpers/tmp.ts";
import {BASE, fatal, read, run} from "./helpers.ts";

/** A folder with one enrolments file (semicolons) and a mapping file; returns their paths. */
function school(csv: string[], mapping: object): {dir: string; mapping: string} {
  const dir = tempDir("mapping");
  writeFileSync(join(dir, "elever.csv"), csv.join("\n") + "\n");
  const path = join(tempDir("mapping-file"), "mapping.json");
  writeFileSync(path, JSON.stringify(mapping));
  return {dir, mapping: path};
}

function mappingError(json: string): IngestError {
  const path = join(tempDir("mapping-file"), "m.json");
  writeFileSync(path, json);
  try {
    loadMapping(path);
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error("expected an IngestError");
}

const HEADER = "Skole;Elev;Start;Alder;Køn;Snit;Status;Dage";
const COLUMNS = {
  Elev: "student_key",
  Skole: "institution_id",
  Start: "intake_date",
  Alder: "age_at_start",
  Køn: {column: "gender", values: {Pige: "female", Dreng: "male"}},
  enrolment_id: {expr: {concat: [{col: "Skole"}, "/", {col: "Elev"}]}},
  programme: {expr: "STX"},
  prior_attainment_band: {
    expr: {bands: {col: "Snit"}, edges: [4, 6, 8], labels: ["under_4", "4_to_6", "6_to_8", "8_plus"]}
  },
  outcome: {expr: {recode: {col: "Status"}, values: {Frafaldet: "dropped", "I gang": "ongoing"}}},
  outcome_date: {expr: {add_days: [{col: "Start"}, {col: "Dage"}]}}
};

describe("mapping keys", () => {
  it("two keys that differ only in case, spaces or æ/ø/å are an error naming both", () => {
    const e = mappingError('{"enrolments": {"Køn": "gender", "KØN": "gender"}}');
    expect({code: e.code, en: e.en}).toEqual({
      code: "mapping",
      en: '"Køn" and "KØN" in enrolments are the same column (case, spaces and æ/ø/å do not matter). Remove one of them.'
    });
    expect(e.da).toBe(
      '"Køn" og "KØN" i enrolments er den samme kolonne (store og små bogstaver, mellemrum og æ/ø/å skelnes ikke). Fjern den ene.'
    );
    expect(mappingError('{"enrolments": {"Elev ID": "student_key", "elev-id": null}}').en).toContain(
      '"Elev ID" and "elev-id"'
    );
    // an expression key and a source key that normalise alike
    expect(mappingError('{"enrolments": {"programme": {"expr": "STX"}, "Programme": "programme"}}').en).toContain(
      '"programme" and "Programme"'
    );
  });

  it("value codes that differ only in case must agree", () => {
    expect(
      mappingError('{"enrolments": {"Køn": {"column": "gender", "values": {"Pige": "female", "PIGE": "male"}}}}').en
    ).toBe(
      '"values" of "Køn" has both "Pige" and "PIGE", which are the same code (case does not matter), with different values. Remove one, or set "match_case": true.'
    );
    const path = join(tempDir("mapping-file"), "m.json");
    writeFileSync(
      path,
      '{"enrolments": {"Køn": {"column": "gender", "values": {"Pige": "female", "PIGE": "male"}, "match_case": true}}}'
    );
    expect(loadMapping(path).enrolments!.columns.get("koen")!.matchCase).toBe(true);
  });

  it("an expression is keyed by the contract column it computes", () => {
    expect(mappingError('{"enrolments": {"Uddannelse": {"expr": "STX"}}}').en).toContain(
      '"Uddannelse" has an expression ("expr"), but an expression must be keyed by the contract column it computes, and enrolments has no column "Uddannelse".'
    );
    expect(mappingError('{"enrolments": {"programme": {"expr": "STX", "values": {}}}}').en).toBe(
      'The expression for enrolments.programme has unknown keys beside "expr": values.'
    );
    expect(mappingError('{"schemes": {"country": {"expr": {"lower": {"col": "Land"}}}}}').en).toBe(
      'The expression for schemes.country: unknown operator "lower". Known operators: col, concat, add_days, bands, recode.'
    );
  });
});

describe("expressions in an ingest", () => {
  it("feed required columns, and their results are checked per row like any column", async () => {
    const {dir, mapping} = school(
      [
        HEADER,
        "I01;S1;09-08-2021;16;Pige;5,3;Frafaldet;53",
        "I01;S2;10-08-2021;16;DRENG;8;i gang;",
        "I01;;11-08-2021;16;Pige;7;I gang;", // empty part of the composite key
        "I01;S4;12-08-2021;16;Pige;godt;I gang;", // not a number: no band
        "I01;S5;13-08-2021;16;Pige;7;Frafaldet;tre", // days not a number: no date
        "I01;S6;14-08-2021;16;Pige;7;Udmeldt;3", // a code the recode does not know
        "I01;S7;15-08-2021;16;Pige;2;Frafaldet;-30" // offset before the intake: the rule across columns
      ],
      {enrolments: COLUMNS}
    );
    const {db, rejects} = await run([BASE, dir], {mapping});
    expect(rejects.map((r) => [Number(r.line), r.column_name, r.rule, r.value, r.reason_en])).toEqual([
      [4, "enrolment_id", "required", null, "enrolment_id is empty but required"],
      [4, "student_key", "required", null, "student_key is empty but required"],
      [
        5,
        "prior_attainment_band",
        "allowed",
        "godt",
        "prior_attainment_band must be one of: under_4 | 4_to_6 | 6_to_8 | 8_plus | unknown"
      ],
      [6, "outcome_date", "type", "13-08-2021 + tre", "outcome_date must be a date (yyyy-mm-dd)"],
      [
        7,
        "outcome",
        "allowed",
        "Udmeldt",
        "outcome must be one of: completed | dropped | transferred | ongoing | no_show"
      ],
      [
        8,
        "outcome_date",
        "outcome_before_intake",
        "2021-07-16",
        "outcome_date is before intake_date (only no_show, withdrawal before the start, can be)"
      ]
    ]);
    expect(rejects.every((r) => r.file === join(dir, "elever.csv"))).toBe(true);
    expect(
      await read(
        db,
        `SELECT programme, prior_attainment_band AS band, outcome, strftime(outcome_date, '%Y-%m-%d') AS od, gender
      FROM enrolments ORDER BY intake_date`
      )
    ).toEqual([
      {programme: "STX", band: "4_to_6", outcome: "dropped", od: "2021-10-01", gender: "female"},
      {programme: "STX", band: "8_plus", outcome: "ongoing", od: null, gender: "male"}
    ]);
  });

  it("a required column is missing unless a column or an expression feeds it", async () => {
    const {programme: _, ...rest} = COLUMNS;
    const {dir, mapping} = school([HEADER, "I01;S1;09-08-2021;16;Pige;5,3;Frafaldet;53"], {enrolments: rest});
    const e = await fatal([BASE, dir], {mapping});
    // the columns the expressions read are not offered as candidates
    expect([e.code, e.en]).toEqual(["missing_columns", "Required columns are missing for enrolments: programme."]);
    const unused = school([`${HEADER};Uddannelse`, "I01;S1;09-08-2021;16;Pige;5,3;Frafaldet;53;STX"], {
      enrolments: rest
    });
    expect((await fatal([BASE, unused.dir], {mapping: unused.mapping})).en).toBe(
      `Required columns are missing for enrolments: programme. The file's other columns: "Uddannelse" — a mapping file (--mapping) can map them.`
    );
  });

  it("an expression wins over a header of the same name; a mapped column onto it is a conflict", async () => {
    const {dir, mapping} = school([`${HEADER};programme`, "I01;S1;09-08-2021;16;Pige;5,3;Frafaldet;53;EUD"], {
      enrolments: COLUMNS
    });
    const {db, rejects, summary} = await run([BASE, dir], {mapping});
    expect(rejects).toEqual([]);
    expect(await read(db, "SELECT programme FROM enrolments")).toEqual([{programme: "STX"}]);
    expect(
      summary.files
        .find((f) => f.table === "enrolments")!
        .notes.map((n) => n.en)
        .join()
    ).not.toContain("Unknown columns");
    const clash = school([`${HEADER};Uddannelse`, "I01;S1;09-08-2021;16;Pige;5,3;Frafaldet;53;EUD"], {
      enrolments: {...COLUMNS, Uddannelse: "programme"}
    });
    const e = await fatal([BASE, clash.dir], {mapping: clash.mapping});
    expect([e.code, e.en]).toEqual([
      "duplicate_column",
      'Column programme comes both from "Uddannelse" and from an expression in the mapping file. Remove one of them from the mapping file.'
    ]);
  });

  it("an expression that reads a column the file lacks is fatal, naming it", async () => {
    const {dir, mapping} = school([HEADER.replace(";Dage", ""), "I01;S1;09-08-2021;16;Pige;5,3;Frafaldet"], {
      enrolments: COLUMNS
    });
    const e = await fatal([BASE, dir], {mapping});
    expect([e.code, e.file, e.en]).toEqual([
      "missing_columns",
      join(dir, "elever.csv"),
      `The mapping file's expression for enrolments.outcome_date reads column "Dage", which the file does not have. The file's columns: ${HEADER.replace(
        ";Dage",
        ""
      )
        .split(";")
        .map((h) => `"${h}"`)
        .join(", ")}.`
    ]);
  });

  it("the date order is detected from the dates an expression reads", async () => {
    // the intake date is ISO; only the column the expression reads shows month-first order (31 in the middle)
    const {dir, mapping} = school(
      [
        "Skole;Elev;Indskrevet;Alder;Køn;Snit;Status;Afgang;Dage",
        "I01;S1;2021-08-09;16;Pige;5;Frafaldet;08/31/2021;1",
        "I01;S2;2021-08-09;16;Pige;5;Frafaldet;09/02/2021;1"
      ],
      {
        enrolments: {
          ...COLUMNS,
          Start: undefined,
          Indskrevet: "intake_date",
          outcome_date: {expr: {add_days: [{col: "Afgang"}, {col: "Dage"}]}}
        }
      }
    );
    const {db, rejects} = await run([BASE, dir], {mapping});
    expect(rejects).toEqual([]);
    expect(await read(db, "SELECT strftime(outcome_date, '%Y-%m-%d') AS od FROM enrolments ORDER BY od")).toEqual([
      {od: "2021-09-01"},
      {od: "2021-09-03"}
    ]);
  });

  it("hostile header names and literals stay data: nothing breaks out of its quotes", async () => {
    const dir = tempDir("mapping-hostile");
    const evilHeader = `Kode"; DROP TABLE institutions; --`;
    const evilText = `Skole 'X'); DROP TABLE rej; --`;
    writeFileSync(
      join(dir, "institutioner.csv"),
      `"${evilHeader.replaceAll('"', '""')}",kind,country\nI09,school,DK\n`
    );
    const path = join(tempDir("mapping-file"), "mapping.json");
    writeFileSync(
      path,
      JSON.stringify({
        institutions: {
          institution_id: {expr: {concat: [{col: evilHeader}, "'--"]}},
          name: {expr: evilText},
          region: {expr: {recode: {col: "kind"}, values: {SCHOOL: "'; SELECT 1; --"}}}
        }
      })
    );
    const {db, rejects} = await run([dir], {mapping: path});
    expect(rejects).toEqual([]);
    expect(await read(db, "SELECT institution_id, name, region FROM institutions")).toEqual([
      {institution_id: "I09'--", name: evilText, region: "'; SELECT 1; --"}
    ]);
  });
});
