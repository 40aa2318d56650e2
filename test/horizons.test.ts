// The horizon settings (loaders/horizons.ts): defaults, keys or days, and refusals naming the setting.
import {afterEach, describe, expect, it} from "vitest";
import {
  HORIZONS_ENV,
  SHORT_HORIZON_ENV,
  fixedHorizonsSetting,
  horizonDays,
  horizons,
  shortHorizonSetting
} from "../loaders/horizons.ts";

afterEach(() => {
  delete process.env[HORIZONS_ENV];
  delete process.env[SHORT_HORIZON_ENV];
});

describe("fixed horizons", () => {
  it("default to 3 months, 1, 2 and 5 years, then ever", () => {
    expect(horizons()).toEqual([
      {key: "3m", days: 91},
      {key: "1y", days: 365},
      {key: "2y", days: 730},
      {key: "5y", days: 1826},
      {key: "ever", days: null}
    ]);
    expect(shortHorizonSetting()).toBe("1y");
  });

  it("take keys or days from MENTOR_HORIZONS, in any order and case, shortest first", () => {
    process.env[HORIZONS_ENV] = "2Y, 182,91";
    expect(fixedHorizonsSetting()).toEqual(["3m", "6m", "2y"]);
    expect(horizons().map((h) => h.days)).toEqual([91, 182, 730, null]);
  });

  it("refuse a length the privacy model's time bands cannot express, naming the setting", () => {
    process.env[HORIZONS_ENV] = "1y,18m";
    expect(() => fixedHorizonsSetting()).toThrow(/MENTOR_HORIZONS.*"18m"/);
  });

  it("need the short horizon to be one of them", () => {
    process.env[HORIZONS_ENV] = "3m,2y";
    expect(() => shortHorizonSetting()).toThrow(/MENTOR_SHORT_HORIZON.*3m, 2y.*"1y"/);
    process.env[SHORT_HORIZON_ENV] = "730";
    expect(shortHorizonSetting()).toBe("2y");
  });

  it("give the days of every key the model knows, whatever is asked for", () => {
    process.env[HORIZONS_ENV] = "3m";
    expect(horizonDays("4y")).toBe(1461);
    expect(horizonDays("ever")).toBeNull();
    expect(() => horizonDays("7y" as never)).toThrow(/Unknown horizon "7y"/);
  });
});
