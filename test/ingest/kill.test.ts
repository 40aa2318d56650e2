/**
 * Atomicity and concurrency: an ingest killed with SIGKILL part-way (while
 * reading, and while writing the new warehouse) leaves the previous
 * warehouse usable with the same contents; the lock it left behind is stale
 * and taken over; a second run while one is active is refused.
 */
import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {pidAlive} from "../../loaders/ingest/lock.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {DEFAULT_SOURCE} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";
import {fatal, read, run} from "./helpers.ts";

const counts = (db: string) =>
  read(
    db,
    `SELECT (SELECT count(*) FROM enrolments) AS e, (SELECT count(*) FROM stage_events) AS s,
  (SELECT count(*) FROM mentorships) AS m, (SELECT data_version FROM warehouse_meta) AS v, (SELECT sum(age_at_start) FROM enrolments) AS ages`
  );

/** Start the CLI in its own process group; resolve when stderr shows `marker`. */
function startIngest(
  args: string[],
  marker: RegExp
): {child: ChildProcess; seen: Promise<string>; exited: Promise<number | null>} {
  const child = spawn("npx", ["tsx", "loaders/cli/ingest.ts", ...args], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {...process.env, MENTOR_HASH_KEY: "test-only-key-not-for-real-data"}
  });
  let err = "";
  const seen = new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (marker.test(err)) resolve(err);
    });
    child.on("exit", () => reject(new Error(`ingest exited before ${marker}: ${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {child, seen, exited};
}

describe("ingest killed with SIGKILL", () => {
  it("leaves the previous warehouse usable and the same, at any stage", async () => {
    const big = tempDir("ingest-kill-data");
    await generate({enrolments: 400_000, seed: 5, out: big});
    const dir = tempDir("ingest-kill");
    const db = join(dir, "warehouse.duckdb");
    await run([DEFAULT_SOURCE], {db});
    const before = await counts(db);
    expect(before[0]).toMatchObject({e: 30000});

    for (const marker of [/lines read/, /validating stage_events/, /writing the warehouse/]) {
      const {child, seen, exited} = startIngest(["--db", db, "--wait", big], marker);
      await seen;
      if (marker.source.includes("writing")) {
        // kill while the new warehouse is being written into its temp file
        for (let i = 0; i < 500 && !readdirSync(dir).some((n) => n.includes(".tmp-")); i++)
          await new Promise((r) => setTimeout(r, 10));
      }
      process.kill(-child.pid!, "SIGKILL");
      await exited;
      // npx has exited; the node process under it may still be tearing down (the lock holds its pid)
      const pid = Number(readFileSync(`${db}.lock`, "utf8").split(/\s/)[0]);
      for (let i = 0; i < 500 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 10));
      if (marker.source.includes("writing")) expect(readdirSync(dir).some((n) => n.includes(".tmp-"))).toBe(true);
      expect(await counts(db)).toEqual(before);
      expect(existsSync(`${db}.lock`)).toBe(true); // left behind by the killed run
    }
    // the next run takes over the stale lock, cleans up the dead run's temp files and replaces the warehouse
    const after = await run([big], {db});
    expect(after.summary.tables.find((t) => t.table === "enrolments")!.rows).toBe(400_000);
    expect(readdirSync(dir).sort()).toEqual(["rejects.csv", "warehouse.duckdb"]);
  }, 300_000);
});

describe("ingest lock", () => {
  it("refuses a second run while one is active, and --wait waits for it", async () => {
    const dir = tempDir("ingest-lock");
    const db = join(dir, "warehouse.duckdb");
    // a live owner: this test process
    writeFileSync(`${db}.lock`, `${process.ppid}\n`);
    const error = await fatal([DEFAULT_SOURCE], {db});
    expect(error.code).toBe("locked");
    expect(error.en).toBe(
      `Another ingest is already running against ${db} (pid ${process.ppid}). Wait for it to finish, or run again with --wait.`
    );
    expect(error.da).toBe(
      `En anden indlæsning kører allerede mod ${db} (pid ${process.ppid}). Vent til den er færdig, eller kør igen med --wait.`
    );
    const {rmSync} = await import("node:fs");
    setTimeout(() => rmSync(`${db}.lock`), 500);
    const {summary} = await run(["test/fixtures/ingest/base"], {db, wait: true});
    expect(summary.ok).toBe(true);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it("takes over a stale lock whose pid is gone", async () => {
    const dir = tempDir("ingest-stale");
    const db = join(dir, "warehouse.duckdb");
    writeFileSync(`${db}.lock`, "999999999\n");
    const {summary} = await run(["test/fixtures/ingest/base"], {db});
    expect(summary.ok).toBe(true);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });
});
