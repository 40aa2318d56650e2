// The shared SQL (loaders/analysis/sql/base.ts) on a hand-made warehouse: phase of each dropout,
// phases entered, mentor status at each phase, data date, filters.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {FilterError, validateFilters} from "../../loaders/analysis/filters.ts";
import {dataInfo} from "../../loaders/analysis/meta.ts";
import {eligibleSql, eventSql, prepareBase} from "../../loaders/analysis/sql/base.ts";
import {query} from "../../loaders/warehouse.ts";
import {CASES, DATA_DATE, fixtureDb, NO_SHOWS} from "./fixture.ts";

let con: DuckDBConnection;
let close: () => void;
beforeAll(async () => ({con, close} = await fixtureDb()));
afterAll(() => close());

describe("per-enrolment base table", () => {
  it("places every dropout in exactly one transition point by the contract's rules", async () => {
    const base = await prepareBase(con);
    const rows = await query<{enrolment_id: string; drop_phase: string | null}>(
      con,
      `SELECT enrolment_id, drop_phase FROM ${base.enrol} ORDER BY 1`
    );
    expect(Object.fromEntries(rows.map((r) => [r.enrolment_id, r.drop_phase]))).toEqual(
      Object.fromEntries(CASES.map((c) => [c.id, c.phase]))
    );
  });

  it("lists the phases each enrolment entered", async () => {
    const base = await prepareBase(con);
    const rows = await query<{enrolment_id: string; phases: string[]}>(
      con,
      `SELECT enrolment_id, list(phase ORDER BY entry_date, phase) AS phases FROM ${base.phases} GROUP BY 1 ORDER BY 1`
    );
    const got = Object.fromEntries(rows.map((r) => [r.enrolment_id, [...r.phases].sort()]));
    expect(got).toEqual(Object.fromEntries(CASES.map((c) => [c.id, [...c.entered].sort()])));
    // a dropout is counted as dropped in its own phase only
    const dropped = await query<{enrolment_id: string; phase: string}>(
      con,
      `SELECT enrolment_id, phase FROM ${base.phases} WHERE dropped ORDER BY 1`
    );
    expect(dropped).toEqual(CASES.filter((c) => c.phase).map((c) => ({enrolment_id: c.id, phase: c.phase})));
  });

  it("gives mentor status at the start of each phase (workplace mentor from the placement, not before)", async () => {
    const base = await prepareBase(con);
    const rows = await query<{phase: string; mentor_at_entry: boolean; scheme_type_at_entry: string | null}>(
      con,
      `SELECT phase, mentor_at_entry, scheme_type_at_entry FROM ${base.phases} WHERE enrolment_id = 'E10' ORDER BY entry_date`
    );
    expect(rows.map((r) => [r.phase, r.scheme_type_at_entry])).toEqual([
      ["first_weeks", null],
      ["gf1_gf2", null],
      ["probation", "workplace"],
      ["main_course", "workplace"],
      ["final_stretch", "workplace"]
    ]);
    const e = await query<{
      enrolment_id: string;
      mentor_intake: boolean;
      mentor_workplace: boolean;
      mentor_any: boolean;
      placement_date: unknown;
    }>(
      con,
      `SELECT enrolment_id, mentor_intake, mentor_workplace, mentor_any FROM ${base.enrol} WHERE enrolment_id IN ('E08', 'E10', 'E11') ORDER BY 1`
    );
    expect(e).toEqual([
      {enrolment_id: "E08", mentor_intake: true, mentor_workplace: false, mentor_any: true},
      {enrolment_id: "E10", mentor_intake: false, mentor_workplace: true, mentor_any: true},
      // a mentorship starting after the data date does not count
      {enrolment_id: "E11", mentor_intake: false, mentor_workplace: false, mentor_any: false}
    ]);
  });

  it("takes the data date from the latest outcome or stage date, and the version as unknown without warehouse_meta", async () => {
    const info = await dataInfo(con);
    expect(info).toMatchObject({
      data_date: DATA_DATE,
      data_date_source: "max_date",
      data_version: "unknown",
      contract_version_source: "code",
      min_cell: 5
    });
  });

  it("censors horizons: only enrolments followed for the whole horizon count", async () => {
    const base = await prepareBase(con);
    const [r] = await query<{n: number; x: number; n_ever: number; x_ever: number}>(
      con,
      `SELECT
        count(*) FILTER (WHERE ${eligibleSql("1y")}) AS n, count(*) FILTER (WHERE ${eligibleSql("1y")} AND ${eventSql("1y")}) AS x,
        count(*) FILTER (WHERE ${eligibleSql("ever")}) AS n_ever, count(*) FILTER (WHERE ${eligibleSql("ever")} AND ${eventSql("ever")}) AS x_ever
      FROM ${base.enrol}`
    );
    // all 15 intakes are > 5 years before the data date; dropouts within 365 days: E01, E02, E03, E04, E08, E09, E14, E15
    // (the three no-shows are in no denominator)
    expect(r).toEqual({n: 15, x: 8, n_ever: 15, x_ever: 12});
  });

  it("leaves no-shows out of every population and keeps them apart to be counted", async () => {
    const base = await prepareBase(con);
    const ids = async (sql: string) => (await query<{id: string}>(con, sql)).map((r) => r.id);
    expect(await ids(`SELECT DISTINCT enrolment_id AS id FROM ${base.enrol} WHERE enrolment_id LIKE 'N%'`)).toEqual([]);
    expect(await ids(`SELECT DISTINCT enrolment_id AS id FROM ${base.phases} WHERE enrolment_id LIKE 'N%'`)).toEqual(
      []
    );
    expect(await ids(`SELECT enrolment_id AS id FROM ${base.noShows} ORDER BY 1`)).toEqual(NO_SHOWS.map((c) => c.id));
    // the no-show's mentorship makes no mentee, and no no-show is a dropout
    const [r] = await query<{mentored: number; students: number}>(
      con,
      `SELECT count(*) FILTER (WHERE mentor_any)::INTEGER AS mentored, count(*)::INTEGER AS students FROM ${base.enrol}`
    );
    expect(r).toEqual({mentored: 2, students: CASES.length});
    // a filtered cohort keeps its own no-shows only
    const fgu = await prepareBase(con, {programmes: ["FGU"]});
    expect(await ids(`SELECT enrolment_id AS id FROM ${fgu.noShows}`)).toEqual(["N02"]);
    expect(await ids(`SELECT enrolment_id AS id FROM ${fgu.enrol} ORDER BY 1`)).toEqual(["E14", "E15"]);
  });
});

