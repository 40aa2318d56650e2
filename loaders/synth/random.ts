/**
 * Small, fast, seedable PRNG (sfc32, Chris Doty-Humphrey's PractRand "small fast
 * chaotic" generator) seeded through splitmix32. Every enrolment gets its own
 * stream derived from (seed, index), so a row's draws never depend on how many
 * draws earlier rows made: that keeps output byte-identical for a seed and lets
 * the generator compare a student with and without a mentor on the same draws.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export type Random = () => number;

/** A uniform [0, 1) generator for stream `index` of `seed`. */
export function stream(seed: number, index: number): Random {
  const mix = splitmix32((Math.imul(seed >>> 0, 0x27d4eb2d) ^ index) >>> 0);
  let a = mix() ^ (index >>> 0);
  let b = mix();
  let c = mix() ^ (Math.floor(index / 4294967296) >>> 0);
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Pick from weighted options with one uniform draw. */
export function pick<T>(u: number, options: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of options) total += w;
  let x = u * total;
  for (const [value, w] of options) {
    if (x < w) return value;
    x -= w;
  }
  return options[options.length - 1][0];
}

/** Exponential variate with the given mean. */
export function exponential(u: number, mean: number): number {
  return -Math.log(1 - u) * mean;
}

/** Log-normal variate from two uniforms (Box–Muller), median and log-sd. */
export function logNormal(u1: number, u2: number, median: number, sdLog: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  return median * Math.exp(sdLog * z);
}
