import {beforeAll, describe, expect, it} from "vitest";
import {calibrationTargets} from "../../loaders/synth/calibration.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {EXTRACTION_DATE} from "../../loaders/synth/model.ts";
import {memoryDb, query} from "../helpers/duckdb.ts";
import {tempDir} from "../helpers/tmp.ts";

// Calibration is measured with SQL on the generated files, as a reader of the data would.
const dir = tempDir("calibration");
const targets = calibrationTargets(dir, EXTRACTION_DATE);
const measured = new Map<string, number>();

beforeAll(async () => {
  await generate({enrolments: 80_000, seed: 11, out: dir});
  const db = await memoryDb();
  for (const t of targets) measured.set(t.id, (await query<{value: number}>(db.con, t.sql))[0].value);
  db.close();
});

describe("calibration against published Danish figures", () => {
  it.each(targets.map((t) => [t.id, t] as const))("%s falls in its range", (_, t) => {
    const value = measured.get(t.id)!;
    expect(value, `${t.label}: ${value.toFixed(4)} (published: ${t.published})`).toBeGreaterThanOrEqual(t.min);
    expect(value, `${t.label}: ${value.toFixed(4)} (published: ${t.published})`).toBeLessThanOrEqual(t.max);
  });
});
