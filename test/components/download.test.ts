// The CSV a figure downloads: Danish-Excel form on Danish pages, plain RFC 4180 on English pages, suppressed
// cells empty and named, the source and data notice on every row.
import {spawnSync} from "node:child_process";
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {toCsv, type Column} from "../../src/components/download.ts";
import {da} from "../../src/i18n/da.ts";
import {en} from "../../src/i18n/en.ts";
import {parseCsv} from "../helpers/csv.ts";
import {tempDir} from "../helpers/tmp.ts";

const hasRscript = spawnSync("Rscript", ["--version"], {encoding: "utf8"}).status === 0;

interface Row {
  year: number;
  mentor: boolean;
  group: string;
  students: number | null;
  rate: number;
  hidden: string[];
}

const rows: Row[] = [
  {year: 2021, mentor: true, group: 'Skoleskift; "mentor"', students: 1234, rate: 0.2471, hidden: []},
  {year: 2022, mentor: false, group: "To linjer\nher", students: 3, rate: 0.5, hidden: ["students", "rate"]}
];
const columns = (t: typeof da): Column<Row>[] => [
  {key: "year", label: t.intakeYear},
  {key: "mentor", label: t.mentor, format: (v) => (v ? t.withMentor : t.withoutMentor)},
  {key: "group", label: t.schemeType},
  {key: "students", label: t.students, suppressed: (d) => d.hidden.includes("students")},
  {key: "rate", label: t.dropout, suppressed: (d) => d.hidden.includes("rate")},
  {key: "rate", label: t.dropout}
];
const NOTICE = "Syntetiske data: tallene er genereret til demonstration.";
const options = (t: typeof da, lang: "da" | "en") => ({
  lang,
  hiddenHeader: t.downloads.hiddenHeader,
  yes: t.downloads.yes,
  no: t.downloads.no,
  note: {header: t.downloads.noteHeader, text: NOTICE}
});

const parse = (text: string, sep: string) => {
  const {header, rows} = parseCsv(text, sep);
  return [header, ...rows];
};

describe("CSV for Danish Excel (Danish pages)", () => {
  const csv = toCsv(rows, columns(da), options(da, "da"));
  it("starts with a UTF-8 byte order mark and separates with semicolons", () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith("\r\n")).toBe(true);
    const [header] = parse(csv.slice(1), ";");
    expect(header).toEqual([
      "Optagelsesår",
      "Mentor",
      "Ordningstype",
      "Elever",
      "Frafald",
      "Frafald (2)",
      "Skjulte felter (diskretion)",
      "Bemærkning"
    ]);
  });
  it("writes decimals with a comma, no thousands separator, yes/no in words, and quotes what needs it", () => {
    const [, first, second] = parse(csv.slice(1), ";");
    expect(first.slice(0, 6)).toEqual(["2021", "Med mentor", 'Skoleskift; "mentor"', "1234", "0,2471", "0,2471"]);
    expect(csv).toContain('"Skoleskift; ""mentor"""');
    expect(second[2]).toBe("To linjer\nher");
    expect(second[5]).toBe("0,5");
  });
  it("leaves suppressed cells empty and names them", () => {
    const [, first, second] = parse(csv.slice(1), ";");
    expect(second[3]).toBe("");
    expect(second[4]).toBe("");
    expect(second[6]).toBe("Elever, Frafald");
    expect(first[6]).toBe("");
  });
  it("carries the notice on every row", () => {
    const [, ...body] = parse(csv.slice(1), ";");
    expect(body).toHaveLength(2);
    for (const r of body) expect(r.at(-1)).toBe(NOTICE);
  });
});

describe("plain CSV (English pages)", () => {
  const csv = toCsv(rows, columns(en as typeof da), options(en as typeof da, "en"));
  it("has no byte order mark, commas between fields and decimal points", () => {
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const [header, first, second] = parse(csv, ",");
    expect(header).toEqual([
      "Intake year",
      "Mentor",
      "Scheme type",
      "Students",
      "Dropout",
      "Dropout (2)",
      "Hidden cells (confidentiality)",
      "Note"
    ]);
    expect(first.slice(0, 6)).toEqual(["2021", "With a mentor", 'Skoleskift; "mentor"', "1234", "0.2471", "0.2471"]);
    expect(second.slice(3, 5)).toEqual(["", ""]);
    expect(second[6]).toBe("Students, Dropout");
    expect(first.at(-1)).toBe(NOTICE);
    // a semicolon needs no quotes here; a quote does
    expect(csv).toContain('"Skoleskift; ""mentor"""');
  });
  it("writes plain yes/no values as TRUE/FALSE (R reads them as logical) and leaves missing numbers empty", () => {
    const csv2 = toCsv(
      [
        {a: true, b: NaN, c: null},
        {a: false, b: 1.5, c: "x,y"}
      ],
      [
        {key: "a", label: "a"},
        {key: "b", label: "b"},
        {key: "c", label: "c"}
      ],
      {lang: "en"}
    );
    expect(csv2).toBe('a,b,c\r\nTRUE,,\r\nFALSE,1.5,"x,y"\r\n');
  });
});

describe.skipIf(!hasRscript)("R reads both forms as tables of numbers", () => {
  it("read.csv2 (Danish, BOM) and read.csv (English) give the same numbers, names and notice", () => {
    const dir = tempDir("csv");
    writeFileSync(join(dir, "da.csv"), toCsv(rows, columns(da), options(da, "da")));
    writeFileSync(join(dir, "en.csv"), toCsv(rows, columns(en as typeof da), options(en as typeof da, "en")));
    const script = `
      da <- read.csv2(file.path("${dir}", "da.csv"), fileEncoding = "UTF-8-BOM", check.names = FALSE)
      en <- read.csv(file.path("${dir}", "en.csv"), fileEncoding = "UTF-8", check.names = FALSE)
      cat(names(da)[1], is.numeric(da[[5]]), da[1, 5], is.numeric(en[[5]]), en[1, 5], nrow(da), nrow(en), da[2, 3] == "To linjer\\nher", sep = "|")
      cat("\\n", da[1, ncol(da)], sep = "")`;
    const out = spawnSync("Rscript", ["-e", script], {encoding: "utf8"});
    expect(out.status, out.stderr).toBe(0);
    const [first, note] = out.stdout.split("\n");
    expect(first).toBe("Optagelsesår|TRUE|0.2471|TRUE|0.2471|2|2|TRUE");
    expect(note).toBe(NOTICE);
  });
});
