/**
 * README.md of an export: what the data are (synthetic, or provider, extraction date and version), the cohort,
 * the follow-up behind "ever" and the phase tables, the privacy rule and the files — in Danish and English,
 * written from the same facts as provenance.json (ProvenanceInput), so the two never disagree.
 */
import {SYNTHETIC_NOTICE, type ProvenanceInput} from "./provenance.ts";

const years = (days: number) => (days < 365 ? `${Math.round(days / 30.44)} måneder / months` : `${Math.round(days / 365.25)} år / years`);

export function exportReadme(p: ProvenanceInput): string {
  const d = p.data;
  const what = d.synthetic === true ? SYNTHETIC_NOTICE
    : d.synthetic === false ? `Data${d.provider ? ` fra / from ${d.provider}` : ""}, udtrukket / extracted ${d.data_date}, dataversion / data version ${d.data_version}.`
    : `Data til og med / up to ${d.data_date}, dataversion / data version ${d.data_version}. Datalageret oplyser ikke, hvor data kommer fra. / The warehouse does not say where the data come from.`;
  const shorter = d.mature_days < d.mature_days_setting
    ? ` Ingen årgang er fulgt i ${years(d.mature_days_setting)} endnu. / No intake has been followed for the full ${years(d.mature_days_setting)} yet.`
    : "";
  return [
    "# Forskerudtræk / Researcher export",
    "",
    what,
    "",
    `- Kohorte / cohort: \`${p.cohort.canonical || "all"}\``,
    `- Datakontrakt / data contract: ${d.contract_version}`,
    `- Lavet / made: ${p.createdAt.toISOString()}`,
    `- "Hele forløbet" og overgangstabellerne gælder årgange fulgt i mindst ${d.mature_days} dage (${years(d.mature_days)}). / `
      + `"Ever" and the transition tables cover intakes followed for at least ${d.mature_days} days.${shorter}`,
    `- Diskretion / disclosure control: tal for 1–${p.minCell - 1} elever er tomme (kolonnen \`suppressed\` siger hvilke). / `
      + `counts of 1–${p.minCell - 1} students are empty (the \`suppressed\` column names them).`,
    ...(p.microdata ? ["- **Mikrodata: pseudonymiserede personoplysninger — se provenance.json. / Microdata: pseudonymised personal data — see provenance.json.**"] : []),
    "",
    "## Filer / files",
    "",
    ...p.files.filter((f) => f.table !== f.file).map((f) => `- \`${f.file}\` (${f.rows} rækker / rows)`),
    "- `sql/`: SQL, der genskaber tabellerne fra datalageret / SQL that recreates the tables from the warehouse",
    "- `codebook.csv`, `codebook.json`: kolonnerne og deres koder / the columns and their codes",
    "- `provenance.json`: hvor data og tal kommer fra / where data and figures come from",
    ""
  ].join("\n");
}
