// `npm run dev` follows the warehouse (loaders/site/watch.ts): one republish per settled change, none while an ingest holds the lock.
import {mkdirSync, rmSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {touchLoaders, watchWarehouse, type WarehouseWatch} from "../../loaders/site/watch.ts";
import {tempDir} from "../helpers/tmp.ts";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let watch: WarehouseWatch | null = null;
afterEach(() => watch?.close());

/** Poll until `check` holds (or give up after `ms`). */
async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await wait(20);
}

describe("watchWarehouse", () => {
  it("calls back once a re-ingest has replaced the file, and not while the ingest lock is held", async () => {
    const dir = tempDir("watch");
    const db = join(dir, "w.duckdb");
    writeFileSync(db, "one");
    let calls = 0;
    watch = watchWarehouse(
      db,
      () => {
        calls++;
      },
      {interval: 40}
    );
    await wait(150);
    expect(calls).toBe(0); // no change yet

    writeFileSync(`${db}.lock`, String(process.pid));
    writeFileSync(db, "two, longer");
    await wait(400);
    expect(calls).toBe(0); // the ingest still runs

    rmSync(`${db}.lock`);
    await until(() => calls > 0);
    expect(calls).toBe(1);
    await wait(300);
    expect(calls).toBe(1); // one change, one republish

    writeFileSync(db, "three, longer still");
    await until(() => calls > 1);
    expect(calls).toBe(2);
    rmSync(dir, {recursive: true, force: true});
  });
});

describe("touchLoaders", () => {
  it("makes every data loader newer than its cached output, and nothing else", () => {
    const dir = tempDir("loaders");
    mkdirSync(join(dir, "data"));
    const old = new Date("2020-01-01T00:00:00Z");
    for (const f of ["overview.json.ts", "cells.csv.ts", "helpers.ts"]) {
      writeFileSync(join(dir, "data", f), "");
      utimesSync(join(dir, "data", f), old, old);
    }
    const touched = touchLoaders(join(dir, "data"));
    expect(touched.map((f) => f.split("/").pop()).sort()).toEqual(["cells.csv.ts", "overview.json.ts"]);
    expect(statSync(join(dir, "data", "overview.json.ts")).mtimeMs).toBeGreaterThan(old.getTime());
    expect(statSync(join(dir, "data", "helpers.ts")).mtimeMs).toBe(old.getTime());
    rmSync(dir, {recursive: true, force: true});
  });
});
