// Downloads made in the browser from what is on the page: CSV of a table,
// SVG and PNG of a chart. No data is fetched.

export interface Column<T> {
  key: keyof T & string;
  label: string;
  /** Display format; the CSV always carries the raw value. */
  format?: (value: any, row: T) => string;
  /** Name of the boolean field (or function) that marks this cell as suppressed. */
  suppressed?: (row: T) => boolean;
}

/** RFC 4180 CSV with a header row; suppressed cells are empty in the data and flagged in a column. */
export function toCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const esc = (v: unknown) => {
    if (v == null || (typeof v === "number" && !Number.isFinite(v))) return "";
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => esc(c.key)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => esc(c.suppressed?.(row) ? null : row[c.key])).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function serialiseSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  // Keep the look without the page's stylesheet.
  const style = getComputedStyle(svg);
  clone.setAttribute("style", `font-family:${style.fontFamily};font-size:${style.fontSize};background:white`);
  return new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(svg: SVGSVGElement, filename: string) {
  downloadBlob(new Blob([serialiseSvg(svg)], {type: "image/svg+xml"}), filename);
}

export async function downloadPng(svg: SVGSVGElement, filename: string, scale = 2) {
  const {width, height} = svg.getBoundingClientRect();
  const image = new Image();
  const url = URL.createObjectURL(new Blob([serialiseSvg(svg)], {type: "image/svg+xml"}));
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error("Could not render the chart as PNG"));
    image.src = url;
  });
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext("2d")!;
  context.fillStyle = "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(url);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/png"));
  downloadBlob(blob, filename);
}
