// Which slices are published, and with which mentor groups, from group sizes alone (loaders/analysis/detail.ts).
import {describe, expect, it} from "vitest";
import {detailMin, sliceDetail} from "../../loaders/analysis/detail.ts";
import type {SliceOutcomeRow} from "../../loaders/analysis/types.ts";
import type {SliceId} from "../../loaders/analysis/slices.ts";

const row = (
  programme: SliceOutcomeRow["programme"],
  main_area: string,
  period: string,
  scheme_type: SliceOutcomeRow["scheme_type"],
  n: number
): SliceOutcomeRow => ({
  programme,
  main_area,
  period,
  scheme_type,
  n,
  completed: null,
  dropped: null,
  transferred: null,
  ongoing: null,
  dropped_first_weeks: null,
  dropped_gf1_gf2: null,
  dropped_school_to_apprenticeship: null,
  dropped_probation: null,
  dropped_main_course: null,
  dropped_final_stretch: null
});

describe("sliceDetail", () => {
  const k = 5;
  const min = detailMin(k);
  const ids: SliceId[] = [
    {programme: "all", main_area: "all", period: "all"},
    {programme: "all", main_area: "all", period: "2014-2016"},
    {programme: "gymnasium", main_area: "all", period: "all"},
    {programme: "gymnasium", main_area: "all", period: "2014-2016"}
  ];
  const rows = [
    // whole population: every group large
    row("all", "all", "all", "none", 5000),
    row("all", "all", "all", "peer", min),
    row("all", "all", "all", "workplace", min + 1),
    // one period: mentees merged would be large enough, but one type is small
    row("all", "all", "2014-2016", "none", 2000),
    row("all", "all", "2014-2016", "peer", min - 1),
    row("all", "all", "2014-2016", "professional", 300),
    // gymnasium: few mentees over all years, fewer in a period
    row("gymnasium", "all", "all", "none", 900),
    row("gymnasium", "all", "all", "group", 40),
    row("gymnasium", "all", "2014-2016", "none", 300),
    row("gymnasium", "all", "2014-2016", "group", 12)
  ];
  const detail = sliceDetail(ids, rows, k);

  it("shows the groups one by one only when every mentor group with students has at least 20 × k", () => {
    expect(min).toBe(100);
    expect(detail.get("all.all.all")).toEqual({published: true, groups: "types"});
    expect(detail.get("all.all.2014-2016")).toEqual({published: true, groups: "mentor"});
  });

  it("always publishes the whole population, and a narrower slice only when with and without mentor both reach 20 × k", () => {
    expect(detail.get("all.all.all")?.published).toBe(true);
    expect(detail.get("all.all.2014-2016")?.published).toBe(true); // 2,000 without, 300 + 99 with
    // 40 mentees over all years: shown within all programmes only
    expect(detail.get("gymnasium.all.all")).toEqual({published: false, groups: "mentor"});
    expect(detail.get("gymnasium.all.2014-2016")?.published).toBe(false);
    expect(
      sliceDetail([{programme: "all", main_area: "all", period: "all"}], [row("all", "all", "all", "none", 3)], k).get(
        "all.all.all"
      )?.published
    ).toBe(true);
  });

  it("counts a workplace mentee as without a mentor at intake, as the merged groups do", () => {
    const d = sliceDetail(
      [{programme: "all", main_area: "all", period: "2017-2019"}],
      [
        row("all", "all", "2017-2019", "none", 50),
        row("all", "all", "2017-2019", "workplace", 60),
        row("all", "all", "2017-2019", "peer", 150)
      ],
      k
    );
    expect(d.get("all.all.2017-2019")).toEqual({published: true, groups: "mentor"});
  });

  it("leaves out a period slice without any students", () => {
    expect(
      sliceDetail([{programme: "preparatory", main_area: "all", period: "2023-2025"}], [], k).get(
        "preparatory.all.2023-2025"
      )?.published
    ).toBe(false);
  });
});
