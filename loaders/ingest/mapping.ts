/**
 * Column mapping: how a school's own export lines up with the contract.
 *
 * A mapping file (--mapping FILE, JSON) has one object per table. Each key is
 * a source column name, its value the contract column it feeds, null to
 * ignore the column, or `{"column": …, "values": {source code: contract code}}`
 * to recode its values too:
 *
 *   {"enrolments": {"Elevens alder": "age_at_start",
 *                   "Frafaldet": {"column": "outcome", "values": {"Ja": "dropped", "Nej": "completed"}}}}
 *
 * A key may instead name a contract column that an expression computes,
 * `"<contract column>": {"expr": E}` (expressions.ts compiles E to SQL), where E is
 *   "text" or 12                      a constant
 *   {"col": "Source column"}          the column's trimmed text (empty → empty)
 *   {"concat": [E, …]}                the parts joined; empty when any part is
 *   {"add_days": [E, E]}              a date (in the file's date order) plus whole days
 *   {"bands": E, "edges": [4, 6, 8],  a number (decimal comma as the file has it) banded;
 *    "labels": [l0, l1, l2, l3]}      lower edges inclusive: x < 4 → l0, 4 ≤ x < 6 → l1, …, x ≥ 8 → l3
 *   {"recode": E, "values": {…}}      codes replaced, as "values" above
 * e.g. `"enrolment_id": {"expr": {"concat": [{"col": "Skolekode"}, "-", {"col": "Elev-ID"}]}}`.
 * An expression's result is checked as the column's value would be; a value
 * it cannot compute is passed on as its source text, so the row is rejected
 * showing it. A header that matches the computed column's name is left unused.
 *
 * Value codes ("values", "recode") match regardless of case and surrounding
 * spaces; `"match_case": true` beside "values" tells case apart. Names match
 * after normalisation (case, spaces, æ/ø/å — see names.ts), so two keys that
 * normalise alike ("Køn", "KØN") are an error, as are two codes that differ
 * only in case but map to different values. Without a mapping entry a header
 * matches a contract column of the same (normalised) name. `birth_date` is an
 * extra target for enrolments: it is reduced to age_at_start and dropped
 * (Danish headers such as "Fødselsdato" map onto it by themselves).
 */
import {readFileSync} from "node:fs";
import {TABLE_NAMES, tableSpec, type TableName} from "../contract/contract.ts";
import {fail} from "./errors.ts";
import {expressionInputs, parseExpression, parseValues, type Expr} from "./expressions.ts";
import {normaliseName} from "./names.ts";

export interface ColumnMapping {
  column: string | null;
  values?: Record<string, string>;
  /** Value codes match only in the same case (default: case does not matter). */
  matchCase?: boolean;
}

export interface TableMapping {
  /** Normalised source name → mapping. */
  columns: Map<string, ColumnMapping & {source: string}>;
  /** Contract column → the expression that computes it. */
  expressions: Map<string, Expr>;
}

export type Mapping = Partial<Record<TableName, TableMapping>>;

export const BIRTH_DATE = "birth_date";
const BIRTH_DATE_NAMES = new Set([
  "birth_date",
  "birthdate",
  "date_of_birth",
  "dob",
  "foedselsdato",
  "fodselsdato",
  "fodselsdag",
  "foedselsdag"
]);

