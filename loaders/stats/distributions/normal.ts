/**
 * Standard normal distribution: density, CDF, upper tail and quantile, all to
 * (close to) full double precision.
 *
 * - CDF: W. J. Cody's rational Chebyshev approximations (Cody 1969,
 *   "Rational Chebyshev approximations for the error function", Math. Comp.
 *   23:631–637; as packaged in ACM TOMS Algorithm 715, SPECFUN routine ANORM,
 *   Cody 1993). Three regions: |x| ≤ 0.66291, 0.66291 < |x| ≤ √32, |x| > √32.
 *   The factor exp(−x²/2) is split as exp(−x₀²/2)·exp(−(x − x₀)(x + x₀)/2)
 *   with x₀ = ⌊16x⌋/16 to avoid the cancellation of computing x² directly.
 * - Quantile: M. J. Wichura (1988), "Algorithm AS 241: The percentage points
 *   of the normal distribution", Applied Statistics 37(3):477–484, routine
 *   PPND16 (relative accuracy about 1e-16).
 *
 * Never use a hard-coded 1.96 or simple-statistics' `probit` (which returns
 * 1.95716 for 0.975): use `normalQuantile(0.975)` = 1.959963984540054.
 *
 * @example
 * normalCdf(1.959963984540054);   // 0.975
 * normalQuantile(0.975);          // 1.959963984540054
 * normalQuantile(1e-10);          // -6.361340902404056
 */

/** Evaluate a polynomial with coefficients in DESCENDING powers (Horner). */
function horner(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (const c of coefficients) result = result * x + c;
  return result;
}

const SQRT_32 = Math.sqrt(32);
const INV_SQRT_2PI = 0.398942280401432677939946059934;

// Cody (1993) ANORM coefficients, written as polynomials in descending powers.
// Region 1 (|x| ≤ 0.66291): Φ(x) = 1/2 + x·N1(x²)/D1(x²).
const N1 = [
  0.065682337918207449113, 2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249
];
const D1 = [1, 47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
// Region 2 (0.66291 < |x| ≤ √32): Q(|x|) = exp(−x²/2)·N2(|x|)/D2(|x|).
const N2 = [
  1.0765576773720192317e-8, 0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218
];
const D2 = [
  1, 22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727
];
// Region 3 (|x| > √32): Q(|x|) = exp(−x²/2)/|x| · (1/√(2π) − z·N3(z)/D3(z)), z = 1/x².
const N3 = [
  0.02307344176494017303, 0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
  2.9112874951168792e-5
];
const D3 = [
  1, 1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5
];

/** exp(−y²/2) computed without the rounding error of forming y² directly. */
function expHalfSquare(y: number): number {
  const y0 = Math.floor(y * 16) / 16;
  const del = (y - y0) * (y + y0);
  return Math.exp((-y0 * y0) / 2) * Math.exp(-del / 2);
}

/** Upper tail Q(y) = 1 − Φ(y) for y ≥ 0.66291 (regions 2 and 3). */
function upperTailLarge(y: number): number {
  if (y >= 40) return 0; // below the smallest double
  if (y <= SQRT_32) return expHalfSquare(y) * (horner(N2, y) / horner(D2, y));
  const z = 1 / (y * y);
  const r = (z * horner(N3, z)) / horner(D3, z);
  return (expHalfSquare(y) * (INV_SQRT_2PI - r)) / y;
}

/** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return 0;
  return INV_SQRT_2PI * expHalfSquare(Math.abs(x));
}

/**
 * Standard normal CDF Φ(x) (Cody 1993, ANORM). Accurate to about 1e-16
 * relative in the lower tail.
 * @example normalCdf(-1.959963984540054) // 0.025
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const y2 = y * y;
    return 0.5 + (x * horner(N1, y2)) / horner(D1, y2);
  }
  const tail = upperTailLarge(y);
  return x > 0 ? 1 - tail : tail;
}

/**
 * Standard normal upper tail 1 − Φ(x), computed directly (no cancellation
 * for large x).
 * @example normalSurvival(1.959963984540054) // 0.025
 */
export function normalSurvival(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return normalCdf(-x);
}

// Wichura (1988) AS 241 PPND16 coefficients, descending powers.
const A = [
  2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457, 13731.693765509461125,
  1971.5909503065514427, 133.14166789178437745, 3.387132872796366608
];
const B = [
  5226.495278852545925, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867, 5394.1960214247511077,
  687.1870074920579083, 42.313330701600911252, 1
];
const C = [
  7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258,
  3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734
];
const D = [
  1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459,
  0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1
];
const E = [
  2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093,
  0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772
];
const F = [
  2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4,
  0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1
];

/**
 * Standard normal quantile Φ⁻¹(p) (Wichura 1988, AS 241 PPND16).
 * Returns −Infinity for p = 0, +Infinity for p = 1 and NaN outside [0, 1].
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(A, r)) / horner(B, r);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(C, r) / horner(D, r);
  } else {
    r -= 5;
    value = horner(E, r) / horner(F, r);
  }
  return q < 0 ? -value : value;
}

/**
 * Two-sided critical value z_{1−(1−level)/2}, e.g. 1.959963984540054 for 0.95.
 * `level` must be in (0, 1) (validated by the callers).
 */
export function normalCritical(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}
