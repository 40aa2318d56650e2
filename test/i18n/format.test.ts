// Numbers, shares, intervals and dates in the pages' two languages (src/i18n/format.ts).
import {describe, expect, it} from "vitest";
import {formatters} from "../../src/i18n/format.ts";
import {LOCALES} from "../helpers/locales.ts";

const da = formatters("da", LOCALES);
const en = formatters("en", LOCALES);

describe("formatters", () => {
  it("counts with the language's thousands separator, rounded", () => {
    expect(da.count(30000)).toBe("30.000");
    expect(en.count(30000)).toBe("30,000");
    expect(da.count(1234.6)).toBe("1.235");
    expect(da.count(0)).toBe("0");
  });

  it("shares as percentages: decimal comma and 'pct.' in Danish, point and % in English", () => {
    expect(da.pct(0.1234)).toBe("12,3 pct.");
    expect(en.pct(0.1234)).toBe("12.3%");
    expect(da.pct(0.5, 0)).toBe("50 pct.");
    expect(en.pct(1)).toBe("100.0%");
  });

  it("differences in percentage points with a true minus sign", () => {
    expect(da.pp(-0.034)).toBe("−3,4 procentpoint");
    expect(en.pp(0.016)).toBe("1.6 percentage points");
    expect(da.ppInterval(-0.065, -0.016)).toBe("−6,5 til −1,6 procentpoint");
    expect(en.ppInterval(-0.02, 0.031)).toBe("−2.0 to 3.1 percentage points");
  });

  it("intervals of shares share one unit", () => {
    expect(da.interval(0.012, 0.056)).toBe("1,2–5,6 pct.");
    expect(en.interval(0.012, 0.056)).toBe("1.2–5.6%");
  });

  it("a missing value is a dash, never NaN, null or undefined", () => {
    for (const f of [da, en]) {
      for (const v of [null, undefined, NaN, Infinity]) {
        expect(f.count(v)).toBe("–");
        expect(f.pct(v)).toBe("–");
        expect(f.pp(v)).toBe("–");
        expect(f.number(v)).toBe("–");
        expect(f.interval(v, 0.5)).toBe("–");
        expect(f.ppInterval(0.1, v)).toBe("–");
      }
      expect(f.date(null)).toBe("–");
    }
  });

  it("numbers with fixed decimals in the language's style", () => {
    expect(da.number(1234.5678)).toBe("1.234,57");
    expect(en.number(1234.5678, 1)).toBe("1,234.6");
    expect(da.number(-0.5, 1)).toBe("−0,5");
  });

  it("dates in words: '5. marts 2025' and '5 March 2025', from a Date or an ISO string", () => {
    expect(da.date("2025-03-05T12:00:00")).toBe("5. marts 2025");
    expect(en.date(new Date(2025, 2, 5))).toBe("5 March 2025");
  });

  it("lists joined with 'og' / 'and'", () => {
    expect(da.list(["3 måneder", "1 år", "2 år"])).toBe("3 måneder, 1 år og 2 år");
    expect(en.list(["3 months", "1 year", "2 years"])).toBe("3 months, 1 year and 2 years");
    expect(da.list(["1 år"])).toBe("1 år");
  });
});
