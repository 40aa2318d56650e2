import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {stageHazardSql} from "../../../loaders/stats/sql/stage-hazard.ts";
import {
  stageCounts,
  stageHazards,
  stageHazardsFromRecords,
  type StageCountInput,
  type StageRecord
} from "../../../loaders/stats/stage-hazards.ts";
import {mulberry32} from "../helpers.ts";
import {openDuckDB, query} from "../duckdb.ts";

const STAGES = ["intake", "matching", "active", "closure"];
let con: DuckDBConnection;
const random = mulberry32(99);
const records: StageRecord[] = Array.from({length: 300}, () => {
  const k = 1 + Math.floor(random() * STAGES.length);
  return {stages: STAGES.slice(0, k), droppedIn: random() < 0.4 ? STAGES[k - 1] : null};
});

function listLiteral(values: readonly string[]): string {
  return `[${values.map((v) => `'${v}'`).join(", ")}]::VARCHAR[]`;
}

beforeAll(async () => {
  con = await openDuckDB();
  const values = records.map(
    (r) => `(${listLiteral(r.stages)}, ${r.droppedIn === null ? "NULL" : `'${r.droppedIn}'`})`
  );
  await con.run(`CREATE TABLE participants AS SELECT * FROM (VALUES ${values.join(", ")}) AS v(stages, dropped_in)`);
  await con.run(
    `CREATE TABLE participant_stages AS SELECT unnest(stages) AS stage, unnest(stages) = dropped_in AND dropped_in IS NOT NULL AS dropped FROM participants`
  );
});
afterAll(() => {
  con.closeSync();
});

describe("stageHazardSql (DuckDB) vs the pure path", () => {
  it("lists layout with stageOrder: identical counts and hazards", async () => {
    const order = [...STAGES, "alumni"];
    const rows = await query<StageCountInput>(con, stageHazardSql("participants", {stageOrder: order}));
    expect(rows).toEqual(stageCounts(records, {stageOrder: order}));
    expect(stageHazards(rows)).toEqual(stageHazardsFromRecords(records, {stageOrder: order}));
    expect(rows.at(-1)).toEqual({stage: "alumni", entered: 0, dropped: 0});
  });
  it("lists layout without stageOrder: sorted by name", async () => {
    const rows = await query<StageCountInput>(con, stageHazardSql("participants"));
    expect(rows).toEqual(stageCounts(records));
  });
  it("long layout", async () => {
    const rows = await query<StageCountInput>(
      con,
      stageHazardSql("participant_stages", {layout: "long", stageOrder: STAGES})
    );
    expect(rows).toEqual(stageCounts(records, {stageOrder: STAGES}));
  });
  it("raises on inconsistent records, like the pure path", async () => {
    await expect(query(con, stageHazardSql("SELECT ['a']::VARCHAR[] AS stages, 'b' AS dropped_in"))).rejects.toThrow(
      /dropped_in/
    );
    await expect(
      query(con, stageHazardSql("SELECT ['a', 'a']::VARCHAR[] AS stages, NULL::VARCHAR AS dropped_in"))
    ).rejects.toThrow(/distinct/);
    await expect(query(con, stageHazardSql("participants", {stageOrder: ["intake"]}))).rejects.toThrow(
      /not listed in stageOrder/
    );
    expect(() => stageHazardSql("participants", {stageOrder: ["a", "a"]})).toThrow(RangeError);
  });
});
