/**
 * Privacy at the door. A file is refused (fatal, naming the column, never
 * echoing a value) when
 *  - a column of a table about people (enrolments, stage_events,
 *    mentorships) is named like a person's name, address, e-mail, phone or
 *    CPR number (navn, fornavn, efternavn, name, first_name, adresse,
 *    address, vej, postnr, email, telefon, cpr, …) — unless the mapping file
 *    maps it onto a contract column;
 *  - any text column's values look like Danish CPR numbers (ddmmyy-xxxx or
 *    ten digits whose first six are a valid date), e-mail addresses, or phone
 *    numbers (+45/0045, "12 34 56 78", or — in tables about people, outside
 *    identifier columns — eight bare digits starting 2–9).
 * Typed contract columns (dates, numbers) are not scanned: a CPR-like value
 * there fails the type or range check, and `maskSql` keeps such a value out
 * of the rejects.
 */
import {tableSpec, type TableName} from "../contract/contract.ts";
import {quoteIdent} from "../contract/checks.ts";
import {fail} from "./errors.ts";
import {BIRTH_DATE, isBirthDateName, type ResolvedColumn} from "./mapping.ts";
import {normaliseName} from "./names.ts";

export const PEOPLE_TABLES: readonly TableName[] = ["enrolments", "stage_events", "mentorships"];

/** Identifier columns replaced by a keyed hash; their values are never echoed. */
export const PSEUDONYMISED: Partial<Record<TableName, readonly string[]>> = {
  enrolments: ["enrolment_id", "student_key"],
  stage_events: ["enrolment_id"],
  mentorships: ["mentorship_id", "enrolment_id"]
};

/** Columns whose values are never echoed in rejects (pseudonymised ids and birth dates). */
export function hiddenColumns(table: TableName): Set<string> {
  return new Set([...(PSEUDONYMISED[table] ?? []), BIRTH_DATE]);
}

const NAME_WORDS = new Set([
  "navn",
  "fornavn",
  "efternavn",
  "mellemnavn",
  "kaldenavn",
  "name",
  "firstname",
  "lastname",
  "surname",
  "fullname",
  "givenname",
  "adresse",
  "address",
  "vej",
  "vejnavn",
  "gade",
  "husnummer",
  "postnr",
  "postnummer",
  "zip",
  "zipcode",
  "postcode",
  "email",
  "mail",
  "telefon",
  "telefonnummer",
  "tlf",
  "mobil",
  "mobilnummer",
  "phone",
  "cpr",
  "cprnr",
  "cprnummer",
  "personnummer"
]);
const NAME_PAIRS = [
  "first_name",
  "last_name",
  "full_name",
  "given_name",
  "e_mail",
  "cpr_nr",
  "phone_number",
  "street_name",
  "post_nr"
];

/** Why a column name is refused in a table about people, or null. */
export function personalColumnName(source: string): string | null {
  const n = normaliseName(source);
  if (!n) return null;
  const words = n.split("_");
  for (const w of words) {
    if (
      NAME_WORDS.has(w) ||
      (w.length > 4 && w.endsWith("navn")) ||
      (w.length > 3 && w.endsWith("vej")) ||
      w.startsWith("telefon") ||
      w.startsWith("mobil") ||
      w.startsWith("cpr")
    )
      return w;
  }
  for (const p of NAME_PAIRS) if (`_${n}_`.includes(`_${p}_`)) return p;
  return null;
}

export function checkColumnNames(file: string, table: TableName, columns: readonly ResolvedColumn[]) {
  if (!PEOPLE_TABLES.includes(table)) return;
  for (const c of columns) {
    if (c.mapped && c.target) continue;
    if (c.target) continue; // a contract column (its name is the contract's)
    if (personalColumnName(c.source) || isBirthDateName(normaliseName(c.source))) {
      fail(
        "privacy_column_name",
        file,
        `Kolonnen "${c.source}" ligner navn, adresse, e-mail, telefon eller CPR-nummer. Personoplysninger må ikke indlæses: fjern kolonnen fra udtrækket og kør igen.`,
        `Column "${c.source}" looks like a name, address, e-mail, phone or CPR number. Personal data must not be loaded: remove the column from the export and run again.`
      );
    }
  }
}

