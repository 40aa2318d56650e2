// Build the site on a given warehouse in a copy of the project, so the main dist/ and Framework cache stay untouched.
import {execFileSync} from "node:child_process";
import {cpSync, symlinkSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";
import {tempDir} from "./tmp.ts";

/**
 * Returns the copy's folder (remove it when done) and its dist/. `command`: build with `npm run build -- --db DB`'s
 * entry (loaders/cli/site.ts: prepare, Framework's build, postbuild) instead of prepare + Framework's build.
 */
export function buildSiteCopy(db: string, name: string, {command = false} = {}): {project: string; dist: string} {
  const project = tempDir(name);
  for (const entry of ["src", "loaders", "observablehq.config.ts", "package.json", "tsconfig.json"]) {
    cpSync(join(PROJECT_ROOT, entry), join(project, entry), {
      recursive: true,
      filter: (src) => !src.includes(".observablehq")
    });
  }
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(project, "node_modules"), "dir");
  const env: NodeJS.ProcessEnv = {...process.env, MENTOR_WAREHOUSE: db, OBSERVABLE_TELEMETRY_DISABLE: "true"};
  delete env.MENTOR_MIN_CELL;
  const bin = (tool: string) => join(PROJECT_ROOT, "node_modules", ".bin", tool);
  if (command) {
    delete env.MENTOR_WAREHOUSE;
    execFileSync(bin("tsx"), ["loaders/cli/site.ts", "build", "--db", db], {
      cwd: project,
      env,
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 540_000
    });
  } else {
    execFileSync(bin("tsx"), ["loaders/cli/prepare.ts"], {cwd: project, env, stdio: ["ignore", "ignore", "pipe"]});
    execFileSync(bin("observable"), ["build"], {
      cwd: project,
      env,
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 540_000
    });
  }
  return {project, dist: join(project, "dist")};
}
