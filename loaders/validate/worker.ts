/**
 * Child process of the simulation study (study.ts): runs the seeds it is sent,
 * one at a time, and answers each with its result. Started with `node --import tsx`.
 *
 *   parent → child  {seed, enrolments, effectScale?, mentorDelays?, tmp?}   (SeedOptions)
 *   child → parent  {ok: true, result: SeedResult} | {ok: false, seed, error}
 */
import {removeTempFolders, runSeed, type SeedOptions} from "./seed.ts";

process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";

if (!process.send) {
  console.error("loaders/validate/worker.ts is started by the simulation study (npm run validate), not by hand");
  process.exit(2);
}

let queue = Promise.resolve();
process.on("message", (message: SeedOptions) => {
  queue = queue.then(async () => {
    try {
      const result = await runSeed(message);
      process.send!({ok: true, result});
    } catch (error) {
      process.send!({
        ok: false,
        seed: message.seed,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error)
      });
    }
  });
});
// the parent is gone or done, or the process is stopped: remove the running seed's temp folder first
process.on("disconnect", () => {
  removeTempFolders();
  process.exit(0);
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    removeTempFolders();
    process.exit(1);
  });
}
