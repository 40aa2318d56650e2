// Errors a researcher can act on: an empty cohort names what the warehouse holds, options ignore case like
// filter values, and a file-system problem names the path and the remedy — and nothing is written.
import {execFileSync} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {explainFileError} from "../../loaders/cli/file-errors.ts";
import {parseFormat} from "../../loaders/export/cohort-args.ts";
import {exportCohort, ExportRefused} from "../../loaders/export/index.ts";
import {openWarehouse, PROJECT_ROOT, query} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";
import {makeWarehouse, type TestWarehouse} from "./helpers.ts";

let w: TestWarehouse;
let base = "";
let institutions: {id: string; name: string}[] = [];
let years: number[] = [];

beforeAll(async () => {
  w = await makeWarehouse(300, 21);
  base = tempDir("export-cli-errors");
  const wh = await openWarehouse(w.db);
  try {
    institutions = await query(
      wh.connection,
      "SELECT DISTINCT e.institution_id AS id, i.name FROM enrolments e JOIN institutions i USING (institution_id) ORDER BY 1"
    );
    years = (
      await query<{y: number}>(
        wh.connection,
        "SELECT DISTINCT CAST(year(intake_date) AS INTEGER) AS y FROM enrolments ORDER BY 1"
      )
    ).map((r) => Number(r.y));
  } finally {
    wh.close();
  }
});

afterAll(() => {
  w?.cleanup();
  if (base) rmSync(base, {recursive: true, force: true});
});

/** Run `npm run export` (via tsx) and return its exit status and standard error. */
function cli(args: string[], env: Record<string, string> = {}): {status: number; stderr: string} {
  try {
    execFileSync(
      join(PROJECT_ROOT, "node_modules", ".bin", "tsx"),
      [join(PROJECT_ROOT, "loaders", "cli", "export.ts"), ...args],
      {encoding: "utf8", stdio: "pipe", env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", ...env}}
    );
    return {status: 0, stderr: ""};
  } catch (error) {
    return {status: (error as {status: number}).status, stderr: String((error as {stderr: string}).stderr)};
  }
}

describe("an empty cohort", () => {
  it("exits non-zero, naming the years, programmes and institutions (with names) the warehouse holds", () => {
    const out = join(base, "empty");
    const r = cli(["--db", w.db, "--out", out, "--cohort", "years=1990-1995"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the cohort "years=1990-1995" holds no enrolments');
    expect(r.stderr).toContain(`intake years ${years[0]}–${years[years.length - 1]}`);
    expect(r.stderr).toMatch(/programmes [A-Z0-9]+(, [A-Z0-9]+)+/);
    expect(institutions.length).toBeGreaterThan(1);
    for (const i of institutions) expect(r.stderr).toContain(`${i.id} (${i.name})`);
    expect(existsSync(out)).toBe(false);
  });

  it("is refused with microdata too (no empty file is written under an agreement)", async () => {
    const out = join(base, "empty-micro");
    const before = process.env.MENTOR_DUA;
    process.env.MENTOR_DUA = "DUA test";
    try {
      await expect(exportCohort({db: w.db, out, cohort: "years=1990-1995", microdata: true})).rejects.toThrow(
        ExportRefused
      );
    } finally {
      if (before === undefined) delete process.env.MENTOR_DUA;
      else process.env.MENTOR_DUA = before;
    }
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(base).filter((f) => f.includes("partial"))).toEqual([]);
  });

  it("an unknown institution lists the known ones with their names", () => {
    const r = cli(["--db", w.db, "--out", join(base, "i99"), "--cohort", "institution=I99"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown value(s) I99");
    expect(r.stderr).toContain(`${institutions[0].id} (${institutions[0].name})`);
  });
});

describe("options ignore case, like filter values", () => {
  it("parseFormat", () => {
    expect(parseFormat(undefined)).toBe("csv");
    expect(parseFormat("CSV")).toBe("csv");
    expect(parseFormat(" Parquet ")).toBe("parquet");
    expect(() => parseFormat("xlsx")).toThrow(/--format must be csv or parquet, got "xlsx"/);
  });

  it("--format CSV and --FORMAT=Parquet pass the option check (the cohort is what stops them)", () => {
    for (const args of [["--format", "CSV"], ["--FORMAT=Parquet"], ["--Format", "csv", "--Cohort", "years=1990"]]) {
      const r = cli(["--db", w.db, "--out", join(base, "fmt"), "--cohort", "years=1990", ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/--format must be|Unknown option/);
      expect(r.stderr).toContain("holds no enrolments");
    }
    const bad = cli(["--db", w.db, "--out", join(base, "fmt"), "--format", "xlsx"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be csv or parquet, got "xlsx"');
  });
});

describe("file-system errors name the path and what to do", () => {
  it("--out pointing at a file", () => {
    const file = join(base, "a-file");
    writeFileSync(file, "not a folder\n");
    const r = cli(["--db", w.db, "--out", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--out ${file} is a file, not a folder`);
    expect(r.stderr).not.toMatch(/ENOTDIR/);
    const below = cli(["--db", w.db, "--out", join(file, "sub")]);
    expect(below.status).toBe(2);
    expect(below.stderr).toContain(`${file} is a file, not a folder`);
    expect(readdirSync(base).filter((f) => f.includes("partial"))).toEqual([]);
  });

  it("--db pointing at a folder", () => {
    const dir = join(base, "a-folder");
    mkdirSync(dir, {recursive: true});
    const r = cli(["--db", dir, "--out", join(base, "x")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${dir} (--db) is a folder; give the warehouse file`);
  });

  it("explainFileError turns Node's error codes into a path and a remedy", () => {
    const error = Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
      path: "/data/export/survival.csv",
      syscall: "write"
    });
    expect(explainFileError(error)).toBe(
      "Cannot use /data/export/survival.csv (write): the disk is full. Free some space on that disk, or choose a location on another disk. [ENOSPC]"
    );
    const notDir = Object.assign(new Error("x"), {code: "ENOTDIR", path: "/tmp/f/.sub.partial-1", syscall: "unlink"});
    expect(explainFileError(notDir)).toMatch(
      /^Cannot use \/tmp\/f\/\.sub\.partial-1 \(unlink\): a part of that path is a file, not a folder/
    );
    expect(explainFileError(new Error("plain"))).toBeNull();
    expect(explainFileError(Object.assign(new Error("no path"), {code: "EACCES"}))).toBeNull();
  });
});
