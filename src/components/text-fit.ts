// Text measured and fitted to a width: the chart components size their label margins with it, and the
// downloaded figure wraps its title with it, so a label is measured the same way wherever it is drawn.

/** The system font stack of the charts (Plot's system-ui first) and of the downloaded figures. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const ELLIPSIS = "…";

// made on first use; stays null where there is no document (unit tests in Node)
let measureContext: CanvasRenderingContext2D | null = null;
let measureTried = false;
/** Width of a text in pixels at a font size: the canvas measures with the page's fonts; without a canvas, ~0.55 em a character. */
export function textWidth(text: string, size: number, weight = "normal"): number {
  if (!measureTried) {
    measureTried = true;
    measureContext = globalThis.document ? globalThis.document.createElement("canvas").getContext("2d") : null;
  }
  if (!measureContext) return text.length * size * 0.55;
  measureContext.font = `${weight} ${size}px ${FONT}`;
  return measureContext.measureText(text).width;
}

/** Words broken into lines no wider than `width` (a word wider than that keeps a line of its own). */
export function wrap(text: string, width: number, size: number, weight = "normal"): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, weight) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A text cut to `width` with an ellipsis at its end (unchanged when it fits). */
export function ellipsise(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  let n = text.length;
  while (n > 1 && textWidth(text.slice(0, n).trimEnd() + ELLIPSIS, size) > width) n--;
  return text.slice(0, n).trimEnd() + ELLIPSIS;
}

/**
 * A label as at most `maxLines` lines no wider than `width`, joined by "\n" (Plot draws each as a line):
 * wrapped at spaces, a too-long word or a last line that does not hold the rest ellipsised.
 */
export function fitLabel(label: string, width: number, size: number, maxLines: number): string {
  if (textWidth(label, size) <= width) return label;
  const lines = wrap(label, width, size);
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept[maxLines - 1] = `${kept[maxLines - 1]} ${lines.slice(maxLines).join(" ")}`;
  return kept.map((l) => ellipsise(l, width, size)).join("\n");
}
