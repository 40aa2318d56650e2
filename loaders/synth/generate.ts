/**
 * The synthetic programme data set: streams the contract's CSV files for N
 * enrolments and returns (and writes) truth.json, the effects it planted.
 * Deterministic: each enrolment draws from its own PRNG stream of (seed, index).
 *
 * Options that change the truth (recorded in truth.json `generator` and in
 * dataset.json's provider): `mentorDelays` (default true: intake mentorships
 * start MENTOR_DELAY days after the intake; a student who has left by then
 * never gets the mentorship) and `effectScale` (default 1: every planted
 * effect as in MENTOR_EFFECT; 0 none, negative harmful).
 *
 * truth.json `estimands` holds, per intake year and target, the eligible
 * mentees and their dropouts with and without the mentor under the analysis's
 * rules (loaders/analysis/sql/base.ts), censored at the data date: the true
 * value of what the summary and the pages estimate for any window of intake
 * years is a sum over its years (see `conventions` in the file).
 */
import {createWriteStream, mkdirSync, writeFileSync, type WriteStream} from "node:fs";
import {join} from "node:path";
import {once} from "node:events";
import {
  ageBand,
  CONTRACT_VERSION,
  DATASET_FILE,
  PHASES,
  tableSpec,
  type MainArea,
  type Phase,
  type Programme,
  type SchemeType,
  type TableName
} from "../contract/contract.ts";
import {EXTERNAL_AGGREGATES, INSTITUTIONS, SCHEMES, type Institution, type Scheme} from "./catalogue.ts";
import {dayNumber, isoDate} from "./dates.ts";
import {DEFAULT_HORIZONS, DEFAULT_MATURE_DAYS, FIXED_HORIZON_DAYS} from "../horizons.ts";
import {NO_MAIN_AREA} from "../analysis/filters.ts";
import {
  CONTACT_STRENGTH,
  EXTRACTION_DATE,
  FGU_FIRST_INTAKE,
  INTAKE_YEARS,
  MENTOR_DELAY,
  MENTOR_EFFECT,
  MIN_MULTIPLIER,
  NO_SHOW,
  PROGRAMME_MIX,
  REMATCH,
  RISK,
  RISK_GROUP,
  SELECTION,
  contactStrength,
  riskGroup
} from "./model.ts";
import {logNormal, pick, stream, type Random} from "./random.ts";
import {DRAWS, simulate, type Multiplier, type Trajectory} from "./trajectory.ts";

export const GENERATOR_VERSION = "1.3.0";

/** The generator's options that change the planted truth (recorded in dataset.json and truth.json). */
export interface TruthOptions {
  /** Scale of every planted effect: 1 = as planted, 0 = none, negative = harmful. */
  effectScale?: number;
  /** Intake mentorships start some days after the intake (MENTOR_DELAY) instead of on the intake day. */
  mentorDelays?: boolean;
}

/** The dataset.json of a generated set. */
export const syntheticDataset = (seed: number, options: TruthOptions = {}) => ({
  synthetic: true,
  provider: `mentor-retention-dashboard synthetic generator ${GENERATOR_VERSION} (seed ${seed}, effect scale ${options.effectScale ?? 1}, mentor delays ${(options.mentorDelays ?? true) ? "on" : "off"})`,
  extraction_date: EXTRACTION_DATE
});

export interface SynthOptions extends TruthOptions {
  enrolments: number;
  seed: number;
  out: string;
  /** Called every `progressEvery` enrolments. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
}

/** CSV field: quoted when it holds a delimiter, quote or newline. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Buffered CSV writer that respects stream back-pressure. */
class CsvFile {
  private chunk = "";
  private readonly stream: WriteStream;
  constructor(path: string, table: TableName) {
    this.stream = createWriteStream(path, {encoding: "utf8"});
    this.chunk =
      tableSpec(table)
        .columns.map((c) => c.name)
        .join(",") + "\n";
  }
  row(fields: (string | number | boolean | null | undefined)[]) {
    this.chunk += fields.map(csvField).join(",") + "\n";
  }
  async maybeFlush() {
    if (this.chunk.length < 1 << 20) return;
    const ok = this.stream.write(this.chunk);
    this.chunk = "";
    if (!ok) await once(this.stream, "drain");
  }
  async close() {
    this.stream.end(this.chunk);
    this.chunk = "";
    await once(this.stream, "finish");
  }
}

function writeSmallTable(out: string, table: TableName, rows: readonly Record<string, unknown>[]) {
  const columns = tableSpec(table).columns.map((c) => c.name);
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c] as string | number | null)).join(","));
  writeFileSync(join(out, `${table}.csv`), lines.join("\n") + "\n");
}

// ---- Truth accumulation -------------------------------------------------

const HORIZONS = [91, 365, 730, 1826] as const;

