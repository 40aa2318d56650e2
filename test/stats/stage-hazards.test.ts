import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  stageCounts,
  stageHazards,
  stageHazardsFromRecords,
  type StageRecord
} from "../../loaders/stats/stage-hazards.ts";
import {wilson} from "../../loaders/stats/wilson.ts";

const records: StageRecord[] = [
  {stages: ["intake"], droppedIn: "intake"},
  {stages: ["intake", "matching"], droppedIn: "matching"},
  {stages: ["intake", "matching", "active"], droppedIn: null},
  {stages: ["intake", "matching", "active"], droppedIn: "active"},
  {stages: ["intake", "matching"], droppedIn: null} // still in matching (censored)
];

describe("stageHazards", () => {
  it("hazard = dropped / entered with Wilson limits", () => {
    const rows = stageHazards([
      {stage: "intake", entered: 200, dropped: 30},
      {stage: "matching", entered: 170, dropped: 17}
    ]);
    expect(rows.map((r) => r.stage)).toEqual(["intake", "matching"]);
    expect(rows[0].hazard).toBe(0.15);
    const w = wilson(17, 170);
    expect(rows[1]).toEqual({
      stage: "matching",
      entered: 170,
      dropped: 17,
      hazard: 0.1,
      lower: w.lower,
      upper: w.upper
    });
  });
  it("entered = 0 gives NaN hazard with [0, 1]", () => {
    const [r] = stageHazards([{stage: "late", entered: 0, dropped: 0}]);
    expect(r.hazard).toBeNaN();
    expect([r.lower, r.upper]).toEqual([0, 1]);
  });
  it("accepts BIGINT-like strings", () => {
    const [r] = stageHazards([{stage: "a", entered: "10", dropped: 2n}]);
    expect(r.entered).toBe(10);
    expect(r.dropped).toBe(2);
  });
  it("validates its inputs", () => {
    expect(() => stageHazards([{stage: "a", entered: 3, dropped: 4}])).toThrow(RangeError);
    expect(() => stageHazards([{stage: "a", entered: -3, dropped: 0}])).toThrow(RangeError);
    expect(() =>
      stageHazards([
        {stage: "a", entered: 3, dropped: 1},
        {stage: "a", entered: 3, dropped: 1}
      ])
    ).toThrow(RangeError);
    expect(() => stageHazards([{stage: "a", entered: 3, dropped: 1}], {level: 1})).toThrow(RangeError);
  });
});

describe("stageCounts / stageHazardsFromRecords", () => {
  it("counts entries and dropouts per stage", () => {
    expect(stageCounts(records, {stageOrder: ["intake", "matching", "active", "closure"]})).toEqual([
      {stage: "intake", entered: 5, dropped: 1},
      {stage: "matching", entered: 4, dropped: 1},
      {stage: "active", entered: 2, dropped: 1},
      {stage: "closure", entered: 0, dropped: 0}
    ]);
    // default order: by name
    expect(stageCounts(records).map((r) => r.stage)).toEqual(["active", "intake", "matching"]);
  });
  it("stageHazardsFromRecords = stageHazards(stageCounts(...))", () => {
    const order = ["intake", "matching", "active"];
    expect(stageHazardsFromRecords(records, {stageOrder: order, level: 0.9})).toEqual(
      stageHazards(stageCounts(records, {stageOrder: order}), {level: 0.9})
    );
    const [intake] = stageHazardsFromRecords(records, {stageOrder: order});
    expect(intake.hazard).toBe(0.2);
  });
  it("validates records", () => {
    expect(() => stageCounts([{stages: ["a"], droppedIn: "b"}])).toThrow(RangeError);
    expect(() => stageCounts([{stages: ["a", "a"], droppedIn: null}])).toThrow(RangeError);
    expect(() => stageCounts([{stages: ["a", "x"], droppedIn: null}], {stageOrder: ["a"]})).toThrow(RangeError);
    expect(() => stageCounts([], {stageOrder: ["a", "a"]})).toThrow(RangeError);
  });
  it("properties: 0 ≤ dropped ≤ entered, hazards within their intervals", () => {
    const stages = ["s1", "s2", "s3", "s4"];
    const record = fc.tuple(fc.integer({min: 1, max: 4}), fc.boolean()).map(([k, drop]) => ({
      stages: stages.slice(0, k),
      droppedIn: drop ? stages[k - 1] : null
    }));
    fc.assert(
      fc.property(fc.array(record, {maxLength: 200}), (recs) => {
        const rows = stageHazardsFromRecords(recs, {stageOrder: stages});
        rows.forEach((r, i) => {
          expect(r.dropped).toBeLessThanOrEqual(r.entered);
          if (i > 0) expect(r.entered).toBeLessThanOrEqual(rows[i - 1].entered - rows[i - 1].dropped);
          if (r.entered > 0) expect(r.lower <= r.hazard && r.hazard <= r.upper).toBe(true);
        });
      })
    );
  });
});
