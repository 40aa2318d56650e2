import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {generate} from "../../loaders/synth/generate.ts";
import {tempDir} from "../helpers/tmp.ts";

const digest = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) =>
  [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]));

describe("synthetic generator", () => {
  it("gives byte-identical files for the same seed and size", async () => {
    const a = tempDir("synth-a"), b = tempDir("synth-b");
    await generate({enrolments: 4000, seed: 7, out: a});
    await generate({enrolments: 4000, seed: 7, out: b});
    const da = digest(a);
    expect(Object.keys(da)).toEqual([
      "dataset.json", "enrolments.csv", "external_aggregates.csv", "institutions.csv", "mentorships.csv", "schemes.csv", "stage_events.csv", "truth.json"
    ]);
    expect(digest(b)).toEqual(da);
    // the set says what it is, for the ingest and the pages
    expect(JSON.parse(readFileSync(join(a, "dataset.json"), "utf8"))).toEqual({synthetic: true, provider: "mentor-retention-dashboard synthetic generator 1.2.0 (seed 7, effect scale 1, mentor delays on)", extraction_date: "2026-10-01"});
  });

  it("gives different data for another seed, and the first rows do not depend on N", async () => {
    const a = tempDir("synth-c"), b = tempDir("synth-d");
    await generate({enrolments: 2000, seed: 7, out: a});
    await generate({enrolments: 2000, seed: 8, out: b});
    expect(readFileSync(join(a, "enrolments.csv"), "utf8")).not.toEqual(readFileSync(join(b, "enrolments.csv"), "utf8"));
    const c = tempDir("synth-e");
    await generate({enrolments: 3000, seed: 7, out: c});
    const firstRows = (dir: string) => readFileSync(join(dir, "enrolments.csv"), "utf8").split("\n").slice(1, 500).map((l) => l.split(",").slice(1).join(","));
    expect(firstRows(c)).toEqual(firstRows(a));
  });

  it("plants selection: mentees are riskier, so the naive comparison hides the benefit", async () => {
    const dir = tempDir("synth-f");
    const truth = await generate({enrolments: 20000, seed: 3, out: dir});
    const overall = truth.mentored_population.overall;
    // The true effect is a reduction of dropout …
    expect(overall.risk_difference!).toBeLessThan(-0.02);
    for (const type of ["peer", "adult_volunteer", "professional", "group", "workplace"]) {
      expect(truth.mentored_population.by_scheme_type[type]?.n ?? 0).toBeGreaterThan(50);
    }
  });

  it("rejects a nonsensical size or seed", async () => {
    await expect(generate({enrolments: 0, seed: 1, out: tempDir("synth-g")})).rejects.toThrow(/enrolments/);
    await expect(generate({enrolments: 10, seed: 1.5, out: tempDir("synth-h")})).rejects.toThrow(/seed/);
  });
});
