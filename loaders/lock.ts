/**
 * The one lock of the project: a lock file created with open(…, "wx") that holds its owner's pid. A lock
 * whose pid is no longer running (a process killed with SIGKILL) is stale and taken over. Used for one
 * ingest (or export log write) at a time per warehouse (`<db>.lock`, ingest/lock.ts) and for one
 * computation of the site data per key (analysis/site-cache.ts).
 */
import {closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync} from "node:fs";

export interface Lock {
  path: string;
  release(): void;
}

/** Is a process running? A zombie (killed, not yet reaped — common in containers) counts as gone. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc: trust kill(pid, 0)
  }
}

/** The pid in a lock file, null if it is being written, "stale" if its owner is gone. */
function lockOwner(path: string): number | null | "stale" | "gone" {
  let text: string;
  try {
    text = readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  if (text === "") {
    // created but not yet written — or its writer died in between: stale after a few seconds
    try {
      return Date.now() - statSync(path).mtimeMs > 5000 ? "stale" : null;
    } catch {
      return "gone";
    }
  }
  const pid = Number(text.split(/\s/)[0]);
  return pidAlive(pid) && pid !== process.pid ? pid : "stale";
}

/**
 * Remove a stale lock under a short-lived guard file, re-reading it inside
 * the guard, so that two runs taking over at once cannot remove a lock that
 * one of them has just created.
 */
function takeOver(path: string) {
  const guard = `${path}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    try {
      if (Date.now() - statSync(guard).mtimeMs > 5000) unlinkSync(guard);
    } catch {
      // gone meanwhile
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    return;
  }
  try {
    if (lockOwner(path) === "stale") unlinkSync(path);
  } catch {
    // gone meanwhile
  } finally {
    closeSync(fd);
    unlinkSync(guard);
  }
}

export interface LockOptions {
  /** Wait for the owner to finish instead of calling `busy`. */
  wait?: boolean;
  /** Called once when a wait begins, with the owner's pid (null while its lock is being written). */
  onWait?: (pid: number | null) => void;
  pollMs?: number;
  /** Without `wait`: what to do when another process holds the lock (throw the caller's own error). */
  busy?: (pid: number | null) => never;
}

/** Take the lock file `path` (created with open(…, "wx"), holding this process's pid). */
export async function acquirePidLock(path: string, opts: LockOptions = {}): Promise<Lock> {
  let told = false;
  for (;;) {
    try {
      const fd = openSync(path, "wx", 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(path, "utf8").trim().split(/\s/)[0] === String(process.pid)) unlinkSync(path);
          } catch {
            // already gone
          }
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = lockOwner(path);
    if (owner === "gone") continue;
    if (owner === "stale") {
      takeOver(path);
      continue;
    }
    if (!opts.wait) {
      if (opts.busy) opts.busy(owner);
      throw new Error(`${path} is held by process ${owner ?? "?"}`);
    }
    if (!told) {
      opts.onWait?.(owner);
      told = true;
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
  }
}
