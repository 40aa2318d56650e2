/**
 * The worked example in loaders/ingest/examples: a made-up school's export as
 * an admin system writes it (Windows-1252, semicolons, Danish headers, codes in
 * mixed case) loads with its mapping, which uses every kind of expression; and
 * `check` on it reports the same but writes nothing.
 */
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {check} from "../../loaders/ingest/index.ts";
import {hmacNode} from "../../loaders/ingest/pseudonymise.ts";
import {tempDir} from "../helpers/tmp.ts";
import {read, run} from "./helpers.ts";

const DIR = "loaders/ingest/examples";
const MAPPING = `${DIR}/mapping.json`;
const KEY = Buffer.from(process.env.MENTOR_HASH_KEY!);

describe("the example school export in loaders/ingest/examples", () => {
  it("is written as Danish Excel writes it: Windows-1252 bytes and semicolons", () => {
    const bytes = readFileSync(`${DIR}/elever.csv`);
    expect(bytes.includes(Buffer.from("Køn", "latin1"))).toBe(true); // ø as the single byte 0xF8
    expect(bytes.includes(Buffer.from("Køn", "utf8"))).toBe(false);
    expect(bytes.toString("latin1").split("\r\n")[0].split(";")).toContain("Dage i forløb");
  });

  it("loads with its mapping: composite keys, offset dates, bands, recodes and constants", async () => {
    const {summary, db, rejects} = await run([DIR], {mapping: MAPPING});
    expect(rejects).toEqual([]);
    expect(summary.files.map((f) => [f.path.split("/").pop(), f.encoding, f.delimiter, f.rows_accepted])).toEqual([
      ["elever.csv", "windows-1252", ";", 6],
      ["institutioner.csv", "windows-1252", ";", 2],
      ["mentorforloeb.csv", "windows-1252", ";", 3],
      ["ordninger.csv", "windows-1252", ";", 2]
    ]);
    const rows = await read<Record<string, unknown>>(
      db,
      `SELECT enrolment_id AS id, programme, strftime(intake_date, '%Y-%m-%d') AS intake,
        strftime(outcome_date, '%Y-%m-%d') AS outcome_date, age_at_start AS age, gender, prior_attainment_band AS band, outcome
      FROM enrolments ORDER BY intake`
    );
    // enrolment_id = Skolekode-Elev-ID-Startdato (as written in the file), then hashed
    const id = (key: string) => hmacNode(KEY, "enrolment_id", key);
    expect(rows).toEqual([
      // 6,0 is on the edge: lower edges are inclusive, so 6_to_8; "DRENG" is male; 10-08-2020 + 1414 days
      {
        id: id("101234-A1002-10-08-2020"),
        programme: "EUX",
        intake: "2020-08-10",
        outcome_date: "2024-06-24",
        age: 16,
        gender: "male",
        band: "6_to_8",
        outcome: "completed"
      },
      {
        id: id("101234-A1001-09-08-2021"),
        programme: "EUD",
        intake: "2021-08-09",
        outcome_date: "2021-10-01",
        age: 17,
        gender: "female",
        band: "4_to_6",
        outcome: "dropped"
      },
      // the same student's second enrolment: another key through its start date
      {
        id: id("101234-A1001-04-01-2022"),
        programme: "EUX",
        intake: "2022-01-04",
        outcome_date: "2022-05-30",
        age: 17,
        gender: "female",
        band: "4_to_6",
        outcome: "transferred"
      },
      // "dreng", "I gang", no days → no outcome date
      {
        id: id("147001-A1003-15-08-2022"),
        programme: "STX",
        intake: "2022-08-15",
        outcome_date: null,
        age: 16,
        gender: "male",
        band: "8_plus",
        outcome: "ongoing"
      },
      // "Ukendt" is not a number: the band passes it on and the recode makes it unknown; " i gang " is ongoing
      {
        id: id("101234-A1004-09-01-2023"),
        programme: "EUD",
        intake: "2023-01-09",
        outcome_date: null,
        age: 32,
        gender: "female",
        band: "unknown",
        outcome: "ongoing"
      },
      // 3,8 → under_4; "FRAFALDET" → dropped
      {
        id: id("147001-A1005-14-08-2023"),
        programme: "HHX",
        intake: "2023-08-14",
        outcome_date: "2023-12-12",
        age: 16,
        gender: "female",
        band: "under_4",
        outcome: "dropped"
      }
    ]);
    // mentorships reach their enrolments through the same composite key
    const ments = await read<{m: string; ok: boolean; rematched: boolean}>(
      db,
      `SELECT m.mentorship_id AS m, e.enrolment_id IS NOT NULL AS ok, m.rematched
      FROM mentorships m LEFT JOIN enrolments e USING (enrolment_id) ORDER BY m.start_date`
    );
    expect(ments.map((r) => [r.ok, r.rematched])).toEqual([
      [true, false],
      [true, false],
      [true, true]
    ]); // "Nej", "nej", "JA"
    // constants: neither export has a country column; kind and funding are recoded
    expect(await read(db, "SELECT institution_id, kind, country, reported_size FROM institutions ORDER BY 1")).toEqual([
      {institution_id: "101234", kind: "school", country: "DK", reported_size: 2400},
      {institution_id: "147001", kind: "school", country: "DK", reported_size: 900}
    ]);
    expect(await read(db, "SELECT scheme_id, funding, country, mentor_fte FROM schemes ORDER BY 1")).toEqual([
      {scheme_id: "S-KONTAKT", funding: "permanent", country: "DK", mentor_fte: 6.5},
      {scheme_id: "S-NETVAERK", funding: "project", country: "DK", mentor_fte: 0.5}
    ]);
  });

  it("check reports what ingest reports and writes nothing (no warehouse, rejects.csv, lock or temp files)", async () => {
    const dir = tempDir("check");
    const {summary} = await run([DIR], {mapping: MAPPING, db: join(dir, "w.duckdb")});
    const before = readdirSync(dir)
      .sort()
      .map((f) => [f, statSync(join(dir, f)).mtimeMs, readFileSync(join(dir, f)).toString("base64")]);
    const empty = tempDir("check-empty");
    const cwd = process.cwd();
    process.chdir(empty); // anything check wrote relative to the working folder would land here
    let checked;
    try {
      checked = await check({sources: [join(cwd, DIR)], mapping: join(cwd, MAPPING), quiet: true});
    } finally {
      process.chdir(cwd);
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(
      readdirSync(dir)
        .sort()
        .map((f) => [f, statSync(join(dir, f)).mtimeMs, readFileSync(join(dir, f)).toString("base64")])
    ).toEqual(before);
    expect(checked.ok).toBe(true);
    expect(checked.tables).toEqual(summary.tables);
    expect(checked.rejects).toEqual(summary.rejects);
    expect(checked.data_version).toBe(summary.data_version);
    expect("db" in checked).toBe(false);
    expect(existsSync(join(dir, "w.duckdb.lock"))).toBe(false);
  });
});
