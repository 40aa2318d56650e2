/**
 * Column expressions of a mapping file: a contract column computed from the
 * source's columns and literal text, compiled to DuckDB SQL (see mapping.ts
 * for the JSON shape). Literals become quoted SQL literals and source columns
 * the generated names c0, c1, …, so no text of the mapping file or of a
 * header ever reaches the SQL unquoted. The result is text, like a plain
 * column's, and goes through the same parsing and checks; a value an
 * expression cannot compute (a date or number that does not parse) is passed
 * on as its source text, so the row is rejected with the column's type or
 * allowed-values reason and shows the offending value.
 */
import {quoteLiteral} from "../contract/checks.ts";
import {fail} from "./errors.ts";
import {parsedSql, valueMapSql, type ValueSettings} from "./normalise.ts";

export type Expr =
  | {op: "text"; value: string}
  | {op: "col"; name: string}
  | {op: "concat"; parts: Expr[]}
  | {op: "add_days"; date: Expr; days: Expr}
  | {op: "bands"; of: Expr; edges: number[]; labels: string[]}
  | {op: "recode"; of: Expr; values: Record<string, string>; matchCase: boolean};

/** Each operator with the other keys its object may have. */
const OPERATORS: Record<string, readonly string[]> = {
  col: [],
  concat: [],
  add_days: [],
  bands: ["edges", "labels"],
  recode: ["values", "match_case"]
};

/** Day offsets beyond this are not a date offset (and would overflow DuckDB's DATE). */
const MAX_DAYS = 1_000_000;

/** Where an expression is, for messages: mapping file, table and contract column. */
export interface ExprPlace {
  file: string;
  table: string;
  column: string;
}

