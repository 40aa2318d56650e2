/**
 * npm run synth -- --enrolments N --seed S --out DIR
 * Writes the data contract's CSV files and truth.json for N synthetic enrolments.
 */
import {generate} from "../synth/generate.ts";
import {integerOption, parseArgs, runMain, UsageError} from "./args.ts";

runMain(async () => {
  const {options} = parseArgs(process.argv.slice(2), {values: ["enrolments", "seed", "out"], flags: ["quiet"]});
  const out = options.out;
  if (typeof out !== "string") throw new UsageError("--out DIR is required (e.g. --out data/synthetic)");
  const enrolments = integerOption(options, "enrolments", 30_000);
  const seed = integerOption(options, "seed", 1);
  const started = performance.now();
  const truth = await generate({
    enrolments, seed, out,
    progressEvery: 1_000_000,
    onProgress: options.quiet ? undefined : (done) => process.stderr.write(`synth: ${done.toLocaleString("en")} enrolments\n`)
  });
  if (!options.quiet) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
    console.error(`synth: wrote ${enrolments.toLocaleString("en")} enrolments (${truth.mentored.toLocaleString("en")} mentored) to ${out} in ${seconds} s, rss ${rss} MiB`);
  }
});
