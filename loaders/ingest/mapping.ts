/**
 * Column mapping: how a school's own export lines up with the contract.
 *
 * A mapping file (--mapping FILE, JSON) has one object per table; each key is
 * a source column name, each value either the contract column it feeds or
 * `{"column": …, "values": {source code: contract code}}`, or null to ignore
 * the column:
 *
 *   {"enrolments": {"Elevens alder": "age_at_start",
 *                   "Frafaldet": {"column": "outcome", "values": {"Ja": "dropped", "Nej": "completed"}}}}
 *
 * Names match after normalisation (case, spaces, æ/ø/å — see names.ts).
 * Without a mapping entry a header matches a contract column of the same
 * (normalised) name. `birth_date` is an extra target for enrolments: it is
 * reduced to age_at_start and dropped (Danish headers such as "Fødselsdato"
 * map onto it by themselves).
 */
import {readFileSync} from "node:fs";
import {TABLE_NAMES, tableSpec, type TableName} from "../contract/contract.ts";
import {fail} from "./errors.ts";
import {normaliseName} from "./names.ts";

export interface ColumnMapping {
  column: string | null;
  values?: Record<string, string>;
}

/** Per table: normalised source name → mapping. */
export type Mapping = Partial<Record<TableName, Map<string, ColumnMapping & {source: string}>>>;

export const BIRTH_DATE = "birth_date";
const BIRTH_DATE_NAMES = new Set(["birth_date", "birthdate", "date_of_birth", "dob", "foedselsdato", "fodselsdato", "fodselsdag", "foedselsdag"]);

export function isBirthDateName(normalised: string): boolean {
  return BIRTH_DATE_NAMES.has(normalised);
}

export function loadMapping(path: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    fail("mapping", path, `Mapping-filen kan ikke læses som JSON (${(error as Error).message}).`,
      `The mapping file cannot be read as JSON (${(error as Error).message}).`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    fail("mapping", path, "Mapping-filen skal være et JSON-objekt med én nøgle pr. tabel.", "The mapping file must be a JSON object with one key per table.");
  }
  const mapping: Mapping = {};
  for (const [tableKey, columns] of Object.entries(json as Record<string, unknown>)) {
    if (tableKey.startsWith("$") || tableKey.startsWith("_")) continue; // comments ("$comment")
    const table = TABLE_NAMES.find((t) => t === tableKey);
    if (!table) {
      fail("mapping", path, `Ukendt tabel "${tableKey}" i mapping-filen. Kendte tabeller: ${TABLE_NAMES.join(", ")}.`,
        `Unknown table "${tableKey}" in the mapping file. Known tables: ${TABLE_NAMES.join(", ")}.`);
    }
    if (!columns || typeof columns !== "object" || Array.isArray(columns)) {
      fail("mapping", path, `"${tableKey}" skal være et objekt: kildekolonne → kontraktkolonne.`, `"${tableKey}" must be an object: source column → contract column.`);
    }
    const known = new Set(tableSpec(table!).columns.map((c) => c.name));
    if (table === "enrolments") known.add(BIRTH_DATE);
    const entries = new Map<string, ColumnMapping & {source: string}>();
    for (const [source, target] of Object.entries(columns as Record<string, unknown>)) {
      let entry: ColumnMapping;
      if (target === null) entry = {column: null};
      else if (typeof target === "string") entry = {column: target};
      else if (typeof target === "object" && !Array.isArray(target) && typeof (target as {column?: unknown}).column === "string") {
        const t = target as {column: string; values?: unknown};
        if (t.values !== undefined && (typeof t.values !== "object" || t.values === null || Array.isArray(t.values)
          || Object.values(t.values).some((v) => typeof v !== "string"))) {
          fail("mapping", path, `"values" for "${source}" skal være et objekt med tekstværdier.`, `"values" of "${source}" must be an object of text values.`);
        }
        entry = {column: t.column, values: t.values as Record<string, string> | undefined};
      } else {
        fail("mapping", path, `Mapping for "${source}" i ${tableKey} skal være et kolonnenavn, null eller {"column": …, "values": {…}}.`,
          `The mapping of "${source}" in ${tableKey} must be a column name, null or {"column": …, "values": {…}}.`);
      }
      if (entry!.column !== null && !known.has(entry!.column)) {
        fail("mapping", path, `"${source}" peger på "${entry!.column}", som ikke er en kolonne i ${tableKey}. Kolonner: ${[...known].join(", ")}.`,
          `"${source}" points to "${entry!.column}", which is not a column of ${tableKey}. Columns: ${[...known].join(", ")}.`);
      }
      entries.set(normaliseName(source), {...entry!, source});
    }
    mapping[table!] = entries;
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
  /** The mapping file named this column. */
  mapped: boolean;
}

/** Line the header up with the contract. Fatal on a contract column that appears twice. */
export function resolveColumns(file: string, table: TableName, header: readonly string[], mapping: Mapping): ResolvedColumn[] {
  const spec = tableSpec(table);
  const contract = new Map(spec.columns.map((c) => [normaliseName(c.name), c.name]));
  const tableMapping = mapping[table];
  const resolved = header.map((source, index): ResolvedColumn => {
    const key = normaliseName(source);
    const m = tableMapping?.get(key);
    if (m) return {index, source, target: m.column, values: m.values, mapped: true};
    if (contract.has(key)) return {index, source, target: contract.get(key)!, mapped: false};
    if (table === "enrolments" && isBirthDateName(key)) return {index, source, target: BIRTH_DATE, mapped: false};
    return {index, source, target: null, mapped: false};
  });
  const byTarget = new Map<string, ResolvedColumn[]>();
  for (const c of resolved) if (c.target) byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
  for (const [target, cols] of byTarget) {
    if (cols.length > 1) {
      const names = cols.map((c) => `"${c.source}"`).join(", ");
      fail("duplicate_column", file,
        `Kolonnen ${target} findes flere gange (${names}). Fjern den ekstra kolonne eller ret mapping-filen.`,
        `Column ${target} appears more than once (${names}). Remove the extra column or fix the mapping file.`);
    }
  }
  return resolved;
}
