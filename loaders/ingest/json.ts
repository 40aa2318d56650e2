/**
 * JSON sources: an array of objects (`[{…}, {…}]`) or newline-delimited JSON
 * (one object per line; blank lines allowed). DuckDB's read_json reads the
 * rows (every column as VARCHAR, so numbers keep their text); this module
 * finds the physical line on which each record starts, for the rejects.
 */

export type JsonLayout = "array" | "records";

/** Start line (1-based) of every top-level record, and the layout. */
export function jsonRecordLines(text: string): {layout: JsonLayout; lines: number[]; complete: boolean} {
  let i = 0;
  const n = text.length;
  let line = 1;
  while (i < n && /\s|\uFEFF/.test(text[i])) {
    if (text[i] === "\n") line++;
    i++;
  }
  const layout: JsonLayout = text[i] === "[" ? "array" : "records";
  const recordDepth = layout === "array" ? 1 : 0;
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      if (depth === recordDepth) lines.push(line);
      inString = true;
    } else if (c === 123 || c === 91) {
      // { [
      if (depth === recordDepth) lines.push(line);
      depth++;
    } else if (c === 125 || c === 93) {
      // } ]
      depth--;
    } else if (depth === recordDepth && c > 32 && c !== 44) {
      // a bare scalar record (number, true, null): count it once
      const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (prev <= 32 || prev === 44 || prev === 91) lines.push(line);
    }
  }
  return {layout, lines, complete: depth === 0 && !inString};
}