export function isBirthDateName(normalised: string): boolean {
  return BIRTH_DATE_NAMES.has(normalised);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

export function loadMapping(path: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    fail(
      "mapping",
      path,
      `Mapping-filen kan ikke læses som JSON (${(error as Error).message}).`,
      `The mapping file cannot be read as JSON (${(error as Error).message}).`
    );
  }
  if (!isObject(json)) {
    fail(
      "mapping",
      path,
      "Mapping-filen skal være et JSON-objekt med én nøgle pr. tabel.",
      "The mapping file must be a JSON object with one key per table."
    );
  }
  const mapping: Mapping = {};
  for (const [tableKey, columns] of Object.entries(json as Record<string, unknown>)) {
    if (tableKey.startsWith("$") || tableKey.startsWith("_")) continue; // comments ("$comment")
    const table = TABLE_NAMES.find((t) => t === tableKey);
    if (!table) {
      fail(
        "mapping",
        path,
        `Ukendt tabel "${tableKey}" i mapping-filen. Kendte tabeller: ${TABLE_NAMES.join(", ")}.`,
        `Unknown table "${tableKey}" in the mapping file. Known tables: ${TABLE_NAMES.join(", ")}.`
      );
    }
    if (!isObject(columns)) {
      fail(
        "mapping",
        path,
        `"${tableKey}" skal være et objekt: kildekolonne → kontraktkolonne.`,
        `"${tableKey}" must be an object: source column → contract column.`
      );
    }
    const known = new Set(tableSpec(table!).columns.map((c) => c.name));
    if (table === "enrolments") known.add(BIRTH_DATE);
    const byName = new Map([...known].map((c) => [normaliseName(c), c]));
    const entries = new Map<string, ColumnMapping & {source: string}>();
    const expressions = new Map<string, Expr>();
    // JSON.parse keeps the last of two equal keys; keys equal after normalisation ("Køn", "KØN") are caught here
    const seen = new Map<string, string>();
    for (const [source, target] of Object.entries(columns as Record<string, unknown>)) {
      const name = normaliseName(source);
      const twin = seen.get(name);
      if (twin !== undefined) {
        fail(
          "mapping",
          path,
          `"${twin}" og "${source}" i ${tableKey} er den samme kolonne (store og små bogstaver, mellemrum og æ/ø/å skelnes ikke). Fjern den ene.`,
          `"${twin}" and "${source}" in ${tableKey} are the same column (case, spaces and æ/ø/å do not matter). Remove one of them.`
        );
      }
      seen.set(name, source);
      if (isObject(target) && "expr" in target) {
        const column = byName.get(name);
        if (!column) {
          fail(
            "mapping",
            path,
            `"${source}" har et udtryk ("expr"), men et udtryk skal stå under navnet på den kontraktkolonne, det beregner, og ${tableKey} har ingen kolonne "${source}". Kolonner: ${[...known].join(", ")}.`,
            `"${source}" has an expression ("expr"), but an expression must be keyed by the contract column it computes, and ${tableKey} has no column "${source}". Columns: ${[...known].join(", ")}.`
          );
        }
        const extra = Object.keys(target).filter((k) => k !== "expr");
        if (extra.length > 0) {
          fail(
            "mapping",
            path,
            `Udtrykket for ${tableKey}.${column} har ukendte nøgler ved siden af "expr": ${extra.join(", ")}.`,
            `The expression for ${tableKey}.${column} has unknown keys beside "expr": ${extra.join(", ")}.`
          );
        }
        expressions.set(column!, parseExpression(target.expr, {file: path, table: tableKey, column: column!}));
        continue;
      }
      let entry: ColumnMapping;
      if (target === null) entry = {column: null};
      else if (typeof target === "string") entry = {column: target};
      else if (isObject(target) && typeof target.column === "string") {
        if (target.match_case !== undefined && typeof target.match_case !== "boolean") {
          fail(
            "mapping",
            path,
            `"match_case" for "${source}" skal være true eller false.`,
            `"match_case" of "${source}" must be true or false.`
          );
        }
        const matchCase = target.match_case === true;
        const values =
          target.values === undefined ? undefined : parseValues(target.values, matchCase, path, `"${source}"`);
        entry = {column: target.column, values, matchCase};
      } else {
        fail(
          "mapping",
          path,
          `Mapping for "${source}" i ${tableKey} skal være et kolonnenavn, null, {"column": …, "values": {…}} eller {"expr": …}.`,
          `The mapping of "${source}" in ${tableKey} must be a column name, null, {"column": …, "values": {…}} or {"expr": …}.`
        );
      }
      if (entry!.column !== null && !known.has(entry!.column)) {
        fail(
          "mapping",
          path,
          `"${source}" peger på "${entry!.column}", som ikke er en kolonne i ${tableKey}. Kolonner: ${[...known].join(", ")}.`,
          `"${source}" points to "${entry!.column}", which is not a column of ${tableKey}. Columns: ${[...known].join(", ")}.`
        );
      }
      entries.set(name, {...entry!, source});
    }
    mapping[table!] = {columns: entries, expressions};
  }
  return mapping;
}

