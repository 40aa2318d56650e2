/** Unit tests of the ingest's building blocks: CSV line structure, dialect, names, HMAC in SQL. */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {DuckDBInstance} from "@duckdb/node-api";
import {CsvStructureScanner, ByteScanner} from "../../loaders/ingest/scan.ts";
import {sniffDialect} from "../../loaders/ingest/sniff.ts";
import {tablesForFileName, normaliseName} from "../../loaders/ingest/names.ts";
import {personalColumnName} from "../../loaders/ingest/privacy.ts";
import {hmacNode, hmacSql} from "../../loaders/ingest/pseudonymise.ts";
import {jsonRecordLines} from "../../loaders/ingest/json.ts";
import {query} from "../../loaders/warehouse.ts";

/** Reference: walk the text character by character (a quote opens a field only at its start; "" inside quotes is a quote). */
function reference(text: string) {
  const multi: [number, number][] = [];
  const blank: number[] = [];
  let d = 1,
    extra = 0,
    inQuote = false,
    prev = "\n",
    lineContent = false,
    recordContent = false,
    records = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (inQuote) {
      if (ch === '"') {
        if (chars[i + 1] === '"') i++;
        else inQuote = false;
      } else if (ch === "\n") extra++;
      prev = ch;
      continue;
    }
    if (ch === '"') {
      lineContent = recordContent = true;
      if (prev === "," || prev === "\n" || prev === "\r") inQuote = true;
      prev = ch;
      continue;
    }
    if (ch === "\n") {
      if (lineContent || recordContent) {
        if (extra > 0) multi.push([d, extra]);
        records++;
        d++;
        extra = 0;
        recordContent = false;
      } else {
        blank.push(d);
        d++;
      }
      lineContent = false;
      prev = ch;
      continue;
    }
    if (ch !== "\r") lineContent = true;
    prev = ch;
  }
  if (!inQuote && (lineContent || recordContent)) {
    if (extra > 0) multi.push([d, extra]);
    records++;
  }
  return {records, multi, blank, unterminated: inQuote};
}

describe("CSV line structure scanner", () => {
  it("matches a character-by-character reference for random CSV in random chunks", () => {
    const token = fc.constantFrom("a", "b", ",", "\n", "\r\n", '"', '""', " ", "æ");
    fc.assert(
      fc.property(
        fc.array(token, {maxLength: 60}),
        fc.array(fc.integer({min: 1, max: 7}), {minLength: 1, maxLength: 10}),
        (tokens, cuts) => {
          const text = tokens.join("");
          const bytes = Buffer.from(text, "utf8");
          const ref = reference(text);
          if (ref.unterminated) return;
          const scanner = new CsvStructureScanner(44, "lf");
          let pos = 0,
            k = 0;
          while (pos < bytes.length) {
            const n = cuts[k++ % cuts.length];
            scanner.push(bytes.subarray(pos, pos + n));
            pos += n;
          }
          const got = scanner.finish();
          expect({records: got.records, multi: got.multi, blank: got.blank}).toEqual({
            records: ref.records,
            multi: ref.multi,
            blank: ref.blank
          });
        }
      ),
      {numRuns: 400}
    );
  });

  it("finds an unterminated quote and the line it opened on", () => {
    const s = new CsvStructureScanner(44, "lf");
    s.push(Buffer.from('a,b\n1,2\n3,"x\ny\n'));
    expect(s.finish().unterminatedLine).toBe(3);
  });

  it("byte scan: UTF-8 split across chunks is valid; Windows-1252 is not; mojibake is seen", () => {
    const utf = Buffer.from("æøå ÆØÅ", "utf8");
    const b = new ByteScanner();
    for (let i = 0; i < utf.length; i++) b.push(utf.subarray(i, i + 1));
    expect(b.finish()).toMatchObject({validUtf8: true, nonAscii: true, mojibake: null});
    const c = new ByteScanner();
    c.push(Buffer.from([0x70, 0xe6, 0x64]));
    expect(c.finish()).toMatchObject({validUtf8: false, cp1252Undefined: false});
    const m = new ByteScanner();
    m.push(Buffer.from("pÃ¦dagogik", "utf8"));
    expect(m.finish().mojibake).toBe("Ã¦");
  });
  it("tells whether a file's values can need trimming (space, tab, CR, no-break space or a quote anywhere)", () => {
    const trimFree = (...chunks: string[]) => {
      const s = new ByteScanner();
      for (const c of chunks) s.push(Buffer.from(c, "utf8"));
      return s.finish().trimFree;
    };
    expect(trimFree("a,b\n1,2\n", "3,4\n")).toBe(true);
    for (const text of ["a,b\n1, 2\n", "a,b\n1,2\t\n", "a,b\r\n1,2\r\n", "a,b\n1,2\u00a0\n", 'a,b\n"1",2\n'])
      expect(trimFree("x\n", text), text).toBe(false);
  });
});

