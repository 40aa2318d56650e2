/**
 * How close the researcher export's survival curves (daily table merged into publishable
 * intervals, `coarsenSurvivalTable`, estimate on the merged table) are to the exact Kaplan-Meier
 * curve of the daily table, over many groups of synthetic warehouses: the absolute difference at
 * 1, 2 and 5 years and its maximum over all days, by group size; and the maximum over the days
 * outside intervals flagged `wide_step` (the bound the export's README states).
 *
 * Cohorts: every programme over 2015-2019, every single institution, and single intake years of
 * EUD (small groups: the scheme-type curves of these cohorts hold 10 to a few hundred people).
 *
 *   npx tsx validation/export-curves.ts [seeds=3] [enrolments=30000] [k=5]   (results: validation/export-curves.md)
 */
import {retentionCurves} from "../loaders/analysis/transitions.ts";
import {dailyCounts, stepDeviation, WIDE_STEP} from "../loaders/export/coarsen.ts";
import {parseCohort} from "../loaders/export/cohort-args.ts";
import {publishableCurve} from "../loaders/export/tables.ts";
import {openWarehouse} from "../loaders/warehouse.ts";
import {makeWarehouse} from "../test/export/helpers.ts";

const seeds = Number(process.argv[2] ?? 3);
const enrolments = Number(process.argv[3] ?? 30_000);
const k = Number(process.argv[4] ?? 5);
const DAYS = [365, 730, 1826];
const COHORTS = [
  ...["EUD", "EUX", "HHX", "HTX", "STX", "HF"].map((p) => `years=2015-2019;programme=${p}`),
  ...Array.from({length: 8}, (_, i) => `institution=I0${i + 1}`),
  ...[2016, 2018, 2020].map((y) => `years=${y};programme=EUD`)
];
const BANDS: [string, number, number][] = [
  ["10–19", 10, 20],
  ["20–39", 20, 40],
  ["40–60", 40, 61],
  ["61–150", 61, 151],
  ["151–500", 151, 501],
  ["501–2000", 501, 2001],
  ["> 2000", 2001, Infinity]
];

interface Result {
  n: number;
  at: number[];
  max: number;
  maxUnflagged: number;
  flaggedRows: number;
  rows: number;
  flaggedAt: boolean[];
}
const results: Result[] = [];
const worst: {cohort: string; seed: number; group: string; n: number; max: number; maxUnflagged: number}[] = [];

for (let seed = 1; seed <= seeds; seed++) {
  const wh = await makeWarehouse(enrolments, seed);
  const w = await openWarehouse(wh.db);
  try {
    for (const cohort of COHORTS) {
      const {filters} = parseCohort(cohort);
      let curves;
      try {
        curves = (await retentionCurves(w.connection, filters)).curves.filter(
          (c) => c.programme === "all" && c.main_area === "all" && c.period === "all"
        );
      } catch {
        continue; // a cohort this warehouse has nobody in
      }
      const groups = new Map<string, typeof curves>();
      for (const c of curves) groups.set(`${c.set}|${c.group}`, [...(groups.get(`${c.set}|${c.group}`) ?? []), c]);
      for (const [group, list] of groups) {
        const daily = dailyCounts(list);
        const published = publishableCurve(daily, k);
        if (published === null || published.length === 0) continue;
        const wide = published.map((r) => r.wide_step);
        const times = published.map((r) => r.time);
        // the interval holding a day: the first row whose time is on or after it; after the last row's
        // time, the last row (its censorings run to the end of follow-up)
        const flagged = (day: number) => {
          const i = times.findIndex((t) => t >= day);
          return wide[i >= 0 ? i : wide.length - 1];
        };
        const curve = published.map((r) => ({time: r.time, survival: r.survival as number}));
        const dev = stepDeviation(daily, curve, DAYS);
        const unflagged = stepDeviation(daily, curve, [], (day) => !flagged(day));
        const n = daily[0].at_risk;
        results.push({
          n,
          at: dev.at,
          max: dev.max,
          maxUnflagged: unflagged.max,
          flaggedRows: wide.filter(Boolean).length,
          rows: wide.length,
          flaggedAt: DAYS.map(flagged)
        });
        worst.push({cohort, seed, group, n, max: dev.max, maxUnflagged: unflagged.max});
      }
    }
  } finally {
    w.close();
    wh.cleanup();
  }
}

const pp = (x: number) => (100 * x).toFixed(1);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
console.log(
  `# Published vs exact Kaplan-Meier (k = ${k}, ${seeds} seeds × ${enrolments} enrolments, ${COHORTS.length} cohorts, wide_step when a row drops > ${pp(WIDE_STEP)} pp)`
);
console.log("");
console.log(
  "Absolute difference in percentage points: median / 95th percentile / max over groups; at days 365, 730, 1826 and over all days; last column: max over the days outside `wide_step` intervals."
);
console.log("");
console.log("| group size | curves | rows flagged | 1 year | 2 years | 5 years | all days | all days, unflagged |");
console.log("|---|---|---|---|---|---|---|---|");
for (const [label, lo, hi] of BANDS) {
  const rs = results.filter((r) => r.n >= lo && r.n < hi);
  if (!rs.length) continue;
  const cell = (xs: number[]) => `${pp(quantile(xs, 0.5))} / ${pp(quantile(xs, 0.95))} / ${pp(Math.max(...xs))}`;
  const flaggedRows = rs.reduce((s, r) => s + r.flaggedRows, 0);
  const rows = rs.reduce((s, r) => s + r.rows, 0);
  console.log(
    `| ${label} | ${rs.length} | ${flaggedRows} of ${rows} | ${DAYS.map((_, i) => cell(rs.map((r) => r.at[i]))).join(" | ")} | ${cell(rs.map((r) => r.max))} | ${cell(rs.map((r) => r.maxUnflagged))} |`
  );
}
const unflaggedAt = results.flatMap((r) => r.at.filter((_, i) => !r.flaggedAt[i]));
console.log("");
console.log(
  `Over all ${results.length} curves: max difference at 1/2/5 years on a day not in a flagged interval ${pp(Math.max(...unflaggedAt))} pp; max over all unflagged days ${pp(Math.max(...results.map((r) => r.maxUnflagged)))} pp.`
);
console.log("");
console.log("Largest differences over all days:");
for (const x of worst.sort((a, b) => b.max - a.max).slice(0, 5))
  console.log(`- ${x.cohort} (seed ${x.seed}) ${x.group}, n = ${x.n}: ${pp(x.max)} pp`);
console.log("");
console.log("Largest differences outside flagged intervals:");
for (const x of worst.sort((a, b) => b.maxUnflagged - a.maxUnflagged).slice(0, 5))
  console.log(`- ${x.cohort} (seed ${x.seed}) ${x.group}, n = ${x.n}: ${pp(x.maxUnflagged)} pp`);
