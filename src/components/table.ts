// An accessible HTML table of aggregated rows; suppressed cells read the threshold label ("<5" when the smallest
// publishable cell is 5) with a footnote mark.
import type {Column} from "./download.js";

export interface TableOptions {
  caption: string;
  /** Shown under the table when any cell is suppressed. */
  suppressedNote?: string;
  /** A suppressed cell's text: the threshold label (Formatters.threshold of meta.min_cell). */
  suppressedText?: string;
}

/** Whether the privacy gate hid a row's column (its name in the row's `suppressed` list). */
export function isHidden(row: {suppressed?: readonly string[] | null} | null | undefined, key: string): boolean {
  return Boolean(row?.suppressed?.includes(key));
}

export function DataTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  {caption, suppressedNote, suppressedText}: TableOptions
): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "data-table";
  // A scrollable region must be reachable by keyboard.
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", caption);
  const table = document.createElement("table");
  const cap = document.createElement("caption");
  cap.textContent = caption;
  table.append(cap);
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c.label;
    head.append(th);
  }
  const body = table.createTBody();
  let anySuppressed = false;
  for (const row of rows) {
    const tr = body.insertRow();
    columns.forEach((c, i) => {
      const cell = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) (cell as HTMLTableCellElement).scope = "row";
      if (c.suppressed?.(row)) {
        if (suppressedText === undefined)
          throw new Error(
            `table "${caption}": a hidden cell in column "${c.label}", but no threshold label (suppressedText) was given`
          );
        anySuppressed = true;
        cell.textContent = `${suppressedText}*`;
        cell.className = "suppressed";
      } else {
        const value = row[c.key];
        cell.textContent = c.format ? c.format(value, row) : value == null ? "–" : String(value);
      }
      if (typeof row[c.key] === "number") cell.classList.add("num");
      tr.append(cell);
    });
  }
  wrapper.append(table);
  if (anySuppressed && suppressedNote) {
    const note = document.createElement("p");
    note.className = "footnote";
    note.textContent = `* ${suppressedNote}`;
    wrapper.append(note);
  }
  return wrapper;
}
