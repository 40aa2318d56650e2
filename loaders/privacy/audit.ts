/**
 * The audit: what can someone holding every published number learn about a
 * hidden one? Unknowns are the model's atoms (model.ts; x ≥ 0); every
 * published count is an equation Σ coef·x = value. For each hidden cell h the
 * attacker's knowledge is [min h, max h] over all equations at once — the
 * linear-programming audit of tau-Argus and sdcTable (Hundepool et al.,
 * Statistical Disclosure Control, Wiley 2012, §5.5–5.6), solved with HiGHS.
 * The LP relaxation can only widen the integer interval; its bounds are
 * rounded inwards to integers.
 *
 * Protection rule (frequency tables, threshold k; the rule of tau-Argus'
 * protection levels with upper = lower = k − 1): no hidden cell is determined
 * exactly (min = max); a hidden primary cell (1 … k − 1 students, or a small
 * complement within its denominator) has an interval of at least k integer
 * values that is not contained in [1, k − 1].
 *
 * Exact reductions that keep the LP small:
 * - atoms in exactly the same published counts form one *class* (a variable):
 *   the published equations see only class totals, and inside a class the
 *   students can sit in any atom, so max h = max Σ (classes touching h) and
 *   min h = min Σ (classes inside h);
 * - each equation has the published equations that are disjoint subsets of it
 *   subtracted (row operations keep the feasible set), so totals over many
 *   published cells shrink to their residual.
 * Each hidden cell gets its own max LP, and a min LP when the max alone does
 * not show it safe (warm-started: the same model with other costs, primal
 * simplex from the previous basis).
 */
import highsImport from "highs";

// highs is a CommonJS module: Node hands its loader over as the default import, TypeScript sees the namespace
type HighsLoader = (typeof import("highs"))["default"];
const highsLoader = ((highsImport as unknown as {default?: HighsLoader}).default ??
  highsImport) as unknown as HighsLoader;

export interface AuditCell {
  id: string;
  /** For messages: table, measure and dimensions. */
  label: string;
  value: number;
  hidden: boolean;
  primary: boolean;
  /** Atom index → coefficient. */
  coefficients: Map<number, number>;
}

export interface AuditFinding {
  id: string;
  label: string;
  value: number;
  lower: number;
  upper: number;
  reason: "exact" | "narrow";
  /** Ids of published cells whose equations bound it (binding in its LP): hiding one of them loosens the bound. */
  blocking: string[];
}

export interface AuditResult {
  findings: AuditFinding[];
  hidden: number;
  published: number;
  variables: number;
  lps: number;
  ms: number;
}

/** The protection rule on an integer interval [lower, upper] of a hidden cell. */
export function unsafe(
  value: number,
  lower: number,
  upper: number,
  primary: boolean,
  k: number
): AuditFinding["reason"] | null {
  if (upper - lower < 0.5) return "exact";
  if (primary || (value >= 1 && value <= k - 1)) {
    if (upper - lower < k - 1 || (lower >= 1 && upper <= k - 1)) return "narrow";
  }
  return null;
}

export interface Equation {
  vars: number[];
  coef: number[];
  rhs: number;
  /** Index (in the cells) of the published cell this equation comes from, and of the published cells subtracted from it. */
  cell: number;
  children: number[];
}

export interface AuditSystem {
  nVars: number;
  classValue: number[];
  atomClass: Int32Array;
  equations: Equation[];
  /** Per cell: classes it touches (with the largest coefficient) and classes wholly inside it (with the smallest). */
  touches: Map<number, number>[];
  inside: Map<number, number>[];
}

