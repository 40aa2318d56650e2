/**
 * README.md of an export: what the data are (synthetic, or provider, extraction date and version), the cohort,
 * the follow-up behind "ever" and the phase tables, the privacy rule and the files — in Danish and English,
 * written from the same facts as provenance.json (ProvenanceInput), so the two never disagree.
 */
import {provenanceNotice, type ProvenanceInput} from "./provenance.ts";

export function exportReadme(p: ProvenanceInput): string {
  const d = p.data;
  const words = d.follow_up_words;
  return [
    "# Forskerudtræk / Researcher export",
    "",
    provenanceNotice(d.notice),
    "",
    `- Kohorte / cohort: \`${p.cohort.canonical || "all"}\``,
    `- Datakontrakt / data contract: ${d.contract_version}`,
    `- Lavet / made: ${p.createdAt.toISOString()}`,
    `- "Hele forløbet" og overgangstabellerne gælder årgange fulgt i mindst ${d.mature_days} dage (${words.mature.da}${d.mature_days < d.mature_days_setting ? `; indstillet til ${words.setting.da}, men ingen årgang er fulgt så længe endnu` : ""}). / `
      + `"Ever" and the transition tables cover intakes followed for at least ${d.mature_days} days (${words.mature.en}${d.mature_days < d.mature_days_setting ? `; set to ${words.setting.en}, but no intake has been followed that long yet` : ""}).`,
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
