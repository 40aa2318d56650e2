/**
 * The headline results as one stable object (`npm run summary -- --json`) and
 * as text. Built from the privacy-gated site data, so it shows nothing the
 * site would not.
 */
import {PHASES, SCHEME_TYPES} from "../contract/contract.ts";
import {siteData} from "./site-cache.ts";
import {EFFECT_STRATA} from "./sql/base.ts";
import type {DataInfo, EffectRow, NumberNeededColumns, PhaseEffectRow, RiskBandEffectRow, Text2} from "./types.ts";
import type {RiskModel} from "./risk.ts";

export interface SummaryInterval {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface SummaryEffect {
  /** Mentees compared (null if hidden by the privacy gate). */
  mentees: number | null;
  dropout_mentored: number | null;
  /** Mentees vs schoolmates without a mentor (no risk adjustment). */
  naive: SummaryInterval;
  /** Direct standardisation to the mentees over risk strata. */
  adjusted: SummaryInterval;
}

/** A band effect with the number needed to mentor (null where the interval contains 0 or a value is hidden). */
export interface SummaryBandEffect extends SummaryEffect {
  nnt: {kind: "benefit" | "harm"; estimate: number; lower: number; upper: number} | null;
}

export interface SummaryRiskBand {
  risk_band: number;
  /** Predicted risk without a mentor: the band's cut points (null = open end). */
  risk_from: number | null;
  risk_to: number | null;
  overall: SummaryBandEffect;
}

export interface SummaryRiskGroup extends SummaryBandEffect {
  risk_group: string;
  band_from: number;
  band_to: number;
}

export interface SummaryPhase {
  entered_with: number | null;
  hazard_with: number | null;
  hazard_without: number | null;
  naive: SummaryInterval;
  adjusted: SummaryInterval;
}

/** What the effects estimate, in fields and in words (the same facts as the pages' `meta.estimand`). */
export interface SummaryEstimand {
  /** Whose effect: students with a mentor (the average effect in the mentored, ATT). */
  population: "mentees";
  /** Intake dates covered: the first intake and the last mature one (data date − mature_days). */
  intake_from: string | null;
  intake_until: string;
  /** Outcome: dropout by this date (the data date) among intakes followed at least mature_days. */
  horizon: "ever";
  outcome_until: string;
  mature_days: number;
  /** Time origin: intake mentees from the mentor's start (comparison students still enrolled then), workplace mentees from the læreplads start. */
  origin: {intake_schemes: "mentor_start"; workplace: "placement_start"};
  /** Comparison: students without a mentor in the same strata (institution × programme × main area × grade band × age band × gender). */
  adjustment: string[];
  words: Text2;
}

export interface Summary {
  data: Pick<
    DataInfo,
    | "data_version"
    | "contract_version"
    | "data_date"
    | "min_cell"
    | "synthetic"
    | "provider"
    | "mature_days"
    | "mature_days_setting"
  >;
  /** What the effects measure. */
  outcome: string;
  estimand: SummaryEstimand;
  /** Students who started (no-shows left out of every figure). */
  students: number | null;
  /** No-shows: admitted but withdrew before the intake date (null if hidden). */
  no_shows: number | null;
  mentored: number | null;
  overall: SummaryEffect;
  by_scheme_type: Record<string, SummaryEffect>;
  by_transition_point: Record<string, SummaryPhase>;
  /** The baseline-risk model (analysis/risk.ts; null when it could not be fitted) and the effects per band. */
  risk_model: RiskModel | null;
  by_risk_band: SummaryRiskBand[];
  /**
   * Each scheme type's effect per risk group ("1-2", "3-5": contiguous bands with at least 20 × k of its mentees; "1-5"
   * alone = not split), lowest first: a list, since an object keyed "5" would list it before "1-4".
   */
  by_risk_group: Record<string, SummaryRiskGroup[]>;
}

const iv = (estimate: number | null, lower: number | null, upper: number | null): SummaryInterval => ({
  estimate,
  lower,
  upper
});

function effect(r: EffectRow | undefined): SummaryEffect {
  return {
    mentees: r?.n_mentored ?? null,
    dropout_mentored: r?.rate_mentored ?? null,
    naive: iv(r?.naive ?? null, r?.naive_lower ?? null, r?.naive_upper ?? null),
    adjusted: iv(r?.adjusted ?? null, r?.adjusted_lower ?? null, r?.adjusted_upper ?? null)
  };
}

function bandEffect(r: (EffectRow & NumberNeededColumns) | undefined): SummaryBandEffect {
  const nnt =
    r && r.nnt !== null && r.nnt_lower !== null && r.nnt_upper !== null && r.nnt_kind !== null
      ? {kind: r.nnt_kind, estimate: r.nnt, lower: r.nnt_lower, upper: r.nnt_upper}
      : null;
  return {...effect(r), nnt};
}

function phase(r: PhaseEffectRow | undefined): SummaryPhase {
  const h = (x: number | null | undefined, n: number | null | undefined) =>
    x !== null && x !== undefined && n ? x / n : null;
  return {
    entered_with: r?.entered_with ?? null,
    hazard_with: h(r?.dropped_with, r?.entered_with),
    hazard_without: h(r?.dropped_without, r?.entered_without),
    naive: iv(r?.naive ?? null, r?.naive_lower ?? null, r?.naive_upper ?? null),
    adjusted: iv(r?.adjusted ?? null, r?.adjusted_lower ?? null, r?.adjusted_upper ?? null)
  };
}

/** Headline results of the warehouse at `path`. */
export async function summarise(path?: string): Promise<Summary> {
  const site = await siteData(path);
  const {meta, effects, headline} = site.overview;
  const phases = site.transitions.phase_effects;
  return {
    data: {
      data_version: meta.data_version,
      contract_version: meta.contract_version,
      data_date: meta.data_date,
      min_cell: meta.min_cell,
      synthetic: meta.synthetic,
      provider: meta.provider,
      mature_days: meta.mature_days,
      mature_days_setting: meta.mature_days_setting
    },
    outcome: `risk difference in dropout (with minus without a mentor; negative = fewer dropouts with a mentor), dropout by the data date among intakes followed for at least ${meta.mature_days} days${
      meta.mature_days < meta.mature_days_setting
        ? ` (no intake has been followed for ${meta.mature_days_setting} days yet)`
        : ""
    }; transition points: hazard difference among those who entered the phase`,
    estimand: {
      population: "mentees",
      intake_from: meta.first_intake,
      intake_until: meta.mature_until,
      horizon: "ever",
      outcome_until: meta.data_date,
      mature_days: meta.mature_days,
      origin: {intake_schemes: "mentor_start", workplace: "placement_start"},
      adjustment: [...EFFECT_STRATA],
      words: meta.estimand
    },
    students: headline.students,
    no_shows: headline.no_shows,
    mentored: headline.mentored,
    overall: effect(effects.find((e) => e.level === "overall")),
    by_scheme_type: Object.fromEntries(
      SCHEME_TYPES.map((t) => [t, effect(effects.find((e) => e.level === "scheme_type" && e.scheme_type === t))])
    ),
    by_transition_point: Object.fromEntries(
      PHASES.map((p) => [p, phase(phases.find((r) => r.phase === p && r.scheme_type === "all"))])
    ),
    risk_model: site.scenario.model,
    by_risk_band: riskBands(site.scenario.model, site.scenario.band_effects),
    by_risk_group: Object.fromEntries(
      SCHEME_TYPES.map((t) => [
        t,
        site.scenario.group_effects
          .filter((r) => r.scheme_type === t)
          .sort((a, b) => a.band_from - b.band_from)
          .map((r) => ({risk_group: r.risk_group, band_from: r.band_from, band_to: r.band_to, ...bandEffect(r)}))
      ])
    )
  };
}

function riskBands(model: RiskModel | null, rows: readonly RiskBandEffectRow[]): SummaryRiskBand[] {
  if (!model) return [];
  const cuts = model.band_cuts;
  return [...new Set(rows.map((r) => r.risk_band))].map((band) => ({
    risk_band: band,
    risk_from: band > 1 ? cuts[band - 2] : null,
    risk_to: band <= cuts.length ? cuts[band - 1] : null,
    overall: bandEffect(rows.find((r) => r.risk_band === band))
  }));
}

const pp = (v: number | null) => (v === null ? "  —  " : `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}`);
const ci = (i: SummaryInterval) =>
  i.estimate === null ? "—  (hidden or not estimable)" : `${pp(i.estimate)} pp  [${pp(i.lower)}; ${pp(i.upper)}]`;

/** Plain-text rendering of a summary. */
export function formatSummary(s: Summary): string {
  const lines: string[] = [];
  lines.push(
    `Mentoring and dropout — data version ${s.data.data_version}, contract ${s.data.contract_version}, data date ${s.data.data_date}, cells < ${s.data.min_cell} hidden`
  );
  lines.push(`Estimand: ${s.estimand.words.en}`);
  lines.push(
    `Students who started: ${s.students ?? "hidden"}, with a mentor: ${s.mentored ?? "hidden"}; no-shows (withdrew before the start, in no rate): ${s.no_shows ?? "hidden"}`
  );
  lines.push("");
  lines.push("Dropout with minus without a mentor (percentage points, 95% interval; negative = fewer dropouts):");
  lines.push(`${"".padEnd(26)}${"mentees".padStart(8)}   ${"naive".padEnd(30)}adjusted`);
  const effectLine = (label: string, e: SummaryEffect) =>
    lines.push(
      `${label.padEnd(26)}${String(e.mentees ?? "—").padStart(8)}   ${ci(e.naive).padEnd(30)}${ci(e.adjusted)}`
    );
  effectLine("overall", s.overall);
  for (const [t, e] of Object.entries(s.by_scheme_type)) effectLine(`  ${t}`, e);
  lines.push("");
  lines.push("By transition point (hazard in the phase with minus without a mentor at its start):");
  lines.push(`${"".padEnd(26)}${"entered".padStart(8)}   ${"naive".padEnd(30)}adjusted`);
  for (const [p, e] of Object.entries(s.by_transition_point)) {
    lines.push(
      `${`  ${p}`.padEnd(26)}${String(e.entered_with ?? "—").padStart(8)}   ${ci(e.naive).padEnd(30)}${ci(e.adjusted)}`
    );
  }
  if (s.by_risk_band.length) {
    lines.push("");
    lines.push(
      `By baseline risk (fifths of the predicted dropout without a mentor; C-statistic ${s.risk_model?.c_statistic.toFixed(2)}):`
    );
    lines.push(`${"".padEnd(26)}${"mentees".padStart(8)}   ${"adjusted".padEnd(30)}mentees per prevented dropout`);
    for (const b of s.by_risk_band) {
      const range = `${b.risk_from === null ? "" : `${(b.risk_from * 100).toFixed(0)}%`}–${b.risk_to === null ? "" : `${(b.risk_to * 100).toFixed(0)}%`}`;
      const nnt = b.overall.nnt
        ? `${b.overall.nnt.kind === "harm" ? "harm: " : ""}${b.overall.nnt.estimate.toFixed(0)} [${b.overall.nnt.lower.toFixed(0)}; ${b.overall.nnt.upper.toFixed(0)}]`
        : "—";
      lines.push(
        `${`  band ${b.risk_band} (${range})`.padEnd(26)}${String(b.overall.mentees ?? "—").padStart(8)}   ${ci(b.overall.adjusted).padEnd(30)}${nnt}`
      );
    }
  }
  lines.push("");
  lines.push(
    "Naive: mentees vs schoolmates without a mentor. Adjusted: standardised to the mentees over institution × programme × main area × grade band × age band × gender. Mentors go to students at higher risk, so the naive difference understates the effect; the adjusted one accounts only for recorded characteristics."
  );
  return lines.join("\n") + "\n";
}