class EffectTally {
  n = 0;
  droppedWith = 0;
  droppedWithout = 0;
  horizonWith = HORIZONS.map(() => 0);
  horizonWithout = HORIZONS.map(() => 0);
  nOld = 0;
  droppedWithOld = 0;
  droppedWithoutOld = 0;
  phases = Object.fromEntries(
    PHASES.map((p) => [p, {enteredWith: 0, droppedWith: 0, enteredWithout: 0, droppedWithout: 0}])
  ) as Record<Phase, {enteredWith: number; droppedWith: number; enteredWithout: number; droppedWithout: number}>;

  add(withMentor: Trajectory, without: Trajectory, oldCohort: boolean) {
    this.n++;
    const dw = withMentor.outcome === "dropped";
    const dwo = without.outcome === "dropped";
    if (dw) this.droppedWith++;
    if (dwo) this.droppedWithout++;
    HORIZONS.forEach((h, i) => {
      if (dw && withMentor.outcomeDay < h) this.horizonWith[i]++;
      if (dwo && without.outcomeDay < h) this.horizonWithout[i]++;
    });
    if (oldCohort) {
      this.nOld++;
      if (dw) this.droppedWithOld++;
      if (dwo) this.droppedWithoutOld++;
    }
    for (const p of withMentor.entered) this.phases[p].enteredWith++;
    for (const p of without.entered) this.phases[p].enteredWithout++;
    if (withMentor.dropPhase) this.phases[withMentor.dropPhase].droppedWith++;
    if (without.dropPhase) this.phases[without.dropPhase].droppedWithout++;
  }

  toJSON() {
    const rate = (x: number, n: number) => (n > 0 ? x / n : null);
    const effect = (withN: number, withoutN: number, n: number) => ({
      dropout_with: rate(withN, n),
      dropout_without: rate(withoutN, n),
      risk_difference: n > 0 ? (withN - withoutN) / n : null
    });
    return {
      n: this.n,
      ...effect(this.droppedWith, this.droppedWithout, this.n),
      horizons: Object.fromEntries(
        HORIZONS.map((h, i) => [String(h), effect(this.horizonWith[i], this.horizonWithout[i], this.n)])
      ),
      cohorts_2014_2020: {n: this.nOld, ...effect(this.droppedWithOld, this.droppedWithoutOld, this.nOld)},
      phases: Object.fromEntries(
        PHASES.map((p) => {
          const c = this.phases[p];
          return [
            p,
            {
              entered_with: c.enteredWith,
              dropped_with: c.droppedWith,
              hazard_with: rate(c.droppedWith, c.enteredWith),
              entered_without: c.enteredWithout,
              dropped_without: c.droppedWithout,
              hazard_without: rate(c.droppedWithout, c.enteredWithout)
            }
          ];
        })
      )
    };
  }
}

// ---- Truth for the published estimands -----------------------------------

/** The horizons the analysis publishes by default, in days, and "ever" (by the data date, mature cohorts). */
const ESTIMAND_HORIZONS = DEFAULT_HORIZONS.map((k) => [k, FIXED_HORIZON_DAYS[k]] as const);
type Count = {n: number; dropped_with: number; dropped_without: number};
type PhaseCount = {entered_with: number; dropped_with: number; entered_without: number; dropped_without: number};

/** One mentee as the analysis sees it: intake day, mentor start and the two simulated paths (days from intake). */
interface Mentee {
  intake: number;
  workplace: boolean;
  start: number;
  with: Trajectory;
  without: Trajectory;
}

/** A dropout the data show by the data date, less than `limit` days after the intake. */
const droppedByDataDate = (m: Mentee, p: Trajectory, limit: number, dataDate: number) =>
  p.outcome === "dropped" && m.intake + p.outcomeDay <= dataDate && p.outcomeDay < limit;

/**
 * The "ever" estimand of one mentee: null when not counted (intake less than `matureDays` before the data
 * date; a workplace mentee also needs a placement, which every one has), else whether it dropped out by the
 * data date with and without the mentor.
 */
function everOutcome(m: Mentee, dataDate: number, matureDays: number): {with: boolean; without: boolean} | null {
  if (dataDate - m.intake < matureDays) return null;
  return {
    with: droppedByDataDate(m, m.with, Infinity, dataDate),
    without: droppedByDataDate(m, m.without, Infinity, dataDate)
  };
}

/** The covariates of the analysis's risk model for one mentee, as the analysis sees them (loaders/analysis/sql/base.ts). */
export interface RiskCellKey {
  intake_year: number;
  institution_id: string;
  programme: string;
  /** NO_MAIN_AREA when the enrolment has none. */
  main_area: string;
  prior_band: string;
  age_band: string;
  gender: string;
  /** The mentee's scheme type. */
  target: string;
}

/** Stands for the risk cells in truth.json's text until they are written one row a line. */
const RISK_CELLS_PLACEHOLDER = "\u0000risk_cells\u0000";

