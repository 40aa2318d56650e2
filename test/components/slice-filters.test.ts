// Choosing a slice on the transitions and cohorts pages (src/components/slice-filters.ts): the nearest wider
// slice when the one asked for has too few students, the sentence that says so, URL parameters and labels.
import {describe, expect, it} from "vitest";
import type {ProgrammeGroup} from "../../loaders/analysis/types.ts";
import {
  chosenSlice,
  coarseningNote,
  periodLabel,
  sliceLabel,
  sliceParams,
  type SliceIndex
} from "../../src/components/slice-filters.ts";
import {da} from "../../src/i18n/da.ts";
import {en} from "../../src/i18n/en.ts";

const TECH = "Teknologi, byggeri og transport";
const slice = (programme: ProgrammeGroup, main_area: string, period: string, groups: "types" | "mentor" = "types") => ({
  key: `${programme}.${main_area}.${period}`,
  programme,
  main_area,
  period,
  groups
});
const index: SliceIndex = {
  periods: [
    {key: "2014-2016", from: 2014, to: 2016},
    {key: "2017-2019", from: 2017, to: 2019}
  ],
  programmes: [
    {programme: "vocational", main_area: "all"},
    {programme: "vocational", main_area: TECH},
    {programme: "gymnasium", main_area: "all"}
  ],
  area_slugs: {[TECH]: "teknologi"},
  slices: [
    slice("all", "all", "all"),
    slice("all", "all", "2014-2016"),
    slice("vocational", "all", "all"),
    slice("vocational", "all", "2017-2019"),
    slice("vocational", TECH, "all", "mentor"),
    slice("gymnasium", "all", "all")
  ],
  detail_min: 20
};

describe("chosenSlice", () => {
  it("returns the slice asked for when it exists", () => {
    expect(chosenSlice(index, "vocational", "all", "2017-2019")).toMatchObject({
      key: "vocational.all.2017-2019",
      asked: null
    });
  });

  it("ignores the main area outside the vocational group", () => {
    expect(chosenSlice(index, "gymnasium", TECH, "all")).toMatchObject({key: "gymnasium.all.all", asked: null});
  });

  it("widens to all intakes, then all main areas, then all programmes, and says what was asked for", () => {
    expect(chosenSlice(index, "vocational", TECH, "2014-2016")).toMatchObject({
      key: `vocational.${TECH}.all`,
      asked: {programme: "vocational", main_area: TECH, period: "2014-2016"}
    });
    expect(chosenSlice(index, "vocational", "all", "2014-2016").key).toBe("vocational.all.all");
    expect(chosenSlice(index, "gymnasium", "all", "2017-2019").key).toBe("gymnasium.all.all");
    expect(chosenSlice(index, "preparatory", "all", "2014-2016").key).toBe("all.all.2014-2016");
    expect(chosenSlice(index, "preparatory", "all", "2017-2019").key).toBe("all.all.all");
  });

  it("fails loudly when not even the whole population has a slice", () => {
    expect(() => chosenSlice({...index, slices: []}, "all", "all", "all")).toThrow(/No slice for all/);
  });
});

describe("what the page says and puts in the URL", () => {
  it("a note when a wider slice or merged mentor groups are shown, nothing otherwise", () => {
    expect(coarseningNote(chosenSlice(index, "vocational", "all", "2017-2019"), index, da)).toBe("");
    const wider = coarseningNote(chosenSlice(index, "vocational", TECH, "2014-2016"), index, da);
    expect(wider).toContain("optaget 2014–2016 vises ikke for sig, fordi der er færre end 20 elever");
    expect(wider).toContain("Mentorgrupperne er slået sammen"); // the wider slice has merged groups
    expect(coarseningNote(chosenSlice(index, "vocational", TECH, "2014-2016"), index, en)).not.toMatch(
      /vises|undefined|NaN/
    );
  });

  it("URL parameters leave defaults out and keep what was asked for", () => {
    expect(sliceParams(index, chosenSlice(index, "all", "all", "all"))).toEqual({
      programme: null,
      area: null,
      years: null
    });
    expect(sliceParams(index, chosenSlice(index, "vocational", TECH, "2014-2016"))).toEqual({
      programme: "vocational",
      area: "teknologi",
      years: "2014-2016"
    });
  });

  it("labels in both languages", () => {
    expect(periodLabel("2014-2016", da)).toBe("2014–2016");
    expect(periodLabel("all", en)).toBe(en.allYears);
    expect(sliceLabel(slice("vocational", TECH, "2014-2016"), da)).toBe(
      `Erhvervsuddannelser (EUD/EUX), ${da.furniture.mainAreas[TECH] ?? TECH}, optaget 2014–2016`
    );
    expect(sliceLabel(slice("all", "all", "all"), en)).toBe(`${en.programmeGroups.all}, ${en.allYears.toLowerCase()}`);
  });
});
