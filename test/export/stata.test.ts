// labels.do checked structurally (no Stata here): every column of every CSV table labelled in English and Danish
// within 80 characters, valid names of at most 32 characters, coded columns encoded with their codes, and
// strings quoted so that no macro is expanded and no quote closes early.
import {describe, expect, it} from "vitest";
import {buildCodebook} from "../../loaders/export/codebook.ts";
import {checkStataName, stataLabels, stataString, valueLabelName} from "../../loaders/export/stata.ts";
import {fullCodebook} from "./metadata-fixture.ts";

/** The text inside a compound-quoted Stata string (the reverse of stataString). */
const unquote = (s: string) => {
  const m = /^`"(.*)"'$/.exec(s);
  if (!m) throw new Error(`not a compound string: ${s}`);
  return m[1].replace(/\\\$/g, "$");
};
const compound = /`"(.*?)"'/g;

describe("labels.do", () => {
  const codebook = fullCodebook();
  const files = codebook.files.filter((f) => f.table !== "codebook");
  const text = stataLabels(codebook, "Test export");
  const lines = text.split("\n");
  /** The lines of one file's block. */
  const block = (file: string) => {
    const start = lines.findIndex((l) => l.startsWith(`import delimited using "${file}"`));
    const end = lines.findIndex((l, i) => i > start && l.startsWith("save "));
    expect(start).toBeGreaterThan(-1);
    return lines.slice(start, end + 1);
  };

  it("imports every CSV table (not the codebook) and saves it as .dta", () => {
    expect(lines.filter((l) => l.startsWith("import delimited")).length).toBe(files.length);
    for (const f of files) expect(block(f.file).at(-1)).toBe(`save "${f.table}.dta", replace`);
    expect(text).not.toContain('"codebook.csv"');
  });

  it("reads each column as its type: string or numeric, every column exactly once", () => {
    for (const f of files) {
      const imp = block(f.file)[0];
      const list = (opt: string) => new RegExp(`${opt}\\(([0-9 ]+)\\)`).exec(imp)?.[1].split(" ").map(Number) ?? [];
      const strings = list("stringcols");
      const numbers = list("numericcols");
      expect([...strings, ...numbers].sort((a, b) => a - b)).toEqual(f.columns.map((_, i) => i + 1));
      for (const i of strings) expect(["string", "boolean"]).toContain(f.columns[i - 1].type);
    }
  });

  it("labels every column in English and Danish, at most 80 characters, and names are valid Stata names", () => {
    for (const f of files) {
      const b = block(f.file);
      const da = b.indexOf("label language da, new");
      expect(da).toBeGreaterThan(0);
      for (const c of f.columns) {
        expect(c.column.length).toBeLessThanOrEqual(32);
        expect(c.column).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        const labels = b.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith(`label variable ${c.column} `));
        expect(labels.map(([, i]) => i < da)).toEqual([true, false]);
        const [en, dk] = labels.map(([l]) => unquote(l.slice(`label variable ${c.column} `.length)));
        expect(en.length).toBeLessThanOrEqual(80);
        expect(dk.length).toBeLessThanOrEqual(80);
        expect(en.length).toBeGreaterThan(2);
        expect(c.en.startsWith(en.replace(/…$/, "")) || en.length < c.en.length).toBe(true);
      }
    }
    for (const l of lines)
      for (const m of l.matchAll(compound)) expect([...unquote(m[0])].length).toBeLessThanOrEqual(80);
  });

  it("encodes coded text columns with their codes in order, English and Danish value labels, and notes the codes", () => {
    for (const f of files) {
      const b = block(f.file).join("\n");
      for (const c of f.columns.filter((x) => x.type === "string" && x.codes)) {
        const en = valueLabelName(c.column, "en");
        const da = valueLabelName(c.column, "da");
        expect(en.length).toBeLessThanOrEqual(32);
        expect(da.length).toBeLessThanOrEqual(32);
        expect(b).toContain(`encode ${c.column}, generate(__coded) label(${en}) noextend`);
        const defs = b
          .split(`label define ${en} ///\n`)
          .slice(1)
          .map((d) =>
            d
              .split("\n")
              .filter((l) => l.startsWith("    "))
              .map((l) => unquote(/`".*"'/.exec(l)![0]))
          );
        expect(defs[0].slice(0, c.codes!.length)).toEqual(c.codes!.map((x) => x.code));
        expect(defs[1].slice(0, c.codes!.length)).toEqual(
          c.codes!.map((x) => (x.en.length <= 80 ? x.en : expect.any(String)))
        );
        expect(b).toContain(`label values ${c.column} ${da}`);
        expect(b).toContain(`notes ${c.column}: codes ${c.codes!.map((x, i) => `${i + 1} = ${x.code}`).join("; ")}`);
      }
      for (const c of f.columns.filter((x) => x.type === "boolean")) {
        expect(b).toContain(
          `generate byte __coded = cond(${c.column} == "TRUE", 1, cond(${c.column} == "FALSE", 0, .))`
        );
        expect(b).toContain("label define yesno_en 0");
      }
    }
  });

  it("quotes every text so that nothing is expanded or closed early", () => {
    expect(stataString('a "b" $x `y\' "\'z')).toBe('`"a "b" \\$x \'y\' " \'z"\'');
    const odd = buildCodebook([{table: "outcomes", file: "outcomes.csv", columns: ["scheme_type", "n"]}]);
    odd.files[0].columns[1] = {...odd.files[0].columns[1], en: 'Cost in $ of "x"\' `y`'};
    const got = stataLabels(odd, "t");
    const line = got.split("\n").find((l) => l.startsWith("label variable n "))!;
    // the "' after x would close the quotes: it gets a space; the backticks become '
    expect(line).toBe("label variable n `\"Cost in \\$ of \"x\" ' 'y'\"'");
    // outside compound quotes nothing is left that Stata would expand
    for (const l of got.split("\n").filter((x) => !x.startsWith("*")))
      expect(l.replace(compound, "")).not.toMatch(/[`$]/);
  });

  it("refuses a name Stata cannot take", () => {
    expect(() => checkStataName("a".repeat(33), "t")).toThrow(/not a valid Stata name/);
    expect(() => checkStataName("1st", "t")).toThrow(/not a valid Stata name/);
    expect(() => checkStataName("with", "t")).toThrow(/not a valid Stata name/);
    expect(checkStataName("a".repeat(32), "t")).toBe("a".repeat(32));
    expect(() => stataLabels({...codebook, files: codebook.files.filter((f) => f.table === "codebook")}, "t")).toThrow(
      /no data tables/
    );
  });
});