describe("dialect, names, JSON lines", () => {
  it("detects delimiter, newline and a trailing delimiter", () => {
    expect(sniffDialect("a;b;c\r\n1;2,5;3\r\n", {complete: true})).toEqual({
      delimiter: ";",
      newLine: "crlf",
      header: ["a", "b", "c"],
      trailingDelimiter: false
    });
    expect(sniffDialect("a,b\n1,2,\n3,4,\n", {complete: true}).trailingDelimiter).toBe(true);
    expect(sniffDialect("a\tb\n1\t2\n", {complete: true}).delimiter).toBe("\t");
  });
  it("maps file names to tables by whole words, with Danish aliases", () => {
    expect(tablesForFileName("Enrolments_2024.xlsx")).toEqual(["enrolments"]);
    expect(tablesForFileName("elever-2024.csv")).toEqual(["enrolments"]);
    expect(tablesForFileName("udtraek_mentorforloeb.csv")).toEqual(["mentorships"]);
    expect(tablesForFileName("Mentorforløb.csv")).toEqual(["mentorships"]);
    expect(tablesForFileName("stage_events.ndjson")).toEqual(["stage_events"]);
    expect(tablesForFileName("Institutioner.csv")).toEqual(["institutions"]);
    expect(tablesForFileName("elevliste.csv")).toEqual([]);
    expect(normaliseName("Fødselsdato")).toBe("foedselsdato");
  });
  it("refuses names of people's data, not codes", () => {
    for (const n of [
      "Navn",
      "Fornavn",
      "efternavn",
      "Elevnavn",
      "first_name",
      "Last Name",
      "Adresse",
      "Vejnavn",
      "Postnr",
      "E-mail",
      "Telefon",
      "Mobilnr",
      "CPR-nr"
    ]) {
      expect(personalColumnName(n), n).not.toBeNull();
    }
    for (const n of ["institution_id", "Studievejleder", "gender", "Klasse", "programme", "Uddannelse"])
      expect(personalColumnName(n), n).toBeNull();
  });
  it("finds the line each JSON record starts on", () => {
    expect(jsonRecordLines('[\n {"a": "x\\"}"},\n\n {"a": 2}\n]')).toEqual({
      layout: "array",
      lines: [2, 4],
      complete: true
    });
    expect(jsonRecordLines('{"a":1}\n\n{"a":2}\n')).toEqual({layout: "records", lines: [1, 3], complete: true});
    expect(jsonRecordLines('[{"a":1},{"a":').complete).toBe(false);
  });
});

describe("HMAC-SHA-256 in SQL", () => {
  it("equals Node's crypto.createHmac for short, long and non-ASCII ids and long keys", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    for (const key of [Buffer.from("a-key-of-sixteen-chars"), Buffer.alloc(100, 7)]) {
      for (const id of ["E00001", "Ø-42", "x".repeat(200), ""]) {
        const [r] = await query<{h: string}>(con, `SELECT ${hmacSql(key, "enrolment_id", `'${id}'`)} AS h`);
        expect(r.h).toBe(hmacNode(key, "enrolment_id", id));
      }
    }
    const [n] = await query<{h: string | null}>(
      con,
      `SELECT ${hmacSql(Buffer.from("k".repeat(20)), "student_key", "NULL::VARCHAR")} AS h`
    );
    expect(n.h).toBeNull();
    con.closeSync();
    instance.closeSync();
  });
});
