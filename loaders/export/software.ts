/**
 * What software made an export: the package name and version (package.json),
 * the git commit of the working tree (and whether tracked files differ from
 * it), Node's version and DuckDB's. Missing pieces (no git, no .git folder)
 * are null, never an error.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {execFileSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT, query} from "../warehouse.ts";

export interface SoftwareInfo {
  name: string;
  version: string;
  git_commit: string | null;
  git_dirty: boolean | null;
  node: string | null;
  duckdb: string | null;
}

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 10_000
    }).trim();
  } catch {
    return null;
  }
}

export async function softwareInfo(con?: DuckDBConnection): Promise<SoftwareInfo> {
  let name = "unknown";
  let version = "unknown";
  try {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
      name?: string;
      version?: string;
    };
    name = pkg.name ?? name;
    version = pkg.version ?? version;
  } catch {
    // no package.json next to the loaders (bundled use)
  }
  const commit = git(["rev-parse", "HEAD"]);
  const status = commit === null ? null : git(["status", "--porcelain", "--untracked-files=no"]);
  let duckdb: string | null = null;
  if (con) {
    try {
      duckdb = (await query<{v: string}>(con, "SELECT version() AS v"))[0]?.v ?? null;
    } catch {
      duckdb = null;
    }
  }
  return {
    name,
    version,
    git_commit: commit,
    git_dirty: status === null ? null : status !== "",
    node: process.versions.node ?? null,
    duckdb
  };
}
