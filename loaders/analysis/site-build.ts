/**
 * Everything the site publishes, computed in one pass and gated in one privacy registry (so no table can
 * be subtracted from another; the baseline-risk tables in a second, sealed after the first with its cells
 * frozen), then audited as a whole (privacy/seal.ts): the JSON of every src/data
 * loader. The gate specs are in gate-specs.ts, the computed prose in site-prose.ts, and the cache that
 * runs this once per site key in site-cache.ts.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {basename, join} from "node:path";
import {PHASE_CUTOFFS} from "../contract/contract.ts";
import {publish, PublicationRegistry, type CountColumn, type Value} from "../privacy/index.ts";
import {mergeSealReports, sealRegistry, type SealReport} from "../privacy/seal.ts";
import {earlierCells} from "../privacy/earlier.ts";
import {loggedPublications, recordCells, type SiteRecord} from "../privacy/record.ts";
import type {ModelContext} from "../privacy/model.ts";
import {filterPredicate} from "./filters.ts";
import {query} from "../warehouse.ts";
import {institutionBenchmark, placeInFunnel} from "./benchmark.ts";
import {GROUP_SQL, mentorComparison} from "./comparisons.ts";
import {
  overallEffect,
  riskBandEffects,
  riskGroupEffects,
  riskBandReach,
  schemeEffects,
  schemeTypeEffects,
  SELECTION_CAVEAT,
  withNumberNeeded
} from "./effects.ts";
import {riskOf} from "./risk.ts";
import {riskCalibration} from "./risk-calibration.ts";
import {menteesPerFte, scenarioPools} from "./scenario.ts";
import {dataInfo, ingestLog} from "./meta.ts";
import {externalEvidence} from "./external.ts";
import {sliceOutcomes} from "./outcome-counts.ts";
import {processOutcomes, schemeFacts} from "./scheme-process.ts";
import {horizons} from "../horizons.ts";
import {followUpWords} from "./notice.ts";
import {BENCHMARK_STRATA, EFFECT_STRATA, prepareBase} from "./sql/base.ts";
import {
  curveLogRank,
  lifeTableCounts,
  lifeTableCurves,
  phaseEffects,
  stageHazardTable,
  stageTiming
} from "./transitions.ts";
import {curveCountsSpec} from "./curve-bands.ts";
import type {
  BenchmarkJson,
  CohortsJson,
  CurveBand,
  EffectRow,
  ExternalJson,
  HazardRow,
  MethodsJson,
  RiskBandReachRow,
  ScenarioJson,
  ScenarioPoolRow,
  LogRankRow,
  OverviewJson,
  PhaseEffectRow,
  SchemesJson,
  SliceJson,
  SliceOutcomeRow,
  TransitionsJson
} from "./types.ts";
import {detailMin, sliceDetail} from "./detail.ts";
import {
  allSlices,
  MAIN_AREA_SLUGS,
  periodsOf,
  PROGRAMME_CHOICES,
  sliceKey,
  type IntakePeriod,
  type SliceId
} from "./slices.ts";
import {
  bandEffectSpec,
  calibrationSpec,
  comparisonSpec,
  effectSpec,
  hazardSpec,
  matureStudentsSpec,
  outcomeCountsSpec,
  rateCols,
  withoutTotals
} from "./gate-specs.ts";
import {EXTERNAL_NOTE, suppressionText, TRANSITION_NOTES} from "./site-prose.ts";

/** Rows as columns (column → values): far fewer bytes for long tables; hidden values stay null. */
function byColumn<R extends object>(rows: readonly R[]): {[K in Exclude<keyof R, "suppressed">]-?: R[K][]} {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== "suppressed") as (keyof R)[];
  return Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c] ?? null)])) as {
    [K in Exclude<keyof R, "suppressed">]-?: R[K][];
  };
}

/** Rows of each slice's file. */
function splitSlices(
  ids: (SliceId & {groups: SliceJson["groups"]})[],
  parts: {hazards: HazardRow[]; outcomes: SliceOutcomeRow[]; curves: CurveBand[]; log_rank: LogRankRow[]}
): Record<string, SliceJson> {
  const out: Record<string, SliceJson> = {};
  for (const id of ids)
    out[sliceKey(id)] = {key: sliceKey(id), ...id, hazards: [], outcomes: [], curves: [], log_rank: []};
  for (const [name, rows] of Object.entries(parts) as [keyof typeof parts, SliceId[]][]) {
    for (const r of rows) {
      const slice = out[sliceKey(r)];
      if (!slice) throw new Error(`${name}: a row outside every slice (${JSON.stringify(r)})`);
      // the slice is named once in the file, not on every row
      const {programme: _p, main_area: _a, period: _y, ...rest} = r;
      (slice[name] as unknown[]).push(rest);
    }
  }
  return out;
}