/** Column order of `estimands.risk_cells`. */
export const RISK_CELL_COLUMNS = [
  "intake_year",
  "institution_id",
  "programme",
  "main_area",
  "prior_band",
  "age_band",
  "gender",
  "target",
  "n",
  "dropped_with",
  "dropped_without"
] as const;

/**
 * The "ever" counts of the mature mentees (everOutcome, as in EstimandTally) per covariate cell of the risk
 * model and scheme type: the truth of the effects per baseline-risk band, once the cells are classified with
 * the fitted model (loaders/validate/truth.ts). Memory: one entry per distinct cell.
 */
class RiskCellTally {
  private readonly cells = new Map<string, Count & {key: RiskCellKey}>();
  constructor(
    private readonly dataDate: number,
    private readonly matureDays: number
  ) {}

  add(key: RiskCellKey, m: Mentee) {
    const ever = everOutcome(m, this.dataDate, this.matureDays);
    if (!ever) return;
    const id = RISK_CELL_COLUMNS.slice(0, 8)
      .map((c) => key[c as keyof RiskCellKey])
      .join("|");
    let c = this.cells.get(id);
    if (!c) this.cells.set(id, (c = {key, n: 0, dropped_with: 0, dropped_without: 0}));
    c.n++;
    if (ever.with) c.dropped_with++;
    if (ever.without) c.dropped_without++;
  }

  /** {columns, rows}: one row per cell in RISK_CELL_COLUMNS order, sorted. */
  toJSON() {
    const rows = [...this.cells.values()].map((c) => [
      c.key.intake_year,
      c.key.institution_id,
      c.key.programme,
      c.key.main_area,
      c.key.prior_band,
      c.key.age_band,
      c.key.gender,
      c.key.target,
      c.n,
      c.dropped_with,
      c.dropped_without
    ]);
    const cmp = (a: (string | number)[], b: (string | number)[]) => {
      for (let i = 0; i < 8; i++) {
        if (a[i] < b[i]) return -1;
        if (a[i] > b[i]) return 1;
      }
      return 0;
    };
    return {columns: [...RISK_CELL_COLUMNS], rows: rows.sort(cmp)};
  }
}

/**
 * Per intake year and target (overall, scheme type, scheme): eligible mentees
 * and dropouts with and without the mentor under the analysis's rules
 * (loaders/analysis/sql/base.ts eligibleSql, eventSql, phase table), censored
 * at the data date like the data.
 */
class EstimandTally {
  private readonly years = new Map<
    number,
    Map<string, {horizons: Record<string, Count>; phases: Record<Phase, PhaseCount>}>
  >();
  constructor(
    private readonly dataDate: number,
    private readonly matureDays: number
  ) {}

  add(year: number, targets: string[], m: Mentee) {
    const byTarget = this.years.get(year) ?? new Map();
    this.years.set(year, byTarget);
    const cells = targets.map((t) => {
      let c = byTarget.get(t);
      if (!c) {
        c = {
          horizons: Object.fromEntries(
            ["ever", ...ESTIMAND_HORIZONS.map(([k]) => k)].map((k) => [k, {n: 0, dropped_with: 0, dropped_without: 0}])
          ),
          phases: Object.fromEntries(
            PHASES.map((p) => [p, {entered_with: 0, dropped_with: 0, entered_without: 0, dropped_without: 0}])
          ) as Record<Phase, PhaseCount>
        };
        byTarget.set(t, c);
      }
      return c;
    });
    const bump = (f: (c: (typeof cells)[number]) => void) => cells.forEach(f);
    const d = this.dataDate;
    const mature = d - m.intake >= this.matureDays;
    const droppedBy = (p: Trajectory, limit: number) => droppedByDataDate(m, p, limit, d);
    const ever = everOutcome(m, d, this.matureDays);
    if (ever) {
      bump((c) => {
        c.horizons.ever.n++;
        if (ever.with) c.horizons.ever.dropped_with++;
        if (ever.without) c.horizons.ever.dropped_without++;
      });
    }
    // fixed horizons: from the intake, or from the placement start for workplace mentees (landmark)
    const origin = m.workplace ? m.without.placementDay! : 0;
    for (const [k, h] of ESTIMAND_HORIZONS) {
      if (d - (m.intake + origin) < h) continue;
      const w = droppedBy(m.with, origin + h) && m.with.outcomeDay >= origin;
      const wo = droppedBy(m.without, origin + h) && m.without.outcomeDay >= origin;
      bump((c) => {
        c.horizons[k].n++;
        if (w) c.horizons[k].dropped_with++;
        if (wo) c.horizons[k].dropped_without++;
      });
    }
    // phases of mature mentees entered by the data date on or after the mentor's start (mentor at entry)
    if (mature) {
      const count = (
        p: Trajectory,
        entered: "entered_with" | "entered_without",
        dropped: "dropped_with" | "dropped_without"
      ) => {
        p.entered.forEach((phase, i) => {
          const entry = p.entryDays[i];
          if (entry < m.start || m.intake + entry > d) return;
          const last = p.entered.lastIndexOf(phase) === i;
          const drop = last && p.dropPhase === phase && droppedBy(p, Infinity);
          bump((c) => {
            c.phases[phase][entered]++;
            if (drop) c.phases[phase][dropped]++;
          });
        });
      };
      count(m.with, "entered_with", "dropped_with");
      count(m.without, "entered_without", "dropped_without");
    }
  }

