// The data notice every page shows (src/components/chrome.ts): from what the warehouse says about its data.
import {describe, expect, it} from "vitest";
import {dataNotice} from "../../src/components/chrome.ts";
import {da} from "../../src/i18n/da.ts";
import {en} from "../../src/i18n/en.ts";

const date = (d: string) => d.split("-").reverse().join(".");
const meta = {data_date: "2026-08-15", data_version: "abc", provider: null as string | null, mature_days: 1826, mature_days_setting: 1826};

describe("dataNotice", () => {
  it("says synthetic data are synthetic, in both languages", () => {
    expect(dataNotice({...meta, synthetic: true}, da, date)).toMatch(/^Syntetiske data/);
    expect(dataNotice({...meta, synthetic: true}, en, date)).toMatch(/^Synthetic data/);
  });

  it("names the provider and the extraction date of real data, and never calls them synthetic", () => {
    const text = dataNotice({...meta, synthetic: false, provider: "Skolens elevadministration"}, da, date);
    expect(text).toBe("Data fra Skolens elevadministration, udtrukket 15.08.2026 (dataversion abc).");
    expect(dataNotice({...meta, synthetic: false}, en, date)).toBe("Data, extracted 15.08.2026 (data version abc).");
  });

  it("claims neither when the warehouse does not say, and says how to record it", () => {
    const text = dataNotice({...meta, synthetic: null}, en, date);
    expect(text).toContain("15.08.2026");
    expect(text).toContain("dataset.json");
    expect(text).not.toMatch(/synthetic/i);
  });

  it("says which follow-up the figures use when no intake has been followed for the maturity horizon asked for", () => {
    const short = {...meta, synthetic: false, mature_days: 730};
    expect(dataNotice(short, da, date)).toContain("Ingen årgang er fulgt i 5 år endnu: tal for hele forløbet gælder årgange, der er fulgt i mindst 2 år.");
    expect(dataNotice(short, en, date)).toContain("No intake has been followed for 5 years yet");
    expect(dataNotice(short, en, date)).toContain("at least 2 years");
    expect(dataNotice({...meta, synthetic: false, mature_days: 182, mature_days_setting: 365}, en, date)).toContain("followed for 1 year yet: figures for the whole course cover intakes followed for at least 6 months");
    expect(dataNotice({...meta, synthetic: false}, da, date)).not.toContain("Ingen årgang");
  });
});
