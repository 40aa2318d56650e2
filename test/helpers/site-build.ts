// The site build that test/global-setup.ts starts in the background: a suite that reads dist/ or the built-in
// sample's warehouse calls `siteBuilt()` in its beforeAll (with a hook timeout that covers the build) before it
// reads them. Without the global setup's build (a run of files that do not need it), it returns at once.
import {existsSync, readFileSync} from "node:fs";
import {setTimeout as sleep} from "node:timers/promises";

/** The environment variable through which the global setup names the build's status file (written when it ends). */
export const SITE_BUILD_ENV = "MENTOR_TEST_SITE_BUILD";

/** How long a suite waits for the build at most (the build alone takes minutes on a shared two-core machine). */
export const SITE_BUILD_WAIT_MS = 1_500_000;

/** Resolves when the global setup's build has finished; throws with the build's messages if it failed. */
export async function siteBuilt(): Promise<void> {
  const status = process.env[SITE_BUILD_ENV];
  if (!status) return;
  const deadline = Date.now() + SITE_BUILD_WAIT_MS;
  while (!existsSync(status)) {
    if (Date.now() > deadline)
      throw new Error(`the site build (npm run build) has not finished after ${SITE_BUILD_WAIT_MS / 60_000} min`);
    await sleep(500);
  }
  const {code, signal, log} = JSON.parse(readFileSync(status, "utf8")) as {
    code: number | null;
    signal: string | null;
    log: string;
  };
  if (code !== 0) {
    const messages = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").slice(-40).join("\n") : "";
    throw new Error(`npm run build failed (exit ${code ?? signal}); its last messages (${log}):\n${messages}`);
  }
}