/** SQL: TRUE when the text value v looks like a CPR number. */
export function cprSql(v: string): string {
  return `(CASE WHEN length(${v}) BETWEEN 10 AND 13 AND (ascii(${v}) BETWEEN 48 AND 51 OR ascii(${v}) = 32) AND regexp_full_match(${v}, '\\s*[0-3][0-9][01][0-9]{3}-?[0-9]{4}\\s*')
    THEN (try_strptime(left(trim(${v}), 6), '%d%m%y') IS NOT NULL OR left(trim(${v}), 4) = '2902') ELSE false END)`;
}
export function emailSql(v: string): string {
  return `(CASE WHEN contains(${v}, '@') THEN regexp_full_match(${v}, '\\s*[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}\\s*') ELSE false END)`;
}
export function phoneSql(v: string, bareDigits: boolean): string {
  const explicit = `(\\+45|0045)[ -]?[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}|[2-9][0-9]( [0-9]{2}){3}`;
  const pattern = bareDigits ? `${explicit}|[2-9][0-9]{7}` : explicit;
  return `(CASE WHEN length(${v}) BETWEEN 8 AND 20 AND (ascii(${v}) BETWEEN 48 AND 57 OR ascii(${v}) IN (32, 43)) THEN regexp_full_match(${v}, '\\s*(${pattern})\\s*') ELSE false END)`;
}

/** SQL that hides a reject value that looks like personal data (NULL instead). */
export function maskSql(v: string): string {
  return `CASE WHEN ${cprSql(v)} OR ${emailSql(v)} OR ${phoneSql(v, true)} THEN NULL ELSE ${v} END`;
}

/** The text columns of a source that the value scan covers. */
function scannedColumns(table: TableName, columns: readonly ResolvedColumn[]): ResolvedColumn[] {
  const spec = tableSpec(table);
  return columns.filter((c) => {
    if (c.target === null) return true;
    if (c.target === BIRTH_DATE) return false;
    return spec.columns.find((s) => s.name === c.target)?.type === "string";
  });
}

/** Aggregates (for the source's profile query) that count personal-looking values per column. */
export function privacyProfileSql(table: TableName, columns: readonly ResolvedColumn[]): string[] {
  const people = PEOPLE_TABLES.includes(table);
  const parts: string[] = [];
  for (const c of scannedColumns(table, columns)) {
    const v = quoteIdent(`c${c.index}`);
    const idColumn = c.target !== null && (c.target.endsWith("_id") || c.target === "student_key");
    parts.push(`count_if(${cprSql(v)}) AS "cpr_${c.index}"`);
    parts.push(`count_if(${emailSql(v)}) AS "email_${c.index}"`);
    parts.push(`count_if(${phoneSql(v, people && !idColumn)}) AS "phone_${c.index}"`);
  }
  return parts;
}

/** Fatal with the first column whose values look like personal data (from the profile row). */
export function checkColumnValues(
  file: string,
  table: TableName,
  columns: readonly ResolvedColumn[],
  row: Record<string, number>
) {
  const kinds = {
    cpr: ["CPR-numre", "CPR numbers"],
    email: ["e-mailadresser", "e-mail addresses"],
    phone: ["telefonnumre", "phone numbers"]
  } as const;
  for (const c of scannedColumns(table, columns)) {
    for (const kind of ["cpr", "email", "phone"] as const) {
      const n = row[`${kind}_${c.index}`];
      if (n > 0) {
        const [da, en] = kinds[kind];
        fail(
          "privacy_values",
          file,
          `Kolonnen "${c.source}" ser ud til at indeholde ${da} (${n} ${n === 1 ? "værdi" : "værdier"}). Personoplysninger må ikke indlæses: fjern kolonnen fra udtrækket (eller erstat værdierne med et pseudonym) og kør igen.`,
          `Column "${c.source}" appears to hold ${en} (${n} ${n === 1 ? "value" : "values"}). Personal data must not be loaded: remove the column from the export (or replace the values with a pseudonym) and run again.`
        );
      }
    }
  }
}