export interface ResolvedColumn {
  /** Index of the source column (c0, c1, …). */
  index: number;
  source: string;
  /** Contract column (or birth_date), null for an extra column. */
  target: string | null;
  values?: Record<string, string>;
  matchCase?: boolean;
  /** The mapping file named this column (or an expression computes the contract column of the same name). */
  mapped: boolean;
}

/**
 * Line the header up with the contract. A header that matches a contract
 * column by name feeds it unless the mapping computes that column with an
 * expression (the expression wins). Fatal on a contract column fed twice, and
 * on an expression that reads a column the file lacks.
 */
export function resolveColumns(
  file: string,
  table: TableName,
  header: readonly string[],
  mapping: Mapping
): ResolvedColumn[] {
  const spec = tableSpec(table);
  const contract = new Map(spec.columns.map((c) => [normaliseName(c.name), c.name]));
  const tableMapping = mapping[table];
  const computed = tableMapping?.expressions ?? new Map<string, Expr>();
  const resolved = header.map((source, index): ResolvedColumn => {
    const key = normaliseName(source);
    const m = tableMapping?.columns.get(key);
    if (m) return {index, source, target: m.column, values: m.values, matchCase: m.matchCase, mapped: true};
    const auto = contract.get(key) ?? (table === "enrolments" && isBirthDateName(key) ? BIRTH_DATE : null);
    if (auto && computed.has(auto)) return {index, source, target: null, mapped: true};
    return {index, source, target: auto, mapped: false};
  });
  const byTarget = new Map<string, ResolvedColumn[]>();
  for (const c of resolved) if (c.target) byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
  for (const [target, cols] of byTarget) {
    const names = cols.map((c) => `"${c.source}"`).join(", ");
    if (computed.has(target)) {
      fail(
        "duplicate_column",
        file,
        `Kolonnen ${target} kommer både fra ${names} og fra et udtryk i mapping-filen. Fjern det ene i mapping-filen.`,
        `Column ${target} comes both from ${names} and from an expression in the mapping file. Remove one of them from the mapping file.`
      );
    }
    if (cols.length > 1) {
      fail(
        "duplicate_column",
        file,
        `Kolonnen ${target} findes flere gange (${names}). Fjern den ekstra kolonne eller ret mapping-filen.`,
        `Column ${target} appears more than once (${names}). Remove the extra column or fix the mapping file.`
      );
    }
  }
  const lookup = columnLookup(resolved);
  for (const [target, expr] of computed) {
    for (const {name} of expressionInputs(expr)) {
      const index = lookup.get(normaliseName(name));
      if (index !== undefined) {
        resolved[index].mapped = true; // used, not an unknown column
      } else {
        const have = header
          .filter((h) => h.trim() !== "")
          .map((h) => `"${h}"`)
          .join(", ");
        fail(
          "missing_columns",
          file,
          `Mapping-filens udtryk for ${table}.${target} bruger kolonnen "${name}", som filen ikke har. Filens kolonner: ${have}.`,
          `The mapping file's expression for ${table}.${target} reads column "${name}", which the file does not have. The file's columns: ${have}.`
        );
      }
    }
  }
  return resolved;
}

/** Normalised source name → column index (the first of equal names), for expressions' {"col": …}. */
export function columnLookup(columns: readonly ResolvedColumn[]): Map<string, number> {
  const lookup = new Map<string, number>();
  for (const c of columns) if (!lookup.has(normaliseName(c.source))) lookup.set(normaliseName(c.source), c.index);
  return lookup;
}
