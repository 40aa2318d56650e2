/**
 * Is the default warehouse still the built-in sample as it is now? It is made from data/sample/ on first use;
 * when the sample's files or the contract change (a new version of the project), the pages would otherwise keep
 * showing the old sample. Compares the warehouse's ingest log (file names and SHA-256) and contract version
 * with the sample folder and the code. A warehouse ingested from anything else is never called stale.
 */
import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {CONTRACT_VERSION, DATASET_FILE} from "../contract/contract.ts";
import {dataInfo, ingestLog} from "../analysis/meta.ts";
import {DEFAULT_SOURCE, openWarehouse} from "../warehouse.ts";

/** Why the warehouse at `db` is not the current built-in sample, or null when it is. */
export async function staleSample(db: string, source = DEFAULT_SOURCE): Promise<string | null> {
  const wh = await openWarehouse(db);
  try {
    const log = await ingestLog(wh.connection);
    // someone's own data ingested into the default path are never replaced
    if (log.length === 0 || log.some((r) => resolve(dirname(r.path)) !== resolve(source))) return null;
    const info = await dataInfo(wh.connection);
    if (info.contract_version !== CONTRACT_VERSION)
      return `contract ${info.contract_version}, code ${CONTRACT_VERSION}`;
    if (info.synthetic === null) return `no ${DATASET_FILE} recorded`;
    const logged = new Map(log.map((r) => [basename(r.path), r.sha256]));
    const files = readdirSync(source).filter((f) => f.endsWith(".csv"));
    for (const f of files) {
      const sha = createHash("sha256")
        .update(readFileSync(join(source, f)))
        .digest("hex");
      if (logged.get(f) !== sha) return `${f} changed`;
    }
    if (logged.size !== files.length) return "other files";
    return null;
  } finally {
    wh.close();
  }
}