describe("cohort filters", () => {
  it("accepts valid filters and restricts the cohort", async () => {
    const base = await prepareBase(con, {programmes: ["STX"], mentor: false});
    const rows = await query<{id: string}>(con, `SELECT enrolment_id AS id FROM ${base.enrol} ORDER BY 1`);
    expect(rows.map((r) => r.id)).toEqual(["E07", "E11", "E12"]);
  });

  it("keeps students without a mentor when filtering on scheme types", async () => {
    const base = await prepareBase(con, {schemeTypes: ["workplace"]});
    const rows = await query<{id: string}>(con, `SELECT enrolment_id AS id FROM ${base.enrol} ORDER BY 1`);
    expect(rows.map((r) => r.id)).not.toContain("E08");
    expect(rows.map((r) => r.id)).toContain("E10");
    expect(rows.length).toBe(14);
  });

  it("gives a clear error listing the allowed values", async () => {
    await expect(validateFilters({programmes: ["EUD", "HHF"]})).rejects.toThrow(
      /programmes: unknown value\(s\) "HHF". Allowed: "EUD", "EUX", "STX", "HHX", "HTX", "HF", "10K", "FGU"/
    );
    await expect(validateFilters({schemeTypes: ["mentor"]})).rejects.toThrow(
      /Allowed: "peer", "adult_volunteer", "professional", "group", "workplace"/
    );
    await expect(validateFilters({intakeYears: [2020, 2014]})).rejects.toThrow(FilterError);
    await expect(validateFilters({colour: "red"} as never)).rejects.toThrow(/Unknown filter "colour". Known filters:/);
    await expect(validateFilters({institutions: ["I99"]}, con)).rejects.toThrow(
      /institutions: unknown value\(s\) I99. Allowed: I01/
    );
    await expect(
      validateFilters({
        ageBands: ["15-16"],
        genders: ["female"],
        priorBands: ["unknown"],
        mainAreas: ["none"],
        mentor: true
      })
    ).resolves.toBeTruthy();
  });

  it("matches institution ids regardless of case, and gives the cohort in the warehouse's spelling", async () => {
    expect(await validateFilters({institutions: ["i01"], mentor: true}, con)).toEqual({
      institutions: ["I01"],
      mentor: true
    });
    const base = await prepareBase(con, {institutions: ["i01"]});
    expect(base.filters.institutions).toEqual(["I01"]);
    const [{n}] = await query<{n: number}>(con, `SELECT CAST(count(*) AS INTEGER) AS n FROM ${base.enrol}`);
    expect(n).toBeGreaterThan(0);
  });
});
