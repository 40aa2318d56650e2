/**
 * Name matching shared by the ingest: how a file name or a column header is
 * normalised (lower case, æ/ø/å spelled ae/oe/aa, everything else that is not
 * a letter or digit becomes "_"), and the Danish aliases of the tables.
 */
import {TABLE_NAMES, type TableName} from "../contract/contract.ts";

/** "Elevens Alder" → "elevens_alder", "Fødselsdato" → "foedselsdato", "Enrolments_2024" → "enrolments_2024". */
export function normaliseName(name: string): string {
  return name
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * Words in a file name that pick the table it feeds. Matched as whole words
 * of the normalised name ("Enrolments_2024.xlsx", "elever-2024.csv",
 * "udtraek_mentorforloeb.csv").
 */
export const TABLE_ALIASES: Record<TableName, readonly string[]> = {
  institutions: ["institutions", "institution", "institutioner", "skoler", "virksomheder"],
  schemes: ["schemes", "scheme", "ordninger", "ordning", "mentorordninger", "mentorordning"],
  enrolments: ["enrolments", "enrollments", "enrolment", "elever", "forloeb", "uddannelsesforloeb", "tilmeldinger"],
  stage_events: ["stage_events", "stages", "stadier", "stadie", "forloebsstadier", "trin"],
  mentorships: ["mentorships", "mentorship", "mentorforloeb", "mentorskaber"],
  external_aggregates: ["external_aggregates", "external", "eksterne_tal", "eksterne"]
};

/** Tables whose file name mentions one of their names or aliases as whole words. */
export function tablesForFileName(fileName: string): TableName[] {
  const stem = normaliseName(fileName.replace(/\.(csv|tsv|txt|json|ndjson|jsonl|parquet|xlsx)$/i, ""));
  const padded = `_${stem}_`;
  return TABLE_NAMES.filter((t) => TABLE_ALIASES[t].some((alias) => padded.includes(`_${alias}_`)));
}

/** Parse a --table value: a contract table name or an alias. */
export function tableFromName(name: string): TableName | null {
  const n = normaliseName(name);
  return TABLE_NAMES.find((t) => t === n || TABLE_ALIASES[t].includes(n)) ?? null;
}
