/**
 * Records the SQL a computation sends to DuckDB, so the export can write the
 * exact statements that produced each table (`sql/<table>.sql`) without
 * writing any SQL twice: the analysis functions run on a recording proxy of
 * the connection. Every method call is forwarded to the real connection;
 * the first (string) argument of `run`, `runAndReadAll` and friends is
 * appended to the current log.
 */
import type {DuckDBConnection} from "@duckdb/node-api";

const RECORDED = new Set([
  "run",
  "runAndRead",
  "runAndReadAll",
  "runAndReadUntil",
  "stream",
  "streamAndRead",
  "streamAndReadAll",
  "streamAndReadUntil",
  "prepare",
  "extractStatements"
]);

export interface SqlRecorder {
  /** Use this connection for everything that should be recorded. */
  con: DuckDBConnection;
  /** Statements recorded since the last `take()` (and start a new log). */
  take(): string[];
}

export function recordSql(target: DuckDBConnection): SqlRecorder {
  let log: string[] = [];
  const con = new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== "function") return value;
      if (typeof prop === "string" && RECORDED.has(prop)) {
        return (...args: unknown[]) => {
          if (typeof args[0] === "string") log.push(args[0]);
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(obj);
    }
  });
  return {
    con,
    take() {
      const out = log;
      log = [];
      return out;
    }
  };
}

/** Format recorded statements as one .sql file. */
export function sqlFile(title: string, statements: readonly string[], note?: string): string {
  // every line of title and note a comment, so the file runs as written (a multi-line title once broke that)
  const header = [title, ...(note ? [note] : [])]
    .flatMap((t) => t.split("\n"))
    .map((l) => `-- ${l}`)
    .join("\n");
  const body = statements.map((s) => `${dedent(s).trim().replace(/;\s*$/, "")};`).join("\n\n");
  return `${header}\n\n${body}\n`;
}

function dedent(s: string): string {
  const lines = s.replace(/\t/g, "  ").split("\n");
  const indents = lines
    .slice(1)
    .filter((l) => l.trim() !== "")
    .map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(cut, /^ */.exec(l)![0].length)))].join("\n");
}
