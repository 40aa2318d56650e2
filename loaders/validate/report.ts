/**
 * The simulation study's report (Markdown): setup, the issue's targets with
 * met / not met, and one table per estimate (adjusted and naive) of the
 * performance measures in metrics.ts.
 */
import {PHASES, SCHEME_TYPES} from "../contract/contract.ts";
import {RISK_BANDS} from "../risk-bands.ts";
import {performance, type Performance} from "./metrics.ts";
import {SCENARIO_BANDS, SCENARIO_KEY, SCENARIO_MENTEES} from "./risk-bands.ts";
import type {EstimateRecord, SeedResult} from "./seed.ts";

export type Method = "adjusted" | "naive";
export const METHODS: readonly Method[] = ["adjusted", "naive"];

/** Estimate keys in report order. */
export const ESTIMATE_KEYS: readonly string[] = [
  "overall",
  ...SCHEME_TYPES.map((t) => `type:${t}`),
  ...PHASES.map((p) => `phase:${p}`),
  ...RISK_BANDS.map((b) => `band:${b}`),
  SCENARIO_KEY
];

/**
 * The fixed keys and the risk-group keys present in the results ("group:<type>:<bands>"): a type's groups are
 * formed from its mentees per band in each data set, so a group's seeds are those that formed it.
 */
export function estimateKeys(results: readonly SeedResult[]): string[] {
  const groups = [...new Set(results.flatMap((r) => r.estimates.map((e) => e.key)))].filter((k) =>
    k.startsWith("group:")
  );
  const order = (k: string) => `${SCHEME_TYPES.indexOf(k.split(":")[1] as (typeof SCHEME_TYPES)[number])}|${k}`;
  groups.sort((a, b) => order(a).localeCompare(order(b)));
  const i = ESTIMATE_KEYS.indexOf(SCENARIO_KEY);
  return [...ESTIMATE_KEYS.slice(0, i), ...groups, ...ESTIMATE_KEYS.slice(i)];
}

export function estimateLabel(key: string): string {
  if (key === "overall") return "Overall (all mentees, dropout ever)";
  if (key.startsWith("type:")) return `Scheme type ${key.slice(5)} (dropout ever)`;
  if (key.startsWith("phase:")) return `Transition point ${key.slice(6)} (hazard difference, all mentors)`;
  if (key.startsWith("band:")) return `Baseline-risk band ${key.slice(5)} (all mentees, dropout ever)`;
  if (key.startsWith("group:")) {
    const [, type, bands] = key.split(":");
    return `Scheme type ${type}, risk band${bands.includes("-") ? "s" : ""} ${bands.replace("-", "–")} (dropout ever)`;
  }
  if (key === SCENARIO_KEY)
    return `Scenario: ${SCENARIO_MENTEES} extra mentees in bands ${SCENARIO_BANDS.join(", ")} (dropouts prevented)`;
  return key;
}

/** Unit of an estimate in the report: risk differences in percentage points, the scenario in students. */
export function unitOf(key: string): {scale: number; label: string} {
  return key === SCENARIO_KEY ? {scale: 1, label: "students"} : {scale: 100, label: "pp"};
}

/** The issue's targets: adjusted |bias| ≤ 0.3 SE and 90% ≤ coverage ≤ 98%, over ≥ 20 seeds at ≥ 200,000 enrolments. */
export const TARGETS = {
  maxBiasInSe: 0.3,
  coverage: [0.9, 0.98] as [number, number],
  minSeeds: 20,
  minEnrolments: 200_000
};

/** Performance of one method of one estimate over the seeds. */
export function performanceOf(results: readonly SeedResult[], key: string, method: Method): Performance {
  return performance(
    results.map((r) => {
      const e = r.estimates.find((x) => x.key === key);
      return e
        ? {estimate: e[method], lower: e[`${method}_lower`], upper: e[`${method}_upper`], truth: e.truth}
        : {estimate: null, lower: null, upper: null, truth: null};
    })
  );
}

export interface TargetCheck {
  key: string;
  what: string;
  met: boolean | null;
  detail: string;
}

