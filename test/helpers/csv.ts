// Reading the site's CSV downloads as Excel or R would: an optional UTF-8 byte order mark, then RFC 4180 fields
// (quotes, doubled quotes, separators and line breaks inside quotes) with the given separator.

export interface ParsedCsv {
  bom: boolean;
  header: string[];
  rows: string[][];
}

export function parseCsv(text: string, separator: string): ParsedCsv {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const out: string[][] = [];
  let row: string[] = [],
    field = "",
    quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || (ch === "\r" && body[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(field);
      out.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    out.push(row);
  }
  const [header = [], ...rows] = out;
  return {bom, header, rows};
}