export interface SiteData {
  overview: OverviewJson;
  /** One file per slice (written to src/generated/slices/ by loaders/site/slice-module.ts), keyed by `sliceKey`. */
  slices: Record<string, SliceJson>;
  transitions: TransitionsJson;
  schemes: SchemesJson;
  benchmark: BenchmarkJson;
  cohorts: CohortsJson;
  external: ExternalJson;
  methods: MethodsJson;
  scenario: ScenarioJson;
  /** Every count as published and hidden (privacy/record.ts): private, kept beside the warehouse for the audit of later exports; never a page. */
  record: SiteRecord;
  /** The `siteKey` these data were computed for. */
  key: string;
}

/** The privacy model's context (privacy/model.ts): the site's intake periods (years of each key) and the schemes' types. */
export async function modelContext(con: DuckDBConnection, periods: readonly IntakePeriod[]): Promise<ModelContext> {
  return {
    periods: Object.fromEntries(
      periods.map((p) => [p.key, Array.from({length: p.to - p.from + 1}, (_, i) => String(p.from + i))])
    ),
    schemes: Object.fromEntries(
      (await query<{scheme_id: string; scheme_type: string}>(con, "SELECT scheme_id, scheme_type FROM schemes")).map(
        (r) => [r.scheme_id, r.scheme_type]
      )
    ),
    matureDays: (await dataInfo(con)).mature_days
  };
}