/** Classes, reduced equations and the class view of every cell. */
export function buildSystem(cells: readonly AuditCell[], atomCounts: readonly number[]): AuditSystem {
  const sig: number[][] = atomCounts.map(() => []);
  cells.forEach((c, ci) => {
    if (!c.hidden) for (const [a, coef] of c.coefficients) sig[a].push(ci, coef);
  });
  const classOf = new Map<string, number>();
  const atomClass = new Int32Array(atomCounts.length);
  const classValue: number[] = [];
  const classAtoms: number[] = [];
  sig.forEach((s, a) => {
    const key = s.join(",");
    let v = classOf.get(key);
    if (v === undefined) {
      classOf.set(key, (v = classValue.length));
      classValue.push(0);
      classAtoms.push(0);
    }
    atomClass[a] = v;
    classValue[v] += atomCounts[a];
    classAtoms[v]++;
  });
  const touches: Map<number, number>[] = [];
  const inside: Map<number, number>[] = [];
  for (const c of cells) {
    const t = new Map<number, number>();
    const n = new Map<number, number>();
    const lowest = new Map<number, number>();
    for (const [a, coef] of c.coefficients) {
      const v = atomClass[a];
      t.set(v, Math.max(t.get(v) ?? 0, coef));
      n.set(v, (n.get(v) ?? 0) + 1);
      lowest.set(v, Math.min(lowest.get(v) ?? Infinity, coef));
    }
    const ins = new Map<number, number>();
    for (const [v, count] of n) if (count === classAtoms[v]) ins.set(v, lowest.get(v)!);
    touches.push(t);
    inside.push(ins);
  }
  // A class inside a published zero is known to be empty: it leaves every equation and cell (full grids publish many zeros).
  const empty = new Set<number>();
  cells.forEach((c, ci) => {
    if (!c.hidden && c.value === 0) for (const v of touches[ci].keys()) empty.add(v);
  });
  if (empty.size) {
    for (const m of [...touches, ...inside]) for (const v of m.keys()) if (empty.has(v)) m.delete(v);
  }
  // Published equations over classes (a published cell never splits a class), duplicates dropped.
  const seen = new Map<string, number>();
  const raw: {vars: number[]; coef: number[]; rhs: number; cell: number; set: Map<number, number>}[] = [];
  cells.forEach((c, ci) => {
    if (c.hidden) return;
    const vars = [...touches[ci].keys()].sort((a, b) => a - b);
    if (vars.length === 0) return;
    const key = vars.map((v) => `${touches[ci].get(v)}*${v}`).join("+");
    if (seen.has(key)) return;
    seen.set(key, raw.length);
    raw.push({vars, coef: vars.map((v) => touches[ci].get(v)!), rhs: c.value, cell: ci, set: touches[ci]});
  });
  // Subtract disjoint published subsets, largest first (row operations on the original rows).
  const byVar: number[][] = classValue.map(() => []);
  raw.forEach((e, i) => {
    for (const v of e.vars) byVar[v].push(i);
  });
  const order = raw.map((_, i) => i).sort((a, b) => raw[b].vars.length - raw[a].vars.length);
  const hits = new Int32Array(raw.length);
  const taken = new Int32Array(classValue.length).fill(-1);
  const equations: Equation[] = [];
  for (const i of order) {
    const E = raw[i];
    const touched: number[] = [];
    for (const v of E.vars) for (const j of byVar[v]) if (j !== i && hits[j]++ === 0) touched.push(j);
    const subsets = touched.filter(
      (j) =>
        hits[j] === raw[j].vars.length &&
        raw[j].vars.length < E.vars.length &&
        raw[j].vars.every((v, q) => E.set.get(v) === raw[j].coef[q])
    );
    for (const j of touched) hits[j] = 0;
    subsets.sort((a, b) => raw[b].vars.length - raw[a].vars.length);
    let rhs = E.rhs;
    const children: number[] = [];
    for (const j of subsets) {
      if (raw[j].vars.some((v) => taken[v] === i)) continue;
      for (const v of raw[j].vars) taken[v] = i;
      rhs -= raw[j].rhs;
      children.push(raw[j].cell);
    }
    const vars = E.vars.filter((v) => taken[v] !== i);
    if (vars.length === 0) continue;
    equations.push({vars, coef: vars.map((v) => E.set.get(v)!), rhs, cell: E.cell, children});
  }
  return {nVars: classValue.length, classValue, atomClass, equations, touches, inside};
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<Highs> | null = null;
const solver = () => (highsPromise ??= highsLoader());
const OPTIMAL = 7;
const UNBOUNDED = 10;

/**
 * One persistent LP over the published equations: each objective is a change
 * of costs and a warm-started simplex run from the previous basis (about 10 ms
 * instead of a cold solve of about 1 s at the sample's size).
 */
async function openLp(sys: AuditSystem) {
  const highs = await solver();
  const {nVars, equations} = sys;
  const rows = equations.map(
    (e, i) =>
      ` c${i}: ${e.vars.map((v, q) => `${q ? "+ " : ""}${e.coef[q] === 1 ? "" : e.coef[q]} y${v}`).join(" ")} = ${e.rhs}`
  );
  const text = `Maximize\n obj: ${Array.from({length: nVars}, (_, v) => `0 y${v}`).join(" + ") || "0 y0"}\nSubject To\n${rows.join("\n") || " c0: y0 >= 0"}\nBounds\n${Array.from({length: nVars}, (_, v) => ` y${v} >= 0`).join("\n")}\nEnd\n`;
  const model = highs.createModel({format: "lp", data: text});
  // after a change of costs the basis stays primal feasible: primal simplex continues from it (dual simplex restarts, ~60× slower here)
  model.options.set({output_flag: false, presolve: "off", simplex_strategy: 4});
  const column = new Int32Array(Math.max(nVars, 1));
  for (let v = 0; v < nVars; v++) column[v] = model.getColByName(`y${v}`);
  const all = {kind: "range" as const, from: 0, to: Math.max(nVars, 1) - 1};
  let count = 0;
  return {
    get count() {
      return count;
    },
    /** Maximise Σ cost·y; Infinity when unbounded; the solution (class totals) when optimal. */
    maximise(costs: ReadonlyMap<number, number>): {value: number; x: Float64Array | null; binding: number[]} {
      count++;
      const cost = new Float64Array(Math.max(nVars, 1));
      for (const [v, c] of costs) cost[column[v]] = c;
      model.changeColsCost(all, cost);
      model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
      model.run();
      const status = model.getModelStatus();
      if (status === UNBOUNDED) return {value: Infinity, x: null, binding: []};
      if (status !== OPTIMAL)
        throw new Error(
          `privacy audit: the LP solver ended with model status ${status} (the published figures are always feasible)`
        );
      const solution = model.getSolution();
      const x = new Float64Array(nVars);
      for (let v = 0; v < nVars; v++) x[v] = solution.colValue[column[v]];
      // rows are the equations in order; a non-zero dual marks an equation that limits this objective
      const binding: number[] = [];
      solution.rowDual?.forEach((d: number, r: number) => {
        if (Math.abs(d) > 1e-9) binding.push(r);
      });
      return {value: model.getObjectiveValue(), x, binding};
    },
    dispose: () => model.dispose()
  };
}

/**
 * Audit the hidden cells (all, or the ids in `only`) against every published
 * one. `k` is the minimum cell size.
 */
export async function auditCells(
  cells: readonly AuditCell[],
  atomCounts: readonly number[],
  k: number,
  options: {only?: ReadonlySet<string>; system?: AuditSystem; log?: (m: string) => void; randomRounds?: number} = {}
): Promise<AuditResult> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const sys = options.system ?? buildSystem(cells, atomCounts);
  const {nVars, classValue, equations, touches, inside} = sys;
  const lp = await openLp(sys);
  try {
    return run();
  } finally {
    lp.dispose();
  }
  function run(): AuditResult {
    const targets = cells
      .map((c, i) => ({c, i}))
      .filter(({c}) => c.hidden && (!options.only || options.only.has(c.id)));
    // Ranges seen over feasible points: the truth, then vertices of random objectives.
    // At a point x (class totals), a cell can take anything from Σ inside to Σ touching.
    const lowAt = (i: number, x: ArrayLike<number>) => {
      let s = 0;
      for (const [v, c] of inside[i]) s += c * x[v];
      return s;
    };
    const highAt = (i: number, x: ArrayLike<number>) => {
      let s = 0;
      for (const [v, c] of touches[i]) s += c * x[v];
      return s;
    };
    const lo = targets.map(({i}) => lowAt(i, classValue));
    const hi = targets.map(({i}) => highAt(i, classValue));
    const verdict = (j: number) =>
      unsafe(
        targets[j].c.value,
        Math.ceil(lo[j] - 1e-6),
        hi[j] === Infinity ? Infinity : Math.floor(hi[j] + 1e-6),
        targets[j].c.primary,
        k
      );
    // A few LPs with random objectives first: each solution is a feasible point, and cells whose value differs there
    // from the truth are shown not exact at once (what complementary cells need; primaries need their own LPs).
    let seed = 0x2545f491;
    const rand = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    for (let round = 0; round < (options.randomRounds ?? 0); round++) {
      const open = targets.map((_, j) => j).filter((j) => verdict(j) !== null);
      if (open.length < 20) break;
      const costs = new Map<number, number>();
      for (const j of open) {
        const up = rand() < 0.5;
        const w = (0.5 + rand()) * (up ? 1 : -1);
        for (const [v, c] of (up ? touches : inside)[targets[j].i]) costs.set(v, (costs.get(v) ?? 0) + w * c);
      }
      const {x} = lp.maximise(costs);
      if (!x) break;
      for (const j of open) {
        lo[j] = Math.min(lo[j], lowAt(targets[j].i, x));
        hi[j] = Math.max(hi[j], highAt(targets[j].i, x));
      }
      log(`random round ${round}: ${open.length} open before`);
    }
    // Each cell's own max LP, and its min LP when the max alone does not show it safe.
    const findings: AuditFinding[] = [];
    let own = 0;
    // cells over the same classes (the same students under other names) share their bounds: solve each once
    const solved = new Map<string, {hi: number; lo: number; binding: number[]; full: boolean}>();
    const shapeOf = (i: number) => `${[...touches[i]].join(";")}|${[...inside[i]].join(";")}`;
    for (let j = 0; j < targets.length; j++) {
      if (verdict(j) === null) continue;
      const {c, i} = targets[j];
      const shape = shapeOf(i);
      const known = solved.get(shape);
      if (known && !known.full) hi[j] = Math.max(hi[j], known.hi);
      if (known && !known.full && verdict(j) === null) continue;
      if (known?.full) {
        hi[j] = Math.max(hi[j], known.hi);
        lo[j] = Math.min(lo[j], known.lo);
        const reason = verdict(j);
        if (reason) {
          const blocking = new Set<string>();
          for (const r of known.binding)
            for (const ci of [equations[r].cell, ...equations[r].children]) blocking.add(cells[ci].id);
          findings.push({
            id: c.id,
            label: c.label,
            value: c.value,
            lower: Math.ceil(lo[j] - 1e-6),
            upper: hi[j] === Infinity ? Infinity : Math.floor(hi[j] + 1e-6),
            reason,
            blocking: [...blocking]
          });
        }
        continue;
      }
      if (++own % 500 === 0) log(`${own} own LPs so far, at cell ${j} of ${targets.length}`);
      const up = lp.maximise(touches[i]);
      hi[j] = Math.max(hi[j], up.value);
      if (verdict(j) === null) {
        solved.set(shape, {hi: up.value, lo: lo[j], binding: [], full: false});
        continue;
      }
      let binding = up.binding;
      if (inside[i].size) {
        const down = lp.maximise(new Map([...inside[i]].map(([v, coef]) => [v, -coef])));
        lo[j] = Math.min(lo[j], -down.value);
        binding = binding.concat(down.binding);
      } else lo[j] = 0;
      solved.set(shape, {hi: hi[j], lo: lo[j], binding, full: true});
      const reason = verdict(j);
      if (reason) {
        const blocking = new Set<string>();
        for (const r of binding)
          for (const ci of [equations[r].cell, ...equations[r].children]) blocking.add(cells[ci].id);
        findings.push({
          id: c.id,
          label: c.label,
          value: c.value,
          lower: Math.ceil(lo[j] - 1e-6),
          upper: hi[j] === Infinity ? Infinity : Math.floor(hi[j] + 1e-6),
          reason,
          blocking: [...blocking]
        });
      }
    }
    log(`${own} of ${targets.length} hidden cells needed their own LPs; ${findings.length} unsafe`);
    return {
      findings,
      hidden: targets.length,
      published: equations.length,
      variables: nVars,
      lps: lp.count,
      ms: performance.now() - t0
    };
  }
}
