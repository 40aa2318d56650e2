// What the data are, in words (loaders/analysis/notice.ts): the notice on every page, in every export and its README.
import {describe, expect, it} from "vitest";
import {dataNotice, dateWords, followUpWords, type NoticeFacts} from "../../loaders/analysis/notice.ts";

const facts: NoticeFacts = {
  data_date: "2026-08-15",
  data_version: "abc",
  provider: null,
  synthetic: null,
  mature_days: 1826,
  mature_days_setting: 1826
};

describe("dataNotice", () => {
  it("says synthetic data are synthetic, in both languages", () => {
    const n = dataNotice({...facts, synthetic: true});
    expect(n.da).toMatch(/^Syntetiske data/);
    expect(n.en).toMatch(/^Synthetic data/);
  });

  it("names the provider, the extraction date and the data version of real data, and never calls them synthetic", () => {
    const n = dataNotice({...facts, synthetic: false, provider: "Skolens elevadministration"});
    expect(n.da).toBe("Data fra Skolens elevadministration, udtrukket 15. august 2026 (dataversion abc).");
    expect(dataNotice({...facts, synthetic: false}).en).toBe("Data, extracted 15 August 2026 (data version abc).");
    expect(`${n.da} ${n.en}`).not.toMatch(/syntet|synthet/i);
  });

  it("claims neither when the warehouse does not say, and says how to record it", () => {
    const n = dataNotice(facts);
    expect(n.en).toContain("15 August 2026");
    expect(n.da).toContain("dataset.json");
    expect(`${n.da} ${n.en}`).not.toMatch(/syntet|synthet/i);
  });

  it("says which follow-up the figures use when no intake has been followed for the maturity horizon asked for", () => {
    const n = dataNotice({...facts, synthetic: false, mature_days: 730});
    expect(n.da).toContain(
      "Ingen årgang er fulgt i 5 år endnu: tal for hele forløbet gælder årgange, der er fulgt i mindst 2 år."
    );
    expect(n.en).toContain(
      "No intake has been followed for 5 years yet: figures for the whole course cover intakes followed for at least 2 years."
    );
    expect(dataNotice({...facts, mature_days: 182, mature_days_setting: 365}).en).toContain(
      "followed for 1 year yet: figures for the whole course cover intakes followed for at least 6 months"
    );
    expect(dataNotice({...facts, synthetic: false}).da).not.toContain("Ingen årgang");
  });
});

describe("words", () => {
  it("give follow-up lengths in months under a year and in years from one", () => {
    expect(followUpWords(91)).toEqual({da: "3 måneder", en: "3 months"});
    expect(followUpWords(365)).toEqual({da: "1 år", en: "1 year"});
    expect(followUpWords(1095)).toEqual({da: "3 år", en: "3 years"});
    expect(followUpWords(1826)).toEqual({da: "5 år", en: "5 years"});
  });

  it("give dates as the pages write them", () => {
    expect(dateWords("2026-10-01")).toEqual({da: "1. oktober 2026", en: "1 October 2026"});
  });
});