/** Compute and gate everything the site publishes. */
export async function buildSite(con: DuckDBConnection): Promise<Omit<SiteData, "key">> {
  const registry = new PublicationRegistry();
  const meta = await dataInfo(con);
  const base = await prepareBase(con);
  const k = meta.min_cell;

  // Headline (coarsest first).
  // students = those who started; no-shows (withdrew before the start) are counted apart and in no rate
  const [head] = await query<{
    students: number;
    mentored: number;
    mentored_intake: number;
    mentored_workplace: number;
    no_shows: number;
  }>(
    con,
    `
    SELECT count(*) AS students, count(*) FILTER (WHERE mentor_any) AS mentored,
      count(*) FILTER (WHERE mentor_intake) AS mentored_intake, count(*) FILTER (WHERE mentor_workplace) AS mentored_workplace,
      (SELECT count(*) FROM ${base.noShows}) AS no_shows
    FROM ${base.enrol}`
  );
  const [headline] = publish([head], {
    table: "headline",
    registry,
    counts: [
      {column: "students", measure: "enrolments"},
      {column: "mentored", measure: "enrolments_mentored", of: "students"},
      {column: "mentored_intake", measure: "enrolments_mentored_intake", of: "mentored"},
      {column: "mentored_workplace", measure: "enrolments", at: {scheme_type: "workplace"}, of: "mentored"},
      {column: "no_shows", measure: "no_shows"}
    ]
  });

  // Effects: overall + scheme types + schemes.
  const typeEver = await schemeTypeEffects(con, {horizon: "ever"});
  const short = meta.short_horizon; // the benchmark's and the trend's horizon, shortened when the data are (meta.ts)
  const typeYear = await schemeTypeEffects(con, {horizon: short});
  const effectRows: EffectRow[] = [
    await overallEffect(con, {horizon: "ever"}),
    ...typeEver,
    await overallEffect(con, {horizon: short}),
    ...typeYear,
    ...(await schemeEffects(con, {horizon: "ever"})),
    ...(await schemeEffects(con, {horizon: short}))
  ];
  const effects = publish(effectRows, effectSpec("effects", registry));
  const overviewEffects = effects.filter((e) => e.level !== "scheme" && e.horizon === "ever");

  // Benchmark institutions before the by-institution comparisons (keep n per institution).
  const bench = await institutionBenchmark(con, {horizon: short, minSchemeMentees: k});
  const benchRows = publish(bench.institutions, {
    table: "benchmark",
    registry,
    labels: [
      "institution_id",
      "name",
      "profile",
      "main_areas",
      "size_band",
      "peer_group",
      "peer_basis",
      "peers",
      "schemes"
    ],
    cellDims: (r) => ({institution: r.institution_id as string}),
    counts: [
      {column: "n", measure: `enrolments@${bench.horizon}`},
      {column: "dropped", measure: `dropout@${bench.horizon}`, of: "n"}
    ],
    derived: {
      ...Object.fromEntries(
        [...rateCols("rate"), ...rateCols("oe"), "adjusted_rate", "funnel_position"].map((c) => [c, ["n", "dropped"]])
      ),
      // the expected number and the funnel's limits at it depend on the student mix, not on the school's dropouts
      ...Object.fromEntries(
        ["expected", "expected_rate", "limit95_lower", "limit95_upper", "limit998_lower", "limit998_upper"].map((c) => [
          c,
          ["n"]
        ])
      )
    }
  });

  // Comparisons: overview (overall, intake year) then benchmark page (programme, main area, institution).
  const comparisons = await mentorComparison(con);
  const groupSizes = new Map(
    (
      await query<{key: string; n: number}>(
        con,
        Object.entries(GROUP_SQL)
          .map(([d, g]) => `SELECT '${d}|' || ${g} AS key, count(*) AS n FROM ${base.enrol} GROUP BY ALL`)
          .join(" UNION ALL ")
      )
    ).map((r) => [r.key, r.n])
  );
  const complete = new Set(
    comparisons
      .filter((r) => r.n_with! + r.n_without! === groupSizes.get(`${r.dimension}|${r.group}`))
      .map((r) => `${r.dimension}|${r.group}|${r.horizon}`)
  );
  // only what the pages show (the overview's raw rates and first-year trend, the benchmark's all-institutions row):
  // completions and other horizons by intake year only gave the audit small cells to protect with the headline
  const overviewComparisons = publish(
    comparisons.filter(
      (r) =>
        r.measure === "dropout" &&
        ((r.dimension === "overall" && (r.horizon === "ever" || r.horizon === bench.horizon)) ||
          (r.dimension === "intake_year" && r.horizon === bench.horizon))
    ),
    comparisonSpec("comparisons_overview", registry, complete)
  );
  // only what the benchmark page shows: every published figure is an equation for the attacker, so nothing is gated "just in case"
  // and only for institutions with enough students with and without a mentor to compare (detail.ts): a group of a few
  // dozen is mostly small counts, which cost more hidden figures elsewhere than they show; the page says so
  const benchComparisons = publish(
    comparisons.filter(
      (r) =>
        r.dimension === "institution" &&
        r.measure === "dropout" &&
        r.horizon === bench.horizon &&
        r.n_with! >= detailMin(k) &&
        r.n_without! >= detailMin(k)
    ),
    comparisonSpec("comparisons_groups", registry, complete)
  );

  // Transition points. Slices of few students are published coarser (detail.ts): merged mentor groups, or not per period.
  const periods = await periodsOf(con, base.enrol);
  const sliceIds = allSlices(periods);
  const outcomesByType = await sliceOutcomes(con, periods);
  const detail = sliceDetail(sliceIds, outcomesByType, k);
  const detailOf = (r: SliceId) => detail.get(sliceKey(r))!;
  const hazards = publish(
    (await stageHazardTable(con, {}, {periods})).filter(
      (r) => detailOf(r).published && (detailOf(r).groups === "types" || r.scheme_type === "all")
    ),
    hazardSpec("hazards", registry)
  );
  const phaseRows = publish(await phaseEffects(con), {
    table: "phase_effects",
    registry,
    labels: ["phase", "scheme_type"],
    cellDims: (r): Record<string, Value> =>
      r.scheme_type === "all" ? {mentor: "with"} : {mentor: "with", scheme_type: r.scheme_type},
    counts: [
      {column: "entered_with", measure: (r: PhaseEffectRow) => `phase_entered:${r.phase}`},
      {column: "dropped_with", measure: (r: PhaseEffectRow) => `phase_dropped:${r.phase}`, of: "entered_with"},
      {column: "entered_without", measure: (r: PhaseEffectRow) => `phase_comparison:${r.phase}:${r.scheme_type}`},
      {
        column: "dropped_without",
        measure: (r: PhaseEffectRow) => `phase_comparison_dropped:${r.phase}:${r.scheme_type}`,
        of: "entered_without"
      }
    ] as CountColumn<PhaseEffectRow>[],
    derived: Object.fromEntries(
      [...rateCols("naive"), ...rateCols("adjusted"), "support_share"].map((c) => [
        c,
        ["entered_with", "dropped_with", "entered_without", "dropped_without"]
      ])
    )
  });
  // Baseline risk: the band effects, who is mentored in each band, the what-if page's pools, the model's calibration.
  // A registry of their own, sealed after the rest (below).
  const riskRegistry = new PublicationRegistry();
  const bandEffects = publish(await riskBandEffects(con), bandEffectSpec("band_effects", riskRegistry, "risk_band"));
  const groupEffects = publish(
    await riskGroupEffects(con, {minMentees: detailMin(k)}),
    bandEffectSpec("group_effects", riskRegistry, "risk_group")
  );
  const reach = publish(
    await riskBandReach(con),
    matureStudentsSpec<RiskBandReachRow>("band_reach", riskRegistry, ["risk_band", "scheme_type"])
  );
  const pools = publish(
    await scenarioPools(con),
    matureStudentsSpec<ScenarioPoolRow>("scenario_pools", riskRegistry, ["programme", "risk_band", "scheme_type"])
  );
  const calibration = publish(await riskCalibration(con), calibrationSpec("risk_calibration", riskRegistry));
  // Retention curves: life-table band counts through the counts gate, the curves and tests from the published counts only.
  // Curves for all intake years of each programme choice only: per period they were mostly hidden, and their tails,
  // linked to everything else, cost more hidden figures than they showed (see methods.disclosure)
  // (the workplace curves, from the placement start, for the whole population only: per programme and main area their
  // small groups pinned the workplace mentees' dropouts, and with them the headline effect)
  // (scheme-type curves only where the slice shows its groups one by one)
  const curveCounts = publish(
    (await lifeTableCounts(con, {}, {periods})).filter(
      (r) =>
        r.period === "all" &&
        detailOf(r).published &&
        (r.set !== "workplace" || (r.programme === "all" && r.main_area === "all")) &&
        (r.set !== "scheme_type" || detailOf(r).groups === "types")
    ),
    curveCountsSpec("curves", registry)
  );
  // Status per slice and mentor group (merged where the slice's groups are).
  const merged = await sliceOutcomes(con, periods, "mentor");
  const outcomes = publish(
    [
      ...outcomesByType.filter((r) => detailOf(r).groups === "types"),
      ...merged.filter((r) => detailOf(r).groups === "mentor")
    ].filter((r) => detailOf(r).published),
    {
      ...outcomeCountsSpec("slice_outcomes", registry),
      labels: ["programme", "main_area", "period", "scheme_type"],
      cellDims: (r) =>
        withoutTotals({
          programme_group: r.programme,
          main_area: r.main_area,
          period: r.period,
          ...(r.scheme_type === "with" || r.scheme_type === "without"
            ? {mentor: r.scheme_type}
            : {scheme_type: r.scheme_type})
        })
    }
  );
  const timing = publish(await stageTiming(con), {
    table: "stage_timing",
    registry,
    labels: ["phase"],
    cellDims: (r) => ({programme: r.programme as string, stage: r.stage as string}),
    counts: [{column: "entered", measure: "stage_starts"}],
    derived: {median_day: ["entered"], q1_day: ["entered"], q3_day: ["entered"]},
    dimensions: ["programme", "stage"]
  });

  // Schemes: facts and process.
  const facts = publish(await schemeFacts(con), {
    table: "scheme_facts",
    registry,
    labels: [
      "scheme_id",
      "name",
      "scheme_type",
      "host_institution_id",
      "host_name",
      "start_year",
      "funding",
      "mentor_fte",
      "target_hours_to_first_contact",
      "description"
    ],
    cellDims: (r) => ({scheme_id: r.scheme_id as string}),
    counts: [
      {column: "mentorships", measure: "mentorships"},
      {column: "within_target", measure: "mentorships_within_target", of: "mentorships", nullable: true},
      {column: "rematched", measure: "mentorships_rematched", of: "mentorships"}
    ],
    derived: {
      median_hours_to_contact: ["mentorships"],
      median_meetings_per_month: ["mentorships"],
      // shares are count / mentorships: hidden when either is (a share next to its count gives the denominator)
      within_target_share: ["within_target", "mentorships"],
      rematched_share: ["rematched", "mentorships"]
    }
  });
  const process = publish(await processOutcomes(con), {
    table: "process",
    registry,
    labels: ["scheme_type", "measure", "band", "scheme_id"],
    cellDims: (r) => ({scheme_id: r.scheme_id as string, [r.measure as string]: r.band as string}),
    counts: [
      {column: "n", measure: "process_mentorships"},
      {column: "dropped", measure: "process_dropouts", of: "n"}
    ],
    derived: Object.fromEntries(rateCols("rate").map((c) => [c, ["n", "dropped"]]))
  });

  const external = publish(await externalEvidence(con), {
    kind: "reference",
    table: "external",
    labels: ["programme_name", "scheme_type", "country", "year", "measure", "value", "source", "note"]
  });
  const log = (await ingestLog(con)).map((r) => ({...r, path: basename(r.path)}));
  const ingestRows = publish(log, {
    table: "ingest_log",
    registry,
    labels: ["path", "table", "sha256"],
    cellDims: (r) => ({path: r.path as string, table: r.table as string}),
    counts: [
      {column: "rows_read", measure: "ingest_rows"},
      {column: "rows_accepted", measure: "ingest_rows", at: {status: "accepted"}},
      {column: "rows_rejected", measure: "ingest_rows", at: {status: "rejected"}}
    ]
  }).map((r) => ({...r, path: r.path}));

  // Everything is published: model every count over the base cells, audit the hidden ones against all of it (and against the
  // researcher exports of these data published before, frozen), hide more until safe.
  const context = await modelContext(con, periods);
  const logged = await loggedPublications(
    con,
    meta.data_version === "unknown" ? null : meta.data_version,
    filterPredicate
  );
  const {scopes, external: exported} = earlierCells(null, logged, context);
  const coreAudit: SealReport = await sealRegistry(con, registry, {
    enrol: base.enrol,
    noShows: base.noShows,
    phases: base.phases,
    dataDate: meta.data_date,
    keep: ["headline", "effects", "benchmark", "comparisons_overview", "phase_effects"],
    // the overview's answer and its student counts: hidden only when nothing else can protect a cell
    never: ["effects", "headline"],
    context,
    external: exported,
    scopes,
    acceptPreconfined: true,
    // large figures the repair hid on the way are published again where that stays safe (what the pages are read for)
    release: detailMin(k)
  });
  // The baseline-risk tables second, with everything above frozen as published: risk bands are unions of covariate
  // cells across every other table, and sealed in one pass the repair protected their small cells by hiding the core
  // pages' figures (the retention curve without a mentor from 6 weeks on). Frozen, only their own cells can be hidden
  // further; the audit still covers every cell of both (and the earlier exports), and fails the build if that is not enough.
  const core = earlierCells(
    {data_version: meta.data_version, min_cell: k, built_at: "", cells: recordCells(registry)},
    logged,
    context
  );
  const riskAudit: SealReport = await sealRegistry(con, riskRegistry, {
    enrol: base.enrol,
    noShows: base.noShows,
    phases: base.phases,
    dataDate: meta.data_date,
    keep: ["band_effects"],
    context,
    external: core.external,
    scopes: core.scopes,
    acceptPreconfined: true,
    release: detailMin(k)
  });
  const audit = mergeSealReports(coreAudit, riskAudit);
  // the funnel from the published rows alone, after the seal (which may still hide cells of rows published earlier):
  // the limits, positions and the schools' spread then tell nothing about a hidden school's dropouts
  const benchFunnel = placeInFunnel(benchRows);
  // Curves and their tests from the counts as finally published (after the audit's extra suppression).
  const curves = lifeTableCurves(curveCounts);
  const logRankRows = publish(curveLogRank(curves), {
    kind: "reference",
    table: "log_rank",
    labels: ["set", "programme", "main_area", "period", "groups", "chi_square", "df", "p_value"]
  });
  const slices = splitSlices(
    sliceIds.filter((id) => detailOf(id).published).map((id) => ({...id, groups: detailOf(id).groups})),
    {hazards, outcomes, curves, log_rank: logRankRows}
  );
  const sliceIndex = {
    periods,
    programmes: [...PROGRAMME_CHOICES],
    area_slugs: MAIN_AREA_SLUGS,
    slices: Object.values(slices).map(({key, programme, main_area, period, groups}) => ({
      key,
      programme,
      main_area,
      period,
      groups
    })),
    detail_min: detailMin(k)
  };

  return {
    overview: {
      meta,
      headline: headline as OverviewJson["headline"],
      effects: overviewEffects,
      comparisons: overviewComparisons,
      caveat: SELECTION_CAVEAT
    },
    slices,
    transitions: {
      meta,
      slices: sliceIndex,
      phase_effects: phaseRows,
      stage_timing: timing as TransitionsJson["stage_timing"],
      notes: TRANSITION_NOTES
    },
    schemes: {meta, effects: effects.filter((e) => e.level !== "overall"), facts, process, caveat: SELECTION_CAVEAT},
    // the number needed to mentor from each band's interval as finally published (after the seal)
    scenario: {
      meta,
      model: riskOf(con)?.model ?? null,
      band_effects: bandEffects.map(withNumberNeeded),
      group_effects: groupEffects.map(withNumberNeeded),
      reach,
      pools,
      phase_effects: phaseRows,
      mentees_per_fte: menteesPerFte(facts, meta),
      caveat: SELECTION_CAVEAT
    },
    benchmark: {
      meta,
      horizon: bench.horizon,
      target: bench.target,
      strata: bench.strata,
      institutions: benchFunnel.rows,
      funnel: benchFunnel.funnel,
      dispersion: benchFunnel.dispersion,
      positions: positionCounts(benchFunnel.rows),
      scheme_names: bench.scheme_names,
      // all were gated (so the registry knows them); the page shows the institutions' dropout at the benchmark horizon
      comparisons: benchComparisons,
      // all institutions together (the overview's row), for institutions without a comparison of their own
      overall_comparison:
        overviewComparisons.find(
          (r) => r.dimension === "overall" && r.measure === "dropout" && r.horizon === bench.horizon
        ) ?? null,
      detail_min: detailMin(k)
    },
    // the cohort page's cell table is the slice outcomes themselves: finer cells (single years, programmes) were mostly
    // hidden and, linked to the slices, forced still more of them to be hidden (see methods.disclosure)
    cohorts: {
      meta,
      slices: sliceIndex,
      cells: byColumn(outcomes.map(({programme, ...r}) => ({...r, programme, programme_group: programme})))
    },
    external: {
      meta,
      rows: external,
      note: EXTERNAL_NOTE
    },
    methods: {
      meta,
      ingest_log: ingestRows as MethodsJson["ingest_log"],
      strata: {intake: [...EFFECT_STRATA], workplace: [...EFFECT_STRATA], benchmark: [...BENCHMARK_STRATA]},
      phase_cutoffs: {
        first_weeks_days: PHASE_CUTOFFS.firstWeeksDays,
        probation_days: PHASE_CUTOFFS.probationDays,
        placement_gap_days: PHASE_CUTOFFS.placementGapDays
      },
      horizons: horizons().map((h) => ({...h, words: h.days === null ? null : followUpWords(h.days)})),
      risk: {model: riskOf(con)?.model ?? null, calibration},
      suppression: suppressionText(k),
      disclosure: disclosureByPage(audit)
    },
    record: {
      data_version: meta.data_version,
      min_cell: k,
      built_at: new Date().toISOString(),
      cells: [...recordCells(registry), ...recordCells(riskRegistry)]
    }
  };
}

