/** Column expressions of a mapping file (expressions.ts): each form evaluated in DuckDB, its errors, and input that must not break out of its quotes. */
import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {quoteIdent, quoteLiteral} from "../../loaders/contract/checks.ts";
import {IngestError} from "../../loaders/ingest/errors.ts";
import {expressionInputs, expressionSql, parseExpression} from "../../loaders/ingest/expressions.ts";
import type {ValueSettings} from "../../loaders/ingest/normalise.ts";
import {memoryDb, query} from "../helpers/duckdb.ts";

const AT = {file: "m.json", table: "enrolments", column: "outcome_date"};
const DANISH: ValueSettings = {dateOrder: "dmy", decimalComma: true};
let con: DuckDBConnection;
let close: () => void;
beforeAll(async () => {
  ({con, close} = await memoryDb());
});
afterAll(() => close());

/** Evaluate an expression over one row of text columns (name → value). */
async function evaluate(json: unknown, row: Record<string, string | null>, settings = DANISH): Promise<string | null> {
  const names = Object.keys(row);
  const values = names.map((n) => (row[n] === null ? "NULL::VARCHAR" : `${quoteLiteral(row[n]!)}::VARCHAR`));
  const sql = expressionSql(parseExpression(json, AT), (name) => quoteIdent(name), settings);
  const from = names.length
    ? `(SELECT ${values.map((v, i) => `${v} AS ${quoteIdent(names[i])}`).join(", ")})`
    : "(SELECT 1)";
  const [r] = await query<{v: string | null}>(con, `SELECT ${sql} AS v FROM ${from}`);
  return r.v;
}