  toJSON() {
    const order = (t: string) => (t === "overall" ? "0" : /^S\d/.test(t) ? `2${t}` : `1${t}`);
    return Object.fromEntries(
      [...this.years]
        .sort(([a], [b]) => a - b)
        .map(([year, targets]) => [
          String(year),
          Object.fromEntries(
            [...targets]
              .sort(([a], [b]) => order(a).localeCompare(order(b)))
              .map(([t, c]) => [t, {...c.horizons, phases: c.phases}])
          )
        ])
    );
  }
}

// ---- Students ------------------------------------------------------------

const SCHOOLS = INSTITUTIONS.filter((i) => i.kind === "school");
const SCHOOLS_BY_PROGRAMME = new Map<Programme, (readonly [Institution, number])[]>(
  PROGRAMME_MIX.map(([p]) => [p, SCHOOLS.filter((s) => s.programmes!.includes(p)).map((s) => [s, s.weight!] as const)])
);
const INTAKE_SCHEMES = SCHEMES.filter((s) => s.scheme_type !== "workplace");
const WORKPLACE_SCHEMES = SCHEMES.filter((s) => s.scheme_type === "workplace");

function drawAge(u: number, programme: Programme, direct: boolean): number {
  if (programme === "STX" || programme === "HHX" || programme === "HTX")
    return pick(u, [
      [15, 20],
      [16, 65],
      [17, 12],
      [18, 3]
    ]);
  if (programme === "10K")
    return pick(u, [
      [15, 35],
      [16, 60],
      [17, 5]
    ]);
  if (programme === "HF")
    return pick(u, [
      [16, 15],
      [17, 30],
      [18, 20],
      [19, 12],
      [20, 8],
      [22, 7],
      [25, 5],
      [30, 3]
    ]);
  if (programme === "FGU")
    return pick(u, [
      [16, 14],
      [17, 22],
      [18, 20],
      [19, 15],
      [20, 11],
      [21, 8],
      [22, 5],
      [23, 3],
      [24, 2]
    ]);
  if (direct)
    return pick(u, [
      [15, 10],
      [16, 60],
      [17, 30]
    ]);
  if (programme === "EUX")
    return pick(u, [
      [18, 40],
      [19, 30],
      [20, 15],
      [21, 10],
      [23, 5]
    ]);
  return pick(u, [
    [18, 18],
    [19, 17],
    [20, 12],
    [21, 10],
    [22, 8],
    [23, 6],
    [24, 4],
    [26, 7],
    [29, 6],
    [33, 5],
    [38, 4],
    [45, 3]
  ]);
}

function drawGender(u: number, programme: Programme, area: MainArea | null): string {
  const female =
    area === "Omsorg, sundhed og pædagogik"
      ? 0.85
      : area === "Teknologi, byggeri og transport"
        ? 0.1
        : area === "Kontor, handel og forretningsservice"
          ? 0.55
          : area === "Fødevarer, jordbrug og oplevelser"
            ? 0.5
            : programme === "HTX"
              ? 0.3
              : 0.58;
  return u < 0.005 ? "other" : u < 0.005 + female * 0.995 ? "female" : "male";
}

function drawBand(u: number, programme: Programme, age: number): string {
  if (age >= 25)
    return pick(u, [
      ["under_4", 10],
      ["4_to_6", 20],
      ["6_to_8", 15],
      ["8_plus", 5],
      ["unknown", 50]
    ]);
  if (programme === "STX")
    return pick(u, [
      ["under_4", 2],
      ["4_to_6", 15],
      ["6_to_8", 45],
      ["8_plus", 36],
      ["unknown", 2]
    ]);
  if (programme === "HHX" || programme === "HTX")
    return pick(u, [
      ["under_4", 5],
      ["4_to_6", 30],
      ["6_to_8", 45],
      ["8_plus", 17],
      ["unknown", 3]
    ]);
  if (programme === "EUX")
    return pick(u, [
      ["under_4", 8],
      ["4_to_6", 37],
      ["6_to_8", 40],
      ["8_plus", 10],
      ["unknown", 5]
    ]);
  if (programme === "10K")
    return pick(u, [
      ["under_4", 25],
      ["4_to_6", 40],
      ["6_to_8", 25],
      ["8_plus", 5],
      ["unknown", 5]
    ]);
  if (programme === "HF")
    return pick(u, [
      ["under_4", 8],
      ["4_to_6", 38],
      ["6_to_8", 38],
      ["8_plus", 8],
      ["unknown", 8]
    ]);
  if (programme === "FGU")
    return pick(u, [
      ["under_4", 35],
      ["4_to_6", 28],
      ["6_to_8", 8],
      ["8_plus", 2],
      ["unknown", 27]
    ]);
  return pick(u, [
    ["under_4", 22],
    ["4_to_6", 36],
    ["6_to_8", 25],
    ["8_plus", 6],
    ["unknown", 11]
  ]);
}

const KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function studentKey(r: Random): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += KEY_ALPHABET[Math.floor(r() * 32)];
  return s;
}

function offerShare(scheme: Scheme, lp: number, slope: number): number {
  return Math.min(SELECTION.maxShare, scheme.uptake * Math.exp(slope * (lp - SELECTION.centre)));
}

/** Choose at most one scheme with one uniform draw (cumulative offer shares). */
function chooseScheme(u: number, eligible: Scheme[], lp: number, slope: number): Scheme | null {
  let x = u;
  for (const s of eligible) {
    const share = offerShare(s, lp, slope);
    if (x < share) return s;
    x -= share;
    if (x < 0) return null;
  }
  return null;
}

/** Hazard multiplier of a scheme type at a strength, for the effect scale (floored at MIN_MULTIPLIER; 1 where the effect is 1 or the scale 0). */
function multiplier(type: SchemeType, strength: number, scale: number): Multiplier {
  const effect = MENTOR_EFFECT[type];
  return (phase) => Math.max(MIN_MULTIPLIER, 1 - scale * strength * (1 - effect[phase]));
}

/** The first term start (MENTOR_DELAY.termStarts) at least termMinDays after the intake. */
function nextTermStart(intake: number): number {
  const earliest = intake + MENTOR_DELAY.termMinDays;
  const year = Number(isoDate(intake).slice(0, 4));
  let best = Infinity;
  for (const y of [year, year + 1]) {
    for (const [month, day] of MENTOR_DELAY.termStarts) {
      const d = dayNumber(y, month, day);
      if (d >= earliest && d < best) best = d;
    }
  }
  return best;
}

/** Days from the intake to the start of an intake scheme's mentorship (three uniforms; MENTOR_DELAY). */
export function mentorDelay(type: SchemeType, intake: number, [u0, u1, u2]: readonly number[]): number {
  if (type === "workplace") return 0;
  const d = MENTOR_DELAY.byType[type];
  if (u0 < d.day0) return 0;
  if (u0 < d.day0 + d.term) return nextTermStart(intake) - intake;
  return Math.min(MENTOR_DELAY.maxDays, Math.max(1, Math.round(logNormal(u1, u2, d.median, d.sdLog))));
}
const NO_MENTOR: Multiplier = () => 1;

// ---- Generator -----------------------------------------------------------

