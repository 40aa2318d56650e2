/**
 * npm run synth -- --enrolments N --seed S --out DIR [--effect-scale S] [--no-mentor-delays]
 * Writes the data contract's CSV files and truth.json for N synthetic enrolments.
 * --effect-scale scales every planted mentor effect (1 = as planted, 0 = none,
 * negative = harmful); --no-mentor-delays starts every intake mentorship on
 * the intake day (default: after a delay per scheme type, MENTOR_DELAY).
 */
import {generate} from "../synth/generate.ts";
import {integerOption, parseArgs, runMain, UsageError} from "./args.ts";

runMain(async () => {
  const {options} = parseArgs(process.argv.slice(2), {
    values: ["enrolments", "seed", "out", "effect-scale"],
    flags: ["quiet", "no-mentor-delays"]
  });
  const out = options.out;
  if (typeof out !== "string") throw new UsageError("--out DIR is required (e.g. --out data/synthetic)");
  const enrolments = integerOption(options, "enrolments", 30_000);
  const seed = integerOption(options, "seed", 1);
  const rawScale = options["effect-scale"];
  const effectScale = rawScale === undefined ? 1 : Number(rawScale);
  if (rawScale === true || (typeof rawScale === "string" && rawScale.trim() === "") || !Number.isFinite(effectScale)) {
    throw new UsageError(`--effect-scale must be a finite number, got "${rawScale}"`);
  }
  const started = performance.now();
  const truth = await generate({
    enrolments,
    seed,
    out,
    effectScale,
    mentorDelays: !options["no-mentor-delays"],
    progressEvery: 1_000_000,
    onProgress: options.quiet
      ? undefined
      : (done) => process.stderr.write(`synth: ${done.toLocaleString("en")} enrolments\n`)
  });
  if (!options.quiet) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
    console.error(
      `synth: wrote ${enrolments.toLocaleString("en")} enrolments (${truth.mentored.toLocaleString("en")} mentored) to ${out} in ${seconds} s, rss ${rss} MiB`
    );
  }
});
