// The default warehouse follows the built-in sample (loaders/site/sample.ts), and never replaces someone's own data.
import {cpSync, rmSync, writeFileSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/index.ts";
import {staleSample} from "../../loaders/site/sample.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {tempDir} from "../helpers/tmp.ts";

let dir = "";
beforeAll(async () => {
  dir = tempDir("sample-stale");
  await generate({enrolments: 300, seed: 5, out: join(dir, "sample")});
  await ingest({sources: [join(dir, "sample")], db: join(dir, "w.duckdb"), quiet: true});
}, 120_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("staleSample", () => {
  it("is null while the warehouse holds the sample as it is", async () => {
    expect(await staleSample(join(dir, "w.duckdb"), join(dir, "sample"))).toBeNull();
  });

  it("names the file when the sample changed since the ingest", async () => {
    const file = join(dir, "sample", "institutions.csv");
    const before = readFileSync(file);
    writeFileSync(file, before.toString().replace("Hovedstaden", "Hovedstaden "));
    expect(await staleSample(join(dir, "w.duckdb"), join(dir, "sample"))).toBe("institutions.csv changed");
    writeFileSync(file, before);
  });

  it("never calls a warehouse of other sources stale", async () => {
    const own = join(dir, "own");
    cpSync(join(dir, "sample"), own, {recursive: true});
    await ingest({sources: [own], db: join(dir, "own.duckdb"), quiet: true});
    expect(await staleSample(join(dir, "own.duckdb"), join(dir, "sample"))).toBeNull();
  });
});
