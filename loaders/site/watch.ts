/**
 * `npm run dev` follows the warehouse: a re-ingest (or a logged export) replaces the file, and the preview
 * should serve the new data without a restart. Framework only watches the pages and the loaders' own source,
 * so the dev command watches the warehouse, republishes the gated data when it settles (prepare.ts: new site
 * key, fresh cache and slice files) and touches the data loaders so Framework re-runs them and reloads the page.
 */
import {existsSync, readdirSync, statSync, unwatchFile, utimesSync, watchFile, type Stats} from "node:fs";
import {join} from "node:path";

export interface WarehouseWatch {
  close(): void;
}

/**
 * Call `onChange` once per settled change of the warehouse file: its size or mtime changed, and no ingest holds
 * its lock (`<db>.lock`, ingest/lock.ts) — an ingest writes a new file and then renames it, so the change is seen
 * when it is complete. `interval` is the polling period in ms (fs.watchFile: works on every file system).
 */
export function watchWarehouse(
  db: string,
  onChange: () => void | Promise<void>,
  {interval = 1000} = {}
): WarehouseWatch {
  let pending: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  const settle = () => {
    pending = null;
    if (existsSync(`${db}.lock`)) {
      pending = setTimeout(settle, interval);
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    Promise.resolve(onChange())
      .catch((error) => console.error(`dev: ${(error as Error).message}`))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          settle();
        }
      });
  };
  const listener = (now: Stats, before: Stats) => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(settle, interval);
  };
  watchFile(db, {interval, persistent: true}, listener);
  return {
    close() {
      if (pending) clearTimeout(pending);
      unwatchFile(db, listener);
    }
  };
}

/** Touch every data loader under `dir` (src/data) so a running Framework preview re-runs them. */
export function touchLoaders(dir: string, now = new Date()): string[] {
  const loaders = readdirSync(dir)
    .filter((f) => /\.(json|csv|txt)\.(ts|js)$/.test(f))
    .map((f) => join(dir, f));
  for (const file of loaders) if (statSync(file).isFile()) utimesSync(file, now, now);
  return loaders;
}
