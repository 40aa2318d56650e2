/**
 * One ingest at a time per warehouse: the pid lock `<db>.lock` (loaders/lock.ts). A second run is refused
 * with a clear message in Danish and English, or waits with `wait: true`.
 */
import {acquirePidLock, type Lock, type LockOptions} from "../lock.ts";
import {fail} from "./errors.ts";

export {pidAlive, type Lock} from "../lock.ts";

export async function acquireLock(db: string, opts: Omit<LockOptions, "busy"> = {}): Promise<Lock> {
  return acquirePidLock(`${db}.lock`, {
    ...opts,
    busy: (owner) =>
      fail(
        "locked",
        null,
        `En anden indlæsning kører allerede mod ${db} (pid ${owner ?? "?"}). Vent til den er færdig, eller kør igen med --wait.`,
        `Another ingest is already running against ${db} (pid ${owner ?? "?"}). Wait for it to finish, or run again with --wait.`
      )
  });
}
