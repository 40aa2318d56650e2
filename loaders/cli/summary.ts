/**
 * npm run summary -- [--db PATH] [--json]
 * Prints the headline results: naive and adjusted mentor effect (dropout with
 * minus without a mentor) overall, by scheme type and by transition point,
 * with 95% intervals, and the data version. Figures pass the privacy gate.
 * --json prints a stable object (shape in loaders/analysis/README.md).
 */
import {summarise, formatSummary} from "../analysis/summary.ts";
import {chooseWarehouse, parseArgs, runMain, UsageError} from "./args.ts";

runMain(async () => {
  const {options, positional} = parseArgs(process.argv.slice(2), {values: ["db"], flags: ["json"]});
  if (positional.length)
    throw new UsageError(
      `Unexpected argument(s): ${positional.join(" ")}. Usage: npm run summary -- [--db PATH] [--json]`
    );
  const {db} = chooseWarehouse(options.db);
  const summary = await summarise(db);
  process.stdout.write(options.json ? JSON.stringify(summary, null, 2) + "\n" : formatSummary(summary));
});
