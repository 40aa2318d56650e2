/**
 * Side study: immortal time in the crude retention curves with vs without an
 * intake mentor, when mentors start weeks after the intake.
 *
 * For each seed, two synthetic data sets with NO planted mentor effect
 * (`--effect-scale 0`): one with the generator's mentor delays, one with every
 * intake mentor starting on the intake day (`--no-mentor-delays`). The
 * difference of their with-minus-without survival gaps is the lift the delay
 * gives the "with mentor" curve (selection, the same in both, cancels), for
 * - "from intake": Kaplan-Meier from day 0, with = any intake mentorship (the
 *   researcher export's survival table, `retentionCurves`);
 * - "landmark": the site's life tables (`lifeTableCounts`), from day 42 among
 *   those still enrolled then, with = an intake mentorship (most have started
 *   by day 42; the later ones are credited with the days from 42 to their start).
 *
 *   npx tsx validation/curve-immortal-time.ts [seeds=2] [enrolments=200000] > validation/curve-immortal-time.md
 */
import {execFileSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {lifeTableCounts, lifeTableCurves, retentionCurves} from "../loaders/analysis/transitions.ts";
import {ingest} from "../loaders/ingest/index.ts";
import {openWarehouse, PROJECT_ROOT} from "../loaders/warehouse.ts";

const seeds = Number(process.argv[2] ?? 2);
const enrolments = Number(process.argv[3] ?? 200_000);
const TIMES = [365, 1826];

/** Gaps (with − without) at TIMES: from intake (Kaplan-Meier, static groups), then landmark (site life tables, band ends). */
async function gaps(seed: number, delays: boolean): Promise<{intake: number[]; landmark: number[]}> {
  const dir = mkdtempSync(join(tmpdir(), "curve-immortal-"));
  try {
    execFileSync(
      "npx",
      [
        "tsx",
        "loaders/cli/synth.ts",
        "--enrolments",
        String(enrolments),
        "--seed",
        String(seed),
        "--out",
        join(dir, "data"),
        "--effect-scale",
        "0",
        ...(delays ? [] : ["--no-mentor-delays"])
      ],
      {cwd: PROJECT_ROOT, stdio: "ignore"}
    );
    const db = join(dir, "w.duckdb");
    await ingest({sources: [join(dir, "data")], db, quiet: true});
    const wh = await openWarehouse(db);
    try {
      const top = <T extends {set: string; programme: string; main_area: string; period: string}>(r: T) =>
        r.set === "mentor" && r.programme === "all" && r.main_area === "all" && r.period === "all";
      const km = (await retentionCurves(wh.connection)).curves.filter(top);
      const kmAt = (group: string, t: number) =>
        km.filter((c) => c.group === group && c.time <= t).sort((a, b) => b.time - a.time)[0]?.survival ?? NaN;
      const bands = lifeTableCurves((await lifeTableCounts(wh.connection)).filter(top));
      const ltAt = (group: string, t: number) =>
        bands.find((c) => c.group === group && c.time_end === t)?.survival ?? NaN;
      return {
        intake: TIMES.map((t) => kmAt("with", t) - kmAt("without", t)),
        landmark: TIMES.map((t) => ltAt("with", t) - ltAt("without", t))
      };
    } finally {
      wh.close();
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

const pp = (x: number) => (100 * x).toFixed(1);
const lines = [
  "# Side study: immortal time in the retention curves",
  "",
  `Command: \`npx tsx validation/curve-immortal-time.ts ${seeds} ${enrolments}\` (${new Date().toISOString().slice(0, 10)}). No planted mentor effect; survival with minus without an intake mentor (all programmes, all intakes), in percentage points, at days ${TIMES.join(" and ")}. Lift = gap with the generator's mentor delays − gap with every mentor starting at the intake (the part of the gap the delays create).`,
  "",
  "- from intake: Kaplan-Meier from day 0, with = any intake mentorship (the researcher export's survival table; how the site's curves were drawn before);",
  "- landmark: the site's life tables, survival from day 42 among those still enrolled then, with = an intake mentorship (most mentors have started by day 42; a later one is credited with the days from 42 to its start).",
  "",
  `| seed | ${TIMES.map((t) => `lift day ${t}, from intake`).join(" | ")} | ${TIMES.map((t) => `lift day ${t}, landmark`).join(" | ")} | ${TIMES.map((t) => `gap day ${t}, landmark, delays`).join(" | ")} |`,
  `|--:|${"--:|".repeat(3 * TIMES.length)}`
];
const lifts: {intake: number[]; landmark: number[]}[] = [];
for (let s = 0; s < seeds; s++) {
  const seed = 7101 + s;
  const withDelays = await gaps(seed, true);
  const without = await gaps(seed, false);
  const lift = {
    intake: withDelays.intake.map((g, i) => g - without.intake[i]),
    landmark: withDelays.landmark.map((g, i) => g - without.landmark[i])
  };
  lifts.push(lift);
  lines.push(
    `| ${seed} | ${lift.intake.map(pp).join(" | ")} | ${lift.landmark.map(pp).join(" | ")} | ${withDelays.landmark.map(pp).join(" | ")} |`
  );
}
const mean = (k: "intake" | "landmark") => TIMES.map((_, i) => lifts.reduce((a, l) => a + l[k][i], 0) / lifts.length);
lines.push(
  "",
  `Mean lift of the "with mentor" curve: from intake ${TIMES.map((t, i) => `${pp(mean("intake")[i])} pp at day ${t}`).join(", ")}; landmark ${TIMES.map((t, i) => `${pp(mean("landmark")[i])} pp at day ${t}`).join(", ")}.`
);
console.log(lines.join("\n"));
