// labels.sps checked structurally (no SPSS here): every column of every CSV table read with a format of its
// type and labelled (English label ≤ 80 characters, Danish as the attribute label_da), value labels on the codes
// (≤ 120 bytes), strings quoted with " doubled, every line ≤ 256 characters and every command and comment ended.
import {describe, expect, it} from "vitest";
import {buildCodebook} from "../../loaders/export/codebook.ts";
import {utf8Bytes} from "../../loaders/export/short-label.ts";
import {checkSpssName, spssLabels, spssString} from "../../loaders/export/spss.ts";
import {fullCodebook} from "./metadata-fixture.ts";

const literal = /"((?:[^"]|"")*)"/g;
const unquote = (s: string) => s.slice(1, -1).replace(/""/g, '"');

describe("labels.sps", () => {
  const codebook = fullCodebook();
  const files = codebook.files.filter((f) => f.table !== "codebook");
  const text = spssLabels(codebook, "Test export");
  const lines = text.split("\n");
  const block = (file: string) => {
    const start = lines.indexOf(`  /FILE="${file}"`) - 1;
    const end = lines.indexOf(`SAVE OUTFILE="${file.replace(/\.csv$/, ".sav")}".`);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    return lines.slice(start, end + 1);
  };

  it("reads every CSV table (not the codebook) and saves it as .sav; lines ≤ 256 characters; comments end with a period", () => {
    expect(lines.filter((l) => l === "GET DATA /TYPE=TXT").length).toBe(files.length);
    for (const f of files) block(f.file);
    expect(text).not.toContain('codebook.csv"');
    for (const l of lines) expect(utf8Bytes(l)).toBeLessThanOrEqual(256);
    for (const l of lines.filter((x) => x.startsWith("*"))) expect(l).toMatch(/\.$/);
  });

  it("reads each column with a format of its type, in file order, with numbers shown with decimals", () => {
    for (const f of files) {
      const b = block(f.file);
      const v = b.indexOf("  /VARIABLES=");
      const read = b.slice(v + 1, v + 1 + f.columns.length).map((l) => l.trim().replace(/\.$/, "").split(" "));
      expect(read.map(([name]) => name)).toEqual(f.columns.map((c) => c.column));
      expect(b[v + f.columns.length]).toMatch(/\.$/);
      read.forEach(([, format], i) => {
        const c = f.columns[i];
        if (c.type === "integer" || c.type === "number") expect(format).toBe("F40.0");
        else expect(format).toMatch(/^A\d+$/);
        if (c.codes && c.type === "string")
          expect(Number(format.slice(1))).toBe(Math.max(...c.codes.map((x) => utf8Bytes(x.code))));
        if (c.type === "number")
          expect(b.some((l) => l === `  ${c.column} (F16.6)` || l === `  ${c.column} (F16.6).`)).toBe(true);
      });
    }
  });

  it("labels every column (English ≤ 80 characters, Danish attribute) and every code (≤ 120 bytes); names are valid", () => {
    for (const f of files) {
      const b = block(f.file);
      const labels = b.slice(b.indexOf("VARIABLE LABELS") + 1, b.indexOf("VARIABLE ATTRIBUTE"));
      const attrs = b.slice(
        b.indexOf("VARIABLE ATTRIBUTE") + 1,
        b.indexOf("VARIABLE ATTRIBUTE") + 1 + f.columns.length
      );
      expect(labels.length).toBe(f.columns.length);
      expect(labels.at(-1)).toMatch(/"\.$/);
      f.columns.forEach((c, i) => {
        checkSpssName(c.column, "test");
        const [en] = labels[i].match(literal)!;
        expect(labels[i].trim().startsWith(`${i ? "/" : ""}${c.column} "`)).toBe(true);
        expect([...unquote(en)].length).toBeLessThanOrEqual(80);
        expect(attrs[i]).toContain(`VARIABLES=${c.column} ATTRIBUTE=label_da("`);
        expect([...unquote(attrs[i].match(literal)![0])].length).toBeLessThanOrEqual(80);
      });
      const coded = f.columns.filter((c) => c.codes?.length);
      if (!coded.length) continue;
      const v = b.slice(b.indexOf("VALUE LABELS") + 1);
      for (const c of coded) {
        const at = v.findIndex((l) => l.trim() === c.column || l.trim() === `/${c.column}`);
        expect(at).toBeGreaterThan(-1);
        const pairs = v.slice(at + 1, at + 1 + c.codes!.length).map((l) => l.match(literal)!.map(unquote));
        expect(pairs.map(([code]) => code)).toEqual(c.codes!.map((x) => x.code));
        for (const [, label] of pairs) expect(utf8Bytes(label)).toBeLessThanOrEqual(120);
      }
      expect(b).toContain(`VARIABLE LEVEL ${coded.map((c) => c.column).join(" ")} (NOMINAL).`);
    }
  });

  it('quotes strings with " doubled; a suppressed flag is wide enough for every column name', () => {
    expect(spssString('a "b"\nc')).toBe('"a ""b"" c"');
    const odd = buildCodebook([
      {table: "outcomes", file: "outcomes.csv", columns: ["scheme_type", "n", "dropped", "suppressed"]}
    ]);
    odd.files[0].columns[1] = {...odd.files[0].columns[1], en: 'Say "hi". Then go'};
    const got = spssLabels(odd, "t").split("\n");
    expect(got).toContain('  /n "Say ""hi"". Then go"');
    expect(got).toContain(`    suppressed A${"n;dropped;scheme_type".length}.`);
  });

  it("refuses a name SPSS cannot take", () => {
    expect(() => checkSpssName("_x", "t")).toThrow(/not a valid SPSS variable name/);
    expect(() => checkSpssName("with", "t")).toThrow(/not a valid SPSS variable name/);
    expect(() => checkSpssName("a".repeat(65), "t")).toThrow(/not a valid SPSS variable name/);
    expect(checkSpssName("share_dropped_lower", "t")).toBe("share_dropped_lower");
  });
});
