/**
 * Labels short enough for statistics packages (Stata: variable labels of at
 * most 80 characters; SPSS: value labels of at most 120 bytes): the text as it
 * is when it fits, else without its parenthetical remarks, else cut at the
 * last word boundary that fits and ended with "…". The full texts stay in
 * codebook.csv.
 */

/** Length in characters (code points). */
export const characters = (s: string): number => [...s].length;
/** Length in UTF-8 bytes. */
export const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** `text` shortened so that `measure(result) ≤ max` (see above). */
export function shortLabel(text: string, max: number, measure: (s: string) => number = characters): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (measure(clean) <= max) return clean;
  // drop parenthetical remarks, innermost first
  let bare = clean;
  for (let previous = ""; previous !== bare;) {
    previous = bare;
    bare = bare.replace(/\s*\([^()]*\)/g, "");
  }
  bare = bare
    .replace(/\s+([,.;:])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  if (bare && measure(bare) <= max) return bare;
  const source = bare || clean;
  const words = source.split(" ");
  let cut = "";
  for (const w of words) {
    const next = cut ? `${cut} ${w}` : w;
    if (measure(`${next.replace(/[\s,.;:–—-]+$/, "")}…`) > max) break;
    cut = next;
  }
  cut = cut.replace(/[\s,.;:–—-]+$/, "");
  if (!cut) {
    // a single word longer than max: cut inside it
    const chars = [...source];
    while (chars.length && measure(`${chars.join("")}…`) > max) chars.pop();
    cut = chars.join("");
  }
  return `${cut}…`;
}
