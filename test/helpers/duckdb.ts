import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {query} from "../../loaders/warehouse.ts";

/** A fresh in-memory DuckDB connection for a test file. */
export async function memoryDb(): Promise<{con: DuckDBConnection; close: () => void}> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  return {
    con,
    close: () => {
      con.closeSync();
      instance.closeSync();
    }
  };
}

export {query};
