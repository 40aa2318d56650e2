/**
 * Where the DuckDB warehouse lives and how to read it. Everything after
 * ingest (data loaders, summary, export, bench) goes through here.
 */
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {existsSync} from "node:fs";
import {dirname, isAbsolute, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_WAREHOUSE = join(PROJECT_ROOT, ".cache", "warehouse.duckdb");
export const DEFAULT_SOURCE = join(PROJECT_ROOT, "data", "sample");
/** Environment variable that points the whole toolchain at another warehouse file. */
export const WAREHOUSE_ENV = "MENTOR_WAREHOUSE";

export function warehousePath(explicit?: string): string {
  const path = explicit || process.env[WAREHOUSE_ENV] || DEFAULT_WAREHOUSE;
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

export interface Warehouse {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close(): void;
}

/** Open the warehouse read-only (several loaders may read it at once). */
export async function openWarehouse(path = warehousePath(), {readOnly = true} = {}): Promise<Warehouse> {
  if (readOnly && !existsSync(path)) {
    throw new Error(
      `No warehouse at ${path}. Run "npm run ingest" first (or "npm run build", which ingests data/sample/).`
    );
  }
  const instance = await DuckDBInstance.create(path, readOnly ? {access_mode: "READ_ONLY"} : {});
  const connection = await instance.connect();
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/**
 * Run a query and return plain row objects. BIGINT/HUGEINT (every count(*))
 * would arrive as strings from getRowObjectsJson(): convert them to numbers
 * here once, so no caller can chart text.
 */
export async function query<T = Record<string, unknown>>(con: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await con.runAndReadAll(sql);
  const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
  for (const row of rows) {
    for (const key in row) {
      const v = row[key];
      if (typeof v === "bigint") row[key] = Number(v);
    }
  }
  return rows as T[];
}