/**
 * How many schools lie in each part of the funnel, of those whose position is shown. Counted after the seal, which
 * may still hide (or show again) cells of rows published earlier: a count of hidden positions would tell them.
 */
function positionCounts(
  rows: readonly {funnel_position: string | null; suppressed?: string[]}[]
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows)
    if (r.funnel_position && !r.suppressed?.includes("funnel_position"))
      counts[r.funnel_position] = (counts[r.funnel_position] ?? 0) + 1;
  return counts;
}

/** Which page shows which gated table (a table on two pages counts for both). */
const PAGE_TABLES: Record<string, readonly string[]> = {
  overview: ["headline", "effects", "comparisons_overview"],
  transitions: ["hazards", "phase_effects", "curves", "stage_timing"],
  schemes: ["effects", "scheme_facts", "process"],
  benchmark: ["benchmark", "comparisons_groups"],
  cohorts: ["slice_outcomes", "cohorts", "curves"],
  scenario: ["band_effects", "group_effects", "band_reach", "scenario_pools", "phase_effects", "scheme_facts"],
  methods: ["risk_calibration"]
};

function disclosureByPage(audit: SealReport): MethodsJson["disclosure"] {
  const pages = Object.entries(PAGE_TABLES).map(([page, tables]) => {
    const sum = (k: "cells" | "hiddenBefore" | "hiddenAfter") =>
      tables.reduce((a, t) => a + (audit.tables[t]?.[k] ?? 0), 0);
    return {page, cells: sum("cells"), hidden_gate: sum("hiddenBefore"), hidden: sum("hiddenAfter")};
  });
  return {
    pages,
    audit: {
      atoms: audit.atoms,
      variables: audit.variables,
      cells: audit.cells,
      lps: audit.lps,
      seconds: Math.round(audit.ms / 100) / 10
    }
  };
}
