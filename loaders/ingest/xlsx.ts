/**
 * XLSX sources, read with `read-excel-file` (MIT, maintained, no native code;
 * unzips with fflate/unzipper-esm and parses XML with saxen — no SheetJS).
 * The sheet named like the table is used, else the first sheet. Numbers keep
 * their text (parseNumber = identity), date cells become ISO dates, and the
 * "line" of a row is its spreadsheet row number (header = row 1).
 */
import readXlsxFile from "read-excel-file/node";
import type {TableName} from "../contract/contract.ts";
import {fail} from "./errors.ts";
import {TABLE_ALIASES, normaliseName} from "./names.ts";

export interface XlsxData {
  sheet: string;
  header: string[];
  /** Data rows: sheet row number and cell texts (null = empty). */
  rows: {line: number; cells: (string | null)[]}[];
}

function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const iso = v.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
  }
  return String(v);
}

export async function readXlsx(path: string, file: string, table: TableName): Promise<XlsxData> {
  let sheets: {sheet: string; data: unknown[][]}[];
  try {
    sheets = (await readXlsxFile(path, {parseNumber: (s: string) => s, trim: false})) as unknown as {
      sheet: string;
      data: unknown[][];
    }[];
  } catch (error) {
    fail(
      "unreadable",
      file,
      `Regnearket kan ikke læses (${(error as Error).message}). Åbn det i Excel og gem det igen som .xlsx, eller eksportér CSV.`,
      `The spreadsheet cannot be read (${(error as Error).message}). Open it in Excel and save it again as .xlsx, or export CSV.`
    );
  }
  const wanted = new Set(TABLE_ALIASES[table]);
  const chosen =
    sheets!.find(
      (s) =>
        normaliseName(s.sheet)
          .split("_")
          .some((w) => wanted.has(w)) || wanted.has(normaliseName(s.sheet))
    ) ?? sheets![0];
  if (!chosen) fail("empty_file", file, "Regnearket har ingen ark.", "The spreadsheet has no sheets.");
  const data = chosen!.data;
  // The first non-empty row is the header; row numbers are 1-based positions in the sheet.
  let h = 0;
  while (h < data.length && data[h].every((c) => cellText(c) === null || cellText(c) === "")) h++;
  const header = (data[h] ?? []).map((c) => cellText(c) ?? "");
  const rows: XlsxData["rows"] = [];
  for (let r = h + 1; r < data.length; r++) {
    rows.push({line: r + 1, cells: header.map((_, c) => cellText(data[r][c]))});
  }
  return {sheet: chosen!.sheet, header, rows};
}
