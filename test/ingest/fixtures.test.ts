/**
 * Every malformed or awkward input in test/fixtures/ingest/cases (made by
 * make.ts) with its exact outcome: the rejects (line, column, rule, value,
 * reason) or the exact fatal message.
 */
import {existsSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {BASE, CASES, fatal, read, run, type Reject} from "./helpers.ts";
import {tempDir} from "../helpers/tmp.ts";

const c = (name: string) => `${CASES}/${name}`;
/** [file name, line, column, rule, value, reason_en] */
type R = [string, number, string | null, string, string | null, string];
const compact = (rs: Reject[]): R[] =>
  rs.map((r) => [r.file.split("/").pop()!, Number(r.line), r.column_name, r.rule, r.value, r.reason_en]);

const ALLOWED_OUTCOME = "outcome must be one of: completed | dropped | transferred | ongoing | no_show";

describe("ingest fixtures: accepted with notes", () => {
  it("01 a valid set loads with no rejects and typed tables", async () => {
    const {summary, db, rejects} = await run([BASE, c("01-valid")]);
    expect(rejects).toEqual([]);
    expect(summary.tables).toEqual([
      {table: "institutions", rows: 3},
      {table: "schemes", rows: 2},
      {table: "enrolments", rows: 3},
      {table: "stage_events", rows: 5},
      {table: "mentorships", rows: 2},
      {table: "external_aggregates", rows: 0}
    ]);
    const [m] = await read<{hours: number; rematched: boolean; meetings: number}>(
      db,
      "SELECT hours_to_first_contact AS hours, rematched, meetings_held AS meetings FROM mentorships ORDER BY hours DESC LIMIT 1"
    );
    expect(m).toEqual({hours: 29.4, rematched: false, meetings: 3});
  });

  it("02 semicolons with decimal comma, thousands dots, Danish dates and ja/nej", async () => {
    const {summary, db, rejects} = await run([BASE, c("02-semicolon-decimal-comma")]);
    expect(rejects).toEqual([]);
    const f = summary.files.find((x) => x.path.endsWith("mentorships.csv"))!;
    expect([f.delimiter, f.decimal_comma, f.date_format, f.rows_read, f.rows_accepted]).toEqual([
      ";",
      true,
      "dd-mm-yyyy",
      2,
      2
    ]);
    const rows = await read<{h: number; r: boolean; s: string}>(
      db,
      "SELECT hours_to_first_contact AS h, rematched AS r, strftime(start_date, '%Y-%m-%d') AS s FROM mentorships ORDER BY h"
    );
    expect(rows).toEqual([
      {h: 29.4, r: false, s: "2021-08-20"},
      {h: 1234.5, r: true, s: "2022-02-01"}
    ]);
  });

  it("03 Windows-1252 is detected and æ, ø, å stay intact", async () => {
    const {summary, db, rejects} = await run([BASE, c("03-windows-1252")]);
    expect(rejects).toEqual([]);
    const f = summary.files.find((x) => x.table === "enrolments")!;
    expect(f.encoding).toBe("windows-1252");
    expect(f.notes).toContainEqual({
      da: "Tegnsæt windows-1252 omkodet til UTF-8",
      en: "Encoding windows-1252 converted to UTF-8"
    });
    const areas = await read<{a: string}>(
      db,
      "SELECT DISTINCT main_area AS a FROM enrolments WHERE main_area IS NOT NULL ORDER BY a"
    );
    expect(areas.map((r) => r.a)).toEqual(["Fødevarer, jordbrug og oplevelser", "Omsorg, sundhed og pædagogik"]);
  });

  it("04 a UTF-8 BOM is read and recorded", async () => {
    const {summary, rejects} = await run([BASE, c("04-bom")]);
    expect(rejects).toEqual([]);
    expect(summary.files.find((x) => x.table === "enrolments")!.encoding).toBe("utf-8-bom");
  });

  it("05 Danish dates (dd-mm-yyyy, d.m.yyyy, dd/mm/yyyy) become DATE; 31-02 is rejected", async () => {
    const {db, rejects} = await run([BASE, c("05-danish-dates")]);
    expect(compact(rejects)).toEqual([
      ["enrolments.csv", 4, "intake_date", "type", "31-02-2020", "intake_date must be a date (yyyy-mm-dd)"]
    ]);
    expect(rejects[0].reason_da).toBe("intake_date skal være en dato (åååå-mm-dd)");
    const rows = await read<{i: string; o: string}>(
      db,
      "SELECT strftime(intake_date, '%Y-%m-%d') AS i, strftime(outcome_date, '%Y-%m-%d') AS o FROM enrolments ORDER BY i"
    );
    expect(rows).toEqual([
      {i: "2020-08-10", o: "2023-06-20"},
      {i: "2021-08-09", o: "2021-10-01"}
    ]);
  });

  it("06 mixed ISO and Danish dates in one file", async () => {
    const {summary, rejects} = await run([BASE, c("06-mixed-dates")]);
    expect(rejects).toEqual([]);
    const f = summary.files.find((x) => x.table === "stage_events")!;
    expect(f.date_format).toBe("mixed (yyyy-mm-dd, dd-mm-yyyy)");
    expect(f.notes).toContainEqual({
      da: "Blandede datoformater (ISO og dansk)",
      en: "Mixed date formats (ISO and Danish)"
    });
  });

  it("07 unknown extra columns are accepted, ignored and reported", async () => {
    const {summary, db, rejects} = await run([BASE, c("07-extra-columns")]);
    expect(rejects).toEqual([]);
    expect(summary.files.find((x) => x.table === "enrolments")!.notes).toEqual([
      {da: `Ukendte kolonner ignoreret: "Klasse", "Bemærkning"`, en: `Unknown columns ignored: "Klasse", "Bemærkning"`}
    ]);
    const cols = await read<{n: number}>(
      db,
      "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'enrolments'"
    );
    expect(cols[0].n).toBe(11);
  });

  it("08 blank lines (empty, CRLF, spaces) are skipped and line numbers stay physical", async () => {
    const {summary, rejects} = await run([BASE, c("08-blank-lines")]);
    expect(compact(rejects)).toEqual([["enrolments.csv", 7, "outcome", "allowed", "complted", ALLOWED_OUTCOME]]);
    const f = summary.files.find((x) => x.table === "enrolments")!;
    expect([f.rows_read, f.rows_accepted, f.rows_rejected, f.rows_skipped]).toEqual([3, 2, 1, 4]);
  });

  it("09 quoted newlines: the reject names the physical line", async () => {
    const {rejects} = await run([BASE, c("09-quoted-newlines")]);
    expect(compact(rejects)).toEqual([
      ["enrolments.csv", 6, "age_at_start", "range", "9", "age_at_start must be between 13 and 70"]
    ]);
  });

  it("13 a repeated header row is skipped", async () => {
    const {summary, rejects} = await run([BASE, c("13-repeated-header")]);
    expect(rejects).toEqual([]);
    const f = summary.files.find((x) => x.table === "enrolments")!;
    expect([f.rows_read, f.rows_skipped]).toEqual([2, 1]);
    expect(f.notes).toEqual([{da: "1 gentagne overskriftslinjer sprunget over", en: "1 repeated header rows skipped"}]);
  });

  it("14 numbers as text (quoted, padded, 17.0, JSON strings) are read; 16.5 is not a whole number", async () => {
    const {db, rejects} = await run([BASE, c("14-numbers-as-text")]);
    expect(compact(rejects)).toEqual([
      ["enrolments.csv", 5, "age_at_start", "type", "16.5", "age_at_start must be a whole number"]
    ]);
    const ages = await read<{a: number}>(db, "SELECT age_at_start AS a FROM enrolments ORDER BY a");
    expect(ages.map((r) => r.a)).toEqual([16, 16, 17]);
    const [m] = await read<{h: number; n: number; r: boolean}>(
      db,
      "SELECT hours_to_first_contact AS h, meetings_held AS n, rematched AS r FROM mentorships"
    );
    expect(m).toEqual({h: 29.4, n: 3, r: false});
  });

  it("15 a trailing delimiter in header and rows: the empty unnamed column is ignored", async () => {
    const {summary, rejects} = await run([BASE, c("15-trailing-delimiter")]);
    expect(rejects).toEqual([]);
    expect(summary.files.find((x) => x.table === "enrolments")!.notes).toEqual([
      {
        da: "Tom kolonne uden navn (afsluttende skilletegn) ignoreret",
        en: "Empty unnamed column (trailing delimiter) ignored"
      }
    ]);
  });

  it("16 a trailing delimiter only in the rows", async () => {
    const {summary, rejects} = await run([BASE, c("16-trailing-delimiter-rows")]);
    expect(rejects).toEqual([]);
    expect(summary.files.find((x) => x.table === "enrolments")!.notes).toEqual([
      {
        da: "Rækkerne ender med et ekstra skilletegn; den tomme sidste kolonne ignoreres",
        en: "Rows end with an extra delimiter; the empty last column is ignored"
      }
    ]);
  });

  it("33 XLSX (Enrolments_2024.xlsx): sheet rows are the line numbers, date cells become dates", async () => {
    const {summary, db, rejects} = await run([BASE, c("33-xlsx")]);
    expect(compact(rejects)).toEqual([
      ["Enrolments_2024.xlsx", 5, "age_at_start", "range", "99", "age_at_start must be between 13 and 70"]
    ]);
    const f = summary.files.find((x) => x.table === "enrolments")!;
    expect([f.format, f.sheet, f.rows_read, f.rows_skipped]).toEqual(["xlsx", "Elever", 3, 1]);
    const rows = await read<{i: string; o: string}>(
      db,
      "SELECT strftime(intake_date, '%Y-%m-%d') AS i, strftime(outcome_date, '%Y-%m-%d') AS o FROM enrolments ORDER BY i"
    );
    expect(rows).toEqual([
      {i: "2020-08-10", o: "2023-06-20"},
      {i: "2021-08-09", o: "2021-10-01"}
    ]);
  });

  it("34 JSON array and NDJSON: lines are where each record starts", async () => {
    const {rejects} = await run([BASE, c("34-json")]);
    expect(compact(rejects)).toEqual([
      ["enrolments.json", 6, "gender", "allowed", "x", "gender must be one of: female | male | other"],
      [
        "stage_events.ndjson",
        5,
        "stage",
        "allowed",
        "g9",
        "stage must be one of: gf1 | gf2 | laereplads | skoleoplaering | hf_school | final | grundforloeb | g1 | g2 | g3 | hf1 | hf2 | k10 | fgu_basis | agu | pgu | egu | completion"
      ]
    ]);
  });

  it("35 Parquet with typed columns", async () => {
    const {rejects, summary} = await run([BASE, c("35-parquet")]);
    expect(compact(rejects)).toEqual([
      ["enrolments.parquet", 3, "age_at_start", "range", "71", "age_at_start must be between 13 and 70"]
    ]);
    expect(summary.files.find((x) => x.table === "enrolments")!.rows_accepted).toBe(2);
  });

  it("36 US dates (month first) are detected from a day above 12 in the second place", async () => {
    const {summary, db, rejects} = await run([BASE, c("36-us-dates")]);
    expect(rejects).toEqual([]);
    expect(summary.files.find((x) => x.table === "enrolments")!.date_format).toBe("mm/dd/yyyy");
    const [r] = await read<{i: string}>(db, "SELECT strftime(intake_date, '%Y-%m-%d') AS i FROM enrolments");
    expect(r.i).toBe("2020-08-10");
  });

  it("38 a school's own export loads with a mapping; the birth date becomes age_at_start and is not stored", async () => {
    const {summary, db, rejects} = await run([BASE, c("38-mapping")], {mapping: c("38-mapping/mapping.json")});
    expect(rejects).toEqual([]);
    expect(summary.files.map((f) => f.path.split("/").pop())).toEqual([
      "institutions.csv",
      "schemes.csv",
      "elever.csv"
    ]);
    const rows = await read<{age: number; gender: string; outcome: string; band: string}>(
      db,
      "SELECT age_at_start AS age, gender, outcome, prior_attainment_band AS band FROM enrolments ORDER BY age"
    );
    expect(rows).toEqual([
      {age: 15, gender: "male", outcome: "completed", band: "8_plus"},
      {age: 17, gender: "female", outcome: "dropped", band: "4_to_6"}
    ]);
    const birth = await read(db, "SELECT * FROM information_schema.columns WHERE column_name ILIKE '%birth%'");
    expect(birth).toEqual([]);
  });

  it("41 UTF-16 with tabs (Excel's Unicode text) and 42 CR-only line ends", async () => {
    const a = await run([c("41-utf16-tabs")]);
    expect(compact(a.rejects)).toEqual([
      ["institutioner.csv", 3, "reported_size", "type", "abc", "reported_size must be a whole number"]
    ]);
    expect([a.summary.files[0].encoding, a.summary.files[0].delimiter]).toEqual(["utf-16le", "\t"]);
    expect(await read(a.db, "SELECT name, municipality FROM institutions")).toEqual([
      {name: "Skole på Ærø", municipality: "Ærø"}
    ]);
    const b = await run([c("42-cr-line-ends")]);
    expect(compact(b.rejects)).toEqual([
      ["institutions.csv", 4, "reported_size", "type", "x", "reported_size must be a whole number"]
    ]);
  });

  it("40 blank lines before the header and inside a quoted field", async () => {
    const {rejects, summary} = await run([BASE, c("40-blank-in-quotes")]);
    expect(compact(rejects)).toEqual([
      [
        "enrolments.csv",
        7,
        "outcome_date",
        "outcome_date_not_allowed",
        "2020-09-01",
        "outcome_date must be empty while outcome is ongoing"
      ]
    ]);
    expect(summary.files.find((x) => x.table === "enrolments")!.rows_skipped).toBe(2);
  });
});

describe("ingest fixtures: row-level rejects", () => {
  it("26 types, ranges, allowed values, required; DuckDB's lenient casts do not pass; CPR-like values are not echoed", async () => {
    const {rejects} = await run([BASE, c("26-value-errors")]);
    expect(compact(rejects)).toEqual([
      ["enrolments.csv", 2, "intake_date", "type", "2020-13-01", "intake_date must be a date (yyyy-mm-dd)"],
      ["enrolments.csv", 3, "age_at_start", "range", "12", "age_at_start must be between 13 and 70"],
      ["enrolments.csv", 4, "age_at_start", "type", "16.5", "age_at_start must be a whole number"],
      ["enrolments.csv", 4, "gender", "allowed", "mand", "gender must be one of: female | male | other"],
      ["enrolments.csv", 5, "programme", "required", null, "programme is empty but required"],
      ["enrolments.csv", 6, "intake_date", "type", "2020-08-1x", "intake_date must be a date (yyyy-mm-dd)"],
      ["enrolments.csv", 6, "age_at_start", "range", null, "age_at_start must be between 13 and 70"],
      [
        "enrolments.csv",
        6,
        "prior_attainment_band",
        "allowed",
        "9_plus",
        "prior_attainment_band must be one of: under_4 | 4_to_6 | 6_to_8 | 8_plus | unknown"
      ]
    ]);
    expect(rejects.map((r) => r.reason_da)).toContain("programme mangler, men skal udfyldes");
  });

  it("27 rules across columns", async () => {
    const {rejects} = await run([BASE, c("27-cross-column")]);
    expect(compact(rejects)).toEqual([
      ["enrolments.csv", 2, "main_area", "main_area_required", null, "main_area is required for EUD and EUX"],
      [
        "enrolments.csv",
        3,
        "main_area",
        "main_area_not_allowed",
        "Omsorg, sundhed og pædagogik",
        "main_area must be empty for programmes other than EUD and EUX"
      ],
      [
        "enrolments.csv",
        4,
        "outcome_date",
        "outcome_date_not_allowed",
        "2021-01-01",
        "outcome_date must be empty while outcome is ongoing"
      ],
      [
        "enrolments.csv",
        5,
        "outcome_date",
        "outcome_date_required",
        null,
        "outcome_date is required unless outcome is ongoing"
      ],
      [
        "enrolments.csv",
        6,
        "outcome_date",
        "outcome_before_intake",
        "2020-08-01",
        "outcome_date is before intake_date (only no_show, withdrawal before the start, can be)"
      ]
    ]);
    expect(rejects[0].reason_da).toBe("main_area skal udfyldes for EUD og EUX");
  });

  it("28 stage rules: programme, intake, outcome, end before start, sequence", async () => {
    const {rejects, summary} = await run([BASE, c("28-stage-rules")]);
    expect(compact(rejects)).toEqual([
      [
        "stage_events.csv",
        2,
        "stage",
        "stage_not_in_programme",
        "gf1",
        "the stage does not belong to the enrolment's programme (e.g. gf1 on STX)"
      ],
      [
        "stage_events.csv",
        3,
        "start_date",
        "start_before_intake",
        "2020-08-01",
        "start_date is before the enrolment's intake_date"
      ],
      [
        "stage_events.csv",
        4,
        "start_date",
        "start_after_outcome",
        "2021-11-01",
        "start_date is after the enrolment's outcome_date"
      ],
      ["stage_events.csv", 5, "end_date", "end_before_start", "2020-11-01", "end_date is before start_date"],
      [
        "stage_events.csv",
        6,
        "start_date",
        "out_of_sequence",
        "2020-10-01",
        "the stage starts before an earlier stage of the enrolment (e.g. gf2 before gf1)"
      ]
    ]);
    expect(summary.files.find((x) => x.table === "stage_events")!.rows_accepted).toBe(1);
  });

  it("29 mentorship rules and references; enrolment ids are never echoed", async () => {
    const {rejects} = await run([BASE, c("29-mentorship-rules")]);
    expect(compact(rejects)).toEqual([
      [
        "mentorships.csv",
        2,
        "start_date",
        "start_before_intake",
        "2021-08-01",
        "start_date is before the enrolment's intake_date"
      ],
      ["mentorships.csv", 3, "end_date", "end_before_start", "2022-01-31", "end_date is before start_date"],
      [
        "mentorships.csv",
        4,
        "group_id",
        "group_id_required",
        null,
        "group_id is required for group schemes (scheme_type group)"
      ],
      ["mentorships.csv", 5, "scheme_id", "reference_unknown", "S09", "scheme_id not found in schemes"],
      ["mentorships.csv", 6, "enrolment_id", "reference_unknown", null, "enrolment_id not found in enrolments"]
    ]);
  });

  it("30 a row that refers to a rejected row is rejected too, naming it (its line apart from the reason)", async () => {
    const {rejects} = await run([BASE, c("30-cascade")]);
    const enrol = `${c("30-cascade")}/enrolments.csv`;
    expect(compact(rejects)).toEqual([
      ["enrolments.csv", 2, "institution_id", "reference_unknown", "I77", "institution_id not found in institutions"],
      ["mentorships.csv", 2, "enrolment_id", "reference_rejected", null, "refers to a rejected row of enrolments"],
      ["stage_events.csv", 2, "enrolment_id", "reference_rejected", null, "refers to a rejected row of enrolments"]
    ]);
    expect(rejects[1].reason_da).toBe("refererer til en afvist række i enrolments");
    expect(rejects.map((r) => [r.ref_file, r.ref_line === null ? null : Number(r.ref_line)])).toEqual([
      [null, null],
      [enrol, 2],
      [enrol, 2]
    ]);
  });

  it("31 duplicate keys: the first is kept, later ones rejected (dates compared as dates)", async () => {
    const {rejects, summary} = await run([BASE, c("31-duplicates")]);
    const e = `${c("31-duplicates")}/enrolments.csv`,
      s = `${c("31-duplicates")}/stage_events.csv`;
    expect(compact(rejects)).toEqual([
      [
        "enrolments.csv",
        4,
        "enrolment_id",
        "duplicate",
        null,
        "same key (enrolment_id) as an earlier row; the first is kept"
      ],
      [
        "enrolments.csv",
        5,
        "enrolment_id",
        "duplicate",
        null,
        "same key (enrolment_id) as an earlier row; the first is kept"
      ],
      [
        "stage_events.csv",
        3,
        "enrolment_id, stage, start_date",
        "duplicate",
        null,
        "same key (enrolment_id, stage, start_date) as an earlier row; the first is kept"
      ]
    ]);
    expect(rejects.map((r) => `${r.ref_file}:${r.ref_line}`)).toEqual([`${e}:2`, `${e}:3`, `${s}:2`]);
    expect(summary.tables.find((t) => t.table === "enrolments")!.rows).toBe(2);
  });

  it("32 lines with too few or too many fields and malformed quotes are row rejects", async () => {
    const {rejects, summary} = await run([BASE, c("32-field-count")]);
    expect(compact(rejects)).toEqual([
      ["enrolments.csv", 3, null, "fields", null, "The line has fewer fields than the header (11)"],
      [
        "enrolments.csv",
        5,
        null,
        "fields",
        null,
        "The line has more fields than the header (11); is there a delimiter inside an unquoted value?"
      ],
      [
        "enrolments.csv",
        6,
        null,
        "quotes",
        null,
        `Malformed quotes in the line (a field in "…" must end with " followed by the delimiter)`
      ]
    ]);
    const f = summary.files.find((x) => x.table === "enrolments")!;
    expect([f.rows_read, f.rows_accepted, f.rows_rejected]).toEqual([5, 2, 3]);
  });

  it("rejects.csv beside the warehouse holds the same rows", async () => {
    const {summary} = await run([BASE, c("27-cross-column")]);
    expect(summary.rejects_csv).toBe(join(summary.db, "..", "rejects.csv"));
    const rows = await read<Record<string, unknown>>(
      summary.db,
      `SELECT * FROM read_csv('${summary.rejects_csv}', all_varchar = true)`
    );
    expect(rows.length).toBe(5);
    expect(Object.keys(rows[0])).toEqual([
      "file",
      "line",
      "table_name",
      "column_name",
      "value",
      "rule",
      "reason_da",
      "reason_en",
      "ref_file",
      "ref_line"
    ]);
  });
});

describe("ingest fixtures: fatal errors", () => {
  const file = (name: string) => `${c(name)}/enrolments.csv`;
  const cases: [string, string[], object, string, string | null, string, string][] = [
    [
      "10-header-only",
      [BASE, c("10-header-only")],
      {},
      "no_rows",
      file("10-header-only"),
      "Filen har kun en overskrift og ingen rækker. Eksportér den igen med data.",
      "The file has a header but no rows. Export it again with data."
    ],
    [
      "11-zero-byte",
      [BASE, c("11-zero-byte")],
      {},
      "empty_file",
      file("11-zero-byte"),
      "Filen er tom (0 bytes). Eksportér den igen.",
      "The file is empty (0 bytes). Export it again."
    ],
    [
      "12-duplicate-column",
      [BASE, c("12-duplicate-column")],
      {},
      "duplicate_column",
      file("12-duplicate-column"),
      `Kolonnen outcome findes flere gange ("outcome", "outcome"). Fjern den ekstra kolonne eller ret mapping-filen.`,
      `Column outcome appears more than once ("outcome", "outcome"). Remove the extra column or fix the mapping file.`
    ],
    [
      "17-missing-column",
      [BASE, c("17-missing-column")],
      {},
      "missing_columns",
      file("17-missing-column"),
      `Påkrævede kolonner mangler i enrolments: outcome. Filens øvrige kolonner: "slutstatus" — brug evt. en mapping-fil (--mapping).`,
      `Required columns are missing for enrolments: outcome. The file's other columns: "slutstatus" — a mapping file (--mapping) can map them.`
    ],
    [
      "18-unknown-table",
      [BASE, c("18-unknown-table")],
      {},
      "unknown_table",
      `${c("18-unknown-table")}/elevliste.csv`,
      "Filnavnet siger ikke, hvilken tabel filen hører til. Omdøb filen (fx enrolments.csv eller elever.csv) eller angiv --table.",
      "The file name does not say which table the file feeds. Rename it (e.g. enrolments.csv) or pass --table."
    ],
    [
      "19-truncated",
      [BASE, c("19-truncated")],
      {},
      "truncated",
      file("19-truncated"),
      `Filen slutter midt i et felt i anførselstegn (åbnet på linje 3). Den er sikkert afkortet eller mangler et afsluttende ". Eksportér filen igen.`,
      `The file ends inside a quoted field (opened on line 3). It is probably truncated or lacks a closing ". Export the file again.`
    ],
    [
      "20-invalid-utf8",
      [c("20-invalid-utf8")],
      {encoding: "utf-8"},
      "encoding",
      file("20-invalid-utf8"),
      "Filen er ikke gyldig UTF-8, selv om --encoding utf-8 er angivet; æ, ø og å ville blive ødelagt. Fjern --encoding (så findes tegnsættet automatisk) eller angiv --encoding windows-1252.",
      "The file is not valid UTF-8 although --encoding utf-8 was given; æ, ø and å would be garbled. Drop --encoding (to detect it) or pass --encoding windows-1252."
    ],
    [
      "21-mojibake",
      [BASE, c("21-mojibake")],
      {},
      "mojibake",
      file("21-mojibake"),
      `Teksten ser dobbelt-kodet ud (fx "Ã¦" i stedet for æ, ø eller å). Filen er blevet gemt forkert; eksportér den igen som UTF-8.`,
      `The text looks double-encoded (e.g. "Ã¦" instead of æ, ø or å). The file was saved wrongly; export it again as UTF-8.`
    ],
    [
      "22-cpr",
      [BASE, c("22-cpr")],
      {},
      "privacy_values",
      file("22-cpr"),
      `Kolonnen "student_key" ser ud til at indeholde CPR-numre (2 værdier). Personoplysninger må ikke indlæses: fjern kolonnen fra udtrækket (eller erstat værdierne med et pseudonym) og kør igen.`,
      `Column "student_key" appears to hold CPR numbers (2 values). Personal data must not be loaded: remove the column from the export (or replace the values with a pseudonym) and run again.`
    ],
    [
      "23-name-column",
      [BASE, c("23-name-column")],
      {},
      "privacy_column_name",
      file("23-name-column"),
      `Kolonnen "Elevnavn" ligner navn, adresse, e-mail, telefon eller CPR-nummer. Personoplysninger må ikke indlæses: fjern kolonnen fra udtrækket og kør igen.`,
      `Column "Elevnavn" looks like a name, address, e-mail, phone or CPR number. Personal data must not be loaded: remove the column from the export and run again.`
    ],
    [
      "24-email-column",
      [BASE, c("24-email-column")],
      {},
      "privacy_values",
      `${c("24-email-column")}/mentorships.csv`,
      `Kolonnen "Kontakt" ser ud til at indeholde e-mailadresser (1 værdi). Personoplysninger må ikke indlæses: fjern kolonnen fra udtrækket (eller erstat værdierne med et pseudonym) og kør igen.`,
      `Column "Kontakt" appears to hold e-mail addresses (1 value). Personal data must not be loaded: remove the column from the export (or replace the values with a pseudonym) and run again.`
    ],
    [
      "25-phone-column",
      [BASE, c("25-phone-column")],
      {},
      "privacy_values",
      file("25-phone-column"),
      `Kolonnen "Forældre" ser ud til at indeholde telefonnumre (1 værdi). Personoplysninger må ikke indlæses: fjern kolonnen fra udtrækket (eller erstat værdierne med et pseudonym) og kør igen.`,
      `Column "Forældre" appears to hold phone numbers (1 value). Personal data must not be loaded: remove the column from the export (or replace the values with a pseudonym) and run again.`
    ],
    [
      "37-utf8-declared-latin1",
      [c("37-utf8-declared-latin1")],
      {encoding: "latin-1"},
      "encoding",
      file("37-utf8-declared-latin1"),
      "Filen er UTF-8, men --encoding windows-1252 er angivet; æ, ø og å ville blive til Ã¦, Ã¸ og Ã¥. Fjern --encoding.",
      "The file is UTF-8 but --encoding windows-1252 was given; æ, ø and å would become Ã¦, Ã¸ and Ã¥. Drop --encoding."
    ]
  ];
  it.each(cases)("%s", async (_name, sources, opts, code, errorFile, da, en) => {
    const error = await fatal(sources, opts);
    expect({code: error.code, file: error.file, da: error.da, en: error.en}).toEqual({code, file: errorFile, da, en});
  });

  it("never prints a refused value", async () => {
    for (const [name, value] of [
      ["22-cpr", "010190-1234"],
      ["23-name-column", "Anna Hansen"],
      ["24-email-column", "mentor@skole.dk"],
      ["25-phone-column", "12 34 56 78"]
    ]) {
      const error = await fatal([BASE, c(name)]);
      expect(error.message).not.toContain(value);
    }
  });

  it("a fatal error leaves the previous warehouse untouched and writes no temp files", async () => {
    const {db} = await run([BASE, c("01-valid")]);
    const before = await read(db, "SELECT * FROM warehouse_meta");
    await fatal([BASE, c("19-truncated")], {db});
    expect(await read(db, "SELECT * FROM warehouse_meta")).toEqual(before);
    const {readdirSync} = await import("node:fs");
    expect(readdirSync(join(db, "..")).sort()).toEqual(["rejects.csv", "warehouse.duckdb"]);
  });

  it("39 --strict: any reject fails the run and leaves the previous warehouse", async () => {
    const {db} = await run([BASE, c("01-valid")]);
    const before = await read(db, "SELECT count(*) AS n, min(enrolment_id) AS id FROM enrolments");
    const error = await fatal([BASE, c("39-strict")], {db, strict: true});
    const failed = join(db, "..", "rejects.failed.csv");
    expect(error.code).toBe("strict");
    expect(error.en).toBe(
      `1 row was rejected and --strict is set: the warehouse was not changed. Rejected rows: ${failed}`
    );
    expect(error.da).toBe(`1 række er afvist, og --strict er sat: lageret er ikke ændret. Afviste rækker: ${failed}`);
    expect(existsSync(failed)).toBe(true);
    expect(await read(db, "SELECT count(*) AS n, min(enrolment_id) AS id FROM enrolments")).toEqual(before);
  });

  it("an unknown --table, a mapping to an unknown column and two tables in one name are fatal", async () => {
    expect((await fatal([`${c("18-unknown-table")}/elevliste.csv`], {table: "pupils"})).en).toBe(
      'Unknown table "pupils" in --table. Known tables: institutions, schemes, enrolments, stage_events, mentorships, external_aggregates.'
    );
    const dir = tempDir("ingest-map");
    writeFileSync(join(dir, "m.json"), JSON.stringify({enrolments: {Alder: "age"}}));
    expect((await fatal([BASE], {mapping: join(dir, "m.json")})).en).toBe(
      `"Alder" points to "age", which is not a column of enrolments. Columns: enrolment_id, student_key, institution_id, programme, main_area, intake_date, age_at_start, gender, prior_attainment_band, outcome, outcome_date, birth_date.`
    );
    writeFileSync(join(dir, "mentorforloeb_elever.csv"), "x\n1\n");
    expect((await fatal([join(dir, "mentorforloeb_elever.csv")])).en).toBe(
      "The file name matches several tables (enrolments, mentorships). Rename it or pass --table."
    );
  });

  it("--table feeds a file whose name says nothing (one file only)", async () => {
    const {summary, rejects} = await run([`${c("18-unknown-table")}/elevliste.csv`], {table: "elever"});
    expect(summary.files.map((f) => [f.table, f.rows_read])).toEqual([["enrolments", 1]]);
    expect(compact(rejects)).toEqual([
      ["elevliste.csv", 2, "institution_id", "reference_unknown", "I02", "institution_id not found in institutions"]
    ]);
    const error = await fatal([BASE, `${c("18-unknown-table")}/elevliste.csv`], {table: "enrolments"});
    expect(error.en).toBe("--table can only be used with a single file.");
  });
});
