/**
 * npm run validate -- --seeds N --enrolments M [--jobs J] [--first-seed S] [--effect-scale X] [--no-mentor-delays] [--out FILE]
 *
 * Simulation study of the effect estimates: for each seed S, S + 1, … a fresh
 * synthetic data set is generated, ingested and analysed like real data in a
 * temp folder (deleted afterwards), and the summary's estimates (overall, by
 * scheme type, by transition point) are compared with the truth planted in it.
 * Seeds run in J child processes (default: the number of CPUs). Writes a
 * Markdown report to FILE (default VALIDATION.md) and every seed's result as
 * one JSON line to .cache/validate/<timestamp>.jsonl. Default first seed 1001,
 * which no test uses.
 */
import {appendFileSync, mkdirSync, writeFileSync} from "node:fs";
import {cpus, totalmem} from "node:os";
import {join, relative, resolve} from "node:path";
import {renderReport} from "../validate/report.ts";
import {DEFAULT_FIRST_SEED, runStudy} from "../validate/study.ts";
import {PROJECT_ROOT} from "../warehouse.ts";
import {integerOption, parseArgs, runMain, UsageError} from "./args.ts";

const USAGE =
  "npm run validate -- --seeds N --enrolments M [--jobs J] [--first-seed S] [--effect-scale X] [--no-mentor-delays] [--out FILE]";

runMain(async () => {
  const argv = process.argv.slice(2);
  const {options, positional} = parseArgs(argv, {
    values: ["seeds", "enrolments", "jobs", "first-seed", "effect-scale", "out"],
    flags: ["no-mentor-delays"]
  });
  if (positional.length) throw new UsageError(`Unexpected argument(s): ${positional.join(" ")}. Usage: ${USAGE}`);
  if (options.seeds === undefined || options.enrolments === undefined)
    throw new UsageError(`--seeds and --enrolments are required. Usage: ${USAGE}`);
  const seeds = integerOption(options, "seeds", 0);
  const enrolments = integerOption(options, "enrolments", 0);
  const jobs = integerOption(options, "jobs", cpus().length);
  const firstSeed = integerOption(options, "first-seed", DEFAULT_FIRST_SEED);
  if (seeds < 2) throw new UsageError("--seeds must be at least 2 (the spread of the estimates needs two)");
  if (enrolments < 1000) throw new UsageError("--enrolments must be at least 1000");
  if (jobs < 1) throw new UsageError("--jobs must be at least 1");
  let effectScale: number | undefined;
  if (options["effect-scale"] !== undefined) {
    effectScale = Number(options["effect-scale"]);
    // 0 = no effect at all, negative = a harmful one (the generator's --effect-scale)
    if (!Number.isFinite(effectScale))
      throw new UsageError(
        `--effect-scale must be a number (0 = no effect, negative = harmful), got "${options["effect-scale"]}"`
      );
  }
  const mentorDelays = options["no-mentor-delays"] ? false : undefined;
  const out = resolve(PROJECT_ROOT, typeof options.out === "string" ? options.out : "VALIDATION.md");

  const started = new Date();
  const rawDir = join(PROJECT_ROOT, ".cache", "validate");
  mkdirSync(rawDir, {recursive: true});
  const rawPath = join(rawDir, `${started.toISOString().replace(/[:.]/g, "-")}.jsonl`);
  writeFileSync(rawPath, "");
  const usedJobs = Math.min(jobs, seeds);
  console.error(
    `validate: ${seeds} seeds from ${firstSeed} × ${enrolments.toLocaleString("en")} enrolments, ${usedJobs} job(s); raw results in ${relative(PROJECT_ROOT, rawPath)}`
  );
  let done = 0;
  const t0 = performance.now();
  const results = await runStudy({
    seeds,
    enrolments,
    jobs: usedJobs,
    firstSeed,
    effectScale,
    mentorDelays,
    onResult: (r) => {
      appendFileSync(rawPath, JSON.stringify(r) + "\n");
      done++;
      const overall = r.estimates.find((e) => e.key === "overall");
      console.error(
        `  seed ${r.seed} (${done}/${seeds}) in ${r.seconds.total.toFixed(0)} s: overall adjusted ${overall?.adjusted?.toFixed(4)}, truth ${overall?.truth?.toFixed(4)}`
      );
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  const report = renderReport(results, {
    command: ["npm run validate --", ...argv].join(" "),
    date: started.toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version
    },
    enrolments,
    jobs: usedJobs,
    seconds,
    rawPath: relative(PROJECT_ROOT, rawPath),
    effectScale,
    mentorDelays
  });
  writeFileSync(out, report);
  console.error(`validate: ${(seconds / 60).toFixed(1)} min; report in ${relative(PROJECT_ROOT, out) || out}`);
});