function bad(at: ExprPlace, da: string, en: string): never {
  return fail(
    "mapping",
    at.file,
    `Udtrykket for ${at.table}.${at.column}: ${da}`,
    `The expression for ${at.table}.${at.column}: ${en}`
  );
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const describe = (x: unknown) => JSON.stringify(x)?.slice(0, 80) ?? String(x);

/** Parse the JSON of an expression; fatal (naming file, table and column) on an unknown operator or a wrong shape. */
export function parseExpression(json: unknown, at: ExprPlace): Expr {
  if (typeof json === "string") return {op: "text", value: json};
  if (typeof json === "number" && Number.isFinite(json)) return {op: "text", value: String(json)};
  if (!isObject(json))
    bad(
      at,
      `${describe(json)} er hverken tekst, et tal eller et objekt med en operator.`,
      `${describe(json)} is neither text, a number nor an object with an operator.`
    );
  const keys = Object.keys(json as object);
  const ops = keys.filter((k) => k in OPERATORS);
  if (ops.length !== 1) {
    const known = Object.keys(OPERATORS).join(", ");
    const unknown = keys
      .filter((k) => !(k in OPERATORS))
      .map((k) => `"${k}"`)
      .join(", ");
    if (ops.length === 0)
      bad(
        at,
        `ukendt operator ${unknown || "(tomt objekt)"}. Kendte operatorer: ${known}.`,
        `unknown operator ${unknown || "(empty object)"}. Known operators: ${known}.`
      );
    bad(
      at,
      `ét objekt må kun have én operator (${ops.join(", ")}); brug et objekt pr. operator.`,
      `one object may have only one operator (${ops.join(", ")}); use one object per operator.`
    );
  }
  const op = ops[0];
  const extra = keys.filter((k) => k !== op && !OPERATORS[op].includes(k));
  if (extra.length > 0) {
    const allowed = OPERATORS[op].length ? OPERATORS[op].join(", ") : "ingen";
    bad(
      at,
      `ukendt nøgle ${extra.map((k) => `"${k}"`).join(", ")} ved "${op}" (tilladt: ${allowed}).`,
      `unknown key ${extra.map((k) => `"${k}"`).join(", ")} with "${op}" (allowed: ${OPERATORS[op].join(", ") || "none"}).`
    );
  }
  const o = json as Record<string, unknown>;
  const arg = o[op];
  switch (op) {
    case "col":
      if (typeof arg !== "string" || arg.trim() === "")
        bad(at, `"col" skal være et kolonnenavn.`, `"col" must be a column name.`);
      return {op, name: arg as string};
    case "concat":
      if (!Array.isArray(arg) || arg.length === 0)
        bad(at, `"concat" skal være en liste af dele.`, `"concat" must be a list of parts.`);
      return {op, parts: (arg as unknown[]).map((p) => parseExpression(p, at))};
    case "add_days":
      if (!Array.isArray(arg) || arg.length !== 2)
        bad(at, `"add_days" skal være [dato, antal dage].`, `"add_days" must be [date, number of days].`);
      {
        const [date, days] = (arg as unknown[]).map((p) => parseExpression(p, at));
        if (days.op === "text" && !/^[+-]?[0-9]+$/.test(days.value))
          bad(
            at,
            `antal dage skal være et helt tal, ikke ${describe(days.value)}.`,
            `the number of days must be a whole number, not ${describe(days.value)}.`
          );
        return {op, date, days};
      }
    case "bands": {
      const edges = o.edges,
        labels = o.labels;
      if (
        !Array.isArray(edges) ||
        edges.length === 0 ||
        !edges.every((e) => typeof e === "number" && Number.isFinite(e)) ||
        edges.some((e, i) => i > 0 && e <= edges[i - 1])
      ) {
        bad(at, `"edges" skal være en stigende liste af tal.`, `"edges" must be an increasing list of numbers.`);
      }
      if (
        !Array.isArray(labels) ||
        labels.length !== (edges as number[]).length + 1 ||
        !labels.every((l) => typeof l === "string")
      ) {
        bad(
          at,
          `"labels" skal være en liste med én tekst mere end "edges" (${(edges as number[]).length + 1}).`,
          `"labels" must be a list of one text more than "edges" (${(edges as number[]).length + 1}).`
        );
      }
      return {op, of: parseExpression(arg, at), edges: edges as number[], labels: labels as string[]};
    }
    default: {
      // recode
      if (o.match_case !== undefined && typeof o.match_case !== "boolean")
        bad(at, `"match_case" skal være true eller false.`, `"match_case" must be true or false.`);
      const matchCase = o.match_case === true;
      return {
        op: "recode",
        of: parseExpression(arg, at),
        values: parseValues(o.values, matchCase, at.file, `${at.table}.${at.column}`),
        matchCase
      };
    }
  }
}

/**
 * A value recode {source code: contract code}. Without match_case two source
 * codes that differ only in case or surrounding spaces are the same code:
 * fatal when they map to different contract codes.
 */
export function parseValues(values: unknown, matchCase: boolean, file: string, where: string): Record<string, string> {
  if (!isObject(values) || Object.values(values).some((v) => typeof v !== "string")) {
    fail(
      "mapping",
      file,
      `"values" for ${where} skal være et objekt med tekstværdier.`,
      `"values" of ${where} must be an object of text values.`
    );
  }
  const seen = new Map<string, string>();
  for (const [from, to] of Object.entries(values as Record<string, string>)) {
    const key = matchCase ? from.trim() : from.trim().toLowerCase();
    const other = seen.get(key);
    if (other !== undefined && (values as Record<string, string>)[other] !== to) {
      fail(
        "mapping",
        file,
        `"values" for ${where} har både "${other}" og "${from}", som er samme kode (store og små bogstaver skelnes ikke), men med forskellige værdier. Fjern den ene, eller sæt "match_case": true.`,
        `"values" of ${where} has both "${other}" and "${from}", which are the same code (case does not matter), with different values. Remove one, or set "match_case": true.`
      );
    }
    seen.set(key, from);
  }
  return values as Record<string, string>;
}

/** Source columns an expression reads, with what the value is parsed as (for date order and decimal comma detection). */
export function expressionInputs(
  e: Expr,
  as: "text" | "date" | "number" = "text"
): {name: string; as: "text" | "date" | "number"}[] {
  switch (e.op) {
    case "text":
      return [];
    case "col":
      return [{name: e.name, as}];
    case "concat":
      return e.parts.flatMap((p) => expressionInputs(p));
    case "add_days":
      return [...expressionInputs(e.date, "date"), ...expressionInputs(e.days, "number")];
    case "bands":
      return expressionInputs(e.of, "number");
    case "recode":
      return expressionInputs(e.of);
  }
}

/**
 * SQL text of an expression; `column(name)` gives the SQL of a source
 * column's trimmed text (NULL when empty). Dates are read in the file's date
 * order and numbers with its decimal comma (`settings`). Empty text is NULL.
 */
export function expressionSql(e: Expr, column: (name: string) => string, settings: ValueSettings): string {
  const sql = (x: Expr): string => {
    switch (x.op) {
      case "text":
        return quoteLiteral(x.value);
      case "col":
        return column(x.name);
      // || is NULL when a part is: a composite key with an empty part is empty (and rejected as required)
      case "concat":
        return `(${x.parts.map(sql).join(" || ")})`;
      case "add_days": {
        const date = sql(x.date),
          days = sql(x.days);
        const d = parsedSql("date", date, settings),
          n = parsedSql("integer", days, settings);
        return `CASE WHEN ${date} IS NULL OR ${days} IS NULL THEN NULL
          WHEN ${d} IS NOT NULL AND ${n} BETWEEN -${MAX_DAYS} AND ${MAX_DAYS} THEN strftime(${d} + CAST(${n} AS INTEGER), '%Y-%m-%d')
          ELSE ${date} || ' + ' || ${days} END`;
      }
      case "bands": {
        // lower edges inclusive: edges [4, 6] → x < 4, 4 ≤ x < 6, x ≥ 6
        const of = sql(x.of),
          v = parsedSql("decimal", of, settings);
        const whens = x.edges.map((edge, i) => `WHEN ${v} < ${edge} THEN ${quoteLiteral(x.labels[i])}`).join(" ");
        return `CASE WHEN ${of} IS NULL THEN NULL WHEN ${v} IS NULL THEN ${of} ${whens} ELSE ${quoteLiteral(x.labels[x.edges.length])} END`;
      }
      case "recode":
        return valueMapSql(sql(x.of), x.values, x.matchCase);
    }
  };
  return `NULLIF(${sql(e)}, '')`;
}