function error(json: unknown): IngestError {
  try {
    parseExpression(json, AT);
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error("expected an IngestError");
}

describe("expression forms", () => {
  it("a constant: text or a number; empty text is empty", async () => {
    expect(await evaluate("HF", {})).toBe("HF");
    expect(await evaluate(17, {})).toBe("17");
    expect(await evaluate("", {})).toBeNull();
  });

  it("concat joins source text and literal text; an empty part makes the whole empty", async () => {
    const key = {concat: [{col: "Skolekode"}, "-", {col: "Elev-ID"}, "-", {col: "Startdato"}]};
    expect(await evaluate(key, {Skolekode: "101234", "Elev-ID": "A1001", Startdato: "09-08-2021"})).toBe(
      "101234-A1001-09-08-2021"
    );
    expect(await evaluate(key, {Skolekode: "101234", "Elev-ID": null, Startdato: "09-08-2021"})).toBeNull();
  });

  it("add_days: a date in the file's order plus days from a column or a constant", async () => {
    const e = {add_days: [{col: "Start"}, {col: "Dage"}]};
    expect(await evaluate(e, {Start: "09-08-2021", Dage: "53"})).toBe("2021-10-01");
    expect(await evaluate(e, {Start: "2021-08-09", Dage: "53"})).toBe("2021-10-01");
    expect(await evaluate(e, {Start: "08/09/2021", Dage: "1"}, {dateOrder: "mdy", decimalComma: false})).toBe(
      "2021-08-10"
    );
    expect(await evaluate(e, {Start: "08/09/2021", Dage: "1"})).toBe("2021-09-09");
    expect(await evaluate(e, {Start: "09.08.2021", Dage: "-9"})).toBe("2021-07-31");
    expect(await evaluate({add_days: [{col: "Start"}, 365]}, {Start: "01-01-2024"})).toBe("2024-12-31");
    expect(await evaluate(e, {Start: "09-08-2021", Dage: null})).toBeNull();
    // what cannot be computed is passed on as source text (then rejected as "must be a date", showing it)
    expect(await evaluate(e, {Start: "31-02-2021", Dage: "5"})).toBe("31-02-2021 + 5");
    expect(await evaluate(e, {Start: "09-08-2021", Dage: "fem"})).toBe("09-08-2021 + fem");
    expect(await evaluate(e, {Start: "09-08-2021", Dage: "4,5"})).toBe("09-08-2021 + 4,5");
    expect(await evaluate(e, {Start: "09-08-2021", Dage: "99999999999"})).toBe("09-08-2021 + 99999999999");
  });

  it("bands: lower edges inclusive, decimal comma as the file has it; text that is no number passes on", async () => {
    const e = {bands: {col: "Snit"}, edges: [4, 6, 8], labels: ["under_4", "4_to_6", "6_to_8", "8_plus"]};
    const band = (v: string | null, settings = DANISH) => evaluate(e, {Snit: v}, settings);
    expect(await band("5,3")).toBe("4_to_6");
    expect(await band("3,99")).toBe("under_4");
    expect(await band("4")).toBe("4_to_6");
    expect(await band("6,0")).toBe("6_to_8");
    expect(await band("12")).toBe("8_plus");
    expect(await band("-3")).toBe("under_4");
    expect(await band("5.3", {dateOrder: "dmy", decimalComma: false})).toBe("4_to_6");
    expect(await band("Ukendt")).toBe("Ukendt");
    expect(await band(null)).toBeNull();
  });

  it("recode: regardless of case unless match_case; unlisted values pass on", async () => {
    const values = {Frafaldet: "dropped", "I gang": "ongoing"};
    for (const v of ["Frafaldet", "FRAFALDET", "frafaldet"])
      expect(await evaluate({recode: {col: "S"}, values}, {S: v})).toBe("dropped");
    expect(await evaluate({recode: {col: "S"}, values}, {S: "i GANG"})).toBe("ongoing");
    expect(await evaluate({recode: {col: "S"}, values}, {S: "Overført"})).toBe("Overført");
    expect(await evaluate({recode: {col: "S"}, values, match_case: true}, {S: "FRAFALDET"})).toBe("FRAFALDET");
    expect(await evaluate({recode: {col: "S"}, values: {ÆBLE: "a"}}, {S: "æble"})).toBe("a");
  });

  it("forms nest: a recode of a band", async () => {
    const e = {recode: {bands: {col: "Snit"}, edges: [4], labels: ["low", "high"]}, values: {ukendt: "unknown"}};
    expect(await evaluate(e, {Snit: "UKENDT"})).toBe("unknown");
    expect(await evaluate(e, {Snit: "7"})).toBe("high");
  });

  it("lists the columns it reads and as what", () => {
    const e = parseExpression(
      {concat: [{col: "a"}, {add_days: [{col: "b"}, {col: "c"}]}, {bands: {col: "d"}, edges: [1], labels: ["x", "y"]}]},
      AT
    );
    expect(expressionInputs(e)).toEqual([
      {name: "a", as: "text"},
      {name: "b", as: "date"},
      {name: "c", as: "number"},
      {name: "d", as: "number"}
    ]);
  });
});

describe("unsafe input stays inside its quotes", () => {
  const evil = ["'; DROP TABLE x; --", "a'b", "\\' OR 1=1 --", '"); SELECT 1; --', "$$ x $$"];
  it("literals, codes and labels come back exactly", async () => {
    for (const s of evil) {
      expect(await evaluate(s, {})).toBe(s);
      expect(await evaluate({concat: [s, {col: "x"}]}, {x: "1"})).toBe(`${s}1`);
      expect(await evaluate({recode: {col: "x"}, values: {[s]: s + "!"}}, {x: s})).toBe(s + "!");
      expect(await evaluate({bands: {col: "x"}, edges: [0], labels: [s, "b"]}, {x: "-1"})).toBe(s);
    }
  });
  it("column names are quoted identifiers", async () => {
    for (const name of ['a"b', "x'; DROP TABLE t; --", "Dage i forløb"]) {
      expect(await evaluate({concat: [{col: name}, "."]}, {[name]: "v"})).toBe("v.");
    }
  });
  it("numbers can only be numbers", () => {
    expect(error({bands: {col: "x"}, edges: ["1; DROP TABLE t"], labels: ["a", "b"]}).en).toContain(
      '"edges" must be an increasing list of numbers'
    );
    expect(error({add_days: [{col: "x"}, "1; DROP TABLE t"]}).en).toContain(
      "the number of days must be a whole number"
    );
  });
});

describe("expression errors name the mapping file, table and column", () => {
  it("an unknown operator", () => {
    const e = error({sum: [{col: "a"}]});
    expect({code: e.code, file: e.file, en: e.en}).toEqual({
      code: "mapping",
      file: "m.json",
      en: 'The expression for enrolments.outcome_date: unknown operator "sum". Known operators: col, concat, add_days, bands, recode.'
    });
    expect(e.da).toBe(
      'Udtrykket for enrolments.outcome_date: ukendt operator "sum". Kendte operatorer: col, concat, add_days, bands, recode.'
    );
    expect(error({concat: ["a", {upper: {col: "b"}}]}).en).toContain('unknown operator "upper"');
  });
  it("wrong shapes", () => {
    const cases: [unknown, string][] = [
      [{col: "a", concat: ["b"]}, "one object may have only one operator (col, concat)"],
      [{col: "a", values: {}}, 'unknown key "values" with "col" (allowed: none)'],
      [{concat: []}, '"concat" must be a list of parts'],
      [{add_days: [{col: "a"}]}, '"add_days" must be [date, number of days]'],
      [{add_days: [{col: "a"}, 1.5]}, "the number of days must be a whole number"],
      [{bands: {col: "a"}, edges: [6, 4], labels: ["x", "y", "z"]}, '"edges" must be an increasing list of numbers'],
      [
        {bands: {col: "a"}, edges: [4, 6], labels: ["x", "y"]},
        '"labels" must be a list of one text more than "edges" (3)'
      ],
      [{recode: {col: "a"}, values: {x: 1}}, '"values" of enrolments.outcome_date must be an object of text values'],
      [{recode: {col: "a"}, values: {}, match_case: "yes"}, '"match_case" must be true or false'],
      [{recode: {col: "a"}, values: {Ja: "true", JA: "false"}}, 'has both "Ja" and "JA", which are the same code'],
      [true, "is neither text, a number nor an object with an operator"],
      [{col: ""}, '"col" must be a column name']
    ];
    for (const [json, message] of cases) expect(error(json).en, JSON.stringify(json)).toContain(message);
    // the same code twice with the same value is harmless
    expect(() => parseExpression({recode: {col: "a"}, values: {Ja: "true", JA: "true"}}, AT)).not.toThrow();
  });
});
