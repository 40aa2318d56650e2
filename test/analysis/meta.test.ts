// What the warehouse says about its data (loaders/analysis/meta.ts): the maturity horizon the data support.
import {afterEach, describe, expect, it} from "vitest";
import {dataInfo} from "../../loaders/analysis/meta.ts";
import {HORIZONS_ENV, MATURE_ENV, SHORT_HORIZON_ENV, matureDaysSetting} from "../../loaders/horizons.ts";
import {memoryDb} from "../helpers/duckdb.ts";

/** A warehouse of `groups` intakes (count × intake date) with the data date recorded in warehouse_meta. */
async function warehouse(dataDate: string, groups: [count: number, intake: string, outcome?: string][]) {
  const db = await memoryDb();
  await db.con.run(`CREATE TABLE warehouse_meta (data_version VARCHAR, contract_version VARCHAR, data_date DATE);
    INSERT INTO warehouse_meta VALUES ('v1', '1.0.0', DATE '${dataDate}');
    CREATE TABLE enrolments (enrolment_id VARCHAR, intake_date DATE, outcome VARCHAR);`);
  let id = 0;
  for (const [count, intake, outcome = "ongoing"] of groups) {
    await db.con.run(
      `INSERT INTO enrolments SELECT 'E' || (range + ${id}), DATE '${intake}', '${outcome}' FROM range(${count})`
    );
    id += count;
  }
  return db;
}

afterEach(() => {
  delete process.env[MATURE_ENV];
  delete process.env[HORIZONS_ENV];
  delete process.env[SHORT_HORIZON_ENV];
});

describe("maturity horizon from the data", () => {
  it("keeps 5 years when at least detailMin (100) enrolments have been followed that long", async () => {
    const db = await warehouse("2026-12-31", [
      [120, "2020-08-01"],
      [300, "2025-08-01"]
    ]);
    const info = await dataInfo(db.con);
    expect(info.mature_days_setting).toBe(1826);
    expect(info.mature_days).toBe(1826);
    expect(info.follow_up_days).toBe(2343);
    db.close();
  });

  it("falls back to the longest horizon enough enrolments reach (2 years when the longest is under 3)", async () => {
    // 50 followed > 5 years are too few to publish anything about; 150 + 50 followed > 2 years are enough
    const db = await warehouse("2026-12-31", [
      [50, "2021-08-01"],
      [150, "2024-08-01"],
      [400, "2026-08-01"]
    ]);
    const info = await dataInfo(db.con);
    expect(info.mature_days_setting).toBe(1826);
    expect(info.mature_days).toBe(730);
    db.close();
  });

  it("counts students who started only: no-shows have no follow-up", async () => {
    const db = await warehouse("2026-12-31", [
      [60, "2020-08-01"],
      [60, "2020-08-01", "no_show"],
      [300, "2024-08-01", "dropped"]
    ]);
    expect((await dataInfo(db.con)).mature_days).toBe(730);
    db.close();
  });

  it("follows the setting (MENTOR_MATURE_DAYS) and never goes beyond it", async () => {
    process.env[MATURE_ENV] = "365";
    const db = await warehouse("2026-12-31", [[500, "2015-08-01"]]);
    expect((await dataInfo(db.con)).mature_days).toBe(365);
    db.close();
  });

  it("keeps the setting when no horizon has enough enrolments (the gate hides their figures anyway)", async () => {
    const db = await warehouse("2026-12-31", [
      [20, "2018-08-01"],
      [60, "2026-01-01"]
    ]);
    expect((await dataInfo(db.con)).mature_days).toBe(1826);
    db.close();
  });

  it("refuses a maturity horizon the privacy model's time bands cannot express", () => {
    expect(() => matureDaysSetting(1000)).toThrow(/one of 91, 182, 365, 730, 1095, 1461, 1826/);
    process.env[MATURE_ENV] = "five years";
    expect(() => matureDaysSetting()).toThrow(/MENTOR_MATURE_DAYS/);
  });
});

describe("short horizon from the data", () => {
  it("keeps 1 year when enough enrolments have been followed a year, and names it in words", async () => {
    const db = await warehouse("2026-12-31", [[150, "2025-08-01"]]);
    const info = await dataInfo(db.con);
    expect([info.short_horizon_setting, info.short_horizon]).toEqual(["1y", "1y"]);
    expect(info.follow_up_words.short).toEqual({da: "1 år", en: "1 year"});
    db.close();
  });

  it("falls back to the longest shorter fixed horizon asked for that enough enrolments reach", async () => {
    // followed 5 months: under a year, over 3 months (6 months is not asked for by default)
    const db = await warehouse("2026-12-31", [[150, "2026-08-01"]]);
    const info = await dataInfo(db.con);
    expect([info.short_horizon_setting, info.short_horizon]).toEqual(["1y", "3m"]);
    expect(info.follow_up_words.short_setting.da).toBe("1 år");
    expect(info.follow_up_words.short.en).toBe("3 months");
    db.close();
  });

  it("follows MENTOR_HORIZONS and MENTOR_SHORT_HORIZON", async () => {
    process.env[HORIZONS_ENV] = "6m,2y";
    process.env[SHORT_HORIZON_ENV] = "2y";
    const db = await warehouse("2026-12-31", [[150, "2025-06-01"]]);
    const info = await dataInfo(db.con);
    expect([info.short_horizon_setting, info.short_horizon]).toEqual(["2y", "6m"]);
    db.close();
  });
});
