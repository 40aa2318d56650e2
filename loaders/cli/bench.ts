/**
 * npm run bench -- [--enrolments N] [--only synth,ingest,survival,analysis,build,browser]
 *
 * Benchmarks, not tests: figures are printed (and written to
 * .cache/bench/results.json) for BENCHMARKS.md, never asserted.
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, rmSync, writeFileSync} from "node:fs";
import {cpus, totalmem} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {benchSurvival} from "../stats/bench.ts";
import {generate} from "../synth/generate.ts";
import {benchIngest} from "../ingest/bench.ts";
import {benchAnalysis} from "../analysis/analysis-timing.ts";
import {benchBrowser} from "../site/bench-browser.ts";
import {openWarehouse, PROJECT_ROOT} from "../warehouse.ts";
import {integerOption, parseArgs, runMain, UsageError} from "./args.ts";

const SECTIONS = ["synth", "ingest", "survival", "analysis", "build", "browser"] as const;
type Section = (typeof SECTIONS)[number];

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Run a command and report wall time and the peak RSS of the whole process tree (GNU time, when installed). */
function timed(command: string[], env: NodeJS.ProcessEnv): {ms: number; peakMiB: number | null; ok: boolean} {
  const gnuTime = existsSync("/usr/bin/time");
  const started = performance.now();
  const result = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "PEAK_KB=%M", ...command], {cwd: PROJECT_ROOT, env, encoding: "utf8"})
    : spawnSync(command[0], command.slice(1), {cwd: PROJECT_ROOT, env, encoding: "utf8"});
  const ms = performance.now() - started;
  const peak = /PEAK_KB=(\d+)/.exec(result.stderr ?? "");
  if (result.status !== 0) process.stderr.write(result.stderr ?? "");
  return {ms, peakMiB: peak ? Math.round(Number(peak[1]) / 1024) : null, ok: result.status === 0};
}

runMain(async () => {
  const {options} = parseArgs(process.argv.slice(2), {values: ["enrolments", "only"]});
  const n = integerOption(options, "enrolments", 1_000_000);
  const only = typeof options.only === "string" ? options.only.split(",") : [...SECTIONS];
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`Unknown section(s) ${unknown.join(", ")}. Known: ${SECTIONS.join(", ")}`);
  const run = (s: Section) => only.includes(s);
  const dir = join(PROJECT_ROOT, ".cache", "bench");
  const dataDir = join(dir, `synth-${n}`);
  const db = join(dir, `warehouse-${n}.duckdb`);
  mkdirSync(dir, {recursive: true});
  const results: Record<string, unknown> = {
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version
    },
    enrolments: n,
    date: new Date().toISOString()
  };
  const say = (line: string) => console.log(line);
  say(`bench: ${n.toLocaleString("en")} enrolments on ${cpus().length} × ${cpus()[0]?.model}`);

  if (run("synth")) {
    rmSync(dataDir, {recursive: true, force: true});
    const started = performance.now();
    await generate({enrolments: n, seed: 1, out: dataDir});
    const ms = performance.now() - started;
    results.synth = {ms, rssMiB: mib(process.memoryUsage().rss)};
    say(`synth     ${(ms / 1000).toFixed(1)} s (process RSS ${mib(process.memoryUsage().rss)} MiB)`);
  }

  if (run("ingest")) {
    const r = await benchIngest({enrolments: n, dir: dataDir, db});
    results.ingest = r;
    say(`ingest    ${JSON.stringify(r)}`);
  }

  if (run("survival")) {
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    const r = await benchSurvival(con, {n});
    con.closeSync();
    instance.closeSync();
    results.survival = r;
    say(
      `survival  SQL ${r.sqlMs.toFixed(0)} ms, R ${r.rMs === null ? "n/a (no Rscript)" : `${r.rMs.toFixed(0)} ms`}, ratio ours/R ${r.ratio === null ? "n/a" : r.ratio.toFixed(3)}`
    );
  }

  if (run("analysis")) {
    if (!existsSync(db)) throw new UsageError(`No benchmark warehouse at ${db}: run with --only synth,ingest first`);
    const wh = await openWarehouse(db);
    const {ms, audit} = await benchAnalysis(wh.connection);
    wh.close();
    results.analysis = {ms, audit};
    say(
      `analysis  ${(ms / 1000).toFixed(1)} s (everything the page loaders compute), of which the privacy seal ${audit.seconds} s: ${audit.cells} cells over ${audit.atoms} atoms (${audit.variables} LP variables), ${audit.lps} LPs`
    );
  }

  if (run("build")) {
    if (!existsSync(db)) throw new UsageError(`No benchmark warehouse at ${db}: run with --only synth,ingest first`);
    const r = timed(["npm", "run", "build"], {
      ...process.env,
      MENTOR_WAREHOUSE: db,
      OBSERVABLE_TELEMETRY_DISABLE: "true"
    });
    results.build = r;
    say(`build     ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peakMiB ?? "n/a"} MiB${r.ok ? "" : " (FAILED)"}`);
    // Leave dist/ as the default sample's site.
    const {MENTOR_WAREHOUSE: _, ...defaultEnv} = process.env;
    timed(["npm", "run", "build"], {...defaultEnv, OBSERVABLE_TELEMETRY_DISABLE: "true"});
  }

  if (run("browser")) {
    const r = await benchBrowser(join(PROJECT_ROOT, "dist"));
    results.browser = r;
    for (const p of r)
      say(
        `browser   ${p.path.padEnd(18)} data ${(p.dataBytes / 1024).toFixed(0)} KB, first chart ${p.firstChartMs.toFixed(0)} ms${p.filterMs === null ? "" : `, filter change ${p.filterMs.toFixed(0)} ms`}${p.recomputeMs === null ? "" : `, scenario recompute ${p.recomputeMs.toFixed(0)} ms`}`
      );
  }

  writeFileSync(join(dir, "results.json"), JSON.stringify(results, null, 2) + "\n");
  say(`bench: results in ${join(dir, "results.json")}`);
});
