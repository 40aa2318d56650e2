/**
 * README.md of an export: what the data are (synthetic, or provider, extraction date and version), the cohort,
 * the follow-up behind "ever" and the phase tables, the privacy rule, how to cite, the licence, a data statement
 * and the files — in Danish and English, written from the same facts as provenance.json (ProvenanceInput), so the
 * two never disagree.
 */
import {citationText} from "./citation.ts";
import {sourceTitle} from "./datapackage.ts";
import {provenanceNotice, type ProvenanceInput} from "./provenance.ts";

/** What the risk bands are and where they come from (band_effects, group_effects, risk_calibration, risk_model). */
export const RISK_BANDS_TEXT = [
  "## Risikobånd / Risk bands",
  "",
  "Hver elev har en forudsagt risiko for at falde fra uden mentor: en logistisk regression af frafald (ved dataudtrækket) " +
    "på institution, uddannelse, hovedområde, karakterniveau, aldersgruppe, køn og optagelsesår, tilpasset på elever uden " +
    "mentor i modne årgange (`risk_model.csv`: koefficienter, skæringspunkter, C-statistik; `sql/risk_model.sql`). " +
    "Risikobåndene 1–5 er femtedele af den forudsagte risiko i den population; en ordningstypes risikogrupper er dens bånd slået sammen, til hver har mindst 20 × k af typens mentees. " +
    "**Modellen er tilpasset på hele datalageret, ikke på kohorten**, så kohortens bånd er de samme som på siden: en " +
    "kohorte kan have få eller ingen elever i nogle bånd, og dens kalibrering (`risk_calibration.csv`) viser, hvor godt " +
    "hele lagerets model passer på netop den.",
  "",
  "Every student has a predicted risk of dropping out without a mentor: a logistic regression of dropout (by the data date) " +
    "on institution, programme, main area, prior attainment band, age band, gender and intake year, fitted on the students " +
    "without a mentor in mature intakes (`risk_model.csv`: coefficients, cut points, C-statistic; `sql/risk_model.sql`). " +
    "Risk bands 1–5 are fifths of the predicted risk in that population; a scheme type's risk groups are its bands merged until each holds at least 20 × k of the type's mentees. " +
    "**The model is fitted on the whole warehouse, not on the cohort**, so the cohort's bands are the site's: a cohort can " +
    "have few or no students in some bands, and its calibration (`risk_calibration.csv`) shows how well the whole " +
    "warehouse's model fits it. `band_effects.csv` and `group_effects.csv` hold the mentor effect within each band (group) " +
    "with the number of mentees per dropout prevented (NNT)."
];

export function exportReadme(p: ProvenanceInput): string {
  const d = p.data;
  const words = d.follow_up_words;
  const pub = p.publication;
  return [
    "# Forskerudtræk / Researcher export",
    "",
    provenanceNotice(d.notice),
    "",
    `- Kohorte / cohort: \`${p.cohort.canonical || "all"}\``,
    `- Datakontrakt / data contract: ${d.contract_version}`,
    `- Lavet / made: ${p.createdAt.toISOString()}`,
    `- "Hele forløbet" og overgangstabellerne gælder årgange fulgt i mindst ${d.mature_days} dage (${words.mature.da}${d.mature_days < d.mature_days_setting ? `; indstillet til ${words.setting.da}, men ingen årgang er fulgt så længe endnu` : ""}). / ` +
      `"Ever" and the transition tables cover intakes followed for at least ${d.mature_days} days (${words.mature.en}${d.mature_days < d.mature_days_setting ? `; set to ${words.setting.en}, but no intake has been followed that long yet` : ""}).`,
    `- Diskretion / disclosure control: tal for 1–${p.minCell - 1} elever er tomme (kolonnen \`suppressed\` siger hvilke). / ` +
      `counts of 1–${p.minCell - 1} students are empty (the \`suppressed\` column names them).`,
    ...(p.microdata
      ? [
          "- **Mikrodata: pseudonymiserede personoplysninger — se provenance.json. / Microdata: pseudonymised personal data — see provenance.json.**"
        ]
      : []),
    "",
    ...RISK_BANDS_TEXT,
    "",
    "## Sådan citeres / How to cite",
    "",
    citationText(p, pub),
    "",
    "(`CITATION.cff` har det samme i Citation File Format / has the same in the Citation File Format.)",
    "",
    "## Licens / Licence",
    "",
    `De aggregerede tabeller${p.microdata ? " (alle filer undtagen `microdata.*`)" : ""} udgives under ${pub.licence.title} (${pub.licence.spdx}, ${pub.licence.url}). / ` +
      `The aggregated tables${p.microdata ? " (every file except `microdata.*`)" : ""} are published under ${pub.licence.title} (${pub.licence.spdx}, ${pub.licence.url}).`,
    ...(p.microdata
      ? [
          `**\`microdata.*\` har ingen åben licens: de er underlagt databehandleraftalen "${p.microdata.agreement}". / ` +
            `\`microdata.*\` are not openly licensed: they are governed by the data-use agreement "${p.microdata.agreement}".**`
        ]
      : []),
    "Se / see `LICENSE.txt`.",
    "",
    "## Datagrundlag / Data statement",
    "",
    `- Kilde / source: ${sourceTitle(p)}`,
    `- Udgiver / publisher: ${pub.publisher}`,
    `- Dataversion / data version: \`${d.data_version}\`; datadato / data date: ${d.data_date}`,
    `- Diskretion / disclosure control: k = ${p.minCell}; antal på 1–${p.minCell - 1} personer og alt, hvoraf de kan udledes, er skjult (provenance.json: privacy). / ` +
      `counts of 1–${p.minCell - 1} individuals, and everything they could be worked out from, are hidden (provenance.json: privacy).`,
    `- ${provenanceNotice(d.notice)}`,
    "",
    "## Filer / files",
    "",
    ...p.files.filter((f) => f.table !== f.file).map((f) => `- \`${f.file}\` (${f.rows} rækker / rows)`),
    "- `sql/`: SQL, der genskaber tabellerne fra datalageret / SQL that recreates the tables from the warehouse",
    "- `codebook.csv`, `codebook.json`: kolonnerne og deres koder / the columns and their codes",
    "- `datapackage.json`: Frictionless Data Package (typer, nøgler, koder / types, keys, codes)",
    p.options.format === "csv"
      ? "- `labels.do`, `labels.sps`: Stata- og SPSS-etiketter; læser CSV-filerne og gemmer .dta/.sav / Stata and SPSS labels; read the CSV files and save .dta/.sav"
      : "- `labels.do`, `labels.sps`: Stata- og SPSS-etiketter; konvertér først Parquet-filerne til CSV (kommandoerne står øverst i filerne) / Stata and SPSS labels; convert the Parquet files to CSV first (the commands are at the top of the files)",
    "- `CITATION.cff`, `LICENSE.txt`: citation og licens / citation and licence",
    "- `provenance.json`: hvor data og tal kommer fra / where data and figures come from",
    ""
  ].join("\n");
}