export async function generate(opts: SynthOptions) {
  const {enrolments: n, seed, out} = opts;
  const effectScale = opts.effectScale ?? 1;
  const mentorDelays = opts.mentorDelays ?? true;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`--enrolments must be a positive integer, got ${n}`);
  if (!Number.isInteger(seed)) throw new RangeError(`--seed must be an integer, got ${seed}`);
  if (typeof effectScale !== "number" || !Number.isFinite(effectScale))
    throw new RangeError(`--effect-scale must be a finite number, got ${effectScale}`);
  mkdirSync(out, {recursive: true});
  writeSmallTable(out, "institutions", INSTITUTIONS as unknown as Record<string, unknown>[]);
  writeSmallTable(out, "schemes", SCHEMES as unknown as Record<string, unknown>[]);
  writeSmallTable(out, "external_aggregates", EXTERNAL_AGGREGATES as unknown as Record<string, unknown>[]);

  const enrolmentsCsv = new CsvFile(join(out, "enrolments.csv"), "enrolments");
  const stagesCsv = new CsvFile(join(out, "stage_events.csv"), "stage_events");
  const mentorshipsCsv = new CsvFile(join(out, "mentorships.csv"), "mentorships");

  const [ey, em, ed] = EXTRACTION_DATE.split("-").map(Number);
  const extraction = dayNumber(ey, em, ed);
  const years = INTAKE_YEARS[1] - INTAKE_YEARS[0] + 1;
  const overall = new EffectTally();
  const byType = new Map<SchemeType, EffectTally>();
  const byScheme = new Map<string, EffectTally>();
  const estimands = new EstimandTally(extraction, DEFAULT_MATURE_DAYS);
  const riskCells = new RiskCellTally(extraction, DEFAULT_MATURE_DAYS);
  const groupCounters = new Map<string, {group: number; filled: number; sizeIndex: number}>();
  const u = new Float64Array(DRAWS);
  const width = String(n).length;
  let mentored = 0;
  let noShows = 0;
  const afterRow = async (i: number) => {
    if ((i & 1023) === 1023) {
      await Promise.all([enrolmentsCsv.maybeFlush(), stagesCsv.maybeFlush(), mentorshipsCsv.maybeFlush()]);
    }
    if (opts.onProgress && (i + 1) % (opts.progressEvery ?? 1_000_000) === 0) opts.onProgress(i + 1);
  };

  for (let i = 0; i < n; i++) {
    const r = stream(seed, i);
    const key = studentKey(r);
    let year = INTAKE_YEARS[0] + Math.floor(r() * years);
    const programme = pick(r(), PROGRAMME_MIX);
    const school = pick(r(), SCHOOLS_BY_PROGRAMME.get(programme)!);
    const vocational = programme === "EUD" || programme === "EUX";
    const areas = school.mainAreas!;
    const area: MainArea | null = vocational ? areas[Math.floor(r() * areas.length)] : (r(), null);
    const january = vocational && r() < 0.4;
    let intake = january ? dayNumber(year, 1, 6 + Math.floor(r() * 7)) : dayNumber(year, 8, 8 + Math.floor(r() * 7));
    if (programme === "FGU") {
      // FGU takes students in all year, from its opening in August 2019
      const first = dayNumber(FGU_FIRST_INTAKE.year, FGU_FIRST_INTAKE.month, 1);
      intake = first + Math.floor(r() * (dayNumber(INTAKE_YEARS[1], 12, 31) + 1 - first));
      year = Number(isoDate(intake).slice(0, 4));
    }
    const direct = r() < 0.45;
    const age = drawAge(r(), programme, direct);
    const gender = drawGender(r(), programme, area);
    const band = drawBand(r(), programme, age);
    const lp =
      RISK.programme[programme] +
      RISK.band[band] +
      RISK.ageBand[ageBand(age)] +
      RISK.gender[gender] +
      (area ? RISK.mainArea[area] : 0) +
      (school.effect ?? 0) +
      RISK.yearTrend * (year - 2019);
    const h = Math.exp(lp);
    for (let k = 0; k < DRAWS; k++) u[k] = r();
    const mentorDraws = [r(), r(), r(), r(), r(), r()];
    const noShowDraws = [r(), r()];
    const delayDraws = [r(), r(), r()];
    if (noShowDraws[0] < NO_SHOW.share[programme]) {
      const enrolmentId = `E${String(i + 1).padStart(width, "0")}`;
      // withdrawn 0–maxDaysBefore days before the start (every intake is before the extraction date)
      const withdrawn = intake - Math.floor(noShowDraws[1] * (NO_SHOW.maxDaysBefore + 1));
      enrolmentsCsv.row([
        enrolmentId,
        key,
        school.institution_id,
        programme,
        area,
        isoDate(intake),
        age,
        gender,
        band,
        "no_show",
        isoDate(withdrawn)
      ]);
      noShows++;
      await afterRow(i);
      continue;
    }
    const student = {programme, age, h};
    const strengthFor = (hours: number, rematched: boolean) =>
      RISK_GROUP.strength[riskGroup(lp)] * contactStrength(hours) * (rematched ? REMATCH.strength : 1);

    // Intake schemes are assigned at the start; workplace schemes when a læreplads starts.
    const eligible = INTAKE_SCHEMES.filter(
      (s) =>
        s.schools!.includes(school.institution_id) &&
        s.programmes!.includes(programme) &&
        s.start_year <= year &&
        (!s.femaleOnly || gender === "female")
    );
    const offered = chooseScheme(mentorDraws[0], eligible, lp, SELECTION.intakeSlope);
    let scheme: Scheme | null = null;
    const hours = offered
      ? logNormal(mentorDraws[1], mentorDraws[2], offered.contactMedianHours, offered.contactSdLog)
      : 0;
    const rematched = mentorDraws[3] < REMATCH.share;
    const without = simulate(student, u, NO_MENTOR);
    let path = without;
    let startOffset = 0;
    if (offered) {
      // The mentorship starts `delay` days after the intake; a student who has left by then (or whose
      // mentorship would start after the extraction date) never gets it and follows the path without.
      const delay = mentorDelays ? mentorDelay(offered.scheme_type, intake, delayDraws) : 0;
      if (without.outcomeDay >= delay && intake + delay <= extraction) {
        scheme = offered;
        startOffset = delay;
        path = simulate(student, u, multiplier(offered.scheme_type, strengthFor(hours, rematched), effectScale), delay);
      }
    } else if (without.placementDay !== null && intake + without.placementDay <= extraction) {
      // A placement after the extraction date is not in the data, so neither is its mentor.
      const placementYear = Math.floor((intake + without.placementDay) / 365.2425 + 1970);
      const wp = WORKPLACE_SCHEMES.filter(
        (s) => s.mainAreas!.includes(area!) && s.programmes!.includes(programme) && s.start_year <= placementYear
      );
      scheme = chooseScheme(mentorDraws[4], wp, lp, SELECTION.workplaceSlope);
      if (scheme) {
        startOffset = without.placementDay;
        const wpHours = logNormal(mentorDraws[1], mentorDraws[2], scheme.contactMedianHours, scheme.contactSdLog);
        path = simulate(student, u, multiplier("workplace", strengthFor(wpHours, rematched), effectScale), startOffset);
        writeMentorship();
      }
    }
    if (scheme && scheme.scheme_type !== "workplace") writeMentorship();

    function writeMentorship() {
      const s = scheme!;
      const contact =
        s.scheme_type === "workplace"
          ? logNormal(mentorDraws[1], mentorDraws[2], s.contactMedianHours, s.contactSdLog)
          : hours;
      const start = intake + startOffset;
      const stop = intake + path.outcomeDay;
      const planned = s.durationMonths === null ? stop : Math.min(stop, start + Math.round(s.durationMonths * 30.44));
      const end = planned <= extraction ? planned : null;
      const activeMonths = Math.max(0, (Math.min(planned, extraction) - start) / 30.44 - contact / 24 / 30.44);
      const meetings = Math.round(activeMonths * s.meetingsPerMonth * (0.6 + 0.8 * mentorDraws[5]));
      let groupId: string | null = null;
      if (s.groupSizes) {
        const c = groupCounters.get(s.scheme_id) ?? {group: 1, filled: 0, sizeIndex: 0};
        if (c.filled >= s.groupSizes[c.sizeIndex % s.groupSizes.length]) {
          c.group++;
          c.filled = 0;
          c.sizeIndex++;
        }
        c.filled++;
        groupCounters.set(s.scheme_id, c);
        groupId = `${s.scheme_id}-G${String(c.group).padStart(4, "0")}`;
      }
      mentorshipsCsv.row([
        `M${String(i + 1).padStart(width, "0")}`,
        `E${String(i + 1).padStart(width, "0")}`,
        s.scheme_id,
        isoDate(start),
        end === null ? null : isoDate(end),
        groupId,
        rematched,
        Math.round(contact * 10) / 10,
        meetings
      ]);
    }

    if (scheme) {
      mentored++;
      const old = year <= 2020;
      overall.add(path, without, old);
      const t = byType.get(scheme.scheme_type) ?? new EffectTally();
      t.add(path, without, old);
      byType.set(scheme.scheme_type, t);
      const ts = byScheme.get(scheme.scheme_id) ?? new EffectTally();
      ts.add(path, without, old);
      byScheme.set(scheme.scheme_id, ts);
      const mentee: Mentee = {
        intake,
        workplace: scheme.scheme_type === "workplace",
        start: startOffset,
        with: path,
        without
      };
      estimands.add(year, ["overall", scheme.scheme_type, scheme.scheme_id], mentee);
      riskCells.add(
        {
          intake_year: year,
          institution_id: school.institution_id,
          programme,
          main_area: area ?? NO_MAIN_AREA,
          prior_band: band,
          age_band: ageBand(age),
          gender,
          target: scheme.scheme_type
        },
        mentee
      );
    }

    const enrolmentId = `E${String(i + 1).padStart(width, "0")}`;
    const outcomeDay = intake + path.outcomeDay;
    const known = outcomeDay <= extraction;
    enrolmentsCsv.row([
      enrolmentId,
      key,
      school.institution_id,
      programme,
      area,
      isoDate(intake),
      age,
      gender,
      band,
      known ? path.outcome : "ongoing",
      known ? isoDate(outcomeDay) : null
    ]);
    for (const [stage, start, end] of path.stages) {
      if (intake + start > extraction) continue;
      const ended = end !== null && intake + end <= extraction;
      stagesCsv.row([enrolmentId, stage, isoDate(intake + start), ended ? isoDate(intake + end) : null]);
    }
    await afterRow(i);
  }
  await Promise.all([enrolmentsCsv.close(), stagesCsv.close(), mentorshipsCsv.close()]);

  const truth = {
    contract_version: CONTRACT_VERSION,
    generator: {
      version: GENERATOR_VERSION,
      seed,
      enrolments: n,
      extraction_date: EXTRACTION_DATE,
      intake_years: INTAKE_YEARS,
      effectScale,
      mentorDelays
    },
    conventions: {
      estimands:
        "`estimands` is what the summary and the pages estimate: per intake year and target (overall, each scheme type, each scheme_id), " +
        "per horizon, n = mentees eligible under the analysis's rule and dropped_with / dropped_without = of them, dropped out within the horizon " +
        "in the simulation with and without the mentor. The truth for any window of intake years is a sum over its years: " +
        "risk difference = Σ(dropped_with − dropped_without) / Σ n. `mentored_population` is kept for reference (uncensored outcomes, horizons from the intake for every mentee); it is not what the pages estimate.",
      risk_cells:
        '`estimands.risk_cells` = {columns, rows}: the "ever" counts (n, dropped_with, dropped_without; the same mature mentees and dropouts as `by_intake_year[year][target].ever`) ' +
        "per cell of the analysis's baseline-risk covariates: intake_year, institution_id, programme, main_area (\"" +
        NO_MAIN_AREA +
        "\" when none, as the analysis), prior_band, age_band (contract ageBand of the age at start), gender, and target = the mentee's scheme type (each mentee in one row). " +
        "Classify the cells with the fitted risk model to get the true effect per risk band: Σ(dropped_with − dropped_without) / Σ n over the band's cells.",
      estimand_origin:
        "intake schemes (peer, adult_volunteer, professional, group): origin = intake date; workplace schemes: origin = the first læreplads start (landmark). " +
        '"overall" pools all mentees, each with its own origin, as the analysis\'s overall estimate does.',
      estimand_horizons:
        "fixed horizon (3m, 1y, 2y, 5y = horizon_days): eligible when data_date − origin ≥ the horizon's days; event = dropout less than that many days after the origin. " +
        "ever: eligible when data_date − intake ≥ mature_days (workplace: and a læreplads started, which every workplace mentee has); event = dropout on or before data_date " +
        "(censored at the data date like the data, not the eventual outcome). The with-scenario is what the generated data show.",
      estimand_phases:
        "among mature mentees (data_date − intake ≥ mature_days): a phase counts in a scenario when the mentee entered it in that scenario on or after the mentor's start day " +
        "(mentor at entry, as the analysis's mentor_at_entry) and on or before data_date; dropped = the dropout (on or before data_date) fell in that phase. " +
        "The phase's entry day is the same in both scenarios, so both count the same phases; a phase entered before the mentor started is in neither.",
      mentor_start:
        "intake schemes start `delay` days after the intake (MENTOR_DELAY in parameters; 0 for every mentee when generator.mentorDelays is false); the mentor acts only from its start day, " +
        "so both scenarios are identical before it. A student whose path without the mentor ends before the start day (or whose start would fall after the extraction date) never gets the mentorship: " +
        "no mentorship row, not a mentee, in no tally. Workplace schemes start at the læreplads start.",
      effect_scale:
        "every hazard multiplier is max(MIN_MULTIPLIER, 1 − effectScale·strength·(1 − effect[phase])): effectScale 0 = no effect (paths with and without identical), negative = harmful",
      risk_difference:
        "dropout with mentor minus dropout without, in the mentored population (negative = fewer dropouts with a mentor)",
      counterfactual:
        "each mentee simulated twice on the same random draws, with and without the mentor; in mentored_population outcomes are not censored at the extraction date",
      horizons:
        "mentored_population: dropout within 91, 365, 730 and 1826 days of intake (every mentee, workplace ones too)",
      cohorts_2014_2020:
        "mentored_population: mentees with intake 2014–2020, whose courses are nearly all finished by the extraction date",
      phases:
        "mentored_population: entered = alive at the start of the phase (whether or not the mentor had started), uncensored; hazard = dropped / entered",
      workplace_landmark:
        "workplace schemes start at the læreplads start; the comparison is among students who started a læreplads",
      no_shows: "no-shows (withdrew before the intake date) have no mentor and are in no tally here"
    },
    mentored: mentored,
    no_shows: noShows,
    estimands: {
      data_date: EXTRACTION_DATE,
      mature_days: DEFAULT_MATURE_DAYS,
      horizon_days: Object.fromEntries(ESTIMAND_HORIZONS),
      by_intake_year: estimands.toJSON(),
      risk_cells: RISK_CELLS_PLACEHOLDER
    },
    mentored_population: {
      overall: overall.toJSON(),
      by_scheme_type: Object.fromEntries([...byType].sort().map(([k, v]) => [k, v.toJSON()])),
      by_scheme: Object.fromEntries([...byScheme].sort().map(([k, v]) => [k, v.toJSON()]))
    },
    parameters: {RISK, SELECTION, MENTOR_EFFECT, RISK_GROUP, CONTACT_STRENGTH, REMATCH, MENTOR_DELAY, MIN_MULTIPLIER}
  };
  // the risk cells one row a line (thousands of rows), the rest indented
  const cells = riskCells.toJSON();
  const cellsJson = `{\n      "columns": ${JSON.stringify(cells.columns)},\n      "rows": [${cells.rows.map((r) => `\n        ${JSON.stringify(r)}`).join(",")}\n      ]\n    }`;
  const text = JSON.stringify(truth, null, 2).replace(JSON.stringify(RISK_CELLS_PLACEHOLDER), () => cellsJson);
  writeFileSync(join(out, "truth.json"), text + "\n");
  // what the data are, for the ingest (loaders/ingest/dataset.ts): the pages and exports say they are synthetic
  writeFileSync(
    join(out, DATASET_FILE),
    JSON.stringify(syntheticDataset(seed, {effectScale, mentorDelays}), null, 2) + "\n"
  );
  return {...truth, estimands: {...truth.estimands, risk_cells: cells}};
}