const pp = (x: number | null, digits = 2, scale = 100) => (x === null ? "–" : (scale * x).toFixed(digits));
const fx = (x: number | null, digits = 2) => (x === null ? "–" : x.toFixed(digits));
const rel = (x: number | null) => (x === null ? "–" : `${x > 0 ? "+" : ""}${(100 * x).toFixed(0)}%`);
const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(0)}%`);

/** The targets, per estimate: the adjusted estimate's bias and coverage, and the naive estimate's selection bias. */
export function checkTargets(results: readonly SeedResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const key of estimateKeys(results)) {
    const a = performanceOf(results, key, "adjusted");
    if (a.n === 0) continue;
    const biasOk = a.biasInSe === null ? null : Math.abs(a.biasInSe) <= TARGETS.maxBiasInSe;
    const covOk = a.coverage === null ? null : a.coverage >= TARGETS.coverage[0] && a.coverage <= TARGETS.coverage[1];
    const u = unitOf(key);
    checks.push({
      key,
      what: "adjusted: |mean bias| ≤ 0.3 SE",
      met: biasOk,
      detail: `${fx(a.biasInSe)} (${pp(a.bias, 2, u.scale)} ± ${pp(a.biasMcse, 2, u.scale)} ${u.label})`
    });
    checks.push({
      key,
      what: "adjusted: coverage 90–98%",
      met: covOk,
      detail: `${pct(a.coverage)} (${a.covered}/${a.n}) [${pct(a.coverageLower)}, ${pct(a.coverageUpper)}]`
    });
  }
  // The planted selection: mentors go to higher-risk students, so the naive difference is less favourable (higher) than the truth.
  for (const key of ["overall", ...SCHEME_TYPES.map((t) => `type:${t}`)]) {
    const n = performanceOf(results, key, "naive");
    if (n.n === 0) continue;
    const met = n.bias === null || n.biasMcse === null ? null : n.bias - 1.959964 * n.biasMcse > 0;
    checks.push({
      key,
      what: "naive: biased towards no benefit (bias > 0 beyond Monte Carlo error)",
      met,
      detail: `${pp(n.bias)} ± ${pp(n.biasMcse)} (${fx(n.biasInSe)} SE)`
    });
  }
  return checks;
}

export interface ReportMeta {
  command: string;
  date: string;
  machine: {cpus: number; model: string; memoryGiB: number; node: string};
  enrolments: number;
  jobs: number;
  seconds: number;
  rawPath: string;
  effectScale?: number;
  mentorDelays?: boolean;
}

function table(results: readonly SeedResult[], key: string): string {
  const {scale, label: u} = unitOf(key);
  const v = (x: number | null) => pp(x, 2, scale);
  const lines = [
    `| method | seeds | mean truth (${u}) | mean estimate (${u}) | bias (${u}) | bias / SE | mean z | SD(z) | SE bias | SE bias (spread) | coverage [Wilson 95%] | mean width (${u}) |`,
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  ];
  for (const m of METHODS) {
    const p = performanceOf(results, key, m);
    lines.push(
      `| ${m} | ${p.n} | ${v(p.meanTruth)} | ${v(p.meanEstimate)} | ${v(p.bias)} ± ${v(p.biasMcse)} | ${fx(p.biasInSe)} | ${fx(p.meanZ)} | ${fx(p.sdZ)} | ${rel(p.seBias)} | ${rel(p.seBiasSpread)} | ${pct(p.coverage)} [${pct(p.coverageLower)}, ${pct(p.coverageUpper)}] | ${v(p.meanWidth)} |`
    );
  }
  return lines.join("\n");
}

const mark = (met: boolean | null) => (met === null ? "n/a" : met ? "met" : "**not met**");

export function renderReport(results: readonly SeedResult[], meta: ReportMeta): string {
  const seeds = results.map((r) => r.seed);
  const versions = [...new Set(results.map((r) => r.generator_version))].join(", ");
  const sources = new Set(results.flatMap((r) => r.estimates.map((e: EstimateRecord) => e.truth_source)));
  const mean = (f: (r: SeedResult) => number) => results.reduce((a, r) => a + f(r), 0) / Math.max(1, results.length);
  const bigEnough = results.length >= TARGETS.minSeeds && meta.enrolments >= TARGETS.minEnrolments;
  const checks = checkTargets(results);
  const out: string[] = [];
  out.push("# Validation: simulation study of the effect estimates", "");
  out.push(
    "Each seed is a fresh synthetic data set (`loaders/synth/generate.ts`) with planted mentor effects, ingested like real data and analysed by the same functions the summary uses " +
      '(`overallEffect` and `schemeTypeEffects` at horizon "ever", `phaseEffects` rows for all mentors), without the privacy gate (which only hides values). ' +
      "Every estimate is compared with the truth of its own data set. Written by `npm run validate` (`loaders/cli/validate.ts`); formulas in `loaders/validate/metrics.ts` " +
      "(Morris, White & Crowther 2019, Stat Med 38:2074).",
    ""
  );
  out.push("## Setup", "");
  out.push(`- Command: \`${meta.command}\``);
  out.push(`- Date: ${meta.date}`);
  out.push(
    `- Machine: ${meta.machine.cpus} × ${meta.machine.model}, ${meta.machine.memoryGiB} GiB memory, Node ${meta.machine.node}`
  );
  const asked = [
    meta.effectScale !== undefined ? `effect scale ${meta.effectScale}` : null,
    meta.mentorDelays === false ? "no mentor delays" : null
  ].filter((x) => x !== null);
  // effectScale / mentorDelays are options of the generator after 1.1.0, which ignores them
  const ignored = asked.length > 0 && results.some((r) => r.generator_version === "1.1.0");
  out.push(
    `- Generator version: ${versions}${asked.length ? `, ${asked.join(", ")}${ignored ? " (asked for, but generator 1.1.0 has no such options and ignores them)" : ""}` : ""}`
  );
  out.push(
    `- Seeds: ${seeds.length} (${seeds.length ? `${Math.min(...seeds)}–${Math.max(...seeds)}` : "none"}), ${meta.enrolments.toLocaleString("en")} enrolments each, ${meta.jobs} parallel job(s)`
  );
  out.push(
    `- Time: ${(meta.seconds / 60).toFixed(1)} min wall clock; per seed on average ${mean((r) => r.seconds.generate).toFixed(1)} s generating, ${mean((r) => r.seconds.ingest).toFixed(1)} s ingesting, ${mean((r) => r.seconds.analysis).toFixed(1)} s analysing`
  );
  out.push(`- Raw per-seed results (one JSON line per seed): \`${meta.rawPath}\``);
  out.push(
    `- Truth: ${
      sources.has("legacy")
        ? '**fallback** — this generator\'s truth.json has no `estimands`, so the truth is the old `mentored_population` fields: for the "ever" estimates the risk difference of the mentees with intake 2014–2020, uncensored ' +
          "(the estimates cover the mature cohorts: intake at least the maturity horizon before the data date, i.e. up to about September 2021, with dropouts counted by the data date); " +
          "for the transition points the hazards of all mentees of every intake year (the estimates: mature cohorts only, mentor at the phase start). " +
          "These only approximate what the estimates estimate, so biases below may partly be this mismatch; the verdicts are provisional until the generator writes `truth.estimands`."
        : "`truth.estimands` — Σ(dropped with − dropped without) / Σ n over the intake years the estimate covers; phases: pooled hazard with − pooled hazard without over the mature intake years (`loaders/validate/truth.ts`)."
    }`
  );
  if (results.some((r) => r.estimates.some((e) => e.key.startsWith("band:"))))
    out.push(
      '- Baseline-risk bands: `riskBandEffects` (all mentees per band 1–5) and `riskGroupEffects` (each scheme type per risk group: contiguous bands holding at least 20 × k of the type’s mentees, formed per data set), "ever". ' +
        "Truth: `truth.estimands.risk_cells` (the mature mentees' counts per covariate cell of the risk model and scheme type) classified into bands by the model fitted on the same data set, " +
        "with the product's own SQL (`riskSql`, `bandSql`), then Σ(dropped with − dropped without) / Σ n per band or type × group (`loaders/validate/risk-bands.ts`); each record also checks that truth and estimate count the same mentees. " +
        `Scenario: ${SCENARIO_MENTEES} extra mentees over bands ${SCENARIO_BANDS.join(", ")} in proportion to each band's students without a mentor (mature cohorts); ` +
        "estimate = dropouts prevented by `preventedEvents` with the estimated band effects (Wald interval from the bands' intervals), truth = the same allocation times the true band effects (the mentees' own effect in each band, in students)."
    );
  const counted = results.flatMap((r) => r.estimates.filter((e) => e.truth_n !== undefined && e.truth_n !== null));
  if (counted.length) {
    const off = counted.filter((e) => e.truth_n !== e.n);
    out.push(
      `- Mentees behind estimate and truth (band and group records): ${off.length === 0 ? `the same in all ${counted.length}` : `**different in ${off.length} of ${counted.length}** (${[...new Set(off.map((e) => e.key))].join(", ")})`}.`
    );
  }
  out.push(
    "- Benchmark O/E (schools against their student mix): not studied — the generator plants school effects on the hazard scale but no observed/expected ratio, so it has no well-defined truth."
  );
  out.push(
    "- Standard error of an estimate: (upper − lower) / (2 · 1.959964) from its 95% interval. The naive phase intervals are Newcombe's (asymmetric), so their SEs are approximate.",
    ""
  );
  out.push("## Targets", "");
  out.push(
    `Targets from the issue: for every adjusted estimate |mean bias| ≤ 0.3 SE and coverage of the 95% interval between 90% and 98%, over ≥ ${TARGETS.minSeeds} seeds at ≥ ${TARGETS.minEnrolments.toLocaleString("en")} enrolments; the naive estimate shows the planted selection bias (mentors go to higher-risk students, so naive − truth > 0).`
  );
  const k = results.length;
  if (k > 0) {
    out.push(
      "",
      `Monte Carlo precision with ${k} seeds: the mean z (= bias / SE when the SEs vary little) has a Monte Carlo SE of about 1/√${k} = ${(1 / Math.sqrt(k)).toFixed(2)}, ` +
        `so a bias within ±0.3 SE cannot be told from one of ${(0.3 + 1.96 / Math.sqrt(k)).toFixed(2)} SE; coverage moves in steps of ${(100 / k).toFixed(0)}%, and at a true 95% all ${k} intervals cover with probability ${(100 * 0.95 ** k).toFixed(0)}% ` +
        '(a "not met" for coverage 100% is then no evidence against the intervals). Read the verdicts with the Monte Carlo SEs and Wilson intervals beside them.'
    );
  }
  if (!bigEnough)
    out.push(
      "",
      `**This study is smaller than the targets ask for (${results.length} seeds × ${meta.enrolments.toLocaleString("en")} enrolments): the verdicts below are indicative only.**`
    );
  const find = (key: string, prefix: string) => checks.find((c) => c.key === key && c.what.startsWith(prefix));
  out.push(
    "",
    "| estimate | adjusted bias / SE (pp ± MCSE) | within ±0.3 SE | adjusted coverage [Wilson 95%] | 90–98% | naive bias pp ± MCSE | selection bias shown |",
    "|---|--:|---|--:|---|--:|---|"
  );
  for (const key of estimateKeys(results)) {
    const bias = find(key, "adjusted: |");
    if (!bias) continue;
    const cov = find(key, "adjusted: coverage")!;
    const naive = find(key, "naive");
    out.push(
      `| ${estimateLabel(key)} | ${bias.detail} | ${mark(bias.met)} | ${cov.detail} | ${mark(cov.met)} | ${naive ? naive.detail : "–"} | ${naive ? mark(naive.met) : "–"} |`
    );
  }
  const adjusted = checks.filter((c) => c.what.startsWith("adjusted"));
  out.push(
    "",
    `Adjusted: ${adjusted.filter((c) => c.met).length} of ${adjusted.length} checks met. Naive selection bias: ${checks.filter((c) => c.what.startsWith("naive") && c.met).length} of ${checks.filter((c) => c.what.startsWith("naive")).length} estimates.`,
    ""
  );
  out.push("## Estimates", "");
  out.push(
    "pp = percentage points (risk differences with minus without mentor; negative = fewer dropouts with a mentor). Bias = mean(estimate − truth) ± its Monte Carlo SE; bias / SE in units of the mean SE; z = (estimate − truth) / SE; SD(z) ≈ 1 when the SEs are right; SE bias = mean SE / empirical SD of (estimate − truth) − 1; SE bias (spread) = mean SE / SD of the estimates − 1. " +
      "Each seed's truth is that data set's own effect on its mentees (both arms simulated on the same random draws), so estimate − truth leaves out the part of the mentees' own outcome noise that the truth shares with the estimate: " +
      "an SE that is right for the population effect is then too large for SE bias (SD(z) < 1, coverage above 95%). SE bias (spread) compares with the spread of the estimates, the SE's target for the population effect.",
    ""
  );
  const empty: string[] = [];
  for (const key of estimateKeys(results)) {
    if (!results.some((r) => r.estimates.some((e) => e.key === key))) continue;
    if (METHODS.every((m) => performanceOf(results, key, m).n === 0)) {
      empty.push(key);
      continue;
    }
    out.push(`### ${estimateLabel(key)}`, "", table(results, key), "");
  }
  if (empty.length)
    out.push(
      `No seed has an estimate with an interval and a truth for: ${empty.map((k) => estimateLabel(k)).join("; ")} (no mentees there, or no comparison students).`,
      ""
    );
  return out.join("\n");
}
